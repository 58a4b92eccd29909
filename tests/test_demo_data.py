"""The demo data generator (`manage.py generate_demo_data`): a synthetic directory that obeys every rule of
the real one, is the same for the same seed, and never lands in a database holding the real seeds."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from devtools import demo
from networks.models import (
    DIRECTORY_MODELS,
    Body,
    Cause,
    Citation,
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
from networks.seeds import fold_whitespace
from tests.shared import rolled_back

pytestmark = pytest.mark.django_db

N = 60
TABLES = demo.WRITE_ORDER  # the directory's models and the two many-to-many tables of organizations


def generate(organizations=N, seed=1, *args, **options) -> str:
    out = StringIO()
    call_command(
        "generate_demo_data",
        "--organizations",
        str(organizations),
        "--seed",
        str(seed),
        "--demo-ok",
        *args,
        stdout=out,
        **options,
    )
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {demo.label(model): model.objects.count() for model in TABLES}


def digest() -> str:
    """Everything generated, by natural keys (no database ids), in a stable order."""
    views = {
        Organization: [
            "slug", "name_ar", "name_en", "short_name_ar", "short_name_en", "kind", "scope", "status",
            "parent__slug", "seat__code", "founded_on", "founded_on_precision", "member_count",
            "member_count_qualifier", "description_ar", "vision_en", "mission_en", "slogan_ar", "search_text",
        ],
        Citation: ["organization__slug", "field", "quote"],
        demo.OrganizationAreas: ["organization__slug", "place__code"],
        demo.OrganizationCauses: ["organization__slug", "cause__slug"],
        Person: ["slug", "name_ar", "name_en", "published_latin", "is_public", "description_en"],
        Body: ["organization__slug", "slug", "kind", "name_ar", "status", "area__code"],
        Membership: [
            "person__slug", "member_organization__slug", "organization__slug", "body__slug", "role",
            "on_behalf_of__slug", "start", "start_precision", "end", "end_precision",
        ],
        Event: ["slug", "kind", "name_ar", "date", "date_precision", "place__code", "venue_en"],
        EventOrganization: ["event__slug", "organization__slug", "role"],
        Participation: ["event__slug", "person__slug", "role"],
        Goal: ["organization__slug", "event__slug", "kind", "order", "text_ar", "text_en"],
        Relation: ["subject__slug", "kind", "object__slug"],
        Publication: [
            "slug", "organization__slug", "kind", "title_ar", "part_of__slug", "issue_count", "sample_size",
            "place__code",
        ],
    }  # fmt: skip
    hasher = hashlib.sha256()
    for model, fields in views.items():
        for row in sorted(map(repr, model.objects.values_list(*fields))):
            hasher.update(row.encode())
    return hasher.hexdigest()


def depth(organization: Organization) -> int:
    return 1 + len(organization.ancestors())


@pytest.fixture(scope="class")
def _generated_for_class(django_db_setup, django_db_blocker) -> str:
    with django_db_blocker.unblock(), rolled_back():
        yield generate()


@pytest.fixture
def generated(_generated_for_class, db) -> str:
    """The demo directory of N organizations, generated once per class (tests that use it run after the
    module's other tests: conftest.py); the command's output."""
    return _generated_for_class


class TestWhatItWrites:
    def test_the_expected_rows_and_every_model_has_some(self, generated):
        assert Organization.objects.count() == N
        counts = row_counts()
        assert all(counts.values()), counts
        # Every model of the directory is covered.
        assert set(DIRECTORY_MODELS) <= set(TABLES)
        # One demo source; every Middle East and North Africa country, regions and cities.
        assert list(Source.objects.values_list("slug", flat=True)) == [demo.DEMO_SOURCE_SLUG]
        assert sorted(Place.objects.filter(kind="country").values_list("code", flat=True)) == sorted(
            code for code, *_ in demo.COUNTRIES
        )
        assert Place.objects.filter(kind=Place.Kind.MULTI_COUNTRY_REGION).count() == len(demo.REGIONS)
        assert Place.objects.count() == len(demo.COUNTRIES) + len(demo.REGIONS) + len(demo.SUBPLACES)
        assert Cause.objects.count() == len(demo.CAUSES)
        # Each organization has its name cited, works somewhere, and numbers its goals 1, 2, 3…
        assert Citation.objects.filter(field="name").count() == N
        assert demo.OrganizationAreas.objects.values("organization").distinct().count() == N
        lists: dict = {}
        for organization, event, kind, order in Goal.objects.values_list(
            "organization", "event", "kind", "order"
        ):
            lists.setdefault((organization, event, kind), []).append(order)
        assert lists and all(sorted(orders) == list(range(1, len(orders) + 1)) for orders in lists.values())
        # Memberships sit in bodies of their own organization, and organizations are members of coalitions.
        assert (
            Membership.objects.filter(body__isnull=False)
            .exclude(body__organization=F("organization"))
            .count()
            == 0
        )
        assert Membership.objects.filter(member_organization__isnull=False).exists()

    def test_the_command_reports_rows_written_and_totals(self, generated):
        for name, count in row_counts().items():
            assert f"{name:>24}: {count:>11,}" in generated
        assert f"Demo data: {N} organizations (seed 1)" in generated

    def test_slugs_are_prefixed_so_they_never_collide_with_the_seeds(self, generated):
        for model in (Source, Organization, Person, Event, Publication):
            assert not model.objects.exclude(slug__startswith="demo-").exists(), model
        taxonomy_slugs = {slug for slug, *_ in demo.CAUSES[:12]}
        assert not Cause.objects.exclude(slug__startswith="demo-").exclude(slug__in=taxonomy_slugs).exists()

    def test_rows_pass_the_validation_the_admin_applies(self, generated):
        # Every organization, and a sample of every other model (full_clean queries for each constraint).
        for model in DIRECTORY_MODELS:
            rows = model.objects.order_by("pk")
            for row in rows if model is Organization else rows[:N]:
                row.full_clean()

    def test_dates_come_at_every_precision_with_their_qualifiers(self, generated):
        precisions = set(Organization.objects.values_list("founded_on_precision", flat=True))
        precisions |= set(Event.objects.values_list("date_precision", flat=True))
        assert precisions == set(DatePrecision.values)
        assert not Organization.objects.filter(founded_on__isnull=True).exclude(
            founded_on_precision="unknown"
        )
        assert set(
            Organization.objects.filter(member_count__isnull=False).values_list(
                "member_count_qualifier", flat=True
            )
        ) == set(Organization.MemberCountQualifier.values)
        assert Event.objects.filter(date__isnull=True).exists()  # an undated founding

    def test_every_quote_is_a_passage_of_its_demo_source(self, generated):
        for model in (*demo.FACT_MODELS, Citation):
            for row in model.objects.select_related("source"):
                assert row.source.slug.startswith("demo-")
                assert row.quote and fold_whitespace(row.quote) in fold_whitespace(row.source.full_text), row
        source = Source.objects.get()
        assert "Synthetic" in source.title_en and "not a real document" in source.full_text

    def test_derived_fields_are_what_save_would_store(self, generated):
        rows = [
            *Organization.objects.all(),
            *Person.objects.order_by("pk")[:40],
            *Goal.objects.order_by("pk")[:40],
        ]
        for row in rows:
            stored = row.search_text
            row.save()
            row.refresh_from_db()
            assert row.search_text == stored, row
        for place in Place.objects.select_related("country"):
            assert place.country == place.find_country(), place

    def test_parent_trees_have_no_cycle_and_at_most_four_levels(self, generated):
        depths = []
        for organization in Organization.objects.select_related("parent__parent__parent__parent"):
            seen, node = set(), organization
            while node is not None:
                assert node.pk not in seen, f"cycle at {organization.slug}"
                seen.add(node.pk)
                node = node.parent
            depths.append(depth(organization))
        assert 2 <= max(depths) <= 4
        assert Organization.objects.filter(kind="branch", parent__isnull=False).exists()

    def test_arabic_names_exercise_the_search(self, generated):
        names = " ".join(Organization.objects.values_list("name_ar", flat=True))
        names += " ".join(Person.objects.values_list("name_ar", flat=True))
        for letter in "أإآةىئؤ":
            assert letter in names, letter


class TestDeterminism:
    def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(self):
        generate(seed=1)
        first = digest()
        generate(N, 1, "--replace")  # deletes the demo rows, then generates again
        assert digest() == first
        generate(N, 2, "--replace")
        assert digest() != first
        assert Organization.objects.count() == N and Source.objects.count() == 1

    def test_replace_deletes_the_previous_demo_rows_first(self):
        generate(seed=3)
        fresh = row_counts()
        output = generate(N, 3, "--replace")
        assert "deleted" in output
        assert row_counts() == fresh

    def test_replace_writes_no_edit_history(self):
        # Demo rows never had any history; deleting them must not give each a deletion record.
        generate(20, 4)
        generate(20, 4, "--replace")
        for model in DIRECTORY_MODELS:
            assert not model.history.exists(), model

    def test_sequences_move_past_the_generated_ids(self):
        generate(20)
        top = Organization.objects.order_by("-pk").first()
        created = Organization.objects.create(
            slug="after-the-demo", name_en="After", kind="association", scope="local", source=top.source,
            quote=top.quote,
        )  # fmt: skip
        assert created.pk > top.pk
        assert Goal.objects.create(organization=created, kind="means", order=1, text_en="x", **cited(top)).pk

    def test_a_single_organization(self):
        generate(1)
        assert Organization.objects.count() == 1


class TestRefusals:
    def test_without_demo_ok_it_refuses_and_writes_nothing(self):
        before = row_counts()
        with pytest.raises(CommandError, match="--demo-ok"):
            call_command("generate_demo_data", "--organizations", "10", stdout=StringIO())
        assert row_counts() == before == dict.fromkeys(before, 0)

    def test_it_refuses_a_database_with_the_real_seeds_and_writes_nothing(self, seeded):
        before = row_counts()
        with pytest.raises(CommandError, match="holds real sources") as refusal:
            generate(10)
        assert "shabakat_demo" in str(refusal.value) and "Nothing was written" in str(refusal.value)
        assert row_counts() == before

    def test_it_refuses_to_add_to_demo_data_without_replace(self, generated):
        before = row_counts()
        with pytest.raises(CommandError, match=r"holds demo data already.*--replace"):
            generate(10)
        assert row_counts() == before

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("0", "must be between 1 and 1,000,000"),
            ("-3", "must be between 1 and 1,000,000"),
            ("1000001", "must be between 1 and 1,000,000"),
            ("ten", "must be a whole number"),
            ("2.5", "must be a whole number"),
        ],
    )
    def test_invalid_organization_counts_are_clear_errors(self, value, message):
        with pytest.raises(CommandError, match=f"--organizations: {message}"):
            call_command("generate_demo_data", "--organizations", value, "--demo-ok", stdout=StringIO())
        with pytest.raises(CommandError, match=f"--organizations: {message}"):
            call_command("generate_demo_data", organizations=value, demo_ok=True, stdout=StringIO())
        assert not Organization.objects.exists()


def cited(row) -> dict:
    return {"source": row.source, "quote": row.quote}


class TestPublicPages:
    def test_search_folds_the_arabic_spellings_of_demo_names(self, client, generated):
        # A name written with hamza on alef is found when typed without it, and the other way round.
        organization = (
            Organization.objects.published()
            .filter(name_ar__contains="أ")
            .exclude(name_ar__contains="إ")
            .first()
        )
        word = next(w for w in organization.name_ar.split() if "أ" in w)
        response = client.get("/en/organizations/", {"q": word.replace("أ", "ا")})
        assert organization in response.context["paginator"].object_list

    def test_the_list_filtered_by_a_demo_country_lists_demo_organizations(self, client, generated):
        country = (
            Place.objects.filter(kind="country", organizations__status="active").order_by("code").first()
        )
        response = client.get(f"/en/organizations/?country={country.code}")
        assert response.status_code == 200
        listed = list(response.context["object_list"])
        assert listed and all(o.slug.startswith("demo-") for o in listed)
        assert listed[0].name_en in response.content.decode()

    def test_organization_person_place_and_home_pages_of_demo_data(self, client, generated):
        network = (
            Organization.objects.published()
            .filter(children__isnull=False, bodies__isnull=False, goals__isnull=False)
            .first()
        )
        for language, name in (("en", network.name_en), ("ar", network.name_ar)):
            response = client.get(f"/{language}/organizations/{network.slug}/")
            assert response.status_code == 200
            assert name in response.content.decode()
        person = Person.objects.public().filter(memberships__isnull=False).first()
        assert client.get(f"/en/people/{person.slug}/").status_code == 200
        assert client.get("/en/places/MA/").status_code == 200
        assert client.get("/en/").status_code == 200
        assert client.get("/en/events/").status_code == 200
