"""The source workbench: one source's full text with every passage the directory cites from it marked (and
which facts cite it), how much of it is cited, and a form that turns a passage the editor selects into a goal
(links start the other facts). `new_source.py` adds a source from a pasted or uploaded document.

Which facts cite a source is read from the models, not listed by hand: every directory model with a `source`
foreign key to Source and a `quote` (`CITING`). Where a quote is in the text, and whether it is a passage at
all, follow the seeds loader's rule (`passages.py`): the text and the quote compared with their whitespace
folded. The page shows the text with its line breaks kept (`sources.folded_keeping_lines`, as long as the
folded text, so a quote's position is the same in both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .models import DIRECTORY_MODELS, Citation, Goal, Place, Source
from .passages import PassageChecked, fold_whitespace, is_passage
from .sources import folded_keeping_lines


def cites_a_source(model) -> bool:
    fields = {f.name: f for f in model._meta.fields}
    source = fields.get("source")
    return "quote" in fields and source is not None and source.many_to_one and source.related_model is Source


# Every kind of fact that cites a source (organizations, people, citations, bodies, memberships, events,
# goals, relations, publications), in the directory's order.
CITING = tuple(model for model in DIRECTORY_MODELS if cites_a_source(model))


# --- What cites the source, and where -----------------------------------------------------------------------


@dataclass
class Fact:
    label: str  # "Goal: Defenders · objectives 2"
    url: str  # its admin change page
    quote: str


@dataclass
class Passage:
    number: int  # in the order the passages start in the text
    quote: str  # whitespace folded
    start: int
    facts: list[Fact] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.start + len(self.quote)

    @property
    def excerpt(self) -> str:
        return Truncator(self.quote).chars(160)


def facts_citing(source: Source) -> list[Fact]:
    """Every row of `CITING` whose source is `source`, public or not (staff see everything): one query per
    kind of fact, its foreign keys joined for the row's name."""
    facts = []
    for model in CITING:
        related = [f.name for f in model._meta.fields if f.many_to_one and f.name != "source"]
        if any(f.name == "body" for f in model._meta.fields):
            related.append("body__organization")  # a membership in a body is named by the body's organization
        rows = model.objects.filter(source=source).select_related(*related).order_by("pk")
        for row in rows:
            row.source = source  # named by some facts (citations): not read again for each
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[row.pk])
            label = f"{model._meta.verbose_name.capitalize()}: {row}"
            facts.append(Fact(label, url, row.quote))
    return facts


@dataclass
class Marked:
    """The source's text as the page shows it, its cited passages, and the facts whose quote it lacks."""

    text: str
    passages: list[Passage]
    not_found: list[Fact]


def marked(source: Source, facts: list[Fact]) -> Marked:
    """Each distinct quote (whitespace folded) is one passage, placed where it first occurs in the folded
    text, numbered in the order of the text."""
    folded = fold_whitespace(source.full_text)
    by_quote: dict[str, list[Fact]] = {}
    for fact in facts:
        by_quote.setdefault(fold_whitespace(fact.quote), []).append(fact)
    found = sorted((folded.find(quote), quote) for quote in by_quote if is_passage(quote, folded))
    passages = [Passage(n, quote, start, by_quote[quote]) for n, (start, quote) in enumerate(found, 1)]
    not_found = [fact for quote, group in by_quote.items() if not is_passage(quote, folded) for fact in group]
    return Marked(folded_keeping_lines(source.full_text), passages, not_found)


# A sentence runs to a full stop, question or exclamation mark, semicolon (Latin or Arabic) or line break.
ENDS = ".!?؟۔؛;"
SENTENCE = re.compile(rf"[^\s{ENDS}][^{ENDS}\n]*[{ENDS}]*")
LETTER = re.compile(r"[^\W\d_]")


