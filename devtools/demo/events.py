"""Events (founding assemblies and announcements, meetings), their organizations and participants, goals and
publications."""

from __future__ import annotations

from networks.models import Event, EventOrganization, Goal, Participation, Publication

from .base import LATEST_YEAR, Org, lam, search_text
from .database import DEMO_PREFIX
from .taxonomy import Taxonomy
from .vocabulary import GOALS, MEETINGS, PROPER_NAMES, SAMPLE_UNITS, VENUES


class Events(Taxonomy):
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
