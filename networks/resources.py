"""Spreadsheet import and export (CSV, XLSX) of organizations, people and memberships for the admin.

Built on django-import-export. Organizations and people are public lists: their columns are the public CSV
export's (declared in `lists.py`), followed by the columns only staff see (the row's own `source` and
`quote`, a person's description). So the public CSV export imports back through the admin unchanged, and a
file exported from the admin can be edited and imported back:

- **Rows are identified by natural keys, never by database ids.** An organization or a person is found by its
  `id` column, the slug (a row with an unknown one is a new row). A membership has no slug: it is found by
  the same natural key the seed loader uses, `(person, member_organization, organization, body, role)` —
  "this person is the chair of this bureau of this organization". Its other columns (dates, on behalf of,
  source, quote) are updated in place; changing one of the five key columns describes another membership, so
  it adds a row (the old one is deleted in the admin). Keys are stable across databases, unlike ids, so a
  file exported from one copy of the directory imports into another, and exporting then importing the same
  file changes nothing (every row is reported as skipped).
- **Foreign keys are written as the related row's slug** (a place by its `code`); many-to-many columns
  (`area_codes`: place codes, `causes`: cause slugs) hold the values separated by `lists.SEPARATOR`
  (` | `; the import also reads `|` without spaces). A membership's `body` is the body's slug within the
  row's `organization` (body slugs are only unique within their organization). An unknown value is an error
  on that cell, never silently dropped. Columns derived from other rows (`source_ids`, `source_titles`, a
  person's `organization_ids`, `roles`, `on_behalf_of_ids`) are exported and read past on import.
- **Translated fields are separate columns** (`name_ar`, `name_en`, …): modeltranslation is not known to
  django-import-export, so they are listed explicitly.
- **Dates are ISO 8601 at their precision** (`2017-09-16`, `2017-09` or `2017`), as the public exports write
  them, with the precision in the next column; `2017-01-01` with precision `year` is read too.
- **Every row is validated with the model's `full_clean()`** (`clean_model_instances`): the database's rules
  (a quote is required, a date matches its precision, a member count has its qualifier, no cycle of parents,
  a membership's body belongs to its organization, …) come back as errors on the row's cells in the dry-run
  preview, never as a server error. The admin (see `admin.py`) imports nothing if any row has an error.
- **Exported cells cannot start a spreadsheet formula**, by the public exports' rule (`lists.safe_cells`,
  applied by the `CSV` and `XLSX` formats below), which the import undoes, so the round trip is exact.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, results, widgets
from import_export.formats import base_formats

from . import exports, imports, lists
from .models import Body, DatePrecision, Membership, Organization, Person, Source, format_precise_date

# A date at its precision: YYYY, YYYY-MM or YYYY-MM-DD.
PRECISE_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class TextWidget(widgets.CharWidget):
    """A text cell; an empty cell (None in XLSX) is the empty string."""

    def __init__(self):
        super().__init__(coerce_to_string=True, allow_blank=True)


class PreciseDateWidget(widgets.Widget):
    """A date as the exports write it, at its precision (`2017`, `2017-09`, `2017-09-16`), or a date cell in
    XLSX. A year or a month is stored as its first day; the row's `precision` column must then say so."""

    def __init__(self, precision: str):
        super().__init__()
        self.precision = precision

    def clean(self, value, row=None, **kwargs):
        value = _strip(value)
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):  # an XLSX date cell
            return value.date()
        if isinstance(value, datetime.date):
            return value
        match = PRECISE_DATE.fullmatch(str(value))
        try:
            year, month, day = match.groups()
            parsed = datetime.date(int(year), int(month or 1), int(day or 1))
        except (AttributeError, ValueError):
            raise ValueError(_("Enter a date as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2017-09-16.")) from None
        shape = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
        stated = _strip((row or {}).get(self.precision))
        if shape != DatePrecision.DAY and stated not in (None, "", shape):
            # "2017" with the precision "day" would silently become 1 January 2017.
            raise ValueError(
                _("The date “%(value)s” has the precision “%(shape)s”, not “%(precision)s”.")
                % {"value": value, "shape": shape, "precision": stated}
            )
        return parsed

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


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
    """Many related rows, by slug or code, separated by `lists.SEPARATOR` (the spaces around its `|` are
    optional). An unknown value is an error on the cell."""

    def __init__(self, model, field):
        super().__init__(model, separator=lists.SEPARATOR, field=field)

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return self.model.objects.none()
        keys = [key.strip() for key in str(value).split(self.separator.strip()) if key.strip()]
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


