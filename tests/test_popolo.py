"""The Popolo export (`/LANG/organizations/export.popolo.json`): every object of the seeded directory's
export validates against the Popolo project's JSON Schemas (the copy in networks/schemas/popolo/), in each
language; withheld people stay out; a filtered list gives only its organizations and what is theirs."""

import copy
import json

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from networks import exports, popolo
from networks.models import Derivation, Membership, Organization, Person

pytestmark = pytest.mark.django_db


def popolo_registry() -> Registry:
    """The vendored schemas, each under the addresses they are referred to by (with and without www)."""
    resources = []
    for path in sorted(popolo.SCHEMAS.glob("*.json")):
        resource = Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT3)
        for host in ("http://www.popoloproject.com", "http://popoloproject.com"):
            resources.append((f"{host}/schemas/{path.name}", resource))
            resources.append((f"{host}/schemas/{path.name}#", resource))
    return Registry().with_resources(resources)


REGISTRY = popolo_registry()
VALIDATORS = {
    key: Draft3Validator(json.loads((popolo.SCHEMAS / name).read_text()), registry=REGISTRY)
    for key, name in popolo.SCHEMA_OF.items()
}


def schema_errors(document: dict) -> list[str]:
    """Every error of every object of the document, as `section[index].path: message`."""
    errors = []
    for key, validator in VALIDATORS.items():
        for index, item in enumerate(document[key]):
            for error in validator.iter_errors(item):
                where = ".".join(map(str, error.absolute_path))
                errors.append(f"{key}[{index}].{where}: {error.message}")
    return errors


def export(client, query: str = "", lang: str = "en"):
    with translation.override(lang):
        url = reverse("networks:organizations_popolo")
    response = client.get(f"{url}?{query}" if query else url)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return json.loads(b"".join(response.streaming_content))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_object_of_the_seeded_directory_validates_against_the_popolo_schemas(seeded, client, lang):
    document = export(client, lang=lang)
    for key in popolo.SCHEMA_OF:
        assert document[key], f"the seeds give some {key}"
    assert schema_errors(document) == []


def test_a_broken_object_fails_validation(seeded, client):
    """The check has teeth: the shapes the old export had (issue 15) are errors."""
    document = export(client)
    broken = copy.deepcopy(document)
    broken["organizations"][0]["name"] = {"ar": "اسم", "en": "Name"}
    broken["organizations"][0]["area"] = [{"id": "MA"}]
    broken["persons"][0]["sources"] = [{"id": "a-source"}]
    broken["events"][0]["start_date"] = "16/09/2017"
    broken["memberships"][0]["other_names"] = "not a list"  # an extension may be anything: no error
    errors = schema_errors(broken)
    assert len(errors) == 4, errors
    assert any(e.startswith("organizations[0].name:") for e in errors)
    assert any(e.startswith("organizations[0].area:") for e in errors)
    assert any(e.startswith("persons[0].sources.0.url:") for e in errors), errors
    assert any(e.startswith("events[0].start_date:") for e in errors)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_one_language_per_document_the_other_in_tagged_other_names(seeded, client, lang):
    document = export(client, lang=lang)
    other = popolo.other(lang)
    assert document["meta"]["lang"] == lang
    for item in document["organizations"]:
        row = Organization.objects.get(slug=item["id"])
        assert item["name"] == (getattr(row, f"name_{lang}") or getattr(row, f"name_{other}"))
        other_name = getattr(row, f"name_{other}")
        if other_name and other_name != item["name"]:
            assert {"name": other_name, "note": "name", "lang": other} in item["other_names"]
    for item in document["persons"]:
        person = Person.objects.get(slug=item["id"])
        assert item["name"] == (getattr(person, f"name_{lang}") or person.name_ar)
        assert all(name["lang"] == other for name in item["other_names"])
    # Labels are in the document's language, the codes beside them.
    chair = next(m for m in document["memberships"] if m["role_code"] == Membership.Role.CHAIR)
    with translation.override(lang):
        assert chair["role"] == str(Membership.Role.CHAIR.label)
    assert (chair["role"] == "chair") is (lang == "en")


def test_lang_defaults_to_the_pages_language_and_a_bad_one_is_a_400(seeded, client):
    with translation.override("ar"):
        url = reverse("networks:organizations_popolo")
    assert url.startswith("/ar/")
    assert json.loads(b"".join(client.get(url).streaming_content))["meta"]["lang"] == "ar"
    assert json.loads(b"".join(client.get(url + "?lang=en").streaming_content))["meta"]["lang"] == "en"
    assert client.get(url + "?lang=fr").status_code == 400
    assert client.get(url + "?country=nowhere").status_code == 400


def test_sources_link_to_the_sources_public_pages(seeded, client):
    document = export(client, lang="ar")
    urls = {
        link["url"] for key in popolo.SCHEMA_OF for item in document[key] for link in item.get("sources", [])
    }
    assert urls
    for url in urls:
        assert url.startswith("http://testserver/ar/sources/") and url.endswith("/")
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_derivation_of_each_fact_is_kept(seeded, client):
    document = export(client)
    citations = [c for item in document["organizations"] for c in item["citations"]]
    assert {c["derivation"] for c in citations} == {Derivation.STATED, Derivation.INFERRED}
    for citation in citations:
        assert citation["quote"]
        assert bool(citation["inference"]) is (citation["derivation"] == Derivation.INFERRED)


def test_a_withheld_person_is_absent(seeded, client):
    membership = Membership.objects.filter(person__isnull=False).select_related("person").first()
    person = membership.person
    Person.objects.filter(pk=person.pk).update(is_public=False)
    body = json.dumps(export(client), ensure_ascii=False) + json.dumps(
        export(client, lang="ar"), ensure_ascii=False
    )
    for text in (person.slug, person.name_ar, person.name_en):
        if text:
            assert text not in body
    kept = next(m for m in export(client)["memberships"] if m["id"] == f"membership-{membership.pk}")
    assert kept["person_id"] is None and kept["member_withheld"] is True


def test_a_filtered_list_gives_only_its_organizations_and_what_is_theirs(seeded, client):
    country = "LY"
    document = export(client, f"country={country}")
    spec = exports.LISTS["organizations"]
    filterset = spec.filterset(QueryDict(f"country={country}"), queryset=spec.rows())
    assert filterset.is_valid()
    expected = list(filterset.qs.values_list("slug", flat=True))
    whole = export(client)
    assert 0 < len(expected) < len(whole["organizations"])
    assert [o["id"] for o in document["organizations"]] == expected
    assert {m["organization_id"] for m in document["memberships"]} <= set(expected)
    assert {p["organization_id"] for p in document["posts"]} <= set(expected)
    for event in document["events"]:
        assert {o["organization_id"] for o in event["organizations"]} & set(expected)
    people = {m["person_id"] for m in document["memberships"]} | {
        p["person_id"] for e in document["events"] for p in e["participants"]
    }
    assert {p["id"] for p in document["persons"]} == people - {None}
    assert len(document["persons"]) < len(whole["persons"])
    assert schema_errors(document) == []


def test_the_organizations_list_links_to_its_popolo_export_with_its_filters(seeded, client):
    with translation.override("ar"):
        page = reverse("networks:organization_list")
        export_url = reverse("networks:organizations_popolo")
    html = client.get(page + "?country=LY&page=1").content.decode()
    assert f'href="{export_url}?country=LY"' in html
    assert "popolo" not in client.get(page.replace("organizations", "people")).content.decode()
