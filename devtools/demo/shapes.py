"""The shapes an organization comes in: standalone, a network and its branches, a coalition of members, a
political party and its women's organization, and the partners that support them."""

from __future__ import annotations

from networks.models import Body, DatePrecision, Membership, Organization, Place, Relation

from .base import Org, acronym, feminine, lam
from .events import Events
from .gazetteer import COUNTRIES, REGIONS
from .organizations import Organizations
from .people import People
from .vocabulary import (
    GROUPS,
    KINDS,
    PARTNERS,
    PARTY_ADJECTIVES,
    PARTY_NOUNS,
    PROPER_NAMES,
    STANDALONE_KINDS,
    K,
)


class Shapes(Organizations, People, Events):
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
        dates = {"start": start, "start_precision": precision}
        for member in members:
            self.membership(org, Membership.Role.MEMBER, member_organization_id=member, **dates)
        if members:  # a coordination committee of people acting for member organizations
            body = self.body(
                org, "coordination-committee", Body.Kind.BUREAU, "لجنة التنسيق", "Coordination Committee"
            )
            taken: set[int] = set()
            for k, member in enumerate(members[: rng.randint(1, 4)]):
                role = Membership.Role.COORDINATOR if k == 0 else Membership.Role.MEMBER
                person = self.person_for(org, taken)
                self.membership(org, role, person_id=person, body_id=body, on_behalf_of_id=member, **dates)
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
