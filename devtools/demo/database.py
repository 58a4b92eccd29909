"""Which databases demo data may go to, and taking it out again."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from django.conf import settings
from django.test.utils import override_settings

from networks.cache import directory_changed
from networks.models import (
    Body,
    Citation,
    Cited,
    Event,
    EventOrganization,
    Goal,
    Membership,
    Organization,
    Participation,
    Person,
    Publication,
    Relation,
    Source,
)

from .rows import WRITE_ORDER, OrganizationAreas, OrganizationCauses, label

DEMO_PREFIX = "demo-"
DEMO_SOURCE_SLUG = "demo-data"
MAX_ORGANIZATIONS = 1_000_000
# The models whose rows cite a source and quote it.
FACT_MODELS: tuple[type[Cited], ...] = (
    Organization,
    Person,
    Body,
    Membership,
    Event,
    Goal,
    Relation,
    Publication,
)


class DemoRefused(Exception):
    """The database is not one demo data may be written to (or the arguments are wrong)."""


def demo_sources():
    return Source.objects.filter(slug__startswith=DEMO_PREFIX)


def check_database(*, replace: bool) -> None:
    """Refuse a database holding the real sources, or holding demo data already (unless `replace`)."""
    real = list(
        Source.objects.exclude(slug__startswith=DEMO_PREFIX).order_by("slug").values_list("slug", flat=True)
    )
    name = settings.DATABASES["default"]["NAME"]
    if real:
        shown = ", ".join(real[:3]) + (f", … ({len(real)} in all)" if len(real) > 3 else "")
        raise DemoRefused(
            f"The database {name} holds real sources ({shown}): demo data is never mixed with the "
            "directory's data. Use a separate, empty database, e.g.\n"
            "  psql postgres://postgres@127.0.0.1:5432/postgres -c 'CREATE DATABASE shabakat_demo'\n"
            "  export DATABASE_URL=postgres://postgres@127.0.0.1:5432/shabakat_demo\n"
            "  python manage.py migrate && python manage.py generate_demo_data --demo-ok …"
        )
    if demo_sources().exists() and not replace:
        count = Organization.objects.filter(source__in=demo_sources()).count()
        raise DemoRefused(
            f"The database {name} holds demo data already ({count:,} organizations). Pass --replace to "
            "delete it and generate anew, or use a fresh database."
        )


def delete_demo_data(log: Callable[[str], None] = lambda line: None) -> Counter:
    """Delete every row that cites a demo source, children before parents (most foreign keys PROTECT).

    `QuerySet.delete()` with the edit history switched off, as `restore` loads: demo rows never had any
    history, and should not get a deletion record each. Places and causes stay: they are reference data,
    reused by the next run. (Deleting loads every row to send its signals, so it goes a chunk at a time;
    for a large demo directory, dropping the database is quicker.)
    """
    sources = list(demo_sources().values_list("pk", flat=True))
    demo_organizations = Organization.objects.filter(source_id__in=sources)
    demo_events = Event.objects.filter(source_id__in=sources)
    demo_publications = Publication.objects.filter(source_id__in=sources)
    steps = [
        (Participation, Participation.objects.filter(event__in=demo_events)),
        (EventOrganization, EventOrganization.objects.filter(event__in=demo_events)),
        (Goal, Goal.objects.filter(source_id__in=sources)),
        (Membership, Membership.objects.filter(source_id__in=sources)),
        (Relation, Relation.objects.filter(source_id__in=sources)),
        (Publication, demo_publications),
        (Citation, Citation.objects.filter(source_id__in=sources)),
        (Body, Body.objects.filter(source_id__in=sources)),
        (Event, demo_events),
        (Person, Person.objects.filter(source_id__in=sources)),
        (OrganizationAreas, OrganizationAreas.objects.filter(organization__in=demo_organizations)),
        (OrganizationCauses, OrganizationCauses.objects.filter(organization__in=demo_organizations)),
        (Organization, demo_organizations),
        (Source, Source.objects.filter(pk__in=sources)),
    ]
    deleted = Counter()
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        # A branch's parent and a study's report are PROTECT keys between rows deleted together: untie them.
        demo_publications.update(part_of=None)
        demo_organizations.update(parent=None)
        for model, queryset in steps:
            deleted[label(model)] = delete_in_chunks(queryset)
            log(f"  deleted {deleted[label(model)]:>9,} {label(model)}")
    directory_changed()
    return deleted


def delete_in_chunks(queryset, size: int = 10_000) -> int:
    """`queryset.delete()`, `size` rows at a time, so that memory does not grow with the rows deleted."""
    model, deleted = queryset.model, 0
    while ids := list(queryset.values_list("pk", flat=True)[:size]):
        deleted += model.objects.filter(pk__in=ids).delete()[1].get(model._meta.label, 0)
    return deleted


def totals() -> list[tuple[str, int]]:
    """Rows per model in the database (all rows, demo or not)."""
    return [(label(model), model.objects.count()) for model in WRITE_ORDER]
