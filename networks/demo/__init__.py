"""Synthetic demo data: a realistic directory of any size, for load tests and benchmarks.

`generate(organizations, seed)` writes `organizations` invented organizations with their citations, places of
work, causes, bodies, people, memberships, founding events and meetings, goals, relations and publications,
all citing one demo Source (`demo-data`) whose full text says the data is invented. Behind
`manage.py generate_demo_data`; see that command for the refusals (real seeds present, demo data present).

- **Deterministic**: one `random.Random(seed)` drives every choice, so a seed gives the same rows.
- **Fast**: rows are built in memory a few thousand organizations at a time and written with `bulk_create`
  in model order, with primary keys assigned here (so rows can point at each other before they are written)
  and the sequences reset afterwards. `bulk_create` skips `save()`, so `search_text` and `Place.country` are
  computed here exactly as `Searchable.save()` and `Place.save()` would. It also skips django-simple-history's
  signals, which is what we want: demo rows get no edit history.
- **Never mixed with the real data**: every slug the generator creates starts with `demo-` (places and causes
  are reference data shared with the seeds' taxonomy: existing rows with the same code or slug are reused).
"""

from __future__ import annotations

import calendar
import datetime
import functools
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models, reset_queries
from django.db.models import Max
from django.db.models.base import ModelState
from django.utils import translation
from django.utils.text import slugify

