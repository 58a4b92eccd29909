"""Spreadsheet import and export (CSV, XLSX) of organizations, people and memberships for the admin.

Built on django-import-export. The columns are the model's own field names, so a file exported from the admin
can be edited and imported back:

- **Rows are identified by natural keys, never by database ids.** An organization or a person is found by its
  `slug` (a row with an unknown slug is a new row). A membership has no slug: it is found by the same natural
  key the seed loader uses, `(person, member_organization, organization, body, role)` — "this person is the
  chair of this bureau of this organization". Its other columns (dates, on behalf of, source, quote) are
  updated in place; changing one of the five key columns describes another membership, so it adds a row
  (the old one is deleted in the admin). Keys are stable across databases, unlike ids, so a file exported
  from one copy of the directory imports into another, and exporting then importing the same file changes
  nothing (every row is reported as skipped).
- **Foreign keys are written as the related row's slug** (a place by its `code`); many-to-many columns
  (`areas`: place codes, `causes`: cause slugs) hold the values separated by `|`. A membership's `body` is
  the body's slug within the row's `organization` (body slugs are only unique within their organization).
  An unknown value is an error on that cell, never silently dropped.
- **Translated fields are separate columns** (`name_ar`, `name_en`, …): modeltranslation is not known to
  django-import-export, so they are listed explicitly.
- **Dates are ISO 8601 (`YYYY-MM-DD`)** with their precision in the next column, as stored: a year-only
  date is its 1 January with precision `year`.
- **Every row is validated with the model's `full_clean()`** (`clean_model_instances`): the database's rules
  (a quote is required, a date matches its precision, a member count has its qualifier, no cycle of parents,
  a membership's body belongs to its organization, …) come back as errors on the row's cells in the dry-run
  preview, never as a server error. The admin (see `admin.py`) imports nothing if any row has an error.
- **Exported cells cannot start a spreadsheet formula.** A text starting with `=`, `+`, `-`, `@`, a tab or a
  carriage return is written with a leading `'` (OWASP's advice for CSV injection), which the import strips
  again, so the round trip is exact.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .models import Body, Cause, Membership, Organization, Person, Place, Source

# A cell starting with one of these is a formula to a spreadsheet program.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_ESCAPE = "'"
SEPARATOR = "|"


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class TextWidget(widgets.CharWidget):
    """A text cell; an empty cell (None in XLSX) is the empty string."""

    def __init__(self):
        super().__init__(coerce_to_string=True, allow_blank=True)


class IsoDateWidget(widgets.DateWidget):
    """A date as `YYYY-MM-DD` (or a date cell in XLSX)."""

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def clean(self, value, row=None, **kwargs):
        value = _strip(value)
        if isinstance(value, datetime.datetime):  # an XLSX date cell
            return value.date()
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(_("Enter a date as YYYY-MM-DD, e.g. 2017-09-16.")) from None


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole number; anything else (`12.5`, `many`) is an error on the cell."""

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number != number.to_integral_value():
            raise ValueError(_("Enter a whole number."))
        return int(number)


class StrictBooleanWidget(widgets.BooleanWidget):
    """`1`/`0` (as exported) or `true`/`false`; an empty cell is no value (the field's default)."""

    def clean(self, value, row=None, **kwargs):
        value = _strip(value)
        if value in self.NULL_VALUES:
            return None
        if isinstance(value, str):
            value = value.lower()
        if value in ("1", 1, True, "true"):
            return True
        if value in ("0", 0, False, "false"):
            return False
        raise ValueError(_("Enter 1 (yes) or 0 (no)."))


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the related row's slug or code. An unknown value is an error on the cell."""

    def clean(self, value, row=None, **kwargs):
        value = _strip(value)
        try:
            return super().clean(value, row, **kwargs)
        except ObjectDoesNotExist:
            raise ValueError(self.not_found_message(value, row)) from None

    def not_found_message(self, value, row):
        return _("There is no %(model)s with the %(field)s “%(value)s”.") % {
            "model": self.model._meta.verbose_name,
            "field": self.model._meta.get_field(self.field).verbose_name,
            "value": value,
        }


class BodyWidget(NaturalKeyWidget):
    """A body, by its slug within the organization named in the row's `organization` column."""

    def __init__(self):
        super().__init__(Body, field="slug")

    def get_queryset(self, value, row, *args, **kwargs):
        return Body.objects.filter(organization__slug=_strip((row or {}).get("organization")))

    def not_found_message(self, value, row):
        return _("The organization “%(organization)s” has no body “%(value)s”.") % {
            "organization": _strip((row or {}).get("organization")) or "",
            "value": value,
        }


