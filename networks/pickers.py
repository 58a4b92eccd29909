"""Choosing an organization by its name in a GET form, without JavaScript, at any size of the directory.

The People, Events and Goals lists filter by organization. A `<select>` of every organization, or a
`<datalist>` of every name, would put 100,000 options in each page of the demo directory; a typed slug is
for developers. So the field is a text box that takes a name, or part of one, in either language (or an
identifier, as the links from each organization's page and older addresses give it):

- one organization fits what was typed: the list is filtered by it, and the box shows its full name;
- several fit: a form error, and links to the best of them (each the same list filtered by that one);
- none: a form error that says so.

While the directory has at most `SUGGESTED_UP_TO` organizations, the box also offers every name as the
browser's suggestions (`<datalist>`); beyond that, typing and the links above do the work.
"""

from __future__ import annotations

import heapq

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import CharField, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import public
from .cache import kept
from .models import Organization
from .search import normalize, terms
from .search.engines import engine

SUGGESTED_UP_TO = 200  # organizations whose names the box suggests; past that, no suggestions at all
OFFERED = 10  # organizations offered when what was typed fits several
MAX_LENGTH = 300  # an organization's name


class EmptyText(Value):
    """'' written in the SQL rather than bound as a parameter: SQLite reads an index on an expression only for
    the very same expression, and the sort indexes (`models.sort_indexes`) hold a literal ''."""

    def __init__(self):
        super().__init__("", output_field=CharField())

    def as_sql(self, compiler, connection):
        return "''", []


def name_column(language: str) -> Coalesce:
    """The name in `language`, else in the other one: `models.name_in`, written so that both databases
    answer an equality on it from the lists' sort indexes."""
    other = "ar" if language == "en" else "en"
    return Coalesce(NullIf(f"name_{language}", EmptyText()), f"name_{other}", output_field=CharField())


def suggested_names() -> list[str]:
    """Every public organization's name in the active language (the other one when it has none), in order,
    or none at all when there are more than `SUGGESTED_UP_TO`: the suggestions never grow a page past that."""
    language = "en" if get_language() == "en" else "ar"

    def compute() -> list[str]:
        names = (
            public.organizations()
            .annotate(shown=name_column(language))
            .order_by("shown", "pk")
            .values_list("shown", flat=True)[: SUGGESTED_UP_TO + 1]
        )
        names = list(names)
        return [] if len(names) > SUGGESTED_UP_TO else list(dict.fromkeys(names))

    return kept(f"organization-names:{language}", compute)


def organizations_named(text: str, limit: int | None = None) -> list[Organization]:
    """The public organizations that `text` names, best first, at most `limit` (else `OFFERED`): the one
    whose identifier it is; else those whose name (in either language) it is exactly; else those whose names
    or short names hold every word of it, as the search reads words (folded and stemmed), the best name
    matches first, and among them any whose name or short name it is, once folded."""
    text, limit = " ".join(text.split()), limit or OFFERED
    if not text:
        return []
    rows = public.organizations().prefetch_related("areas")  # what the offered links show of each
    by_slug = list(rows.filter(slug=text))
    if by_slug:
        return by_slug
    # Read from the indexes on each language's name (the lists' sort indexes).
    exact = rows.alias(ar=name_column("ar"), en=name_column("en")).filter(Q(ar=text) | Q(en=text))
    exact = list(exact.order_by("pk")[:limit])
    if exact:
        return exact
    asked = terms.asked(text)
    if not asked:
        return []
    hidden = set(public.hidden_organizations().values_list("pk", flat=True))
    scored = engine().scored(asked, in_names=True)
    best = heapq.nsmallest(limit, ((-score, pk) for pk, score in scored if pk not in hidden))
    found = {o.pk: o for o in rows.filter(pk__in=[pk for _, pk in best])}
    ranked = [found[pk] for _, pk in best if pk in found]
    folded = normalize(text)
    named = [o for o in ranked if folded in names_of(o)]
    return named or ranked


def names_of(organization: Organization) -> set[str]:
    """An organization's names and short names in both languages, folded."""
    fields = ("name_ar", "name_en", "short_name_ar", "short_name_en")
    return {normalize(value) for field in fields if (value := getattr(organization, field))}


class OrganizationNameInput(forms.TextInput):
    """A text box for an organization's name, with every name as suggestions while there are few enough
    (`suggested_names`)."""

    def __init__(self, attrs=None):
        # dir="auto": a name typed in Arabic runs right to left on an English page, and the other way round.
        defaults = {"dir": "auto", "autocomplete": "off", "spellcheck": "false", "maxlength": str(MAX_LENGTH)}
        super().__init__({**defaults, **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        names = suggested_names()
        if not names:
            return super().render(name, value, attrs, renderer)
        suggestions = f"{(attrs or {}).get('id') or name}-names"
        html = super().render(name, value, {**(attrs or {}), "list": suggestions}, renderer)
        options = format_html_join("", '<option value="{}"></option>', ((n,) for n in names))
        return html + format_html('<datalist id="{}">{}</datalist>', suggestions, options)


class OrganizationField(forms.CharField):
    """An organization, typed by name or identifier (`organizations_named`). After validation, `chosen` is
    the organization found (the box then shows its name), and `offered` those to choose from when what was
    typed fits several."""

    widget = OrganizationNameInput
    default_error_messages = {
        "unknown": _("No organization is named “%(text)s”. Check the spelling, or type a part of the name."),
        "several": _("Several organizations fit “%(text)s”: choose one below, or type more of the name."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_LENGTH)
        super().__init__(**kwargs)
        self.chosen: Organization | None = None
        self.offered: list[Organization] = []

    def clean(self, value) -> Organization | None:
        self.chosen, self.offered = None, []
        text = super().clean(value)
        if not text:
            return None
        found = organizations_named(text)
        # What was typed, isolated (FSI … PDI): an Arabic name in an English message, or the other way round,
        # keeps its own direction and leaves the quotation marks around it where they belong.
        params = {"text": f"\u2068{text}\u2069"}
        if len(found) == 1:
            self.chosen = found[0]
            return self.chosen
        if not found:
            raise ValidationError(self.error_messages["unknown"], code="unknown", params=params)
        self.offered = found
        raise ValidationError(self.error_messages["several"], code="several", params=params)

    def prepare_value(self, value):
        """The name of the organization found rather than what was typed for it (an identifier, a part)."""
        if self.chosen is not None and value not in (None, ""):
            return self.chosen.name
        return value
