"""A source as a record a reader can check: every fact that cites it, grouped by organization, and its full
text with each cited passage marked where it occurs (withheld names redacted, as on every page)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from . import public
from .models import Citation, Source
from .provenance import Note
from .seeds import fold_whitespace  # as the quotes are compared with their source

_SPACES = re.compile(r"\s+")


def folded_keeping_lines(text: str) -> str:
    """Each run of whitespace as one character: a newline when the run holds one, else a space. The same
    length as the text folded to single spaces (what the quotes are compared with), so a quote's position in
    one is its position in the other, and the page can still break the lines (`white-space: pre-line`)."""
    return _SPACES.sub(lambda m: "\n" if "\n" in m.group() else " ", text.strip())


@dataclass
class Fact:
    what: str  # what the fact is ("founding date", "membership: chair", …)
    quote: str
    derivation: str
    number: int = 0  # the cited passage's number in the full text


@dataclass
class Group:
    """The facts of one organization that cite the source, or its people, or its events."""

    heading: str
    url: str = ""
    facts: list[Fact] = field(default_factory=list)


def facts_citing(source: Source) -> list[Group]:
    """Every public fact citing `source`, grouped by organization (in name order), then people and events:
    a constant number of queries, whatever the number of facts."""
    groups: dict[object, Group] = {}

    def add(organization, what, row):
        if organization.pk not in groups:
            groups[organization.pk] = Group(organization.name, organization.get_absolute_url())
        groups[organization.pk].facts.append(Fact(str(what), row.quote, row.derivation))

    for organization in public.organizations().filter(source=source):
        add(organization, _("the organization"), organization)
    for citation in public.citations().filter(source=source).select_related("organization"):
        add(citation.organization, Citation.Field(citation.field).label, citation)
    for body in public.bodies().filter(source=source).select_related("organization"):
        add(body.organization, f"{_('body')}: {body.name}", body)
    for membership in public.memberships().filter(source=source).select_related("organization"):
        add(membership.organization, f"{_('membership')}: {membership.get_role_display()}", membership)
    for goal in public.goals().filter(source=source).select_related("organization"):
        add(goal.organization, goal.get_kind_display(), goal)
    for relation in public.relations().filter(source=source).select_related("subject", "object"):
        add(relation.subject, f"{relation.get_kind_display()}: {relation.object.name}", relation)
    for publication in public.publications().filter(source=source).select_related("organization"):
        add(publication.organization, f"{_('publication')}: {publication.title}", publication)
    people = Group(str(_("People")))
    for person in public.people().filter(source=source):
        people.facts.append(Fact(person.name, person.quote, person.derivation))
    events = Group(str(_("Events")))
    for event in public.events().filter(source=source):
        events.facts.append(Fact(event.name, event.quote, event.derivation))
    ordered = sorted(groups.values(), key=lambda g: g.heading)
    return [group for group in (*ordered, people, events) if group.facts]


def marked_text(source: Source, groups: list[Group], redact) -> tuple[str, list]:
    """The source's full text, redacted, and the notes (`provenance.Note`) of its cited passages, numbered
    in the order they occur; each fact of `groups` gets its passage's number. A quote the text does not hold
    (edited since) gets no mark and number 0. The marks are made as the sources block makes them
    (`provenance.marked_html`)."""
    text = folded_keeping_lines(redact(source.full_text))
    searched = text.replace("\n", " ")
    shown = {id(fact): fold_whitespace(redact(fact.quote)) for group in groups for fact in group.facts}
    found = sorted({(searched.find(quote), quote) for quote in shown.values() if quote and quote in searched})
    notes = {quote: Note(number, quote, quote, start=start) for number, (start, quote) in enumerate(found, 1)}
    for group in groups:
        for fact in group.facts:
            note = notes.get(shown[id(fact)])
            fact.number = note.number if note else 0
    return text, list(notes.values())
