"""Choosing an organization by name on the People, Events and Goals lists (networks/pickers.py): a text box
that takes a name, a part of one or an identifier in either language, suggests every name while the directory
is small, and answers a name that fits several organizations, or none, with a form message."""

import re

import pytest
from django.utils import translation
from django.utils.html import escape

from networks import pickers
from networks.models import Organization
from tests.builders import make_goal, make_organization

pytestmark = pytest.mark.django_db

# Each list, and one organization of the seeds with rows in it.
LISTS = {
    "people": "participatory-democracy-coalition",
    "events": "defenders-libya",
    "goals": "maghreb-womens-coalition",
}


def get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def chosen(response) -> Organization | None:
    """The organization the list is filtered by, once its form is valid."""
    form = response.context["filter"].form
    assert form.is_valid(), form.errors
    return form.cleaned_data["organization"]


def box(html: str) -> str:
    return re.search(r'<input type="text" name="organization"[^>]*>', html).group(0)


def names_named(text: str) -> list[str]:
    with translation.override("en"):
        return [o.slug for o in pickers.organizations_named(text)]


class TestFindingAnOrganization:
    @pytest.mark.parametrize(
        ("typed", "slug"),
        [
            (
                "participatory-democracy-coalition",
                "participatory-democracy-coalition",
            ),  # links, old addresses
            (
                "National Coalition for Activating Participatory Democracy",
                "participatory-democracy-coalition",
            ),
            ("الائتلاف الوطني لتفعيل الديمقراطية التشاركية", "participatory-democracy-coalition"),
            ("participatory democracy", "participatory-democracy-coalition"),  # a part of the name
            ("الديمقراطيه التشاركيه", "participatory-democracy-coalition"),  # typed without taa marbuta
            ("Defenders", "defenders-libya"),  # the short name
            ("مدافعات", "defenders-libya"),
            ("  beni   MELLAL  ", "haraki-women-beni-mellal-khenifra"),  # spacing, case and accents folded
            ("international network of liberal women", "inlw"),  # the name, though the branch's holds it too
        ],
    )
    def test_by_identifier_name_or_part_in_either_language(self, seeded, typed, slug):
        assert names_named(typed) == [slug]

    @pytest.mark.parametrize("typed", ["Women", "نساء", "coalition"])
    def test_a_name_that_fits_several_gives_the_best_first_and_at_most_a_few(self, seeded, typed):
        found = names_named(typed)
        assert 1 < len(found) <= pickers.OFFERED
        assert set(names_named("coalition")) == {
            "global-womens-coalition-quds-palestine",
            "maghreb-womens-coalition",
            "participatory-democracy-coalition",
        }

    @pytest.mark.parametrize("typed", ["Amnesty", "-", "the of and", "x" * 300])
    def test_nothing_fits(self, seeded, typed):
        assert names_named(typed) == []

    def test_a_hidden_organization_is_never_found(self):
        hidden = make_organization(slug="secret-circle", name_en="Secret Circle", status="hidden")
        make_organization(name_en="Open Circle")
        assert names_named(hidden.slug) == []
        assert names_named("Secret Circle") == []
        assert [o.name_en for o in pickers.organizations_named("circle")] == ["Open Circle"]