def reference(name, model, key="slug"):
    return fields.Field(attribute=name, column_name=name, widget=NaturalKeyWidget(model, field=key))


class PreciseDateField(fields.Field):
    """A date exported at its precision (the next column), as the public exports write dates."""

    def __init__(self, name: str):
        super().__init__(attribute=name, column_name=name, widget=PreciseDateWidget(f"{name}_precision"))

    def export(self, instance, **kwargs):
        return format_precise_date(
            getattr(instance, self.attribute), getattr(instance, f"{self.attribute}_precision")
        )


WIDGETS = {
    "text": lambda load: TextWidget(),
    "number": lambda load: WholeNumberWidget(),
    "boolean": lambda load: StrictBooleanWidget(),
    "date": lambda load: PreciseDateWidget(load.precision),
    "reference": lambda load: NaturalKeyWidget(load.model, field=load.key),
    "references": lambda load: NaturalKeysWidget(load.model, load.key),
}


class ColumnField(fields.Field):
    """A column declared in `lists.py`: exported by its `value`, as the public CSV writes it, from the rows
    its list's export reads (`export_field`); imported into its `load` (read past when it has none: a
    derived column)."""

    def __init__(self, column: lists.Column):
        load = column.load

        def field_default(load):
            if load is None:
                return fields.NOT_PROVIDED
            if load.kind == "boolean":
                return False
            return fields.NOT_PROVIDED if load.default is None else load.default

        super().__init__(
            attribute=load.attribute if load else None,
            column_name=column.name,
            widget=WIDGETS[load.kind](load) if load else widgets.Widget(),
            readonly=load is None,
            default=field_default(load),
        )
        self.column = column

    def export(self, instance, **kwargs):
        # Only the import preview's diff calls this, with the model instance; the export itself goes
        # through `DirectoryResource.export_field`.
        return super().export(instance, **kwargs) if self.attribute else ""


class CheckedFormat:
    """A format whose import reads with `imports` (limits, formulas refused). The dry run takes the sheet the
    import form has read already (`admin.DirectoryImportExportMixin.write_to_tmp_storage`)."""

    sheet = None

    def create_dataset(self, in_stream, **kwargs):
        sheet, self.sheet = self.sheet, None
        return sheet if sheet is not None else self.read(in_stream)


class SafeCSV(CheckedFormat, base_formats.CSV):
    """CSV with the public exports' formula escape (`lists.safe_cells`)."""

    def read(self, in_stream):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        return imports.read_csv(in_stream)

    def export_data(self, dataset, **kwargs):
        safe = tablib.Dataset(*(lists.safe_cells(list(row)) for row in dataset), headers=dataset.headers)
        return safe.export(self.get_title(), **kwargs)


class SafeXLSX(CheckedFormat, base_formats.XLSX):
    """XLSX with the public exports' formula escape and without illegal characters (`lists.xlsx_cells`)."""

    def read(self, in_stream):
        return imports.read_xlsx(in_stream)

    def export_data(self, dataset, **kwargs):
        safe = tablib.Dataset(*(lists.xlsx_cells(list(row)) for row in dataset), headers=dataset.headers)
        return safe.export(self.get_title(), **kwargs)


