"""The organizations' JSON export, written from plain values (`records.py`), is the API's record of each
organization (`serializers.OrganizationSerializer`), redaction and inferences included."""

import pytest
from django.utils import translation

from networks import exports, public, serializers
from networks.models import Citation, Derivation, Organization, Person

pytestmark = pytest.mark.django_db


def exported(queryset, redact) -> list[dict]:
    return list(exports.LISTS["organizations"].records(queryset, redact))


def serialized(queryset, redact) -> list[dict]:
    context = {"redact": redact}
    return [serializers.OrganizationSerializer(row, context=context).data for row in queryset]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_seeded_organization_is_the_api_record(seeded, language):
    """Same keys in the same order, same values, for every organization, in either page language."""
    # An inferred field citation with its reason, and a withheld name in a quoted passage.
    organization = Organization.objects.get(slug="inlw-morocco")
    citation = organization.citations.first() or pytest.fail("the seeds cite this organization's fields")
    Citation.objects.filter(pk=citation.pk).update(
        derivation=Derivation.INFERRED, inference_ar="استنتاج", inference_en="An inference"
    )
    person = Person.objects.filter(memberships__organization=organization).first()
    Person.objects.filter(pk=person.pk).update(is_public=False)
    Organization.objects.filter(pk=organization.pk).update(quote=f"{organization.quote} {person.name_ar}")
    queryset = public.organization_records().order_by("slug")
    redact = public.redactor()
    with translation.override(language):
        fast, slow = exported(queryset, redact), serialized(queryset, redact)
    assert [list(record) for record in fast] == [list(record) for record in slow]
    assert fast == slow
    assert len(fast) == queryset.count() > 10
    record = next(r for r in fast if r["id"] == organization.slug)
    quote = record["citations"][0]["quote"]
    assert quote.startswith(organization.quote) and quote.endswith("]")  # "[name withheld]", translated
    assert person.name_ar not in str(record)
    assert {"derivation": "inferred", "inference": {"ar": "استنتاج", "en": "An inference"}}.items() <= next(
        c for c in record["citations"] if c["field"] == citation.field
    ).items()


def test_a_hidden_parent_is_no_parent_id(seeded):
    child = Organization.objects.get(slug="haraki-women-beni-mellal-khenifra")
    Organization.objects.filter(pk=child.parent_id).update(status=Organization.Status.HIDDEN)
    queryset = public.organization_records().filter(pk=child.pk)
    redact = public.redactor()
    assert exported(queryset, redact) == serialized(queryset, redact)
    assert exported(queryset, redact)[0]["parent_id"] is None
