"""Fields stored in Arabic and English (modeltranslation adds `<field>_ar` and `<field>_en` columns), and
the edit history of every directory model.

History is registered here, at the end, rather than with `HistoricalRecords()` on the models: only once
modeltranslation has added the `_ar`/`_en` fields do the historical tables get them too (the pattern
django-simple-history documents for modeltranslation).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    DIRECTORY_MODELS,
    Body,
    Cause,
    Citation,
    Event,
    Goal,
    Membership,
    Organization,
    Person,
    Place,
    Publication,
    Relation,
    Source,
)


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    fields = ("title", "publisher", "author", "note")


@register(Place)
class PlaceTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar", "en")


@register(Cause)
class CauseTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar", "en")


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description", "vision", "mission", "slogan", "inference")
    required_languages = {"default": ("name",)}


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name", "description", "inference")
    required_languages = {"default": ("name",)}


@register(Body)
class BodyTranslationOptions(TranslationOptions):
    fields = ("name", "inference")


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("name", "venue", "slogan", "description", "inference")


@register(Goal)
class GoalTranslationOptions(TranslationOptions):
    fields = ("text", "inference")


@register(Publication)
class PublicationTranslationOptions(TranslationOptions):
    fields = ("title", "description", "sample_unit", "inference")


# The facts without a translated text of their own: only why the editors infer them, when they do.
@register(Citation)
@register(Membership)
@register(Relation)
class InferenceTranslationOptions(TranslationOptions):
    fields = ("inference",)


# --- Edit history (django-simple-history) --------------------------------------------------------------
# Every save and delete, wherever it comes from (admin, import, load_seeds, shell), writes one historical
# row with who (HistoryRequestMiddleware), when, and every field's value, so the admin can show what changed
# and revert. `search_text` is derived from the other fields and recomputed on revert.
HISTORY_EXCLUDED = {"search_text"}
HISTORY_M2M = {Organization: ["areas", "causes"]}

for _model in DIRECTORY_MODELS:
    simple_history.register(
        _model,
        app="networks",
        excluded_fields=[f.name for f in _model._meta.fields if f.name in HISTORY_EXCLUDED],
        m2m_fields=HISTORY_M2M.get(_model, []),
    )
