"""Privacy of the people named: a person marked not public (`Person.is_public`) disappears from everything
the public can read. Querysets leave their rows out (`Person.objects.public()`); their names are also taken
out of the free texts that quote the sources (quoted passages, source documents), which `Redactor` does.
"""

import re
from collections.abc import Iterable

from django.utils.translation import gettext, gettext_noop

from .models import Person
from .search import name_pattern

WITHHELD = gettext_noop("[name withheld]")


class Redactor:
    """Replaces the names of people who are not public, however spelled, by "[name withheld]"."""

    def __init__(self, names: Iterable[str]):
        patterns = sorted(
            {name_pattern(name) for name in names if name and name.strip()}, key=len, reverse=True
        )
        self.pattern = re.compile("|".join(patterns)) if patterns else None

    @classmethod
    def for_public(cls) -> "Redactor":
        """The names to withhold now: one query."""
        rows = Person.objects.filter(is_public=False).values_list("name_ar", "name_en")
        return cls(name for row in rows for name in row)

    def __call__(self, text: str) -> str:
        if not text or self.pattern is None:
            return text
        return self.pattern.sub(gettext(WITHHELD), text)