class TestTheListPages:
    @pytest.mark.parametrize(
        ("language", "list_name"), [(lang, name) for lang in ("ar", "en") for name in LISTS]
    )
    def test_an_identifier_filters_and_the_box_shows_the_name(self, client, seeded, language, list_name):
        slug = LISTS[list_name]
        response = get(client, f"/{language}/{list_name}/?organization={slug}")
        organization = chosen(response)
        assert organization.slug == slug
        assert response.context["paginator"].count > 0
        with translation.override(language):
            assert f'value="{escape(organization.name)}"' in box(response.content.decode())

    @pytest.mark.parametrize("list_name", LISTS)
    def test_the_name_shown_filters_the_same_rows_when_the_form_is_sent_again(
        self, client, seeded, list_name
    ):
        by_slug = get(client, f"/en/{list_name}/?organization={LISTS[list_name]}")
        name = chosen(by_slug).name
        by_name = get(client, f"/en/{list_name}/?organization={name}")
        assert chosen(by_name) == chosen(by_slug)
        assert list(by_name.context["object_list"]) == list(by_slug.context["object_list"])

    def test_a_name_that_fits_several_offers_each_as_a_link_that_keeps_the_other_filters(
        self, client, seeded
    ):
        response = get(client, "/en/people/?organization=coalition&role=coordinator&page=1")
        html = response.content.decode()
        assert (
            "Several organizations fit “\u2068coalition\u2069”: choose one below, or type more of the name."
            in html
        )
        assert "Some filters are not valid" in html and not response.context["object_list"]
        offered = re.search(r'<ul class="offered".*?</ul>', html, re.S).group(0)
        links = re.findall(r'<a href="([^"]+)"', offered)
        assert len(links) == 3
        assert "?organization=participatory-democracy-coalition&amp;role=coordinator" in links
        picked = get(client, "/en/people/" + links[-1].replace("&amp;", "&"))
        assert chosen(picked).slug == "participatory-democracy-coalition"
        assert picked.context["paginator"].count > 0

    def test_an_unknown_name_is_a_form_message(self, client, seeded):
        response = get(client, "/en/goals/?organization=Amnesty")
        html = response.content.decode()
        # What was typed is isolated (FSI … PDI), so that it keeps its own direction inside the message.
        assert (
            "No organization is named “\u2068Amnesty\u2069”. Check the spelling, or type a part of the name."
            in html
        )
        assert 'class="offered"' not in html
        assert not response.context["object_list"]
        response = get(client, "/ar/goals/?organization=Amnesty")
        assert response.context["filter"].errors["organization"]
        assert 'class="field has-error"' in response.content.decode()

    def test_the_exports_and_the_api_take_names_too_and_refuse_an_unknown_one(self, client, seeded):
        by_slug = client.get("/en/people/export.csv?organization=defenders-libya")
        by_name = client.get("/en/people/export.csv?organization=Defenders")
        assert by_name.status_code == 200
        assert b"".join(by_name.streaming_content) == b"".join(by_slug.streaming_content)
        assert client.get("/en/people/export.csv?organization=Amnesty").status_code == 400
        assert client.get("/api/people/?organization=defenders-libya").json()["count"] == 1
        answer = client.get("/api/people/?organization=Amnesty")
        assert answer.status_code == 400
        assert "Amnesty" in answer.json()["organization"][0]


class TestSuggestions:
    def test_every_name_is_suggested_while_the_directory_is_small(self, client, seeded):
        html = get(client, "/ar/goals/").content.decode()
        assert 'list="id_organization-names"' in box(html)
        datalist = re.search(r'<datalist id="id_organization-names">.*?</datalist>', html, re.S).group(0)
        with translation.override("ar"):
            names = {o.name for o in Organization.objects.published()}
        assert set(re.findall(r'<option value="([^"]*)">', datalist)) == names

    def test_past_a_few_hundred_organizations_nothing_is_suggested_and_the_page_stays_small(
        self, client, monkeypatch
    ):
        monkeypatch.setattr(pickers, "SUGGESTED_UP_TO", 5)
        monkeypatch.setattr(pickers, "OFFERED", 3)
        # Six organizations, though two names: it is the organizations that would grow the page.
        organizations = [make_organization(name_en=f"Women's network {n % 2}") for n in range(6)]
        make_goal(organization=organizations[0], text_en="A goal")
        with translation.override("en"):
            assert pickers.suggested_names() == []
        html = get(client, "/en/goals/?organization=network").content.decode()
        assert "<datalist" not in html and "list=" not in box(html)
        offered = re.search(r'<ul class="offered".*?</ul>', html, re.S).group(0)
        assert offered.count("<li>") == 3
