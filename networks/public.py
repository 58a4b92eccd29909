"""The visibility layer: everything the public can read (pages, exports, the sitemap, the API) reads its rows
here, and nowhere else.

The rule is written once: hidden organizations and people who are not public are left out, and so are the
rows that point at a hidden organization (memberships, goals, bodies, relations, events' organizations…) or
name a person who is not public (events' participants). Related rows come through the same querysets
(prefetches), and the two links a row may keep to someone withheld are filtered relations: an organization's
`public_parent` (empty when its parent is hidden) and a membership's `public_person` (empty when the name is
withheld; the page then says "Name withheld"). Withheld names are also taken out of quoted texts, at the one
output boundary `redactor()`, which every public output applies.

Each queryset made here is marked (`is_public_read`); tests/test_public.py requests every public URL and
fails when one reads a guarded model through a queryset that is not marked, so a new view that forgets this
layer fails the suite instead of leaking a name.
"""

from django.db.models import Count, F, FilteredRelation, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum

from .cache import held
from .models import (
    Body,
    Cause,
    Citation,
    Derivation,
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
from .privacy import Redactor

# Models with rows the public may not see, or whose rows point at such rows: reading one of their tables
# outside this layer is what tests/test_public.py looks for.
GUARDED_MODELS = (
    Organization,
    Person,
    Membership,
    Body,
    Goal,
    Citation,
    Relation,
    Publication,
    EventOrganization,
    Participation,
)
_MARK = "public_layer"


def _public(queryset):
    """`queryset`, marked as read through this layer. The mark is on the query, so it stays through
    `filter()`, `values()`, `count()`, prefetches and subqueries."""
    queryset = queryset.all()
    setattr(queryset.query, _MARK, True)
    return queryset


def is_public_read(query) -> bool:
    """Whether a `Query` (a queryset's `.query`) comes from this layer."""
    return getattr(query, _MARK, False)


def visible(path: str) -> Q:
    """The organization at `path` (e.g. "organizations") is not hidden: for a filtered count or join."""
    return ~Q(**{f"{path}__status": Organization.Status.HIDDEN})


def organizations():
    """Organizations but the hidden ones; `public_parent` is the parent unless it is hidden."""
    return _public(
        Organization.objects.published().annotate(
            public_parent=FilteredRelation("parent", condition=visible("parent"))
        )
    )


def entries():
    """The directory's subjects: the organizations but the related bodies the sources only mention, which
    the lists and counts leave out unless asked (`OrganizationFilter`'s `listing`)."""
    return organizations().filter(listing=Organization.Listing.ENTRY)


def is_entry(path: str) -> Q:
    """The organization at `path` is a public directory entry: for a filtered count or join."""
    return visible(path) & Q(**{f"{path}__listing": Organization.Listing.ENTRY})


def fingerprint(queryset) -> tuple[int, int]:
    """Which rows `queryset` holds, in one row read from an index: their number and the sum of their ids. What
    data held per directory version is checked against on every request, for rows that can change without
    a signal (`QuerySet.update()`): the withheld people, the hidden organizations."""
    which = queryset.aggregate(n=Count("pk"), ids=Sum("pk"))
    return which["n"], which["ids"] or 0


def hidden_organizations():
    """The hidden organizations, for the list's results in memory to leave out (`facets.visible`)."""
    return _public(Organization.objects.hidden()).order_by()


def people():
    """People whose names may be published."""
    return _public(Person.objects.public())


def memberships():
    """Memberships involving no hidden organization. A member whose name is withheld stays (the role is
    public): `public_person` is empty for them, `person` must not be shown."""
    organizations = (visible(path) for path in ("organization", "member_organization", "on_behalf_of"))
    return _public(
        Membership.objects.filter(*organizations).annotate(
            public_person=FilteredRelation("person", condition=Q(person__is_public=True))
        )
    )


def goals_of(organizations: list) -> dict[int, list]:
    """{organization id: its public goals, in order} for a page of organizations, in one query."""
    result: dict[int, list] = {}
    for goal in goals().filter(organization__in=organizations).only("organization", "text_ar", "text_en"):
        result.setdefault(goal.organization_id, []).append(goal)
    return result


def goals():
    return _public(Goal.objects.filter(visible("organization")))


def bodies():
    return _public(Body.objects.filter(visible("organization")))


def citations():
    return _public(Citation.objects.filter(visible("organization")))


def citations_of_listed_organizations():
    """Citations without the join that leaves hidden organizations out, for a caller that keeps only those of
    organizations it read through `organizations()` (the CSV export, by their ids): that join cost the
    export of 20,000 organizations 0.4 to 1 s."""
    return _public(Citation.objects.all())


def publications():
    return _public(Publication.objects.filter(visible("organization")))


def relations():
    """Relations between two organizations that are both public."""
    return _public(Relation.objects.filter(visible("subject"), visible("object")))


def event_organizations():
    return _public(EventOrganization.objects.filter(visible("organization")))


def participations():
    """Participants whose names are public (a withheld one is left out of the event entirely)."""
    return _public(Participation.objects.filter(person__is_public=True))


# Rows with nothing to hide, read here too so that every public path has one entry point.
def events():
    return _public(Event.objects.all())


def places():
    return _public(Place.objects.all())


def causes():
    return _public(Cause.objects.all())


def sources():
    return _public(Source.objects.all())


def source_languages() -> dict[int, str]:
    """{source id: its language}: whether a fact's text is a translation, on every page (a few rows, held
    in memory per directory version)."""
    return held("source-languages", lambda: dict(sources().values_list("pk", "language")))


def cited_facts() -> dict[str, QuerySet]:
    """Every kind of public fact, by name: each row comes from one `source` and quotes it (`quote`), with
    the organization (or, for relations, the subject and object) a source page names it by."""
    return {
        "organizations": organizations(),
        "citations": citations().select_related("organization"),
        "bodies": bodies().select_related("organization"),
        "memberships": memberships().select_related("organization"),
        "goals": goals().select_related("organization"),
        "relations": relations().select_related("subject", "object"),
        "publications": publications().select_related("organization"),
        "people": people(),
        "events": events(),
    }


def source_list():
    """The sources, with how many public facts cite each (the facts of hidden organizations left out)."""
    rows = list(sources().order_by("slug"))
    counts: dict[int, int] = {}
    for queryset in cited_facts().values():
        for pk, n in queryset.order_by().values_list("source").annotate(n=Count("pk")):
            counts[pk] = counts.get(pk, 0) + n
    for source in rows:
        source.fact_count = counts.get(source.pk, 0)
    return rows


def status_choices() -> list[tuple[str, str]]:
    """The statuses the public may see and filter by (every one but "hidden")."""
    return [
        (value, label)
        for value, label in Organization.Status.choices
        if value in Organization.PUBLIC_STATUSES
    ]


def ancestors(organization) -> list[Organization]:
    """The organization's public ancestors, root first (a hidden one in the chain is skipped)."""
    return [o for o in reversed(organization.ancestors()) if o.is_published]


def redactor() -> Redactor:
    """The output boundary for quoted texts: the names of the people who are not public, withheld wherever
    they are quoted. Make one per request or export and apply it to every quote and source text shown
    (pages' citations, CSV/XLSX quote columns, JSON and API serializers, search snippets).

    Built from every withheld name once per directory version and set of withheld people, and held in
    memory (`cache.held`): a request reads only which people are withheld (their count and the sum of their
    ids, from an index), so that a name withheld by any means, `QuerySet.update()` included, is withheld at
    once."""
    withheld = _public(Person.objects.filter(is_public=False))
    names = withheld.values_list("name_ar", "name_en")
    which = ":".join(map(str, fingerprint(withheld)))
    return held("redactor", lambda: Redactor(n for row in names for n in row), which)


def edit_dates(model) -> dict:
    """Annotations of `model`'s rows: when each was first recorded (`first_recorded`) and last changed
    (`last_changed`), from its edit history (django-simple-history; None for rows written without it, such
    as the demo data's bulk inserts). Only the dates are read from the history, never its values."""
    history = model.history.model.objects.filter(id=OuterRef("pk")).values("history_date")
    return {
        "first_recorded": Subquery(history.order_by("history_date")[:1]),
        "last_changed": Subquery(history.order_by("-history_date")[:1]),
    }


def feed_entries(size: int) -> list[Organization]:
    """The `size` directory entries changed last, latest first, with what the Atom feed shows of each (and
    `first_recorded`, `last_changed`). Found from the newest rows of the edit history (read by its date
    index, a few hundred at a time) rather than by dating every organization: an organization first met
    there is met at its last change. A row without history (the demo data's bulk inserts) has no date to
    announce and is left out."""
    history = Organization.history.model.objects.order_by("-history_date", "-history_id")
    rows = (
        entries()
        .annotate(**edit_dates(Organization))
        .select_related("seat")
        .prefetch_related(Prefetch("areas", places()), Prefetch("causes", causes()))
    )
    found: dict[int, Organization] = {}
    seen: set[int] = set()
    start, step = 0, 4 * size
    while len(found) < size:
        batch = list(history.values_list("id", flat=True)[start : start + step])
        ids = [pk for pk in dict.fromkeys(batch) if pk not in seen]
        seen.update(ids)
        if ids:
            found.update({organization.pk: organization for organization in rows.filter(pk__in=ids)})
        if len(batch) < step:
            break
        start += step
    latest = sorted(found.values(), key=lambda organization: organization.last_changed, reverse=True)
    return latest[:size]


# What each public page and list shows, in a constant number of queries.


def organization_page():
    """Everything the organization page shows. Links to hidden organizations are left out; members whose
    names are withheld stay, without their name. The related rows of one organization are ordered by their
    own columns (the models' orderings go through joins: planning them cost more than reading the rows)."""
    member_fields = ("public_person", "member_organization", "on_behalf_of", "source")
    return (
        organizations()
        .annotate(last_changed=edit_dates(Organization)["last_changed"])
        .select_related("source", "seat", "public_parent", "parent__parent__parent__parent")
        .prefetch_related(
            Prefetch("areas", places()),
            Prefetch("causes", causes()),
            Prefetch(
                "citations", citations().select_related("source").order_by("field", "source__slug", "pk")
            ),
            Prefetch(
                "goals",
                goals().select_related("event", "source").order_by("event", "kind", "order"),
            ),
            Prefetch(
                "bodies",
                bodies()
                .select_related("area", "source")
                .order_by("slug")
                .prefetch_related(
                    Prefetch("memberships", memberships().select_related(*member_fields).order_by("pk"))
                ),
            ),
            Prefetch(
                "memberships", memberships().filter(body=None).select_related(*member_fields).order_by("pk")
            ),
            Prefetch(
                "eventorganization_set",
                event_organizations()
                .select_related("event__place", "event__source")
                .order_by(F("event__date").asc(nulls_last=True)),
            ),
            Prefetch("relations", relations().select_related("object", "source").order_by("kind", "pk")),
            Prefetch(
                "inverse_relations",
                relations().select_related("subject", "source").order_by("subject__slug", "kind", "pk"),
            ),
            Prefetch(
                "publications", publications().select_related("part_of", "place", "source").order_by("slug")
            ),
            Prefetch(
                "memberships_held",
                memberships().select_related("organization", "source").order_by("organization__slug", "pk"),
            ),
            Prefetch("children", organizations()),
        )
    )


def organization_list():
    """What a list of organizations shows (the list, country and cause pages)."""
    inferred = citations().filter(derivation=Derivation.INFERRED).only("organization_id", "field")
    return (
        organizations()
        .select_related("public_parent", "seat")
        .prefetch_related("areas", "causes", Prefetch("citations", inferred, to_attr="inferred_citations"))
    )


def organization_records():
    """What the organizations' JSON export and API show of each organization."""
    return (
        organizations()
        .select_related("public_parent", "source")
        .prefetch_related("areas", "causes", Prefetch("citations", citations().select_related("source")))
    )


def person_list():
    """What the people list, its exports and the API show of each person: their public roles."""
    return (
        people()
        .select_related("source")
        .prefetch_related(
            Prefetch(
                "memberships",
                memberships().select_related(
                    "person", "member_organization", "organization", "body", "on_behalf_of", "source"
                ),
            )
        )
    )


def person_page():
    """The people list's rows, with the events each person took part in and when the row last changed."""
    return (
        person_list()
        .annotate(last_changed=edit_dates(Person)["last_changed"])
        .prefetch_related(
            Prefetch(
                "participations",
                participations()
                .select_related("event__place", "event__source")
                .order_by(F("event__date").asc(nulls_last=True)),
            )
        )
    )


def timeline():
    """Dated events oldest first, then the undated ones, with their public organizations and the people
    whose names are public."""
    return (
        events()
        .select_related("place", "source")
        .prefetch_related(
            Prefetch("eventorganization_set", event_organizations().select_related("organization")),
            Prefetch("participations", participations().select_related("person")),
        )
        .order_by(F("date").asc(nulls_last=True), "slug")
    )


def latest_foundings():
    return (
        events()
        .foundings()
        .select_related("place")
        .prefetch_related(Prefetch("organizations", organizations()))
        .order_by(F("date").desc(nulls_last=True), "slug")
    )
