"""Fields stored in Arabic and English (modeltranslation adds `<field>_ar` and `<field>_en` columns)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Body, Cause, Event, Goal, Organization, Person, Place, Publication, Source


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    fields = ("title", "publisher", "note")


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
    fields = ("name", "short_name", "description", "vision", "mission", "slogan")
    required_languages = {"default": ("name",)}


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"default": ("name",)}


@register(Body)
class BodyTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("name", "venue", "slogan", "description")


@register(Goal)
class GoalTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(Publication)
class PublicationTranslationOptions(TranslationOptions):
    fields = ("title", "description", "sample_unit")
