"""Organizations: their names, dates, texts, field citations, places and causes, and what surrounds each."""

from __future__ import annotations

from django.utils.text import slugify

from networks.models import Citation, DatePrecision, Membership, Organization, Place, Relation

from .base import Org, search_text
from .database import DEMO_PREFIX
from .rows import OrganizationAreas, OrganizationCauses
from .taxonomy import Taxonomy
from .vocabulary import SLOGANS, VISIONS


class Organizations(Taxonomy):
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
            self.membership(org, Membership.Role.MEMBER, person_id=self.new_person(org.country))
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
