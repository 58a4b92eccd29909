"""Small builders for tests: each makes one valid row with the least that the model requires.

Pass keyword arguments to override any field; related rows are built on demand.
"""

import itertools

from networks.models import (
    Body,
    Event,
    Goal,
    Membership,
    Organization,
    Person,
    Place,
    Source,
)

_serial = itertools.count(1)

SOURCE_TEXT = "نص المصدر الكامل. The full text of the source."
QUOTE = "نص المصدر"


def make_source(**fields) -> Source:
    n = next(_serial)
    values = {
        "slug": f"source-{n}",
        "title_ar": f"مصدر {n}",
        "title_en": f"Source {n}",
        "language": "ar",
        "full_text": SOURCE_TEXT,
    }
    return Source.objects.create(**(values | fields))


def shared_source() -> Source:
    """The source of every row whose test does not give its own: one per database, not one per row."""
    source = Source.objects.filter(slug="builders-source").first()
    return source or make_source(slug="builders-source")


def cited(fields: dict) -> dict:
    """Fill in a source and quote unless the test gives its own."""
    if "source" not in fields:
        fields["source"] = shared_source()
    fields.setdefault("quote", QUOTE)
    return fields


def make_place(**fields) -> Place:
    n = next(_serial)
    values = {"code": f"place-{n}", "kind": "city", "name_ar": f"مكان {n}", "name_en": f"Place {n}"}
    return Place.objects.create(**(values | fields))


def make_organization(**fields) -> Organization:
    n = next(_serial)
    values = {
        "slug": f"organization-{n}",
        "name_ar": f"منظمة {n}",
        "name_en": f"Organization {n}",
        "kind": Organization.Kind.ASSOCIATION,
        "scope": Organization.Scope.NATIONAL,
    }
    return Organization.objects.create(**cited(values | fields))


def make_person(**fields) -> Person:
    n = next(_serial)
    values = {"slug": f"person-{n}", "name_ar": f"شخص {n}", "name_en": f"Person {n}"}
    return Person.objects.create(**cited(values | fields))


def make_body(**fields) -> Body:
    n = next(_serial)
    values = {"slug": f"body-{n}", "kind": Body.Kind.BUREAU, "name_ar": f"مكتب {n}"}
    if "organization" not in fields:
        values["organization"] = make_organization()
    return Body.objects.create(**cited(values | fields))


def make_membership(**fields) -> Membership:
    values = {"role": Membership.Role.MEMBER}
    if "person" not in fields and "member_organization" not in fields:
        values["person"] = make_person()
    if "organization" not in fields:
        values["organization"] = make_organization()
    return Membership.objects.create(**cited(values | fields))


def make_event(**fields) -> Event:
    n = next(_serial)
    values = {"slug": f"event-{n}", "kind": Event.Kind.MEETING, "name_ar": f"لقاء {n}"}
    return Event.objects.create(**cited(values | fields))


def make_goal(**fields) -> Goal:
    values = {"kind": Goal.Kind.GENERAL_OBJECTIVE, "order": 1, "text_ar": "هدف"}
    if "organization" not in fields:
        values["organization"] = make_organization()
    return Goal.objects.create(**cited(values | fields))
