"""Privacy of the people named, and retired records: what the public can read, everywhere.

A person marked not public (`Person.is_public = False`) disappears from every public output: pages, search,
exports and the API, including the quoted passages and source texts that name them. An organization with the
status "hidden" disappears the same way. Staff still see both in the admin.
"""

import io
import json
import pickle
import re

import pytest
from django.utils import translation
from openpyxl import load_workbook
from rest_framework.throttling import SimpleRateThrottle

from networks import privacy, public
from networks.models import Organization, Person
from networks.privacy import Redactor
from networks.search import name_pattern, normalize
from tests.admin_helpers import admin_url
from tests.builders import make_goal, make_membership, make_organization, make_person, make_source

pytestmark = pytest.mark.django_db

LISTS = ("organizations", "people", "events", "goals")
API_LISTS = ("organizations", "people", "events", "places", "causes", "sources")


def body_text(response) -> str:
    """The text of any response: pages, streamed CSV/JSON, and XLSX (every cell of every sheet)."""
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
        return "\n".join(
            " ".join(str(cell) for cell in row if cell is not None)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def public_outputs(client):
    """(url, text) of everything the public can read: every page of the sitemap in both languages, every
    list with its CSV, XLSX and JSON export, and every API list (all its pages) and record."""
    urls = ["/sitemap.xml"]
    sitemap = client.get("/sitemap.xml").content.decode()
    urls += sorted(
        {re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r'(?:<loc>|href=")([^<"]+)', sitemap)}
    )
    for language in ("ar", "en"):
        for name in LISTS:
            urls.append(f"/{language}/{name}/")
            urls += [f"/{language}/{name}/export.{fmt}" for fmt in ("csv", "xlsx", "json")]
    for name in API_LISTS:
        url = f"/api/{name}/"
        while url:
            answer = client.get(url)
            assert answer.status_code == 200, url
            urls.append(url)
            data = answer.json()
            key = {"places": "id", "causes": "id", "sources": "id"}.get(name, "id")
            urls += [f"/api/{name}/{item[key]}/" for item in data["results"]]
            url = data["next"] and re.sub(r"^https?://[^/]+", "", data["next"])
    for url in dict.fromkeys(urls):
        response = client.get(url, follow=True)  # the sitemap's x-default is "/", which redirects
        assert response.status_code == 200, url
        yield url, body_text(response)


@pytest.fixture
def api_unthrottled(monkeypatch):
    """These tests read the whole API many times a minute. (DRF reads the rates once, at import.)"""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None})


class TestAPersonWhoIsNotPublic:
    # One person quoted in an English source, one in the Arabic bureau list of thirteen.
    @pytest.mark.parametrize("slug", ["nisreen-amer", "fouzia-labyad"])
    def test_disappears_from_every_public_output(self, client, seeded, api_unthrottled, slug):
        person = Person.objects.get(slug=slug)
        names = [person.name_ar, person.name_en]
        # The test must see the name first (where a public person is listed), before crawling every output.
        assert person.name_ar in body_text(client.get("/ar/people/"))

        Person.objects.filter(pk=person.pk).update(is_public=False)
        for url, text in public_outputs(client):
            for name in [*names, slug]:
                assert re.search(name_pattern(name), text) is None, f"{name!r} is on {url}"
        assert client.get(f"/en/people/{slug}/").status_code == 404
        assert client.get(f"/api/people/{slug}/").status_code == 404

    def test_the_role_stays_on_the_organization_page_without_the_name(self, client, seeded):
        Person.objects.filter(slug="fouzia-labyad").update(is_public=False)
        html = client.get("/en/organizations/inlw-morocco/").content.decode()
        assert "Name withheld" in html
        assert "[name withheld]" in html  # in the quoted passages of the Sources section
        assert "Fouzia" not in html

    def test_searching_the_name_finds_nothing_even_the_organization(self, client, seeded, api_unthrottled):
        assert "inlw-morocco" in client.get("/en/organizations/", {"q": "Fouzia Labyad"}).content.decode()
        Person.objects.filter(slug="fouzia-labyad").update(is_public=False)
        assert "inlw-morocco" not in client.get("/en/organizations/", {"q": "Fouzia Labyad"}).content.decode()
        assert client.get("/api/people/", {"q": "Labyad"}).json()["count"] == 0

    def test_staff_still_see_the_name(self, client, seeded, editor):
        person = Person.objects.get(slug="nisreen-amer")
        Person.objects.filter(pk=person.pk).update(is_public=False)
        client.force_login(editor)
        changelist = client.get(admin_url("networks_person_changelist"), {"is_public__exact": "0"})
        assert "Nisreen Amer" in changelist.content.decode()
        assert client.get(admin_url("networks_person_change", person.pk)).status_code == 200


