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


# How each kind of fact (`public.cited_facts`) reads on a source page: the organization it belongs to (None:
# it is listed under its kind's heading) and what it states.
DESCRIBED = {
    "organizations": lambda o: (o, _("the organization")),
    "citations": lambda c: (c.organization, Citation.Field(c.field).label),
    "bodies": lambda b: (b.organization, f"{_('body')}: {b.name}"),
    "memberships": lambda m: (m.organization, f"{_('membership')}: {m.get_role_display()}"),
    "goals": lambda g: (g.organization, f"{g.get_kind_display()}: {g.text}"),
    "relations": lambda r: (r.subject, f"{r.get_kind_display()}: {r.object.name}"),
    "publications": lambda p: (p.organization, f"{_('publication')}: {p.title}"),
    "people": lambda p: (None, p.name),
    "events": lambda e: (None, e.name),
}
HEADINGS = {"people": _("People"), "events": _("Events")}


def facts_citing(source: Source) -> list[Group]:
    """Every public fact citing `source`, grouped by organization (in name order), then people and events:
    a constant number of queries, whatever the number of facts."""
    by_organization: dict[int, Group] = {}
    by_kind = {kind: Group(str(heading)) for kind, heading in HEADINGS.items()}
    for kind, queryset in public.cited_facts().items():
        for row in queryset.filter(source=source):
            organization, what = DESCRIBED[kind](row)
            if organization is None:
                group = by_kind[kind]
            elif (group := by_organization.get(organization.pk)) is None:
                group = Group(organization.name, organization.get_absolute_url())
                by_organization[organization.pk] = group
            group.facts.append(Fact(str(what), row.quote, row.derivation))
    ordered = sorted(by_organization.values(), key=lambda g: g.heading)
    return [group for group in (*ordered, *by_kind.values()) if group.facts]


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
