"""The editors' review queue: one admin page (/<lang>/admin/review/) with what needs an editor's look.

- **Recent changes** across the directory, newest first, from the edit history of every directory model:
  when, who, added/changed/deleted, which object (its change page, or its History once deleted) and which
  fields changed, read from `history.truthful_delta` as the History pages read them.
- **Inferred facts awaiting a second editor**: every row with a `derivation` (the `Cited` facts and the
  organizations' field citations) marked inferred, until an editor other than the one who made its latest
  version confirms that version (`Confirmation`). Translated facts are not listed: a translation is not
  stored, it follows from the source's language (`models.Derivation`), and every fact of a source in one
  language is translated into the other, so it would list every fact.
- **Organizations not verified** for more than `settings.REVIEW_VERIFIED_MONTHS` months, or never.

Each list is one page at a time, read in a number of queries that does not grow with its rows: the page's
rows are picked from all the tables at once (a UNION), then each table's rows are read in one query.
"""

import calendar
import dataclasses
import datetime
from collections import defaultdict
from functools import partial

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from simple_history.utils import get_m2m_reverse_field_name

from .history import truthful_delta
from .models import (
    DIRECTORY_MODELS,
    Body,
    Citation,
    Confirmation,
    Derivation,
    EventOrganization,
    Goal,
    Membership,
    Organization,
    Participation,
    Relation,
)

PAGE_SIZE = 50
HISTORIES = [model.history.model for model in DIRECTORY_MODELS]
FACT_MODELS = [model for model in DIRECTORY_MODELS if any(f.name == "derivation" for f in model._meta.fields)]
# The related rows each model's name is made of (its __str__), read with it.
NAMED_WITH = {
    Citation: ["organization", "source"],
    Body: ["organization"],
    Membership: ["person", "member_organization", "body__organization", "organization"],
    EventOrganization: ["organization", "event"],
    Participation: ["person", "event"],
    Goal: ["organization"],
    Relation: ["subject", "object"],
}
# Rows edited only inline, on the page of the row they belong to.
EDITED_ON = {EventOrganization: "event", Participation: "event"}
KINDS = {"+": gettext_lazy("added"), "~": gettext_lazy("changed"), "-": gettext_lazy("deleted")}


def can_review(user) -> bool:
    """Staff who may view the whole directory: editors and superusers."""
    return (
        user.is_active
        and user.is_staff
        and all(
            user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
            for model in DIRECTORY_MODELS
        )
    )


def admin_link(model, object_id, *, exists=True, row=None) -> str | None:
    """The row's change page, or its History once it is deleted; an inline row's, the page it is edited
    on."""
    if model in EDITED_ON and row is not None:
        parent = EDITED_ON[model]
        return admin_link(model._meta.get_field(parent).related_model, getattr(row, f"{parent}_id"))
    view = "change" if exists else "history"
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=[object_id])
    except NoReverseMatch:
        return None


def named(obj, related_from=None) -> str:
    """The row's name, from the related rows read with `related_from` (a version: its object, named as it
    was then), or the kind and number of the row when a row it names is gone."""
    if related_from is not None:
        obj._state.fields_cache.update(related_from._state.fields_cache)
    try:
        return str(obj)
    except ObjectDoesNotExist:
        return f"{capfirst(obj._meta.verbose_name)} {obj.pk}"


# --- Recent changes ---------------------------------------------------------------------------------


@dataclasses.dataclass
class Change:
    when: datetime.datetime
    user: object
    reason: str
    kind: str
    model_name: str
    name: str
    url: str | None
    fields: list[str]


def versions():
    """Every version of every directory row as (date, history id, table), newest first."""
    parts = [
        history.objects.order_by()  # the union is ordered, not its parts
        .annotate(table=Value(index, IntegerField()))
        .values_list("history_date", "history_id", "table")
        for index, history in enumerate(HISTORIES)
    ]
    return parts[0].union(*parts[1:], all=True).order_by("-history_date", "-history_id")


def changed_m2m(history, records, previous) -> dict[int, list[str]]:
    """The many-to-many fields (an organization's places, causes) each version changed, by history id: the
    related ids of every version and its previous one, read in one query per field."""
    pairs = {r.history_id: r.previous_id for r in records if r.previous_id in previous}
    changed = defaultdict(list)
    for field in history._history_m2m_fields:
        through = getattr(history, field.name).model  # the versions' rows of the field
        related = get_m2m_reverse_field_name(field) + "_id"
        held = defaultdict(set)
        rows = through.objects.filter(history_id__in=[*pairs, *pairs.values()])
        for history_id, related_id in rows.values_list("history_id", related):
            held[history_id].add(related_id)
        for newer, older in pairs.items():
            if held[newer] != held[older]:
                changed[newer].append(field.name)
    return changed


