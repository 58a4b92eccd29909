"""People, the bodies they sit in, and their memberships."""

from __future__ import annotations

from django.utils.text import slugify

from networks.models import Body, DatePrecision, Membership, Organization, Participation, Person, Place

from .base import Org, lam, search_text
from .database import DEMO_PREFIX
from .taxonomy import Taxonomy
from .vocabulary import FAMILY_NAMES_MAGHREB, FAMILY_NAMES_MASHRIQ, FIRST_NAMES, PERSON_DESCRIPTIONS, K


class People(Taxonomy):
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
            search_text=search_text(Person, values, cache=True),
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

    def membership(self, org: Org, role: str, **values) -> None:
        """A membership in `org`, cited; its start and end unknown unless `values` give them."""
        dates = {"start_precision": DatePrecision.UNKNOWN, "end_precision": DatePrecision.UNKNOWN}
        self.add(Membership, organization_id=org.id, role=role, **dates | values, **self.cited("membership"))

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
            self.membership(
                org,
                role,
                person_id=person,
                body_id=body,
                start=start,
                start_precision=start_precision,
                end=end,
                end_precision=end_precision,
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
                    role = Membership.Role.COORDINATOR if k == 0 else Membership.Role.MEMBER
                    self.membership(org, role, person_id=person, body_id=coordination)

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
            role = Membership.Role.COORDINATOR if k == 0 else Membership.Role.MEMBER
            self.membership(org, role, person_id=self.person_for(org, taken), body_id=body)
