"""The API's OpenAPI schema says what the API answers: its error answers (400, 404, 429) beside the 200, and
the range of every parameter, read from the same forms and pagination that check the requests."""

from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A filter's form errors, by parameter name (`{"country": ["Select a valid choice…"]}`).
FORM_ERRORS = {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer", "minimum": 0},
        "description": "Seconds to wait before the next request.",
    }
}


class Pagination(PageNumberPagination):
    """Pages are numbered from 1; a page past the last one is a 404, and so is an empty `?page=` (which
    DRF would read as the first page, an answer the schema could not describe)."""

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param) == "":
            raise NotFound(self.invalid_page_message.format(page_number="", message=""))
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters


def form_field_range(field: forms.Field) -> dict:
    """The bounds a filter's form field enforces, in the schema's words."""
    if isinstance(field, forms.IntegerField):
        bounds = {"minimum": field.min_value, "maximum": field.max_value}
        return {"type": "integer", **{key: value for key, value in bounds.items() if value is not None}}
    if isinstance(field, forms.CharField) and field.max_length is not None:
        return {"maxLength": field.max_length}
    return {}


class DirectorySchema(AutoSchema):
    def get_description(self):
        # Not the viewsets' docstrings, which speak to the code's readers: what the API's readers need.
        return getattr(self.view, "reader_description", "")

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        filterset_class = DjangoFilterBackend().get_filterset_class(self.view, self.view.get_queryset())
        if filterset_class is None:
            return parameters
        filters = filterset_class.base_filters
        for parameter in parameters:
            if parameter["name"] in filters:
                bounds = form_field_range(filters[parameter["name"]].field)
                parameter["schema"] = {**parameter["schema"], **bounds}
                if "" not in parameter["schema"].get("enum", [""]):
                    # An empty choice is no filter, as the pages' forms send it ("All").
                    parameter["schema"]["enum"] = ["", *parameter["schema"]["enum"]]
        return parameters

    def _get_parameters(self):
        parameters = super()._get_parameters()
        key_pattern = getattr(self.view, "key_pattern", None)
        for parameter in parameters:
            if parameter["in"] == "path" and key_pattern:
                parameter["schema"] = {"type": "string", "pattern": f"^{key_pattern.pattern}$"}
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {"429": OpenApiResponse(DETAIL, "Too many requests from this client: wait, then try again.")}
        if self._is_list_view():
            errors["404"] = OpenApiResponse(DETAIL, "No such page: pages run from 1 to the last.")
            if self._get_filter_parameters():
                errors["400"] = OpenApiResponse(FORM_ERRORS, "Invalid filter values, by parameter name.")
        else:
            errors["404"] = OpenApiResponse(DETAIL, "No such record (or not public).")
        for code, response in errors.items():
            responses[code] = self._get_response_for_code(response, code, direction=direction)
        responses["429"]["headers"] = RETRY_AFTER
        return dict(sorted(responses.items()))
