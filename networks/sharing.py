"""Pages worth sharing: each page's canonical address, the Open Graph locales, and "Cite this page" (a
formatted reference and a BibTeX entry) on organization and person pages.

The canonical address of a page is its own absolute URL with only what chooses its content: on a list, the
parameters its FilterSet declares, in the FilterSet's order, each with its values deduplicated and sorted
(`?country=MA&country=LY` and `?country=LY&country=MA` are one page), empty values and a facet's default
(`listing=entry`) dropped, and the page number unless it is the first; every other parameter (tracking
tags, `utm_*`, typos) is dropped. Other pages take no parameters: their canonical address has none.
"""

import datetime
import re
from dataclasses import dataclass

import django_filters
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, pgettext

# Open Graph locales (language_TERRITORY) of the site's languages: `ar_AR` is the Arabic locale the Open
# Graph consumers (Facebook's list of locales) know; a Moroccan `ar_MA` would be ignored by them.
OG_LOCALES = {"ar": "ar_AR", "en": "en_US"}


def canonical_query(data, filterset=None, page_number: int | None = None) -> str:
    """The canonical query string (with its "?", or "") of a page asked with `data` (a QueryDict)."""
    pairs = []
    for name, field in filterset.filters.items() if filterset is not None else ():
        sent = [value.strip() for value in data.getlist(name)]
        if isinstance(field, django_filters.MultipleChoiceFilter):
            values = sorted(set(filter(None, sent)))
        else:  # a filter of one value reads the last one sent (QueryDict.__getitem__), as the form does
            values = sent[-1:] if sent and sent[-1] else []
        if values and values != sorted(getattr(field, "default", ()) or ()):
            pairs += [(name, value) for value in values]
    if page_number and page_number != 1:
        pairs.append(("page", str(page_number)))
    return f"?{urlencode(pairs)}" if pairs else ""


def canonical_url(request, filterset=None, page_number: int | None = None) -> str:
    return request.build_absolute_uri(request.path) + canonical_query(request.GET, filterset, page_number)


# --- Cite this page ------------------------------------------------------------------------------------

# What LaTeX reads as commands in a BibTeX field; every other character (Arabic included) is UTF-8 text,
# which biber and XeLaTeX or LuaLaTeX read as it is.
LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_SPECIAL = re.compile("|".join(map(re.escape, LATEX_SPECIALS)))
BIBTEX_LANGUAGES = {"ar": "arabic", "en": "english"}
KEEP_CASE = {"author", "title"}


def latex_escape(text: str) -> str:
    return _LATEX_SPECIAL.sub(lambda match: LATEX_SPECIALS[match.group()], " ".join(str(text).split()))


def bibtex_key(kind: str, slug: str, language: str) -> str:
    """An ASCII key every BibTeX reads: the site, the kind of page, its slug and language."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", f"shabakat-{kind}-{slug}-{language}").strip("-")


@dataclass
class PageCitation:
    """How to cite one page, in the active language."""

    title: str
    url: str
    key: str
    accessed: datetime.date
    changed: datetime.date | None = None  # the entry's last recorded edit
    verified: datetime.date | None = None  # when staff last checked it against its sources

    @property
    def reference(self) -> SafeString:
        """Site, “title”, work, last changed, last verified, address (accessed on): one sentence."""
        parts = [
            format_html("{}", gettext("Shabakat")),
            format_html(gettext("“{title}”"), title=format_html("<bdi>{}</bdi>", self.title)),
            format_html("{}", gettext("Directory of women's networks in the Maghreb")),
        ]
        if self.changed:
            parts.append(format_html(gettext("last changed {date}"), date=_long(self.changed)))
        if self.verified:
            parts.append(format_html(gettext("last verified {date}"), date=_long(self.verified)))
        link = format_html('<bdi dir="ltr"><a href="{0}">{0}</a></bdi>', self.url)
        parts.append(format_html(gettext("{url} (accessed {date})"), url=link, date=_long(self.accessed)))
        return mark_safe(pgettext("between the parts of a reference", ", ").join(parts) + ".")

    @property
    def bibtex(self) -> str:
        """A BibTeX `@misc` entry (biblatex's `url` and `urldate`, and a `note` for classic BibTeX)."""
        return self._bibtex("{}{}{}", str.format)

    @property
    def bibtex_html(self) -> SafeString:
        """`bibtex` for a `<pre dir="ltr">`: each field's value isolated (`<bdi>`), so that an Arabic title or
        note reads right to left, its dates left to right, between braces that stay in place. Copied, it is
        the same text."""
        return mark_safe(self._bibtex("{}<bdi>{}</bdi>{}", format_html))

    def _bibtex(self, pattern: str, render) -> str:
        """The entry, each field's value rendered by `render(pattern, opening, text, closing)`."""
        notes = []
        if self.changed:
            notes.append(gettext("last changed {date}").format(date=self.changed.isoformat()))
        if self.verified:
            notes.append(gettext("last verified {date}").format(date=self.verified.isoformat()))
        notes.append(gettext("accessed {date}").format(date=self.accessed.isoformat()))
        fields = {
            "author": latex_escape(gettext("Shabakat")),
            "title": latex_escape(self.title),
            "howpublished": latex_escape(gettext("Directory of women's networks in the Maghreb")),
            "year": str((self.changed or self.accessed).year),
            "url": self.url,
            "urldate": self.accessed.isoformat(),
            "note": latex_escape(pgettext("between the parts of a reference", ", ").join(notes)),
            "language": BIBTEX_LANGUAGES.get(get_language(), "english"),
        }
        width = max(map(len, fields))
        lines = []
        for name, text in fields.items():
            braces = ("{{", "}}") if name in KEEP_CASE else ("{", "}")  # a name's capitals kept as they are
            lines.append(f"  {name.ljust(width)} = {render(pattern, braces[0], text, braces[1])},")
        return "\n".join([render("@misc{{{},", self.key), *lines, "}"])


def _long(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


def page_citation(request, kind: str, item, changed=None, verified=None) -> PageCitation:
    """The citation of `item`'s page (an organization or a person), accessed today. `changed` is a
    timestamp of the edit history (or None), read as a date where the directory is."""
    return PageCitation(
        title=str(item.name),
        url=request.build_absolute_uri(item.get_absolute_url()),
        key=bibtex_key(kind, item.slug, get_language()),
        accessed=timezone.localdate(),
        changed=timezone.localdate(changed) if changed else None,
        verified=verified,
    )