from ..cache import directory_changed
from ..models import (
    Body,
    Cause,
    Citation,
    Cited,
    DatePrecision,
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
from ..search import normalize
from .vocabulary import (
    CAUSES,
    COUNTRIES,
    FAMILY_NAMES_MAGHREB,
    FAMILY_NAMES_MASHRIQ,
    FIRST_NAMES,
    GOALS,
    GROUPS,
    KINDS,
    MEETINGS,
    PARTNERS,
    PARTY_ADJECTIVES,
    PARTY_NOUNS,
    PASSAGES,
    PERSON_DESCRIPTIONS,
    PRECISION_WEIGHTS,
    PRECISIONS,
    PROPER_NAMES,
    REGIONS,
    SAMPLE_UNITS,
    SLOGANS,
    SOURCE_TEXT,
    SPELLING_VARIANTS,
    STANDALONE_KINDS,
    SUBPLACES,
    VENUES,
    VISIONS,
    K,
)

DEMO_PREFIX = "demo-"
DEMO_SOURCE_SLUG = "demo-data"
MAX_ORGANIZATIONS = 1_000_000
LATEST_YEAR = 2024
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

OrganizationAreas = Organization.areas.through
OrganizationCauses = Organization.causes.through

# Written in this order at every flush: each model only points at rows of models written before it (or
# earlier in its own list), so the foreign keys can be checked statement by statement.
WRITE_ORDER: tuple[type[models.Model], ...] = (
    Source,
    Place,
    Cause,
    Organization,
    Citation,
    OrganizationAreas,
    OrganizationCauses,
    Person,
    Body,
    Membership,
    Event,
    EventOrganization,
    Participation,
    Goal,
    Relation,
    Publication,
)


class DemoRefused(Exception):
    """The database is not one demo data may be written to (or the arguments are wrong)."""


def lam(text: str) -> str:
    """Arabic «ل» + a noun: «لل» before the article (للنساء), «ل» otherwise (لجمعية)."""
    return "لل" + text[2:] if text.startswith("ال") else "ل" + text


def feminine(adjective: str) -> str:
    return adjective + "ة"


def acronym(english: str) -> str:
    small = {"of", "for", "the", "and", "in", "against", "with", "on"}
    return "".join(word[0] for word in english.replace("'s", "").split() if word.lower() not in small).upper()


@functools.lru_cache(maxsize=4096)
def _normalize_cached(text: str) -> str:
    return normalize(text)


def search_text(model: type[models.Model], values: dict, cache: bool = False) -> str:
    """What `Searchable.save()` stores, from the values about to be bulk-created."""
    return model.search_text_from(values.get, fold=_normalize_cached if cache else normalize)


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

    Raw deletes: one DELETE statement per table, no signals, so no edit history is written for rows that
    never had any, and a million rows go in seconds. Places and causes stay: they are reference data, reused
    by the next run.
    """
    sources = list(demo_sources().values_list("pk", flat=True))
    demo_organizations = Organization.objects.filter(source_id__in=sources)
    demo_events = Event.objects.filter(source_id__in=sources)
    steps = [
        (Participation, Participation.objects.filter(event__in=demo_events)),
        (EventOrganization, EventOrganization.objects.filter(event__in=demo_events)),
        (Goal, Goal.objects.filter(source_id__in=sources)),
        (Membership, Membership.objects.filter(source_id__in=sources)),
        (Relation, Relation.objects.filter(source_id__in=sources)),
        (Publication, Publication.objects.filter(source_id__in=sources)),
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
    for model, queryset in steps:
        deleted[label(model)] = queryset._raw_delete(queryset.db)
        log(f"  deleted {deleted[label(model)]:>9,} {label(model)}")
    directory_changed()
    return deleted


def label(model: type[models.Model]) -> str:
    """A short English name for the model's rows, for the command's output."""
    return {
        OrganizationAreas: "organization areas",
        OrganizationCauses: "organization causes",
        EventOrganization: "event organizations",
        Participation: "participations",
        Person: "people",
        Body: "bodies",
    }.get(model, f"{model._meta.model_name}s")


def totals() -> list[tuple[str, int]]:
    """Rows per model in the database (all rows, demo or not)."""
    return [(label(model), model.objects.count()) for model in WRITE_ORDER]


@dataclass
class Org:
    """What the generator remembers of an organization while it builds the rows around it."""

    id: int
    index: int
    name_ar: str
    name_en: str
    gender: str
    kind: str
    country: str | None
    place: str  # code of its main place (a city, a region, a country or a multi-country region)
    seat: str | None
    founded: datetime.date | None
    precision: str
    level: int = 1
    status: str = Organization.Status.ACTIVE
    bureau: list[int] = field(default_factory=list)  # person ids


class Generator:
    def __init__(self, organizations: int, seed: int, batch_size: int = 5000, log=None):
        self.total = organizations
        self.seed = seed
        self.rng = random.Random(seed)
        self.batch_size = batch_size
        self.log = log or (lambda line: None)
        self.buffers: dict[type[models.Model], list] = {model: [] for model in WRITE_ORDER}
        self.templates: dict[type[models.Model], dict] = {}
        self.buffered = 0
        self.written = Counter()
        self.write_seconds = Counter()
        self.created = 0  # organizations
        self.counters = Counter()  # ordinal numbers in slugs, per kind of row
        self.next_id = {}
        self.org_pool: dict[str, list[int]] = {}  # per country: organizations a coalition may admit
        self.people_pool: dict[str, list[int]] = {}  # per country: people who may sit in a second body
        self.partners: dict[str, int] = {}
        self.started = time.monotonic()
        self.last_report = 0.0

    # --- Infrastructure -------------------------------------------------------------------------------

    def new_id(self, model) -> int:
        if model not in self.next_id:
            self.next_id[model] = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        value = self.next_id[model]
        self.next_id[model] = value + 1
        return value

    def add(self, model, **values):
        """A new row with the next primary key, buffered for the next flush.

        Built from a template instance rather than by `Model.__init__`, which is the most expensive step
        here (modeltranslation rewrites every keyword argument, and two signals fire per instance): the
        row gets the same attributes `__init__` would give it. `values` are attribute names (`parent_id`,
        `name_ar`, …); a misspelt one is an error, as in `__init__`.
        """
        template = self.templates.get(model)
        if template is None:
            blank = model()
            template = self.templates[model] = {k: v for k, v in vars(blank).items() if not k.startswith("_")}
        if not values.keys() <= template.keys():
            raise TypeError(f"{model.__name__} has no field {sorted(values.keys() - template.keys())}")
        row = model.__new__(model)
        row.__dict__.update(template)
        row.__dict__.update(values)
        row.id = self.new_id(model)
        row._state = ModelState()
        self.buffers[model].append(row)
        self.buffered += 1
        return row

    def ordinal(self, kind: str) -> int:
        self.counters[kind] += 1
        return self.counters[kind]

    def flush(self):
        for model in WRITE_ORDER:
            rows = self.buffers[model]
            if not rows:
                continue
            started = time.monotonic()
            model.objects.bulk_create(rows, batch_size=self.batch_size)
            self.write_seconds[model] += time.monotonic() - started
            self.written[model] += len(rows)
            self.buffers[model] = []
        self.buffered = 0
        # With DEBUG on (as every command here runs), Django keeps the text of the last 9,000 queries, and
        # each of these INSERTs is megabytes of SQL: forget them, or memory grows with N.
        reset_queries()
        elapsed = time.monotonic() - self.started
        if elapsed - self.last_report >= 5 or self.created == self.total:
            self.last_report = elapsed
            self.log(
                f"  {self.created:>9,} / {self.total:,} organizations, "
                f"{sum(self.written.values()):>10,} rows written · {elapsed:6.1f} s"
            )

    def reset_sequences(self):
        """Primary keys were given here: move each sequence past them (PostgreSQL; SQLite needs nothing)."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.next_id))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def precise_date(self, year: int, precision: str | None = None):
        precision = precision or self.rng.choices(PRECISIONS, PRECISION_WEIGHTS)[0]
        if precision == DatePrecision.UNKNOWN:
            return None, precision
        if precision == DatePrecision.YEAR:
            return datetime.date(year, 1, 1), precision
        month = self.rng.randint(1, 12)
        if precision == DatePrecision.MONTH:
            return datetime.date(year, month, 1), precision
        return datetime.date(year, month, self.rng.randint(1, calendar.monthrange(year, month)[1])), precision

    def founding_year(self, after: int | None = None) -> int:
        if after is not None:
            return min(LATEST_YEAR, after + int(self.rng.expovariate(1 / 4)))
        return max(1956, LATEST_YEAR - int(self.rng.expovariate(1 / 11)))

    def variant(self, text: str) -> str:
        """Sometimes spell an Arabic name as people often do (bare alef, yaa for alef maqsura, …)."""
        if self.chance(0.08):
            before, after = self.rng.choice(SPELLING_VARIANTS)
            return (text + " ").replace(before, after).rstrip()
        return text

    def cited(self, passage: str) -> dict:
        return {"source_id": self.source_id, "quote": PASSAGES[passage]}

    # --- Reference data -------------------------------------------------------------------------------

    def create_source(self):
        self.source_id = self.add(
            Source,
            slug=DEMO_SOURCE_SLUG,
            title_ar="بيانات تجريبية مولدة آليا (ليست بيانات حقيقية)",
            title_en="Synthetic demo data (not real data)",
            language="ar",
            published_on=None,
            published_on_precision=DatePrecision.UNKNOWN,
            full_text=SOURCE_TEXT,
            note_ar=f"أنشأه الأمر generate_demo_data ‏(--organizations {self.total} --seed {self.seed}).",
            note_en=f"Created by generate_demo_data (--organizations {self.total} --seed {self.seed}).",
        ).id

    def create_places(self):
        existing = {p.code: p for p in Place.objects.all()}
        self.places: dict[str, dict] = {}

        def place(code, kind, parent, name_ar, name_en, iso):
            country = code if kind in Place.COUNTRY_KINDS else self.places[parent]["country"]
            row = existing.get(code)
            if row is None:
                row = self.add(
                    Place,
                    code=code,
                    is_iso_code=iso,
                    kind=kind,
                    name_ar=name_ar,
                    name_en=name_en,
                    parent_id=self.places[parent]["id"] if parent else None,
                )
                # Place.save() derives it; bulk_create does not call save().
                row.country_id = row.id if country == code else self.places[country]["id"]
            self.places[code] = {
                "id": row.id,
                "kind": row.kind,
                "name_ar": row.name_ar,
                "name_en": row.name_en,
                "country": country,
                "parent": parent,
            }

        for code, name_ar, name_en, _adj_ar, _adj_en in REGIONS:
            place(code, Place.Kind.MULTI_COUNTRY_REGION, None, name_ar, name_en, False)
        for code, name_ar, name_en, *_ in COUNTRIES:
            place(code, Place.Kind.COUNTRY, None, name_ar, name_en, True)
        for code, kind, parent, name_ar, name_en in SUBPLACES:
            place(code, kind, parent, name_ar, name_en, kind != Place.Kind.CITY)
        self.countries = {c[0]: c for c in COUNTRIES}
        self.country_codes = [c[0] for c in COUNTRIES]
        self.country_weights = [c[6] for c in COUNTRIES]
        self.children: dict[str, list[str]] = {}
        for code, info in self.places.items():
            if info["parent"]:
                self.children.setdefault(info["parent"], []).append(code)

    def create_causes(self):
        existing = dict(Cause.objects.values_list("slug", "pk"))
        self.causes = {}
        for slug, name_ar, name_en, *_ in CAUSES:
            if slug in existing:
                self.causes[slug] = existing[slug]
            else:
                self.causes[slug] = self.add(Cause, slug=slug, name_ar=name_ar, name_en=name_en).id
        self.cause_rows = {c[0]: c for c in CAUSES}
        self.cause_slugs = [c[0] for c in CAUSES]
        self.cause_weights = [c[3] for c in CAUSES]

    # --- Choosing ---------------------------------------------------------------------------------------

    def pick_country(self) -> str:
        return self.rng.choices(self.country_codes, self.country_weights)[0]

    def cities(self, code: str) -> list[str]:
        """Cities in a place, at any depth."""
        found = []
        for child in self.children.get(code, []):
            if self.places[child]["kind"] == Place.Kind.CITY:
                found.append(child)
            found.extend(self.cities(child))
        return found

    def pick_city(self, country: str) -> str | None:
        cities = self.cities(country)
        return self.rng.choice(cities) if cities else None

    def pick_cause(self) -> str:
        return self.rng.choices(self.cause_slugs, self.cause_weights)[0]

    def pick_person_name(self, country: str | None):
        first_ar, first_en = self.rng.choice(FIRST_NAMES)
        maghreb = country is not None and self.countries[country][5] == "maghreb"
        families = FAMILY_NAMES_MAGHREB if maghreb else FAMILY_NAMES_MASHRIQ
        family_ar, family_en = self.rng.choice(families)
        if self.chance(0.1):
            second_ar, second_en = self.rng.choice(families)
            if second_ar != family_ar:
                family_ar, family_en = f"{family_ar} {second_ar}", f"{family_en} {second_en}"
        return f"{first_ar} {family_ar}", f"{first_en} {family_en}"

    # --- Organizations ----------------------------------------------------------------------------------

    @property
    def remaining(self) -> int:
        return self.total - self.created

    def organization(
        self,
        *,
        name_ar,
        name_en,
        gender,
        kind,
        scope,
        country,
        place,
        areas,
        parent: Org | None = None,
        short=("", ""),
        causes=(),
        status=None,
        slug=None,
        texts=True,
    ) -> Org:
        rng = self.rng
        index = self.ordinal("organization")
        self.created += 1
        status = (
            status
            or rng.choices(
                [
                    Organization.Status.ACTIVE,
                    Organization.Status.PLANNED,
                    Organization.Status.DISSOLVED,
                    Organization.Status.HIDDEN,
                ],
                [86, 5, 8, 1],
            )[0]
        )
        if status == Organization.Status.PLANNED:
            founded, precision = None, DatePrecision.UNKNOWN
        else:
            parent_year = parent.founded.year if parent and parent.founded else None
            founded, precision = self.precise_date(self.founding_year(parent_year))
        seat = place if self.places[place]["kind"] == Place.Kind.CITY else None
        if seat is None and country and self.chance(0.3):
            seat = self.pick_city(
                place if self.places[place]["kind"] != Place.Kind.MULTI_COUNTRY_REGION else country
            )
        values = {
            "slug": slug or f"{DEMO_PREFIX}{slugify(name_en)[:60].rstrip('-')}-{index}",
            "name_ar": self.variant(name_ar),
            "name_en": name_en,
            "short_name_ar": short[0],
            "short_name_en": short[1],
            "kind": kind,
            "scope": scope,
            "status": status,
            "parent_id": parent.id if parent else None,
            "seat_id": self.places[seat]["id"] if seat else None,
            "founded_on": founded,
            "founded_on_precision": precision,
            "member_count": None,
            "member_count_qualifier": "",
        }
        if self.chance(0.4):
            values["member_count"] = int(rng.lognormvariate(3.8, 1.0)) + 3
            values["member_count_qualifier"] = rng.choices(
                list(Organization.MemberCountQualifier.values), [50, 25, 25]
            )[0]
        causes = list(causes)
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            extra = self.pick_cause()
            if extra not in causes:
                causes.append(extra)
        where_ar, where_en = self.places[place]["name_ar"], self.places[place]["name_en"]
        topic_ar, topic_en = self.cause_rows[causes[0]][4] if causes else self.cause_rows["womens-rights"][4]
        if texts and self.chance(0.7):
            verb = "تعمل" if gender == "f" else "يعمل"
            if self.chance(0.5):
                values["description_ar"] = (
                    f"{name_ar} إطارٌ مدني مستقل يجمع نساءً من {where_ar}، ويعمل على {topic_ar}."
                )
                values["description_en"] = (
                    f"{name_en} is an independent civil-society framework bringing together women from "
                    f"{where_en}, working on {topic_en}."
                )
            else:
                values["description_ar"] = (
                    f"{verb} {name_ar} في {where_ar} على {topic_ar}، بتنظيم الندوات والدورات التكوينية "
                    "وحملات التوعية."
                )
                values["description_en"] = (
                    f"{name_en} works in {where_en} on {topic_en}, through seminars, training courses and "
                    "awareness campaigns."
                )
        if texts and self.chance(0.3):
            values["vision_ar"], values["vision_en"] = rng.choice(VISIONS)
        if texts and self.chance(0.3):
            values["mission_ar"] = f"العمل على {topic_ar} على المستوى المحلي والوطني والدولي."
            values["mission_en"] = f"To work on {topic_en} at local, national and international level."
        if texts and self.chance(0.2):
            values["slogan_ar"], values["slogan_en"] = rng.choice(SLOGANS)
        row = self.add(
            Organization,
            search_text=search_text(Organization, values),
            **values,
            **self.cited("parent" if parent else "organization"),
        )
        org = Org(
            id=row.id,
            index=index,
            name_ar=name_ar,
            name_en=name_en,
            gender=gender,
            kind=kind,
            country=country,
            place=place,
            seat=seat,
            founded=founded,
            precision=precision,
            level=parent.level + 1 if parent else 1,
            status=status,
        )
        # Field-level citations, one per field the demo source "states".
        cite = {"name": "organization"}
        if areas and self.chance(0.4):
            cite["areas"] = "organization"
        if causes and self.chance(0.4):
            cite["causes"] = "organization"
        if parent:
            cite["parent"] = "parent"
        if founded:
            cite["founded"] = "founded"
        if values["member_count"]:
            cite["members"] = "members"
        for name in ("description", "vision", "mission", "slogan"):
            if values.get(f"{name}_ar"):
                cite[name] = "texts"
        for name, passage in cite.items():
            self.add(Citation, organization_id=org.id, field=name, **self.cited(passage))
        for code in dict.fromkeys(areas):
            self.add(OrganizationAreas, organization_id=org.id, place_id=self.places[code]["id"])
        for slug in causes:
            self.add(OrganizationCauses, organization_id=org.id, cause_id=self.causes[slug])
        return org

    def furnish(self, org: Org, *, bureau_probability=0.5, goals=True):
        """What surrounds an organization: bodies, people, memberships, founding event, goals, …"""
        rng = self.rng
        founding_event = None
        if (org.founded and self.chance(0.75)) or (not org.founded and self.chance(0.15)):
            founding_event = self.founding_event(org)
        if org.status != Organization.Status.PLANNED and self.chance(bureau_probability):
            self.bureau(org, founding_event)
        if self.chance(0.1):
            self.preparatory_committee(org)
        if self.chance(0.04):
            self.add(
                Membership,
                person_id=self.new_person(org.country),
                organization_id=org.id,
                role=Membership.Role.MEMBER,
                start_precision=DatePrecision.UNKNOWN,
                end_precision=DatePrecision.UNKNOWN,
                **self.cited("membership"),
            )
        if goals:
            self.goals(org)
        if self.chance(0.06) or org.index % 40 == 7:
            self.publications(org)
        if self.partners.get("demo-regional-fund") and (self.chance(0.03) or org.index % 50 == 11):
            self.add(
                Relation,
                subject_id=org.id,
                kind=Relation.Kind.SUPPORTED_BY,
                object_id=self.partners[rng.choice(["demo-regional-fund", "demo-mediterranean-foundation"])],
                **self.cited("relation"),
            )
        if org.country and org.level == 1 and org.status != Organization.Status.HIDDEN:
            pool = self.org_pool.setdefault(org.country, [])
            if len(pool) < 400:
                pool.append(org.id)
            else:
                pool[rng.randrange(len(pool))] = org.id

    def new_person(self, country: str | None) -> int:
        name_ar, name_en = self.pick_person_name(country)
        values = {"name_ar": name_ar, "name_en": name_en}
        if self.chance(0.1):
            values["description_ar"], values["description_en"] = self.rng.choice(PERSON_DESCRIPTIONS)
        person_id = self.add(
            Person,
            slug=f"{DEMO_PREFIX}{slugify(name_en)}-{self.ordinal('person')}",
            published_latin=self.chance(0.25),
            is_public=not self.chance(0.004),
            search_text=search_text(Person, values),
            **values,
            **self.cited("person"),
        ).id
        if country:
            pool = self.people_pool.setdefault(country, [])
            if len(pool) < 500:
                pool.append(person_id)
            else:
                pool[self.rng.randrange(len(pool))] = person_id
        return person_id

    def person_for(self, org: Org, taken: set[int]) -> int:
        """Usually someone new; sometimes someone already active in another organization of the country."""
        pool = self.people_pool.get(org.country or "", [])
        if pool and self.chance(0.15):
            person = self.rng.choice(pool)
            if person not in taken:
                taken.add(person)
                return person
        person = self.new_person(org.country)
        taken.add(person)
        return person

    def later_date(self, start: datetime.date | None):
        """A membership's end, after its start (or unknown)."""
        if start is None or start.year >= LATEST_YEAR:
            return None, DatePrecision.UNKNOWN
        return datetime.date(self.rng.randint(start.year + 1, LATEST_YEAR), 1, 1), DatePrecision.YEAR

    def body(self, org: Org, slug: str, kind: str, name_ar: str, name_en: str, status=None, area=None) -> int:
        return self.add(
            Body,
            organization_id=org.id,
            slug=slug,
            kind=kind,
            name_ar=name_ar,
            name_en=name_en,
            status=status or Body.Status.FORMED,
            area_id=self.places[area]["id"] if area else None,
            **self.cited("body"),
        ).id

    def bureau(self, org: Org, founding_event: int | None):
        rng = self.rng
        if org.level >= 3 and org.kind == K.BRANCH:
            body = self.body(
                org,
                "provincial-bureau",
                Body.Kind.PROVINCIAL_BUREAU,
                "المكتب الإقليمي",
                "Provincial Bureau",
                area=org.place,
            )
            roles = [Membership.Role.PROVINCIAL_SECRETARY]
        elif org.kind in (K.NETWORK, K.NATIONAL_NETWORK, K.INTERNATIONAL_NETWORK, K.BRANCH):
            body = self.body(org, "national-bureau", Body.Kind.BUREAU, "المكتب الوطني", "National Bureau")
            roles = [Membership.Role.COORDINATOR, Membership.Role.DEPUTY_NATIONAL_COORDINATOR]
        else:
            body = self.body(
                org, "executive-bureau", Body.Kind.EXECUTIVE_BUREAU, "المكتب التنفيذي", "Executive Bureau"
            )
            roles = [Membership.Role.CHAIR]
        size = rng.randint(3, 9)
        roles += [Membership.Role.MEMBER] * (size - len(roles))
        if founding_event:  # elected at the founding assembly
            start, start_precision = org.founded, org.precision
        elif self.chance(0.6):
            start, start_precision = self.precise_date(
                self.founding_year(org.founded.year if org.founded else None)
            )
        else:
            start, start_precision = None, DatePrecision.UNKNOWN
        taken: set[int] = set()
        for role in roles:
            person = self.person_for(org, taken)
            end, end_precision = (
                self.later_date(start) if self.chance(0.08) else (None, DatePrecision.UNKNOWN)
            )
            self.add(
                Membership,
                person_id=person,
                organization_id=org.id,
                body_id=body,
                role=role,
                start=start,
                start_precision=start_precision,
                end=end,
                end_precision=end_precision,
                **self.cited("membership"),
            )
            org.bureau.append(person)
            if founding_event:
                self.add(
                    Participation, event_id=founding_event, person_id=person, role=Participation.Role.ELECTED
                )
        if founding_event:
            self.add(
                Participation,
                event_id=founding_event,
                person_id=org.bureau[0],
                role=Participation.Role.CONVENER,
            )
            pool = self.people_pool.get(org.country or "", [])
            supervisor = rng.choice(pool) if pool and self.chance(0.2) else None
            if supervisor is not None and supervisor not in taken:
                self.add(
                    Participation,
                    event_id=founding_event,
                    person_id=supervisor,
                    role=Participation.Role.SUPERVISOR,
                )
        if org.level == 2 and self.chance(0.3):
            regions = [
                c for c in self.children.get(org.place, []) if self.places[c]["kind"] != Place.Kind.CITY
            ]
            if regions:
                region = rng.choice(regions)
                name_ar = "التنسيقية الجهوية " + lam(self.places[region]["name_ar"])
                name_en = f"Regional Coordination for {self.places[region]['name_en']}"
                coordination = self.body(
                    org,
                    f"regional-coordination-{region.lower()}",
                    Body.Kind.REGIONAL_COORDINATION,
                    name_ar,
                    name_en,
                    area=region,
                )
                for k, person in enumerate([self.person_for(org, taken) for _ in range(rng.randint(2, 4))]):
                    self.add(
                        Membership,
                        person_id=person,
                        organization_id=org.id,
                        body_id=coordination,
                        role=Membership.Role.COORDINATOR if k == 0 else Membership.Role.MEMBER,
                        start_precision=DatePrecision.UNKNOWN,
                        end_precision=DatePrecision.UNKNOWN,
                        **self.cited("membership"),
                    )

    def preparatory_committee(self, org: Org):
        status = Body.Status.PLANNED if org.status == Organization.Status.PLANNED else Body.Status.FORMED
        body = self.body(
            org,
            "preparatory-committee",
            Body.Kind.PREPARATORY_COMMITTEE,
            "اللجنة التحضيرية",
            "Preparatory Committee",
            status=status,
        )
        taken: set[int] = set()
        for k in range(self.rng.randint(2, 5)):
            self.add(
                Membership,
                person_id=self.person_for(org, taken),
                organization_id=org.id,
                body_id=body,
                role=Membership.Role.COORDINATOR if k == 0 else Membership.Role.MEMBER,
                start_precision=DatePrecision.UNKNOWN,
                end_precision=DatePrecision.UNKNOWN,
                **self.cited("membership"),
            )

    def founding_event(self, org: Org) -> int:
        rng = self.rng
        kind = rng.choices([Event.Kind.FOUNDING_GENERAL_ASSEMBLY, Event.Kind.FOUNDING_ANNOUNCEMENT], [7, 3])[
            0
        ]
        if kind == Event.Kind.FOUNDING_GENERAL_ASSEMBLY:
            name_ar, name_en = (
                "الجمع العام التأسيسي " + lam(org.name_ar),
                f"Founding general assembly of the {org.name_en}",
            )
        else:
            name_ar, name_en = (
                "الإعلان عن تأسيس " + org.name_ar,
                f"Announcement of the founding of the {org.name_en}",
            )
        values = {}
        if self.chance(0.3):
            values["venue_ar"], values["venue_en"] = rng.choice(VENUES)
        if self.chance(0.25):
            place_ar = self.places[org.place]["name_ar"]
            values["description_ar"] = f"أُعلن خلاله تأسيس {org.name_ar} في {place_ar}."
            values["description_en"] = f"The founding of {org.name_en} was announced at it."
        event = self.add(
            Event,
            slug=f"{DEMO_PREFIX}founding-{org.index}",
            kind=kind,
            name_ar=name_ar,
            name_en=name_en,
            date=org.founded,
            date_precision=org.precision,
            place_id=self.places[org.seat or org.place]["id"],
            **values,
            **self.cited("event"),
        ).id
        self.add(
            EventOrganization, event_id=event, organization_id=org.id, role=EventOrganization.Role.FOUNDED
        )
        return event

    def meeting(self, org: Org, others: list[int]):
        rng = self.rng
        kind, word_ar, word_en = rng.choice(MEETINGS)
        year = self.founding_year(org.founded.year if org.founded else None)
        date, precision = self.precise_date(year)
        event = self.add(
            Event,
            slug=f"{DEMO_PREFIX}meeting-{self.ordinal('meeting')}",
            kind=kind,
            name_ar=f"{word_ar} {lam(org.name_ar)}",
            name_en=f"{word_en} {org.name_en}",
            date=date,
            date_precision=precision,
            place_id=self.places[org.seat or org.place]["id"],
            **self.cited("event"),
        )
        self.add(
            EventOrganization,
            event_id=event.id,
            organization_id=org.id,
            role=EventOrganization.Role.ORGANIZER,
        )
        for other in dict.fromkeys(others):
            self.add(
                EventOrganization,
                event_id=event.id,
                organization_id=other,
                role=EventOrganization.Role.PARTICIPANT,
            )
        for person in dict.fromkeys(org.bureau[: rng.randint(0, 6)]):
            self.add(Participation, event_id=event.id, person_id=person, role=Participation.Role.ATTENDEE)
        if self.chance(0.3):  # the objectives of this meeting
            items = rng.sample(GOALS[Goal.Kind.GENERAL_OBJECTIVE], rng.randint(1, 3))
            self.goal_list(org, Goal.Kind.SPECIFIC_OBJECTIVE, items, event=event.id)

    def goal_list(self, org: Org, kind: str, items, event=None):
        for order, (text_ar, text_en) in enumerate(items, start=1):
            values = {"text_ar": text_ar, "text_en": text_en}
            self.add(
                Goal,
                organization_id=org.id,
                event_id=event,
                kind=kind,
                order=order,
                search_text=search_text(Goal, values, cache=True),
                **values,
                **self.cited("goal"),
            )

    def goals(self, org: Org):
        rng = self.rng
        general = GOALS[Goal.Kind.GENERAL_OBJECTIVE]
        self.goal_list(org, Goal.Kind.GENERAL_OBJECTIVE, rng.sample(general, rng.randint(2, 6)))
        for kind, probability, most in [
            (Goal.Kind.SPECIFIC_OBJECTIVE, 0.25, 4),
            (Goal.Kind.MEANS, 0.2, 4),
            (Goal.Kind.ACTIVITY, 0.15, 3),
            (Goal.Kind.TASK, 0.05, 3),
            (Goal.Kind.SOURCE_OF_STRENGTH, 0.05, 3),
        ]:
            if self.chance(probability):
                self.goal_list(
                    org, kind, rng.sample(GOALS[kind], rng.randint(1, min(most, len(GOALS[kind]))))
                )

    def publications(self, org: Org):
        rng = self.rng
        kind = rng.choice(
            [
                Publication.Kind.MAGAZINE,
                Publication.Kind.FIELD_STUDY,
                Publication.Kind.STUDY,
                Publication.Kind.REPORT,
            ]
        )
        cause = self.cause_rows[self.pick_cause()]
        place = org.country or org.place
        values = {}
        if kind == Publication.Kind.MAGAZINE:
            proper_ar, proper_en = rng.choice(PROPER_NAMES)
            values.update(
                title_ar=f"مجلة {proper_ar}",
                title_en=f"{proper_en} Magazine",
                issue_count=rng.randint(1, 150),
            )
        elif kind == Publication.Kind.REPORT:
            year = rng.randint(org.founded.year if org.founded else 2000, LATEST_YEAR)
            values.update(title_ar=f"التقرير السنوي {year}", title_en=f"Annual report {year}")
        else:
            where_ar, where_en = self.places[place]["name_ar"], self.places[place]["name_en"]
            word_ar, word_en = (
                ("دراسة ميدانية", "Field study")
                if kind == Publication.Kind.FIELD_STUDY
                else ("دراسة", "Study")
            )
            values.update(
                title_ar=f"{word_ar} حول {cause[4][0]} في {where_ar}",
                title_en=f"{word_en} on {cause[4][1]} in {where_en}",
                place_id=self.places[place]["id"],
            )
            if kind == Publication.Kind.FIELD_STUDY:
                unit_ar, unit_en = rng.choice(SAMPLE_UNITS)
                values.update(
                    sample_size=rng.randint(40, 3000), sample_unit_ar=unit_ar, sample_unit_en=unit_en
                )
        if self.chance(0.3):
            values["description_ar"] = f"يتناول {cause[4][0]}."
            values["description_en"] = f"On {cause[4][1]}."
        publication = self.add(
            Publication,
            slug=f"{DEMO_PREFIX}publication-{self.ordinal('publication')}",
            organization_id=org.id,
            kind=kind,
            **values,
            **self.cited("publication"),
        )
        if kind == Publication.Kind.REPORT and self.chance(0.5):  # a study published as part of the report
            where_ar, where_en = self.places[place]["name_ar"], self.places[place]["name_en"]
            unit_ar, unit_en = rng.choice(SAMPLE_UNITS)
            self.add(
                Publication,
                slug=f"{DEMO_PREFIX}publication-{self.ordinal('publication')}",
                organization_id=org.id,
                kind=Publication.Kind.FIELD_STUDY,
                title_ar=f"دراسة ميدانية حول {cause[4][0]} في {where_ar}",
                title_en=f"Field study on {cause[4][1]} in {where_en}",
                part_of_id=publication.id,
                sample_size=rng.randint(40, 3000),
                sample_unit_ar=unit_ar,
                sample_unit_en=unit_en,
                place_id=self.places[place]["id"],
                **self.cited("publication"),
            )

    # --- Shapes of organizations ------------------------------------------------------------------------

    def standalone(self):
        rng = self.rng
        country = self.pick_country()
        _code, _country_ar, _country_en, adj_ar, adj_en, _region, _w = self.countries[country]
        kind_key = rng.choices(STANDALONE_KINDS, [KINDS[k][5] for k in STANDALONE_KINDS])[0]
        word_ar, definite_ar, gender, word_en, kind, _w = KINDS[kind_key]
        adj_ar = feminine(adj_ar) if gender == "f" else adj_ar
        cause = self.pick_cause()
        phrase_ar, phrase_en = rng.choice(self.cause_rows[cause][5])
        group_ar, group_en = rng.choice(GROUPS)
        short = ("", "")
        pattern = rng.choices(
            ["adjective-group", "adjective-cause", "group-cause-place", "proper"], [2, 2, 4, 3]
        )[0]
        place, scope = country, Organization.Scope.NATIONAL
        if pattern == "adjective-group":
            name_ar, name_en = f"{definite_ar} {adj_ar} {lam(group_ar)}", f"{adj_en} {word_en} of {group_en}"
            if self.chance(0.4):
                short = (acronym(name_en), acronym(name_en))
        elif pattern == "adjective-cause":
            name_ar, name_en = f"{definite_ar} {adj_ar} {phrase_ar}", f"{adj_en} {word_en} {phrase_en}"
            if self.chance(0.4):
                short = ("", acronym(name_en))
        else:
            if self.chance(0.75):
                place = self.pick_city(country) or country
            elif self.chance(0.5):
                regions = [
                    c for c in self.children.get(country, []) if self.places[c]["kind"] != Place.Kind.CITY
                ]
                place = rng.choice(regions) if regions else country
            where_ar, where_en = self.places[place]["name_ar"], self.places[place]["name_en"]
            scope = {
                Place.Kind.CITY: Organization.Scope.LOCAL,
                Place.Kind.REGION: Organization.Scope.SUBNATIONAL_REGION,
                Place.Kind.PROVINCE: Organization.Scope.PROVINCE,
            }.get(self.places[place]["kind"], Organization.Scope.NATIONAL)
            if pattern == "group-cause-place":
                name_ar = f"{word_ar} {group_ar} {phrase_ar} في {where_ar}"
                name_en = f"{word_en} of {group_en} {phrase_en} in {where_en}"
            else:
                proper_ar, proper_en = rng.choice(PROPER_NAMES)
                name_ar, name_en = f"{word_ar} {proper_ar} {phrase_ar}", f"{proper_en} {word_en} {phrase_en}"
                if self.chance(0.4):
                    short = (proper_ar, proper_en)
        if self.chance(0.05):
            scope = Organization.Scope.UNKNOWN
        org = self.organization(
            name_ar=name_ar,
            name_en=name_en,
            gender=gender,
            kind=kind,
            scope=scope,
            country=country,
            place=place,
            areas=[place],
            short=short,
            causes=[cause],
        )
        self.furnish(org)

    def network(self, international: bool):
        """A network and its branches, at most four levels: network, national branches, regional branches,
        local offices (a national network starts at the second of these)."""
        rng = self.rng
        group_ar, group_en = rng.choice(GROUPS)
        cause = self.pick_cause()
        kind_key = rng.choice(["network", "network", "union", "league"])
        _word_ar, definite_ar, gender, word_en, _kind, _w = KINDS[kind_key]
        if international:
            region = rng.choice([*REGIONS, None, None])
            if region:
                code, _ar, _en, adj_ar, adj_en = region
                countries = [c[0] for c in COUNTRIES if c[5] == code]
                areas, kind, scope = [code], K.NETWORK, Organization.Scope.MULTI_COUNTRY_REGION
            else:
                adj_ar, adj_en = rng.choice([("العربي", "Arab"), ("الدولي", "International")])
                countries = rng.sample(self.country_codes, rng.randint(3, 8))
                areas, kind = countries, K.INTERNATIONAL_NETWORK
                scope = Organization.Scope.INTERNATIONAL
            adj_ar = feminine(adj_ar) if gender == "f" else adj_ar
            place = region[0] if region else countries[0]
            root = self.organization(
                name_ar=f"{definite_ar} {adj_ar} {lam(group_ar)}",
                name_en=f"{adj_en} {word_en} of {group_en}",
                gender=gender,
                kind=kind,
                scope=scope,
                country=None if region else countries[0],
                place=place,
                areas=areas,
                causes=[cause],
            )
        else:
            country = self.pick_country()
            _c, _ar, _en, adj_ar, adj_en, _r, _w = self.countries[country]
            adj_ar = feminine(adj_ar) if gender == "f" else adj_ar
            kind = K.NATIONAL_NETWORK if kind_key == "network" else K.NETWORK
            root = self.organization(
                name_ar=f"{definite_ar} {adj_ar} {lam(group_ar)}",
                name_en=f"{adj_en} {word_en} of {group_en}",
                gender=gender,
                kind=kind,
                scope=Organization.Scope.NATIONAL,
                country=country,
                place=country,
                areas=[country],
                causes=[cause],
            )
            countries = [country]
        self.furnish(root, bureau_probability=1.0)
        if self.partners.get("demo-advisory-council") and international and self.chance(0.5):
            self.add(
                Relation,
                subject_id=root.id,
                kind=Relation.Kind.CONSULTATIVE_STATUS_WITH,
                object_id=self.partners["demo-advisory-council"],
                **self.cited("relation"),
            )
        branches = []
        # Level 2: one branch per country (international) or per region or city (national).
        if international:
            level_two = countries
        else:
            places = self.children.get(root.country, [])
            level_two = rng.sample(places, min(len(places), rng.randint(1, 6)))
        for code in level_two:
            if not self.remaining:
                break
            branch = self.branch(root, code, "فرع", "Branch")
            branches.append(branch)
            # Level 3 and 4: regions and cities inside.
            inside = self.children.get(code, [])
            for sub in rng.sample(inside, min(len(inside), rng.randint(0, 3))):
                if not self.remaining:
                    break
                section = self.branch(root, sub, "فرع", "Branch", parent=branch)
                branches.append(section)
                cities = self.children.get(sub, [])
                for city in rng.sample(cities, min(len(cities), rng.randint(0, 2))):
                    if not self.remaining:
                        break
                    branches.append(self.branch(root, city, "مكتب", "Office", parent=section))
        for _ in range(rng.randint(1, 3)):
            self.meeting(root, [b.id for b in rng.sample(branches, min(len(branches), rng.randint(0, 5)))])

    def branch(self, root: Org, code: str, word_ar: str, word_en: str, parent: Org | None = None) -> Org:
        place = self.places[code]
        scope = {
            Place.Kind.COUNTRY: Organization.Scope.NATIONAL,
            Place.Kind.REGION: Organization.Scope.SUBNATIONAL_REGION,
            Place.Kind.PROVINCE: Organization.Scope.PROVINCE,
            Place.Kind.CITY: Organization.Scope.LOCAL,
        }[place["kind"]]
        org = self.organization(
            name_ar=f"{root.name_ar}، {word_ar} {place['name_ar']}",
            name_en=f"{root.name_en} – {place['name_en']} {word_en}",
            gender=root.gender,
            kind=K.BRANCH,
            scope=scope,
            country=place["country"],
            place=code,
            areas=[code],
            parent=parent or root,
            texts=self.chance(0.3),
        )
        self.furnish(org, bureau_probability=0.6, goals=self.chance(0.5))
        return org

    def coalition(self):
        rng = self.rng
        country = self.pick_country()
        if not self.org_pool.get(country):  # a coalition needs organizations to admit
            candidates = [code for code in self.country_codes if self.org_pool.get(code)]
            country = rng.choice(candidates) if candidates else country
        _c, _ar, _en, adj_ar, adj_en, _r, _w = self.countries[country]
        kind_key = rng.choice(["coalition", "coalition", "coordination", "network"])
        _word_ar, definite_ar, gender, word_en, _kind, _w = KINDS[kind_key]
        cause = self.pick_cause()
        phrase_ar, phrase_en = rng.choice(self.cause_rows[cause][5])
        adj_ar = feminine(adj_ar) if gender == "f" else adj_ar
        org = self.organization(
            name_ar=f"{definite_ar} {adj_ar} {phrase_ar}",
            name_en=f"{adj_en} {word_en} {phrase_en}",
            gender=gender,
            kind=K.COALITION,
            scope=Organization.Scope.NATIONAL,
            country=country,
            place=country,
            areas=[country],
            causes=[cause],
        )
        pool = self.org_pool.get(country, [])
        members = rng.sample(pool, min(len(pool), rng.randint(2, 12)))  # before it joins the pool itself
        self.furnish(org, bureau_probability=0.2)
        start, precision = (org.founded, org.precision) if org.founded else (None, DatePrecision.UNKNOWN)
        for member in members:
            self.add(
                Membership,
                member_organization_id=member,
                organization_id=org.id,
                role=Membership.Role.MEMBER,
                start=start,
                start_precision=precision,
                end_precision=DatePrecision.UNKNOWN,
                **self.cited("membership"),
            )
        if members:  # a coordination committee of people acting for member organizations
            body = self.body(
                org, "coordination-committee", Body.Kind.BUREAU, "لجنة التنسيق", "Coordination Committee"
            )
            taken: set[int] = set()
            for k, member in enumerate(members[: rng.randint(1, 4)]):
                self.add(
                    Membership,
                    person_id=self.person_for(org, taken),
                    organization_id=org.id,
                    body_id=body,
                    on_behalf_of_id=member,
                    role=Membership.Role.COORDINATOR if k == 0 else Membership.Role.MEMBER,
                    start=start,
                    start_precision=precision,
                    end_precision=DatePrecision.UNKNOWN,
                    **self.cited("membership"),
                )
            if self.chance(0.5):
                self.meeting(org, members[:5])

    def party(self):
        """A political party and its women's organization."""
        rng = self.rng
        country = self.pick_country()
        noun_ar, noun_en = rng.choice(PARTY_NOUNS)
        adj_ar, adj_en = rng.choice(PARTY_ADJECTIVES)
        party_ar, party_en = f"حزب {noun_ar} {adj_ar}", f"{adj_en} {noun_en} Party"
        party = self.organization(
            name_ar=party_ar,
            name_en=f"{party_en} ({self.countries[country][2]})",
            gender="m",
            kind=K.POLITICAL_PARTY,
            scope=Organization.Scope.NATIONAL,
            country=country,
            place=country,
            areas=[country],
            texts=False,
        )
        self.furnish(party, bureau_probability=0.3, goals=False)
        if not self.remaining:
            return
        women = self.organization(
            name_ar=f"منظمة نساء {party_ar}",
            name_en=f"Women's Organization of the {party_en}",
            gender="f",
            kind=K.PARTY_WOMENS_ORGANIZATION,
            scope=Organization.Scope.NATIONAL,
            country=country,
            place=country,
            areas=[country],
            causes=["political-participation"],
        )
        self.furnish(women, bureau_probability=0.8)
        self.add(
            Relation,
            subject_id=women.id,
            kind=Relation.Kind.WOMENS_ORGANIZATION_OF,
            object_id=party.id,
            **self.cited("relation"),
        )

    def create_partners(self):
        for slug, name_ar, name_en, kind in PARTNERS:
            org = self.organization(
                name_ar=name_ar,
                name_en=name_en,
                gender="m",
                kind=kind,
                scope=Organization.Scope.MULTI_COUNTRY_REGION,
                country=None,
                place="maghreb",
                areas=[code for code, *_ in REGIONS],
                slug=slug,
                status=Organization.Status.ACTIVE,
                texts=False,
            )
            self.partners[slug] = org.id

    # --- The run ----------------------------------------------------------------------------------------

    def run(self) -> Counter:
        # The untranslated columns (`name`, …) take the active language's text, as in a save(): the default.
        with translation.override(settings.LANGUAGE_CODE):
            self.create_source()
            self.create_places()
            self.create_causes()
            if self.total >= 30:
                self.create_partners()
            shapes = [
                self.standalone,
                lambda: self.network(False),
                lambda: self.network(True),
                self.coalition,
                self.party,
            ]
            weights = [75, 9, 1.5, 10, 1]
            threshold = 10 * self.batch_size
            while self.remaining:
                self.rng.choices(shapes, weights)[0]()
                if self.buffered >= threshold:
                    self.flush()
            self.flush()
            self.reset_sequences()
        return self.written


def generate(organizations: int, seed: int, *, batch_size: int = 5000, log=None) -> Generator:
    """Write a demo directory of `organizations` organizations. Call inside a transaction, after
    `check_database()`. Returns the generator, whose `written` and `write_seconds` count rows and time per
    model."""
    if not 1 <= organizations <= MAX_ORGANIZATIONS:
        raise DemoRefused(
            f"--organizations must be between 1 and {MAX_ORGANIZATIONS:,} (got {organizations:,})."
        )
    generator = Generator(organizations, seed, batch_size=batch_size, log=log)
    if connection.vendor == "postgresql":
        # Check foreign keys at the end of each INSERT rather than all at commit: rows are written in
        # dependency order, and PostgreSQL need not queue millions of deferred checks.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    generator.run()
    directory_changed()  # bulk_create sends no signals: cached pages must be dropped by hand
    return generator