def read_versions(history, ids) -> dict[int, Change]:
    """The versions of one table by history id, with their users, names, whether their rows still exist, and
    what changed from the version before (3 queries, and one per many-to-many field)."""
    model, pk = history.instance_type, history.instance_type._meta.pk.attname
    before = history.objects.filter(**{pk: OuterRef(pk)}, history_date__lt=OuterRef("history_date"))
    records = list(
        history.objects.filter(history_id__in=ids)
        .select_related("history_user", *NAMED_WITH.get(model, []))
        .annotate(
            previous_id=Subquery(before.order_by("-history_date", "-history_id").values("history_id")[:1]),
            exists=Exists(model.objects.filter(pk=OuterRef(pk))),
        )
    )
    changed = [r.previous_id for r in records if r.history_type == "~" and r.previous_id]
    previous = history.objects.in_bulk(changed) if changed else {}
    m2m = changed_m2m(history, records, previous) if history._history_m2m_fields and previous else {}
    m2m_names = [field.name for field in history._history_m2m_fields]
    order = {field.name: index for index, field in enumerate(model._meta.get_fields())}
    result = {}
    for record in records:
        fields = m2m.get(record.history_id, [])
        if record.previous_id in previous:
            delta = truthful_delta(record, previous[record.previous_id], excluded_fields=m2m_names)
            fields = sorted([*delta.changed_fields, *fields], key=lambda name: order.get(name, len(order)))
        result[record.history_id] = Change(
            when=record.history_date,
            user=record.history_user,
            reason=record.history_change_reason or "",
            kind=KINDS.get(record.history_type, record.history_type),
            model_name=capfirst(model._meta.verbose_name),
            name=named(record.history_object, related_from=record),
            url=admin_link(model, getattr(record, pk), exists=record.exists, row=record),
            fields=[capfirst(model._meta.get_field(name).verbose_name) for name in fields],
        )
    return result


def page_of_rows(page, read):
    """The page with its picked (…, id, table) rows replaced, in their order, by the rows `read(table, ids)`
    returns by id."""
    by_table = defaultdict(list)
    for *_sort_key, row_id, table in page.object_list:
        by_table[table].append(row_id)
    rows = {}
    for table, ids in by_table.items():
        rows.update({(table, row_id): row for row_id, row in read(table, ids).items()})
    page.object_list = [rows[(table, row_id)] for *_sort_key, row_id, table in page.object_list]
    return page


def recent_changes(page_number):
    """A page of the latest changes across the directory, newest first."""
    page = Paginator(versions(), PAGE_SIZE).get_page(page_number)
    return page_of_rows(page, lambda table, ids: read_versions(HISTORIES[table], ids))


# --- Inferred facts awaiting a second editor ------------------------------------------------------


@dataclasses.dataclass
class Fact:
    content_type: int
    object_id: int
    version: int | None
    model_name: str
    name: str
    inference: str
    changed_at: datetime.datetime | None
    changed_by: str | None
    url: str | None


def awaiting(model, table=None):
    """The model's inferred rows whose latest version no editor but its own has confirmed, annotated with
    that version, when it was made and by whom."""
    history = model.history.model
    latest = history.objects.filter(id=OuterRef("pk")).order_by("-history_date", "-history_id")
    confirmed = Confirmation.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=OuterRef("pk"),
        version=OuterRef("version"),
    ).exclude(user_id=OuterRef("editor"))
    rows = (
        model.objects.filter(derivation=Derivation.INFERRED)
        .annotate(
            version=Subquery(latest.values("history_id")[:1]),
            changed_at=Subquery(latest.values("history_date")[:1]),
            changed_by=Subquery(latest.values("history_user__username")[:1]),
            # 0 for a version without a user (load_seeds, a shell): no user's id, so anyone's word counts.
            editor=Coalesce(Subquery(latest.values("history_user")[:1]), 0, output_field=IntegerField()),
        )
        .filter(~Exists(confirmed))
    )
    if table is None:
        return rows
    picked = rows.order_by().annotate(
        table=Value(table, IntegerField())
    )  # the union is ordered, not its parts
    return picked.values_list("changed_at", "pk", "table")