class TestRedactor:
    @pytest.fixture(autouse=True)
    def in_english(self):
        """ "[name withheld]" is translated: these tests read it in English, whatever ran before them."""
        with translation.override("en"):
            yield

    def test_finds_the_name_however_it_is_spelled(self):
        redact = Redactor(["فاطمة الزهراء", "Béni Amer"])
        assert redact("قالت فَاطِمَه  الزهراء إن") == "قالت [name withheld] إن"
        assert redact("وفاطمة الزهراء") == "و[name withheld]"  # after a prefix
        assert redact("Mrs. BENI amer said") == "Mrs. [name withheld] said"
        assert redact("Mrs. Beni  Amer said") == "Mrs. [name withheld] said"

    def test_without_withheld_people_it_changes_nothing(self):
        assert Redactor([])("فاطمة الزهراء") == "فاطمة الزهراء"
        assert public.redactor().by_first_word == {}

    def test_knows_only_the_people_who_are_not_public(self):
        make_person(name_ar="سلمى", name_en="Salma", is_public=False)
        make_person(name_ar="ليلى", name_en="Layla")
        redact = public.redactor()
        assert redact("سلمى و ليلى; Salma and Layla") == "[name withheld] و ليلى; [name withheld] and Layla"

    def test_a_row_of_texts_is_redacted_text_by_text_only_where_a_name_is(self):
        redact = Redactor(["فاطمة الزهراء"])
        row = ["قالت فاطمة", "", "الزهراء", "وفاطمة الزهراء هنا"]
        assert redact.all(row) == ["قالت فاطمة", "", "الزهراء", "و[name withheld] هنا"]
        assert redact.all(["نص", "", "آخر"]) == ["نص", "", "آخر"]
        assert Redactor([]).all(row) is row

    def test_a_passage_quoted_again_is_read_once_and_redacted_alike(self, monkeypatch):
        redact = Redactor(["فاطمة الزهراء"])
        folded = []
        monkeypatch.setattr(privacy, "normalize", lambda text: folded.append(text) or normalize(text))
        passages = ["وفاطمة الزهراء هنا", "نص آخر"]
        assert redact.all(passages) == redact.all(list(passages)) == ["و[name withheld] هنا", "نص آخر"]
        assert folded == passages
        with translation.override("ar"):  # what is remembered is the names, not the replacement's language
            assert redact(passages[0]) == "و[اسم محجوب] هنا"

    def test_kept_in_the_cache_without_what_it_remembers(self):
        # The state a redactor pickled before it remembered anything holds, too.
        redact = Redactor(["فاطمة الزهراء"])
        redact("وفاطمة الزهراء هنا")
        copy = pickle.loads(pickle.dumps(redact))
        assert copy._found == {} and copy.by_first_word == redact.by_first_word
        assert copy("وفاطمة الزهراء هنا") == "و[name withheld] هنا"

    @pytest.mark.parametrize("fmt", ["csv", "xlsx"])
    def test_exported_quotes_withhold_the_name_and_keep_the_rest(self, client, fmt):
        make_person(name_ar="سلمى بنعلي", name_en="Salma Benali", is_public=False)
        make_goal(quote="Salma  BENALI opened the meeting", text_en="Open the meeting")
        make_goal(quote="The members voted", text_en="Vote")
        text = body_text(client.get(f"/en/goals/export.{fmt}"))
        assert "[name withheld] opened the meeting" in text
        assert "The members voted" in text and "Open the meeting" in text
        assert "Benali" not in text and "BENALI" not in text


