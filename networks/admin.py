"""The staff's editing interface.

Translated fields appear as Arabic/English tabs (modeltranslation's tabbed admin, with our local jQuery UI).
Every foreign key is an autocomplete, so a list of thousands of organizations or people stays usable.
Facts (`Cited` models) are edited with their source and quoted passage, which the database requires.
Organizations, people and memberships can also be exported (the filtered list) and imported as CSV or XLSX,
with a dry-run preview first (see `resources.py` for the columns).
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from . import accounts, workbench  # noqa: F401  (accounts registers the users' and groups' admin)
from .history import TruthfulHistoryAdmin
from .imports import ImportTimeout, LimitedImportForm
from .models import (
    Body,
    Cause,
    Citation,
    Event,
    EventOrganization,
    Goal,
    Membership,
    Organization,
    Participation,
    Person,
    Place,
    Publication,
    Relation,
    Source,
)
from .resources import MembershipResource, OrganizationResource, PersonResource, SafeCSV, SafeXLSX

# An organization's lists of cited rows, edited on their own changelists filtered to it (`OrganizationAdmin`):
# (model, its link to the organization). Inline, each row's source, quote and reason made the page too wide.
LISTED_APART = [
    (Body, "organization"),
    (Membership, "organization"),
    (Goal, "organization"),
    (Citation, "organization"),
    (Relation, "subject"),
    (Publication, "organization"),
]

# Search fields by model, reused wherever the model is the target of an autocomplete.
ORGANIZATION_SEARCH = ("slug", "name_ar", "name_en", "short_name_ar", "short_name_en")
PERSON_SEARCH = ("slug", "name_ar", "name_en")


# --- Inlines ---------------------------------------------------------------------------------------

# Every cited row says whether its source states it or the editors infer it from the quote, and why.
DERIVATION = ["derivation", "inference"]

# An inline's long texts (quotes, reasons) as small boxes that open wide while edited (admin-csp/desk.css):
# at full size, one row of the organization's inlines made its change page four screens wide.
COMPACT_TEXT = {
    models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 24, "class": "compact-text"})}
}


class CompactInline:
    formfield_overrides = COMPACT_TEXT


class PersonMembershipInline(CompactInline, TranslationTabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["organization", "body", "on_behalf_of", "source"]
    fields = [
        "organization",
        "body",
        "role",
        "on_behalf_of",
        "start",
        "start_precision",
        "source",
        "quote",
        *DERIVATION,
    ]
    show_change_link = True


class EventGoalInline(CompactInline, TranslationStackedInline):
    model = Goal
    extra = 0
    autocomplete_fields = ["organization", "source"]
    fields = [("organization", "kind", "order"), "text", ("source", "quote"), tuple(DERIVATION)]


class EventOrganizationInline(admin.TabularInline):
    model = EventOrganization
    extra = 0
    autocomplete_fields = ["event", "organization"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["event", "person"]


class DirectoryImportExportMixin(ImportExportMixin):
    """Export the filtered, searched list and import a file, as CSV or XLSX, after a dry-run preview.

    - Export takes the changelist's filters and search (django-import-export builds the same ChangeList).
    - Importing needs the add and change permissions on the model, exporting the view permission: by default
      django-import-export lets any staff user do both.
    - A file with any bad row imports nothing: the preview lists each bad row's errors and offers no
      confirmation, and the confirmed import runs in one transaction that is rolled back if a row fails
      (say, because the data changed between the preview and the confirmation).
    """

    # The public exports' formula escape, in each format (`lists.safe_cells`).
    formats = [SafeCSV, SafeXLSX]
    import_formats = [SafeCSV, SafeXLSX]
    export_formats = [SafeCSV, SafeXLSX]
    # CSV is written with a byte order mark, without which Excel misreads UTF-8 (Arabic); the import
    # (`from_encoding`, "utf-8-sig" by default) reads files with or without it.
    to_encoding = "utf-8-sig"

    def has_import_permission(self, request):
        return (
            super().has_import_permission(request)
            and self.has_add_permission(request)
            and self.has_change_permission(request)
        )

    def has_export_permission(self, request):
        return super().has_export_permission(request) and self.has_view_permission(request)

    # Refuses a file too large, too long, with formulas or with keys missing or repeated (`imports.py`).
    import_form_class = LimitedImportForm

    def get_import_form_kwargs(self, request):
        return super().get_import_form_kwargs(request) | {"encoding": self.from_encoding}

    def write_to_tmp_storage(self, import_file, input_format):
        input_format.sheet = getattr(import_file, "sheet", None)  # read by the form: not read again
        return super().write_to_tmp_storage(import_file, input_format)

    def import_action(self, request, **kwargs):
        try:
            return super().import_action(request, **kwargs)
        except ImportTimeout as stopped:
            return self.back_to_import(request, str(stopped))

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except ImportTimeout as stopped:
            return self.back_to_import(request, str(stopped))

    def back_to_import(self, request, message):
        messages.error(request, message)
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_import", current_app=self.admin_site.name)
        )

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            return self.back_to_import(
                request, _("Nothing was imported: some rows have errors. Import the file again to see them.")
            )
        return super().process_result(result, request)


# --- Model admins ----------------------------------------------------------------------------------
# Every model admin has a History page (django-simple-history): who changed what and when, field by field
# and per language, and a Revert button on each earlier version, recorded as a revert (`history.py`).


# Addresses typed without a scheme are https (Django 6's default, already).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class TranslatedAdmin(TruthfulHistoryAdmin, TabbedTranslationAdmin):
    """A model with Arabic/English fields, edited in language tabs."""

    formfield_overrides = URL_FIELDS


@admin.register(Source)
class SourceAdmin(TranslatedAdmin):
    list_display = [
        "title",
        "kind",
        "language",
        "publisher",
        "published_display",
        "document",
        "workbench_link",
    ]
    list_filter = ["kind", "language", "published_on_precision"]
    search_fields = ["slug", "title_ar", "title_en", "publisher_ar", "publisher_en", "full_text"]
    prepopulated_fields = {"slug": ("title_en",)}

    @admin.display(description=_("published on"), ordering="published_on")
    def published_display(self, obj):
        return obj.published_display or "—"

    # The source's workbench (its text, what cites it, a fact from a selected passage) and a new source from a
    # document's text: workbench.py, new_source.py.
    def get_urls(self):
        return workbench.urls(self) + super().get_urls()

    @admin.display(description=_("workbench"))
    def workbench_link(self, obj):
        url = reverse("admin:networks_source_workbench", args=[obj.pk], current_app=self.admin_site.name)
        return format_html('<a href="{}">{}</a>', url, _("Open the workbench"))


@admin.register(Place)
class PlaceAdmin(TranslatedAdmin):
    list_display = ["name", "code", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["code", "name_ar", "name_en"]
    autocomplete_fields = ["parent"]


@admin.register(Cause)
class CauseAdmin(TranslatedAdmin):
    list_display = ["name", "slug"]
    search_fields = ["slug", "name_ar", "name_en"]
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Organization)
class OrganizationAdmin(DirectoryImportExportMixin, TranslatedAdmin):
    resource_classes = [OrganizationResource]
    # What an editor looks for an entry by, and what tells what it needs (the Arabic names need the room).
    list_display = ["name", "kind", "status", "listing", "parent", "last_verified"]
    list_filter = ["listing", "status", "kind", "scope", "areas", "causes", "founded_on_precision"]
    list_select_related = ["parent"]
    search_fields = ORGANIZATION_SEARCH
    autocomplete_fields = ["parent", "areas", "seat", "causes", "source"]
    prepopulated_fields = {"slug": ("name_en",)}
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "scope", "status", "listing", "parent"]}),
        (_("Where and what"), {"fields": ["areas", "seat", "causes"]}),
        (
            _("Dates and size"),
            {
                "fields": [
                    ("founded_on", "founded_on_precision"),
                    ("member_count", "member_count_qualifier"),
                ]
            },
        ),
        (_("Its cited facts"), {"fields": ["listed_apart"]}),
        (
            _("In its own words"),
            {"fields": ["description", "vision", "mission", "slogan"], "classes": ["collapse"]},
        ),
        (_("Source"), {"fields": ["source", "quote", "derivation", "inference", "last_verified"]}),
    ]
    readonly_fields = ["listed_apart"]
    # The events it took part in are edited on the page; its cited rows on their own changelists.
    inlines = [EventOrganizationInline]

    @admin.display(description=_("On their own lists"))
    def listed_apart(self, obj):
        """Links to the changelists of the organization's LISTED_APART rows, filtered to it, with their
        counts, and to a new one already linked to it."""
        if obj.pk is None:
            return _("Save the organization first.")
        items = []
        for model, link in LISTED_APART:
            opts = model._meta

            def url(view, query, opts=opts):
                name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
                return f"{reverse(name, current_app=self.admin_site.name)}?{urlencode(query)}"

            count = model.objects.filter(**{link: obj}).count()
            items.append(
                (
                    url("changelist", {f"{link}__id__exact": obj.pk}),
                    capfirst(opts.verbose_name_plural),
                    count,
                    url("add", {link: obj.pk}),
                    _("add one"),
                )
            )
        return format_html(
            '<ul class="listed-apart">{}</ul>',
            format_html_join("", '<li><a href="{}">{}</a> ({}) · <a href="{}">{}</a></li>', items),
        )


@admin.register(Citation)
class CitationAdmin(TranslatedAdmin):
    list_display = ["organization", "field", "source", "derivation"]
    list_filter = ["field", "derivation", "source"]
    list_select_related = ["organization", "source"]
    search_fields = ["quote", "organization__name_ar", "organization__name_en"]
    autocomplete_fields = ["organization", "source"]


@admin.register(Person)
class PersonAdmin(DirectoryImportExportMixin, TranslatedAdmin):
    resource_classes = [PersonResource]
    list_display = ["name", "name_ar", "name_en", "is_public", "published_latin", "source"]
    list_filter = ["is_public", "published_latin", "source"]
    list_select_related = ["source"]
    search_fields = PERSON_SEARCH
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [PersonMembershipInline, ParticipationInline]


@admin.register(Body)
class BodyAdmin(TranslatedAdmin):
    list_display = ["name", "organization", "kind", "status", "area"]
    list_filter = ["kind", "status"]
    list_select_related = ["organization", "area"]
    search_fields = [
        "slug",
        "name_ar",
        "name_en",
        *(f"organization__{f}" for f in ORGANIZATION_SEARCH),
    ]
    autocomplete_fields = ["organization", "area", "source"]


@admin.register(Membership)
class MembershipAdmin(DirectoryImportExportMixin, TranslatedAdmin):
    resource_classes = [MembershipResource]
    list_display = ["member", "role", "organization", "body", "on_behalf_of", "start"]
    list_filter = ["role", "start_precision"]
    list_select_related = ["person", "member_organization", "organization", "body", "on_behalf_of"]
    search_fields = [
        *(f"person__{f}" for f in PERSON_SEARCH),
        *(f"organization__{f}" for f in ORGANIZATION_SEARCH),
    ]
    autocomplete_fields = [
        "person",
        "member_organization",
        "organization",
        "body",
        "on_behalf_of",
        "source",
    ]


@admin.register(Event)
class EventAdmin(TranslatedAdmin):
    list_display = ["name", "kind", "date_display", "place"]
    list_filter = ["kind", "date_precision"]
    list_select_related = ["place"]
    search_fields = ["slug", "name_ar", "name_en", "description_ar", "description_en"]
    autocomplete_fields = ["place", "source"]
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [EventOrganizationInline, ParticipationInline, EventGoalInline]

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, obj):
        return obj.date_display or "—"


@admin.register(Goal)
class GoalAdmin(TranslatedAdmin):
    list_display = ["__str__", "kind", "order", "organization", "event"]
    list_filter = ["kind"]
    list_select_related = ["organization", "event"]
    search_fields = ["text_ar", "text_en", *(f"organization__{f}" for f in ORGANIZATION_SEARCH)]
    autocomplete_fields = ["organization", "event", "source"]


@admin.register(Relation)
class RelationAdmin(TranslatedAdmin):
    list_display = ["subject", "kind", "object"]
    list_filter = ["kind"]
    list_select_related = ["subject", "object"]
    search_fields = [
        *(f"subject__{f}" for f in ORGANIZATION_SEARCH),
        "object__name_ar",
        "object__name_en",
    ]
    autocomplete_fields = ["subject", "object", "source"]


@admin.register(Publication)
class PublicationAdmin(TranslatedAdmin):
    list_display = ["title", "kind", "organization", "issue_count", "sample_size"]
    list_filter = ["kind"]
    list_select_related = ["organization"]
    search_fields = ["slug", "title_ar", "title_en"]
    autocomplete_fields = ["organization", "part_of", "place", "source"]


# The quote of every fact edited in the admin, on its page or inline, is a passage of its source (as
# load_seeds requires): workbench.check_passages_in_forms.
workbench.check_passages_in_forms(admin.site)
