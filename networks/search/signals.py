"""The search index follows every write made through the models (the admin, imports, `load_seeds`): each
saved or deleted row refreshes the documents of the organizations it feeds. Raw saves (`loaddata`, so
`restore`) are skipped: `restore` rebuilds the whole index once at the end; so does the demo data, written
in bulk without signals."""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from ..models import (
    Cause,
    Event,
    EventOrganization,
    Goal,
    Membership,
    Organization,
    Person,
    Place,
    Publication,
    SearchDocument,
)
from . import documents
from .text import normalize


def _ids(queryset) -> list[int]:
    return list(queryset.values_list("organization_id", flat=True))


def organizations_fed_by(row) -> list[int]:
    """The organizations whose documents hold a text of `row`."""
    if isinstance(row, Organization):
        return [row.pk]
    if isinstance(row, Goal | Membership | EventOrganization | Publication):
        return [row.organization_id]
    if isinstance(row, Event):
        return _ids(EventOrganization.objects.filter(event=row))
    if isinstance(row, Cause):
        return _ids(Organization.causes.through.objects.filter(cause=row))
    if isinstance(row, Place):
        areas = Organization.areas.through.objects.filter(Q(place=row) | Q(place__country=row))
        seated = Organization.objects.filter(Q(seat=row) | Q(seat__country=row)).values_list("pk", flat=True)
        events = EventOrganization.objects.filter(event__place=row)
        publications = Publication.objects.filter(place=row)
        return [*_ids(areas), *seated, *_ids(events), *_ids(publications)]
    if isinstance(row, Person):
        # A name withheld (or published again) is taken out of (or back into) every text that quotes it:
        # found in the folded texts themselves, since the index may no longer hold it.
        quoting = []
        for name in filter(None, (normalize(row.name_ar or ""), normalize(row.name_en or ""))):
            quoting += Organization.objects.filter(search_text__contains=name).values_list("pk", flat=True)
            quoting += _ids(Goal.objects.filter(search_text__contains=name))
        return [*_ids(Membership.objects.filter(person=row)), *quoting]
    return []


def row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        documents.refresh(organizations_fed_by(instance))


def areas_or_causes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        documents.refresh([instance.pk])
    elif action == "pre_clear":  # a place or cause losing all its organizations: read them before
        instance._search_cleared = organizations_fed_by(instance)
    else:
        documents.refresh(pk_set or getattr(instance, "_search_cleared", []))


def index_missing_documents(sender, **kwargs):
    """After `migrate`: a database that had organizations before the search index existed gets their
    documents (once; later writes keep them)."""
    if sender.name == "networks" and SearchDocument.objects.count() < Organization.objects.count():
        documents.rebuild()


def connect() -> None:
    for model in (
        Organization,
        Goal,
        Membership,
        EventOrganization,
        Event,
        Publication,
        Cause,
        Place,
        Person,
    ):
        uid = f"search-{model.__name__}"
        post_save.connect(row_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(row_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for through in (Organization.areas.through, Organization.causes.through):
        m2m_changed.connect(
            areas_or_causes_changed, sender=through, dispatch_uid=f"search-{through.__name__}"
        )
    post_migrate.connect(index_missing_documents, dispatch_uid="search-missing-documents")
