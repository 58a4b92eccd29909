"""Template helpers for bilingual pages: dates at their precision, translated text with its fallback
note, and the current page in the other language."""

import re
from dataclasses import dataclass

from django import template
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from networks import public
from networks.models import DatePrecision, Derivation

register = template.Library()

# A quoted run inside an escaped text: «…», “…” or "…" (escaped to &quot;).
QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|&quot;.*?&quot;")
# An ISO 8601 date of a day or a month: beside Arabic letters its digits become Arabic numbers, which the
# hyphens do not join, and 2017-09-16 would read 16-09-2017.
ISO_DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")


@register.filter
def isolated(text) -> SafeString:
    """The text, escaped, with each quoted run in a `<bdi>` (an English quote inside an Arabic note keeps its
    words and its quotation marks in order, whatever the page's direction) and each ISO date left to right."""
    text = QUOTED.sub(lambda m: f"<bdi>{m.group()}</bdi>", escape(str(text)))
    return mark_safe(ISO_DATE.sub(lambda m: f'<bdi dir="ltr">{m.group()}</bdi>', text))


LANGUAGE_NAMES = {"ar": "Arabic", "en": "English"}


@register.filter
def precise_date(obj, field="date"):
    """`{{ event|precise_date }}` or `{{ organization|precise_date:"founded_on" }}`: the date in the
    active language at the precision the source gives, "date unknown" otherwise."""
    value = getattr(obj, field)
    precision = getattr(obj, f"{field}_precision")
    if value is None or precision == DatePrecision.UNKNOWN:
        return _("date unknown")
    if precision == DatePrecision.DAY:
        return date_format(value, "DATE_FORMAT")
    if precision == DatePrecision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return str(value.year)


@dataclass
class Translated:
    text: str
    language: str  # the language the text is in
    is_fallback: bool  # shown in the other language because the active one is missing
    translated_from: str = ""  # the source's language, when the text is the editors' translation of it

    @property
    def note(self) -> str:
        if self.language == "ar":
            return _("Available in Arabic only")
        return _("Available in English only")

    @property
    def translation_note(self) -> str:
        if self.translated_from == "ar":
            return _("the editors' translation of the Arabic source")
        return _("the editors' translation of the English source")

    def __str__(self):
        return self.text


@register.simple_tag
def translated(obj, field):
    """`{% translated organization "description" as text %}`: the active language's text, or the other
    language's with `is_fallback` set, so the page can say so instead of showing an empty field."""
    active = get_language() or "ar"
    other = "en" if active == "ar" else "ar"
    text = getattr(obj, f"{field}_{active}", "") or ""
    language, is_fallback = active, False
    if not text:
        text = getattr(obj, f"{field}_{other}", "") or ""
        language, is_fallback = other, bool(text)
    # A fact's text in another language than its source's is the editors' translation (`Derivation`).
    translated_from = ""
    if text and hasattr(obj, "quote"):
        source_language = _source_language(obj)
        translated_from = source_language if source_language != language else ""
    return Translated(text, language, is_fallback, translated_from)


def _source_language(fact) -> str:
    """The language of a fact's source: from the source read with it when the page did (select_related),
    else from the sources' languages held in memory."""
    source = fact._state.fields_cache.get("source")
    if source is not None:
        return source.language
    return public.source_languages().get(fact.source_id, "")


@register.simple_tag(takes_context=True)
def page_in_language(context, language):
    """The current page (same filters) in another language: `/ar/organizations/?country=LY` →
    `/en/organizations/?country=LY`. The home page in that language when there is no page to translate:
    no request (Django renders 400.html, 500.html and the CSRF page without one) or no such address
    (a 404)."""
    request = context.get("request")
    if request is not None:
        try:
            resolve(request.path_info)
        except Resolver404:
            pass
        else:
            return translate_url(request.get_full_path(), language)
    with override(language):
        return reverse("networks:home")


@register.inclusion_tag("includes/cite.html", takes_context=True)
def cite(context, fact):
    """`{% cite organization.cite %}` (a note's number) or `{% cite citation %}` (a fact whose `cite` number
    `CitationIndex` set): the superscript link to the numbered source note, none without one; and, when the
    editors inferred the fact, a mark that says so and why. A reason already given on the page is
    not repeated: the mark links to where it was first given (thirteen members elected at one meeting)."""
    if fact in (None, ""):
        return {}
    if isinstance(fact, int):
        return {"n": fact}
    inference = None
    if getattr(fact, "derivation", "") == Derivation.INFERRED:
        inference = translated(fact, "inference")
        inference.anchor, inference.seen = given_once(context, "why", inference.text)
    return {"n": getattr(fact, "cite", None), "inference": inference}


def given_once(context, kind: str, text: str) -> tuple[str, str]:
    """(the anchor of `text` on this page, the anchor where it was already given or ""): a note repeated
    down a page (the same reason, the same "translated" note) is written once, and its repeats link to it.
    Kept in the context's bottom layer, which the page and every template it includes share
    (`render_context` is reset for each included template)."""
    given = context.dicts[0].setdefault(f"_{kind}_given", {})
    seen = given.get(text, "")
    anchor = seen or f"{kind}-{len(given) + 1}"
    given.setdefault(text, anchor)
    return anchor, seen


@register.inclusion_tag("includes/translation_mark.html", takes_context=True)
def translation_mark(context, text: Translated):
    """Says that `text` is the editors' translation of its source, once a page in full."""
    if not text.translated_from:
        return {}
    note = str(text.translation_note)
    anchor, seen = given_once(context, "translated", note)
    return {"note": note, "anchor": anchor, "seen": seen}