class PreviewDiff(resources.Diff):
    """A row's changes, as the preview shows them: long cells cut (`imports.shortened`)."""

    def as_html(self):
        self.left = [imports.shortened(value) for value in self.left]
        self.right = [imports.shortened(value) for value in self.right]
        return super().as_html()


class PreviewResult(results.Result):
    """The import's result, whose bad rows the preview shows with their long cells cut."""

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number, row, validation_error)
        invalid = self.invalid_rows[-1]
        invalid.values = tuple(imports.shortened(value) for value in invalid.values)
        invalid.error_dict = {
            field: [imports.shortened(message) for message in messages]
            for field, messages in invalid.error_dict.items()
        }


class DirectoryResource(resources.ModelResource):
    """What the three resources share: validation, undoing the formula escape, empty cells, bad references,
    the import's deadline and a preview of bounded size."""

    @classmethod
    def get_diff_class(cls):
        return PreviewDiff

    @classmethod
    def get_result_class(cls):
        return PreviewResult

    def import_data_inner(self, dataset, *args, **kwargs):
        # Called inside the import's transaction: the deadline is set for that transaction.
        with imports.deadline(self.get_db_connection_name()) as self.check_deadline:
            return super().import_data_inner(dataset, *args, **kwargs)

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        self.check_deadline(row_result.errors)
        return row_result

    def export_field(self, field, instance, **kwargs):
        if isinstance(field, ColumnField):  # a declared column, as the public export writes it
            readers = self.__dict__.setdefault("column_readers", {})  # a label column's labels read once
            if field.column_name not in readers:
                readers[field.column_name] = field.column.reader()
            return readers[field.column_name](instance)
        return super().export_field(field, instance, **kwargs)

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            row[column] = lists.unescaped(value)
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


def list_resource(name: str, declaration: lists.PublicList, model, rows, doc: str):
    """The resource of a public list: its declared columns, then its staff columns; exported from `rows`
    (the list's export reader for staff), found by the `id` column (the slug)."""
    columns = [*declaration.columns, *declaration.staff_columns]
    # Each field is named after its column, but `id`: named so, django-import-export would take it for the
    # database id and import a file without it as new rows.
    named = {("slug" if column.name == "id" else column.name): ColumnField(column) for column in columns}
    meta = type(
        "Meta",
        (),
        {
            "model": model,
            "fields": tuple(named),
            "import_id_fields": ["slug"],
            "clean_model_instances": True,
            "skip_unchanged": True,
            "report_skipped": True,
        },
    )
    return type(
        name,
        (DirectoryResource,),
        {
            "__module__": __name__,
            "__doc__": doc,
            **named,
            "Meta": meta,
            "iter_queryset": lambda self, queryset: rows(queryset),
        },
    )


OrganizationResource = list_resource(
    "OrganizationResource",
    lists.ORGANIZATIONS,
    Organization,
    lambda queryset: exports.organization_rows(queryset, staff=True),
    "Organizations, in the columns of the public export plus their own source and quote.",
)

PersonResource = list_resource(
    "PersonResource",
    lists.PEOPLE,
    Person,
    lambda queryset: exports.model_rows(
        queryset.select_related("source").prefetch_related(
            "memberships__organization", "memberships__on_behalf_of"
        )
    ),
    "People, in the columns of the public export plus their description, source and quote.",
)


class MembershipResource(DirectoryResource):
    """Memberships, identified by (person, member_organization, organization, body, role): see the module
    docstring. Exactly one of `person` and `member_organization` is filled in."""

    person = reference("person", Person)
    member_organization = reference("member_organization", Organization)
    organization = reference("organization", Organization)
    body = fields.Field(attribute="body", column_name="body", widget=BodyWidget())
    role = text("role")
    on_behalf_of = reference("on_behalf_of", Organization)
    start = PreciseDateField("start")
    start_precision = text("start_precision")
    end = PreciseDateField("end")
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