class TestAHiddenOrganization:
    def test_disappears_from_every_public_output(self, client, seeded, api_unthrottled):
        slug = "defenders-libya"
        assert slug in body_text(client.get("/en/organizations/export.csv")), "the test must see it first"

        Organization.objects.filter(slug=slug).update(status=Organization.Status.HIDDEN)
        for url, text in public_outputs(client):
            # Its identifier is gone (a source's "defenders-libya-self-description" is another record).
            assert re.search(rf"{slug}(?![-\w])", text) is None, url
        assert client.get(f"/en/organizations/{slug}/").status_code == 404
        assert client.get(f"/api/organizations/{slug}/").status_code == 404

    def test_is_not_counted_on_the_home_page_nor_in_facets(self, client, seeded):
        published = Organization.objects.published().filter(listing=Organization.Listing.ENTRY).count()
        assert f"{published} organizations" in client.get("/en/").content.decode()
        Organization.objects.filter(slug="defenders-libya").update(status=Organization.Status.HIDDEN)
        assert f"{published - 1} organizations" in client.get("/en/").content.decode()
        assert client.get("/en/organizations/", {"country": "LY"}).context["paginator"].count == 0

    def test_its_branches_stay_public_without_a_link_to_it(self, client):
        parent = make_organization(name_en="Hidden parent", status=Organization.Status.HIDDEN)
        child = make_organization(name_en="Public branch", parent=parent)
        html = client.get(child.get_absolute_url()).content.decode()
        assert "Public branch" in html
        assert "Hidden parent" not in html
        assert client.get("/api/organizations/" + child.slug + "/").json()["parent_id"] is None

    def test_the_public_cannot_ask_for_hidden_ones(self, client, seeded):
        response = client.get("/en/organizations/", {"status": "hidden"})
        assert "status" in response.context["filter"].errors

    def test_staff_still_see_and_edit_it(self, client, seeded, editor):
        organization = Organization.objects.get(slug="defenders-libya")
        Organization.objects.filter(pk=organization.pk).update(status=Organization.Status.HIDDEN)
        client.force_login(editor)
        changelist = client.get(admin_url("networks_organization_changelist"), {"status__exact": "hidden"})
        assert list(changelist.context["cl"].result_list) == [organization]
        assert client.get(admin_url("networks_organization_change", organization.pk)).status_code == 200

    def test_a_membership_in_a_hidden_organization_is_not_on_the_persons_page(self, client):
        source = make_source()
        person = make_person(source=source)
        make_membership(
            person=person, organization=make_organization(name_en="Secret circle", status="hidden")
        )
        make_membership(person=person, organization=make_organization(name_en="Open network"))
        with translation.override("en"):
            html = client.get(person.get_absolute_url()).content.decode()
        assert "Open network" in html
        assert "Secret circle" not in html
        exported = json.loads(b"".join(client.get("/en/people/export.json").streaming_content))
        (row,) = [p for p in exported["people"] if p["id"] == person.slug]
        assert len(row["memberships"]) == 1


class TestNoContactDetails:
    """The sources publish no e-mail address or telephone number, so nothing public shows one; and the model
    has no place to store one."""

    EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
    PHONE = re.compile(r"(?:\+|\b00)\d{1,3}[\s.-]?\d(?:[\s.-]?\d){7,}|\b0[5-7]\d{8}\b")

    def test_the_sources_publish_none(self, seeded):
        from networks.models import Source

        assert self.EMAIL.search("contact@example.org") and self.PHONE.search("+212 6 12 34 56 78")
        assert self.PHONE.search("0612345678") and not self.PHONE.search("2017-09-16")

        for source in Source.objects.all():
            assert not self.EMAIL.search(source.full_text) and not self.PHONE.search(source.full_text)

    def test_no_public_output_shows_an_email_address_or_a_phone_number(self, client, seeded, api_unthrottled):
        for url, text in public_outputs(client):
            assert self.EMAIL.search(text) is None, url
            assert self.PHONE.search(text) is None, url

    def test_no_model_has_a_contact_field(self):
        from networks.models import DIRECTORY_MODELS

        for model in DIRECTORY_MODELS:
            names = {f.name for f in model._meta.get_fields()}
            assert not names & {"email", "phone", "telephone", "address", "mobile", "website"}, model
