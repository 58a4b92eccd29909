"""The one rule for a quote: it is a passage of its source when, every run of whitespace folded to one space
on both sides, the source's full text holds it. The seeds loader, the admin's forms (`PassageChecked`), the
source workbench and its live check all ask `is_passage`; the public pages find where a passage is with the
same folding.

The spreadsheet import does not check it (its tests import quotes of their own): a fact imported with a quote
that is not a passage is refused the next time it is saved in the admin, with the form error below."""

from __future__ import annotations

import re
from functools import lru_cache

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SPACES = re.compile(r"\s+")


def fold_whitespace(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=16)
def _folded_text(full_text: str) -> str:
    """A source's text folded once for the many quotes checked against it (an organization's inlines)."""
    return fold_whitespace(full_text)


def is_passage(quote: str, full_text: str) -> bool:
    """Whether `quote` (not blank) is a passage of `full_text`, whitespace folded."""
    folded = fold_whitespace(quote or "")
    return bool(folded) and folded in _folded_text(full_text or "")


def passage_error(fact) -> ValidationError | None:
    """The error for a fact (a row with `source` and `quote`) whose quote is not a passage of its source;
    None when it is one, or when the quote or source is missing (refused by their own rules)."""
    if not (fact.quote or "").strip() or fact.source_id is None:
        return None
    if is_passage(fact.quote, fact.source.full_text):
        return None
    return ValidationError(
        _(
            "This is not a passage of the source “%(source)s”: copy it from the source's text (spaces and "
            "line breaks may differ, nothing else)."
        ),
        code="not_a_passage",
        params={"source": fact.source},
    )


class PassageChecked(forms.ModelForm):
    """A model form of a fact (its admin page, an inline, the workbench's goal) whose quote must be a passage
    of its source: checked once the row is built from the form, the error on the quote field."""

    def _post_clean(self):
        super()._post_clean()
        if "quote" in self.fields and "quote" not in self.errors and (error := passage_error(self.instance)):
            self.add_error("quote", error)