def read_facts(model, ids) -> dict[int, Fact]:
    content_type = ContentType.objects.get_for_model(model).pk
    rows = awaiting(model).filter(pk__in=ids).select_related(*NAMED_WITH.get(model, []))
    return {
        row.pk: Fact(
            content_type=content_type,
            object_id=row.pk,
            version=row.version,
            model_name=capfirst(model._meta.verbose_name),
            name=named(row),
            inference=row.inference,
            changed_at=row.changed_at,
            changed_by=row.changed_by,
            url=admin_link(model, row.pk, row=row),
        )
        for row in rows
    }


def facts_awaiting(page_number):
    """A page of the inferred facts awaiting a second editor, the longest waiting first."""
    parts = [awaiting(model, table) for table, model in enumerate(FACT_MODELS)]
    union = parts[0].union(*parts[1:], all=True).order_by("changed_at", "pk")
    page = Paginator(union, PAGE_SIZE).get_page(page_number)
    return page_of_rows(page, lambda table, ids: read_facts(FACT_MODELS[table], ids))


class ConfirmForm(forms.Form):
    content_type = forms.IntegerField(min_value=1)
    object_id = forms.IntegerField(min_value=1)
    version = forms.IntegerField(min_value=1)


def confirm(request, model, fact, version) -> tuple[int, str]:
    """Record the user's confirmation of the fact's `version`: the level and text of what to tell them."""
    latest = fact.history.order_by("-history_date", "-history_id").first()
    name = named(fact)
    if fact.derivation != Derivation.INFERRED:
        return messages.WARNING, _("“%(fact)s” is no longer marked inferred.") % {"fact": name}
    if latest is None or latest.history_id != version:
        return messages.WARNING, _("“%(fact)s” changed since the page was shown: review it again.") % {
            "fact": name
        }
    if latest.history_user_id == request.user.pk:
        return messages.ERROR, _(
            "You made the latest change to “%(fact)s”: another editor must confirm it."
        ) % {"fact": name}
    try:
        with transaction.atomic():
            Confirmation.objects.create(
                content_type=ContentType.objects.get_for_model(model),
                object_id=fact.pk,
                version=version,
                user=request.user,
            )
    except IntegrityError:
        pass  # confirmed already (a second click): one confirmation stands
    return messages.SUCCESS, _("“%(fact)s” is confirmed.") % {"fact": name}


# --- Organizations not verified --------------------------------------------------------------------


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def not_verified(page_number, months: int):
    """A page of the organizations verified more than `months` months ago or never, never first."""
    cutoff = months_before(timezone.localdate(), months)
    rows = Organization.objects.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff)).order_by(
        F("last_verified").asc(nulls_first=True), "slug"
    )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    for organization in page.object_list:
        organization.admin_url = admin_link(Organization, organization.pk)
    return page


# --- The views ---------------------------------------------------------------------------------------


def with_links(request, page, parameter):
    """The page with the addresses of the pages before and after it (the other lists' pages kept)."""

    def link(number):
        query = request.GET.copy()
        query[parameter] = number
        return f"?{query.urlencode()}#{parameter}"

    page.previous_url = link(page.previous_page_number()) if page.has_previous() else None
    page.next_url = link(page.next_page_number()) if page.has_next() else None
    return page


def dashboard(site, request):
    if not can_review(request.user):
        raise PermissionDenied
    months = settings.REVIEW_VERIFIED_MONTHS
    context = {
        **site.each_context(request),
        "title": _("Review queue"),
        "changes": with_links(request, recent_changes(request.GET.get("changes")), "changes"),
        "facts": with_links(request, facts_awaiting(request.GET.get("facts")), "facts"),
        "organizations": with_links(
            request, not_verified(request.GET.get("organizations"), months), "organizations"
        ),
        "months": months,
    }
    return TemplateResponse(request, "admin/review.html", context)


@require_POST
def confirm_view(request):
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    content_type = ContentType.objects.filter(pk=form.cleaned_data["content_type"]).first()
    model = content_type.model_class() if content_type else None
    if model not in FACT_MODELS:
        return HttpResponseBadRequest()
    if not (can_review(request.user) and request.user.has_perm(f"networks.change_{model._meta.model_name}")):
        raise PermissionDenied
    fact = get_object_or_404(model, pk=form.cleaned_data["object_id"])
    level, message = confirm(request, model, fact, form.cleaned_data["version"])
    messages.add_message(request, level, message)
    return HttpResponseRedirect(reverse("admin:review") + "#facts")


def urls(site) -> list:
    """The review queue's admin URLs, for DirectoryAdminSite.get_urls."""
    return [
        path("review/", site.admin_view(partial(dashboard, site)), name="review"),
        path("review/confirm/", site.admin_view(confirm_view), name="review_confirm"),
    ]