class NaturalKeysWidget(widgets.ManyToManyWidget):
    """Many related rows, by slug or code, separated by `|`. An unknown value is an error on the cell."""

    def __init__(self, model, field):
        super().__init__(model, separator=SEPARATOR, field=field)

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return self.model.objects.none()
        keys = [key.strip() for key in str(value).split(self.separator) if key.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": keys})
        unknown = sorted(set(keys) - set(found.values_list(self.field, flat=True)))
        if unknown:
            raise ValueError(
                _("There is no %(model)s with the %(field)s “%(value)s”.")
                % {
                    "model": self.model._meta.verbose_name,
                    "field": self.model._meta.get_field(self.field).verbose_name,
                    "value": "”, “".join(unknown),
                }
            )
        return found


def text(name):
    return fields.Field(attribute=name, column_name=name, widget=TextWidget())


def date(name):
    return fields.Field(attribute=name, column_name=name, widget=IsoDateWidget())


def reference(name, model, key="slug"):
    return fields.Field(attribute=name, column_name=name, widget=NaturalKeyWidget(model, field=key))


def references(name, model, key):
    return fields.Field(attribute=name, column_name=name, widget=NaturalKeysWidget(model, key))


class DirectoryResource(resources.ModelResource):
    """What the three resources share: validation, formula escaping, empty-cell handling, bad references."""

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if value is None:
            # Written as an empty cell; django-import-export's formula escaping would write "None" in XLSX.
            return ""
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return FORMULA_ESCAPE + value
        return value

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            if (
                isinstance(value, str)
                and value.startswith(FORMULA_ESCAPE)
                and value[len(FORMULA_ESCAPE) :].startswith(FORMULA_STARTS)
            ):
                row[column] = value[len(FORMULA_ESCAPE) :]
        super().before_import_row(row, **kwargs)

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            # A key column names an unknown row: import_instance() reports it as an error on that cell.
            return None
        except MultipleObjectsReturned:
            raise ValidationError(
                _("Several existing rows match this row's key columns; edit them in the admin.")
            ) from None

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if (
            not is_m2m
            and instance.pk is not None
            and field.column_name in row
            and isinstance(field.widget, TextWidget)
            and getattr(instance, field.attribute) is None
            and field.clean(row) == ""
        ):
            # An empty translation stored as NULL stays NULL: an unchanged row is not reported as changed.
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Many-to-many cells are only written after the row is saved; check their values now, so that an
        # unknown code is an error on the row and not an error (or a silently dropped value) later.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)


class OrganizationResource(DirectoryResource):
    slug = text("slug")
    name_ar = text("name_ar")
    name_en = text("name_en")
    short_name_ar = text("short_name_ar")
    short_name_en = text("short_name_en")
    kind = text("kind")
    scope = text("scope")
    status = text("status")
    parent = reference("parent", Organization)
    seat = reference("seat", Place, key="code")
    areas = references("areas", Place, "code")
    causes = references("causes", Cause, "slug")
    founded_on = date("founded_on")
    founded_on_precision = text("founded_on_precision")
    member_count = fields.Field(
        attribute="member_count", column_name="member_count", widget=WholeNumberWidget()
    )
    member_count_qualifier = text("member_count_qualifier")
    description_ar = text("description_ar")
    description_en = text("description_en")
    vision_ar = text("vision_ar")
    vision_en = text("vision_en")
    mission_ar = text("mission_ar")
    mission_en = text("mission_en")
    slogan_ar = text("slogan_ar")
    slogan_en = text("slogan_en")
    source = reference("source", Source)
    quote = text("quote")

    class Meta:
        model = Organization
        fields = (
            "slug",
            "name_ar",
            "name_en",
            "short_name_ar",
            "short_name_en",
            "kind",
            "scope",
            "status",
            "parent",
            "seat",
            "areas",
            "causes",
            "founded_on",
            "founded_on_precision",
            "member_count",
            "member_count_qualifier",
            "description_ar",
            "description_en",
            "vision_ar",
            "vision_en",
            "mission_ar",
            "mission_en",
            "slogan_ar",
            "slogan_en",
            "source",
            "quote",
        )
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("parent", "seat", "source").prefetch_related("areas", "causes")


class PersonResource(DirectoryResource):
    slug = text("slug")
    name_ar = text("name_ar")
    name_en = text("name_en")
    published_latin = fields.Field(
        attribute="published_latin",
        column_name="published_latin",
        widget=StrictBooleanWidget(),
        default=False,
    )
    description_ar = text("description_ar")
    description_en = text("description_en")
    source = reference("source", Source)
    quote = text("quote")

    class Meta:
        model = Person
        fields = (
            "slug",
            "name_ar",
            "name_en",
            "published_latin",
            "description_ar",
            "description_en",
            "source",
            "quote",
        )
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("source")


class MembershipResource(DirectoryResource):
    """Memberships, identified by (person, member_organization, organization, body, role): see the module
    docstring. Exactly one of `person` and `member_organization` is filled in."""

    person = reference("person", Person)
    member_organization = reference("member_organization", Organization)
    organization = reference("organization", Organization)
    body = fields.Field(attribute="body", column_name="body", widget=BodyWidget())
    role = text("role")
    on_behalf_of = reference("on_behalf_of", Organization)
    start = date("start")
    start_precision = text("start_precision")
    end = date("end")
    end_precision = text("end_precision")
    source = reference("source", Source)
    quote = text("quote")

    class Meta:
        model = Membership
        fields = (
            "person",
            "member_organization",
            "organization",
            "body",
            "role",
            "on_behalf_of",
            "start",
            "start_precision",
            "end",
            "end_precision",
            "source",
            "quote",
        )
        import_id_fields = ["person", "member_organization", "organization", "body", "role"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(
            "person", "member_organization", "organization", "body", "on_behalf_of", "source"
        )
