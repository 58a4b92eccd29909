"""The admin's History pages, truthful: each version lists only the fields that changed, per language, and a
revert is recorded as one.

modeltranslation keeps each translated field's original column (`name` beside `name_ar` and `name_en`), and
a save fills it with whichever language was active then: a history compared on it showed "Name: <Arabic> →
<English>" (and a changed Description) after an edit of the two names alone. Those columns are left out of
the comparison; the per-language ones say what changed. A translation that was empty and stays empty (None
before, "" after a form) is no change.
"""

import dataclasses

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext
from modeltranslation.translator import NotRegistered, translator
from simple_history.admin import SimpleHistoryAdmin


def mirrored_fields(model) -> list[str]:
    """The original columns of `model`'s translated fields (`name` of `name_ar`/`name_en`)."""
    try:
        return list(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []


def _empty(value) -> bool:
    return value is None or value == ""


def truthful_delta(newer, older, excluded_fields=(), foreign_keys_are_objs=False):
    """What changed from the version `older` to `newer` of one object (django-simple-history's delta), left
    without modeltranslation's mirrored columns and without the translations that stayed empty. The admin's
    History pages and the review queue (review.py) both read a version's changes from here."""
    excluded = [*mirrored_fields(newer.instance_type), *excluded_fields]
    delta = newer.diff_against(older, excluded_fields=excluded, foreign_keys_are_objs=foreign_keys_are_objs)
    changes = [c for c in delta.changes if not (_empty(c.old) and _empty(c.new))]
    return dataclasses.replace(delta, changes=changes, changed_fields=[c.field for c in changes])


def revert_reason(version, user) -> str:
    when = timezone.localtime(version.history_date).strftime("%Y-%m-%d %H:%M")
    return gettext("Reverted to the version of %(date)s by %(user)s") % {
        "date": when,
        "user": user.get_username(),
    }


class TruthfulHistoryAdmin(SimpleHistoryAdmin):
    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = truthful_delta(previous, current, foreign_keys_are_objs=foreign_keys_are_objs)
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":  # a revert: save_model records it as one
            history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
            request.reverted_to = get_object_or_404(history.model, pk=version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        version = getattr(request, "reverted_to", None)
        if version is not None:
            obj._change_reason = revert_reason(version, request.user)
        super().save_model(request, obj, form, change)
