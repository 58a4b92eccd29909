"""What every part of the generator shares: the random choices, the Arabic grammar of names, and what it
remembers of an organization while it builds the rows around it."""

from __future__ import annotations

import calendar
import datetime
import functools
import random
from dataclasses import dataclass, field

from networks.models import DatePrecision, Organization, Searchable
from networks.search import normalize

from .rows import Rows
from .vocabulary import PASSAGES, PRECISION_WEIGHTS, PRECISIONS, SPELLING_VARIANTS

LATEST_YEAR = 2024


def lam(text: str) -> str:
    """Arabic «ل» + a noun: «لل» before the article (للنساء), «ل» otherwise (لجمعية)."""
    return "لل" + text[2:] if text.startswith("ال") else "ل" + text


def feminine(adjective: str) -> str:
    return adjective + "ة"


def acronym(english: str) -> str:
    small = {"of", "for", "the", "and", "in", "against", "with", "on"}
    return "".join(word[0] for word in english.replace("'s", "").split() if word.lower() not in small).upper()


@dataclass
class Org:
    """What the generator remembers of an organization while it builds the rows around it."""

    id: int
    index: int
    name_ar: str
    name_en: str
    gender: str
    kind: str
    country: str | None
    place: str  # code of its main place (a city, a region, a country or a multi-country region)
    seat: str | None
    founded: datetime.date | None
    precision: str
    level: int = 1
    status: str = Organization.Status.ACTIVE
    bureau: list[int] = field(default_factory=list)  # person ids


class Base:
    """One `random.Random(seed)` drives every choice, so a seed gives the same rows."""

    def __init__(self, organizations: int, seed: int, rows: Rows):
        self.total = organizations
        self.seed = seed
        self.rng = random.Random(seed)
        self.rows = rows
        self.add = rows.add
        self.created = 0  # organizations
        self.counters: dict[str, int] = {}  # ordinal numbers in slugs, per kind of row
        self.org_pool: dict[str, list[int]] = {}  # per country: organizations a coalition may admit
        self.people_pool: dict[str, list[int]] = {}  # per country: people who may sit in a second body
        self.partners: dict[str, int] = {}  # slug: id of the partners that support organizations

    @property
    def remaining(self) -> int:
        return self.total - self.created

    def ordinal(self, kind: str) -> int:
        self.counters[kind] = self.counters.get(kind, 0) + 1
        return self.counters[kind]

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def precise_date(self, year: int, precision: str | None = None):
        precision = precision or self.rng.choices(PRECISIONS, PRECISION_WEIGHTS)[0]
        if precision == DatePrecision.UNKNOWN:
            return None, precision
        if precision == DatePrecision.YEAR:
            return datetime.date(year, 1, 1), precision
        month = self.rng.randint(1, 12)
        if precision == DatePrecision.MONTH:
            return datetime.date(year, month, 1), precision
        return datetime.date(year, month, self.rng.randint(1, calendar.monthrange(year, month)[1])), precision

    def founding_year(self, after: int | None = None) -> int:
        if after is not None:
            return min(LATEST_YEAR, after + int(self.rng.expovariate(1 / 4)))
        return max(1956, LATEST_YEAR - int(self.rng.expovariate(1 / 11)))

    def later_date(self, start: datetime.date | None):
        """A membership's end, after its start (or unknown)."""
        if start is None or start.year >= LATEST_YEAR:
            return None, DatePrecision.UNKNOWN
        return datetime.date(self.rng.randint(start.year + 1, LATEST_YEAR), 1, 1), DatePrecision.YEAR

    def variant(self, text: str) -> str:
        """Sometimes spell an Arabic name as people often do (bare alef, yaa for alef maqsura, …)."""
        if self.chance(0.08):
            before, after = self.rng.choice(SPELLING_VARIANTS)
            return (text + " ").replace(before, after).rstrip()
        return text

    def cited(self, passage: str) -> dict:
        return {"source_id": self.source_id, "quote": PASSAGES[passage]}


@functools.lru_cache(maxsize=16384)
def _normalize_cached(text: str) -> str:
    return normalize(text)


def search_text(model: type[Searchable], values: dict, cache: bool = False) -> str:
    """What `Searchable.save()` stores, from the values about to be bulk-created (by the same function).
    `cache` for texts that repeat: goals drawn from a short list, people's names."""
    return model.search_text_from(values.get, fold=_normalize_cached if cache else normalize)