@dataclass
class Coverage:
    cited: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.cited / self.total) if self.total else 0


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of `text` that holds a letter (a list's "4." is none)."""
    return [m.span() for m in SENTENCE.finditer(text) if LETTER.search(m.group())]


def coverage(text: str, passages: list[Passage]) -> Coverage:
    """How many of the text's sentences hold (a part of) a cited passage."""
    spans = sentences(text)
    cited = sum(1 for start, end in spans if any(p.start < end and start < p.end for p in passages))
    return Coverage(cited, len(spans))


def marked_html(text: str, passages: list[Passage]) -> SafeString:
    """`text`, escaped, each cited passage in `<mark>` pieces (one per stretch covered by the same passages,
    so overlapping passages need no nesting), each passage followed by a link to its facts. The link's number
    is drawn by the stylesheet from `data-n`: it holds no text, so a selection across it reads only the
    source's words."""
    bounds = sorted({0, len(text), *(p.start for p in passages), *(p.end for p in passages)})
    anchored: set[int] = set()
    pieces = []
    for start, end in pairwise(bounds):
        covering = [p for p in passages if p.start <= start and end <= p.end]
        words = text[start:end]
        if not covering:
            pieces.append(escape(words))
            continue
        new = [p.number for p in covering if p.number not in anchored]
        anchored.update(new)
        # Where each passage starts: the mark itself for one, an empty anchor before it for the others.
        pieces += [format_html('<span id="passage-text-{}"></span>', n) for n in new[1:]]
        pieces.append(
            format_html(
                '<mark{} data-passages="{}" title="{}">{}</mark>',
                format_html(' id="passage-text-{}"', new[0]) if new else "",
                " ".join(str(p.number) for p in covering),
                "; ".join(fact.label for p in covering for fact in p.facts),
                words,
            )
        )
        for passage in covering:
            if passage.end == end:
                pieces.append(
                    format_html(
                        '<a class="passage-ref" href="#passage-{0}" data-n="{0}" aria-label="{1}"></a>',
                        passage.number,
                        _("Passage %(number)s: which facts cite it") % {"number": passage.number},
                    )
                )
    return mark_safe("".join(str(piece) for piece in pieces))  # every piece escaped above


# --- The goal made from a passage ---------------------------------------------------------------------------


def text_direction(language: str) -> dict[str, str]:
    return {"lang": language, "dir": "rtl" if language == "ar" else "ltr"}


class GoalFromPassageForm(PassageChecked):
    """A goal of an organization, quoting a passage of the workbench's source (checked as in every admin
    form of a fact). Its order is the next in the organization's list of that kind unless given."""

    class Meta:
        model = Goal
        fields = ["quote", "organization", "event", "kind", "order", "text_ar", "text_en"]
        labels = {
            "text_ar": gettext_lazy("Text in Arabic"),
            "text_en": gettext_lazy("Text in English"),
        }

    def __init__(self, *args, source: Source, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.source = source
        for name in ("organization", "event"):
            field = self.fields[name]
            field.widget = AutocompleteSelect(Goal._meta.get_field(name), admin_site)
            field.widget.choices = field.choices
        self.fields["quote"].widget = forms.Textarea(
            attrs={"rows": 4, "class": "workbench-quote", **text_direction(source.language)}
        )
        self.fields["quote"].help_text = _(
            "Select a passage in the text and press “Use the selected passage”, or paste it here."
        )
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Empty: after the organization's last goal of this kind.")
        for language in ("ar", "en"):
            attrs = {"rows": 2, **text_direction(language)}
            self.fields[f"text_{language}"].widget = forms.Textarea(attrs=attrs)

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text_ar") or "").strip() and not (cleaned.get("text_en") or "").strip():
            self.add_error("text_ar", _("Write the goal in Arabic, in English or in both."))
        organization, kind = cleaned.get("organization"), cleaned.get("kind")
        if cleaned.get("order") is None and organization and kind:
            siblings = Goal.objects.filter(organization=organization, event=cleaned.get("event"), kind=kind)
            cleaned["order"] = (siblings.aggregate(last=Max("order"))["last"] or 0) + 1
        return cleaned


# --- Links that start the other facts from the passage ------------------------------------------------------


@dataclass
class AddLink:
    label: str
    url: str  # the add page, with the source (when the model has one) as initial value
    param: str  # the GET parameter the script sets to the passage ("quote", or a place's name)


def add_links(request, admin_site, source: Source) -> list[AddLink]:
    """The admin's add page of every kind of fact the editor may add (the passage as its quote, the script
    puts it in), plus a citation of the places an organization works in and a new place named by the passage.
    A page the editor may not add to is left out."""
    wanted = [(m, m._meta.verbose_name.capitalize(), {}, "quote") for m in CITING if m is not Goal]
    wanted += [
        (Citation, _("Where an organization works (citation of its places)"), {"field": "areas"}, "quote"),
        (Place, _("A new place named by the passage"), {}, f"name_{source.language}"),
    ]
    links = []
    for model, label, initial, param in wanted:
        model_admin = admin_site._registry.get(model)
        if model_admin is None or not model_admin.has_add_permission(request):
            continue
        if param == "quote":
            initial = {"source": source.pk, **initial}
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        links.append(AddLink(str(label), f"{url}?{urlencode(initial)}" if initial else url, param))
    return links


# --- Views --------------------------------------------------------------------------------------------------


def viewable_source(request, model_admin, pk) -> Source:
    source = get_object_or_404(Source, pk=pk)
    if not model_admin.has_view_permission(request, source):
        raise PermissionDenied
    return source


def workbench(request, pk, model_admin):
    """GET: the page. POST: create a goal from the form; back to the page (the goal's passage now marked)."""
    source = viewable_source(request, model_admin, pk)
    admin_site = model_admin.admin_site
    goal_admin = admin_site._registry[Goal]
    may_add_goal = goal_admin.has_add_permission(request)
    form = None
    if may_add_goal:
        data = request.POST if request.method == "POST" else None
        form = GoalFromPassageForm(data, source=source, admin_site=admin_site)
        if data is not None and form.is_valid():
            goal = form.save()
            goal_admin.log_addition(request, goal, [{"added": {}}])
            link = reverse("admin:networks_goal_change", args=[goal.pk])
            added = format_html('<a href="{}">{}</a>', link, goal)
            messages.success(request, format_html(_("The goal “{}” was added."), added))
            return HttpResponseRedirect(request.path)
    elif request.method == "POST":
        raise PermissionDenied
    facts = facts_citing(source)
    text = marked(source, facts)
    context = {
        **admin_site.each_context(request),
        "opts": Source._meta,
        "title": _("Workbench: %(source)s") % {"source": source},
        "title_html": format_html("<bdi>{}</bdi>", source),
        "source": source,
        "original": source,
        "text_html": marked_html(text.text, text.passages),
        "text_attrs": text_direction(source.language),
        "passages": text.passages,
        "not_found": text.not_found,
        "fact_count": len(facts),
        "coverage": coverage(text.text, text.passages),
        "form": form,
        "add_links": add_links(request, admin_site, source),
        "check_url": reverse("admin:networks_source_workbench_check", args=[source.pk]),
    }
    return TemplateResponse(request, "admin/networks/source/workbench.html", context)


@require_POST
def check(request, pk, model_admin):
    """Whether the posted `quote` is a passage of the source: the script's live check, by the rule of the
    save (`passages.is_passage`)."""
    source = viewable_source(request, model_admin, pk)
    quote = request.POST.get("quote", "")
    if not quote.strip():
        return JsonResponse({"passage": False, "message": _("No passage yet: select one in the text.")})
    if is_passage(quote, source.full_text):
        return JsonResponse({"passage": True, "message": _("This is a passage of the source.")})
    return JsonResponse(
        {"passage": False, "message": _("This is not a passage of the source: it cannot be its quote.")}
    )


def check_passages_in_forms(admin_site) -> None:
    """Every admin form of a fact, on its own page and in each inline that edits it, checks that its quote is
    a passage of its source (`passages.PassageChecked`): the form classes of the site's model admins and
    their inlines whose model cites a source get the check mixed in, once."""
    for model_admin in list(admin_site._registry.values()):
        for holder in [model_admin, *model_admin.inlines]:
            if holder.model in CITING and not issubclass(holder.form, PassageChecked):
                holder.form = type(f"PassageChecked{holder.form.__name__}", (PassageChecked, holder.form), {})


def urls(model_admin) -> list:
    """The workbench's pages, for `SourceAdmin.get_urls` (each behind the admin's login)."""
    from . import new_source

    def view(function):
        def bound(request, *args, **kwargs):
            return function(request, *args, model_admin=model_admin, **kwargs)

        return model_admin.admin_site.admin_view(bound)

    return [
        path("new-from-text/", view(new_source.new_from_text), name="networks_source_new_from_text"),
        path("<int:pk>/workbench/", view(workbench), name="networks_source_workbench"),
        path("<int:pk>/workbench/check/", view(check), name="networks_source_workbench_check"),
    ]
