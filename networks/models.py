"""The directory's data model.

Shaped after the Popolo standard (organizations, people, memberships, posts, events, areas) and extended with
what the source documents need: goals in source order, publications, relations between organizations, and
provenance. Every *fact* row (an organization, a body, a membership, a goal, an event, a relation, a
publication) inherits `Cited`: it cannot be saved without the source it comes from and the quoted passage,
a rule the database enforces. Every directory model is `TextOnly` (controls.py): `full_clean()` refuses a
control character in any of its texts. Field-level provenance for organizations (where its founding date or
member count comes from) lives in `Citation`.

Translated fields (name, description, …) are registered in `translation.py`; modeltranslation adds the
`_ar` and `_en` columns.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .controls import TextOnly
from .search import normalize

# What a name holds in brackets: "Women's Rights & Women's Network Initiative (Defenders)".
BRACKETED = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
SLUG_HELP = _("Stable identifier used in URLs: lowercase letters, digits and hyphens.")


class DatePrecision(models.TextChoices):
    """How much of a date the source gives. The stored date is normalised to the first day/month."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("unknown")


class Derivation(models.TextChoices):
    """How the directory knows a fact. A text shown in the other language than its source's is also the
    editors' translation: that follows from the source's language, so it is not stored (the `translated`
    template tag says so)."""

    STATED = "stated", _("stated by the source")
    INFERRED = "inferred", _("inferred by the editors")


def derivation_fields():
    """The derivation of a fact and, when the editors inferred it, why (translated: `inference_ar`/`_en`)."""
    return (
        models.CharField(
            _("derivation"), max_length=10, choices=Derivation.choices, default=Derivation.STATED
        ),
        models.TextField(
            _("why the editors infer it"),
            blank=True,
            help_text=_(
                "Required when the fact is inferred: one line a reader can check against the quoted "
                "passage (for example: coordinates the Guelmim-Oued Noun region for a Moroccan national "
                "coalition)."
            ),
        ),
    )


def derivation_constraint(name: str) -> models.CheckConstraint:
    """An inferred fact says why, in at least one language. (Each term is false, never NULL, for an empty
    translation: a CHECK lets NULL through.)"""
    given = [
        Q(**{f"inference_{lang}__isnull": False}) & ~Q(**{f"inference_{lang}": ""}) for lang in ("ar", "en")
    ]
    return models.CheckConstraint(
        condition=~Q(derivation=Derivation.INFERRED) | given[0] | given[1],
        name=name,
        violation_error_message=_("Say why the editors infer this fact."),
    )


def precise_date_fields(verbose_name):
    """A date and its precision, the pair every dated fact uses."""
    return (
        models.DateField(verbose_name, null=True, blank=True),
        models.CharField(
            _("precision"),
            max_length=7,
            choices=DatePrecision.choices,
            default=DatePrecision.UNKNOWN,
        ),
    )


def precise_date_constraint(field, name):
    """The date is empty exactly when its precision is unknown, and a month or year is stored as its 1st.

    Written with `__day`/`__month` lookups so both PostgreSQL and SQLite check it. The `isnull` terms
    matter: a CHECK lets NULL through, and `NULL = 1` is NULL, not false.
    """
    precision = f"{field}_precision"
    return models.CheckConstraint(
        condition=(
            Q(**{precision: DatePrecision.UNKNOWN, f"{field}__isnull": True})
            | Q(**{precision: DatePrecision.DAY, f"{field}__isnull": False})
            | Q(**{precision: DatePrecision.MONTH, f"{field}__isnull": False, f"{field}__day": 1})
            | Q(
                **{
                    precision: DatePrecision.YEAR,
                    f"{field}__isnull": False,
                    f"{field}__day": 1,
                    f"{field}__month": 1,
                }
            )
        ),
        name=name,
        violation_error_message=_("The date must match its precision (empty when unknown)."),
    )


def format_precise_date(value: datetime.date | None, precision: str) -> str:
    """ISO 8601 at the precision the source gives: 2017-09-16, 2017-09, 2017 or ''."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return ""
    return {
        DatePrecision.DAY: value.isoformat(),
        DatePrecision.MONTH: value.isoformat()[:7],
        DatePrecision.YEAR: str(value.year),
    }[precision]


def name_in(language: str, field: str = "name"):
    """Sort key for a translated field in `language`, falling back to the other language (modeltranslation
    does not fall back in order_by). Empty translations are stored as '', which Coalesce would keep: NullIf
    turns them into NULL first. The lists sort by it, and indexes on it make that sort cheap at scale."""
    other = "ar" if language == "en" else "en"
    return Coalesce(NullIf(f"{field}_{language}", models.Value("")), f"{field}_{other}")


def sort_indexes(table: str, field: str = "name") -> list[models.Index]:
    """One index per language on (name in that language, id): the lists' ORDER BY."""
    return [
        models.Index(name_in(language, field), F("id"), name=f"{table}_{field}_{language}_sort")
        for language in ("ar", "en")
    ]


class Language(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


class Source(TextOnly):
    """One source document, kept whole so every quote can be checked against it."""

    class Kind(models.TextChoices):
        NEWS_ITEM = "news_item", _("news item")
        SELF_DESCRIPTION = "self_description", _("self-description")
        REPORT = "report", _("report")
        OTHER = "other", _("other document")

    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=SLUG_HELP)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True, help_text=_("Only when named."))
    published_on, published_on_precision = precise_date_fields(_("published on"))
    url = models.URLField(_("address"), max_length=500, blank=True)
    archive_url = models.URLField(_("archived copy"), max_length=500, blank=True)
    accessed_on = models.DateField(
        _("accessed on"),
        null=True,
        blank=True,
        help_text=_("When the editors read it; empty if not recorded."),
    )
    document = models.CharField(
        _("document file"),
        max_length=200,
        blank=True,
        help_text=_("File name of the document in the seeds, if it came from there."),
    )
    full_text = models.TextField(_("full text"))
    note = models.TextField(_("editorial note"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            precise_date_constraint("published_on", "source_published_on_matches_precision"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("networks:source_detail", args=[self.slug])

    @property
    def published_display(self):
        return format_precise_date(self.published_on, self.published_on_precision)


class PublicLink:
    """A related row read through the visibility layer's `FilteredRelation` of the same name (public.py), or
    None. Django sets nothing when the filtered join finds no row (the related row is withheld, or there is
    none), so this reads None then, and also when the row was not read through the layer at all: a page
    that forgets the layer shows no link rather than a withheld one."""

    def __set_name__(self, owner, name):
        self.key = f"_{name}"

    def __get__(self, instance, owner=None):
        return self if instance is None else instance.__dict__.get(self.key)

    def __set__(self, instance, value):
        instance.__dict__[self.key] = value


class Cited(TextOnly):
    """A fact: saved only with the source it comes from and the passage that states it."""

    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="+")
    quote = models.TextField(
        _("quoted passage"), help_text=_("The passage that states this, in the source's language.")
    )
    derivation, inference = derivation_fields()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(quote=""),
                name="%(app_label)s_%(class)s_quote_not_empty",
                violation_error_message=_("Quote the passage of the source that states this."),
            ),
            derivation_constraint("%(app_label)s_%(class)s_inference_given"),
        ]


class Searchable(TextOnly):
    """Keeps `search_text`: the row's translated texts in both languages, folded by `search.normalize`.

    Recomputed on every save(); `QuerySet.update()` bypasses it, so code that bulk-edits these texts must
    re-save the rows.
    """

    searchable_fields: tuple[str, ...] = ()

    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = self.search_text_from(lambda field: getattr(self, field))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @classmethod
    def search_text_from(cls, value, fold=normalize) -> str:
        """The search text of a row whose translated fields `value(name)` gives (`name_ar`, `name_en`…).
        Also used by code that writes rows without save(), such as the demo data's bulk_create."""
        texts = [
            value(f"{name}_{language}") or "" for name in cls.searchable_fields for language in ("ar", "en")
        ]
        return fold(" ".join(texts))


class Place(TextOnly):
    """A country, a multi-country region, or a sub-national area, in a tree."""

    class Kind(models.TextChoices):
        # Where an organization that works across the world is placed, so that every one has a place.
        WORLD = "world", _("international (worldwide)")
        MULTI_COUNTRY_REGION = "multi_country_region", _("multi-country region")
        COUNTRY = "country", _("country")
        REGION = "region", _("region")
        PROVINCE = "province", _("province")
        CITY = "city", _("city")

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("ISO 3166-1 for countries, ISO 3166-2 for regions; a lowercase code otherwise."),
    )
    is_iso_code = models.BooleanField(_("ISO 3166 code"), default=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("within"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # Derived on save: the country (or multi-country region, or the world) this place is in, itself for a
    # country.
    # Lets "organizations in Morocco" include those working in a Moroccan region, in one join.
    country = models.ForeignKey(
        "self",
        verbose_name=_("country"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    COUNTRY_KINDS = ("country", "multi_country_region", "world")

    class Meta:
        ordering = ["code"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="place_not_its_own_parent"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)  # first, so that a new country has the id it points at
        country = self.find_country()
        if self.country_id != (country.pk if country else None):
            Place.objects.filter(pk=self.pk).update(country=country)
            self.country = country

    def get_absolute_url(self):
        return reverse("networks:place_detail", args=[self.code])

    def find_country(self):
        """The nearest of itself and its ancestors that is a country or a multi-country region.
        (Places below a moved place keep their old country until they are saved again.)"""
        node, hops = self, 0
        while node is not None and node.kind not in self.COUNTRY_KINDS and hops < 10:
            node, hops = node.parent, hops + 1
        return node


class Cause(TextOnly):
    """What an organization works for: a small taxonomy drawn from the sources."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=SLUG_HELP)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("cause")
        verbose_name_plural = _("causes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:cause_detail", args=[self.slug])


class OrganizationQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: every organization but the hidden ones (staff still see those)."""
        return self.exclude(status=Organization.Status.HIDDEN)

    def hidden(self):
        """The others: what the public never sees."""
        return self.filter(status=Organization.Status.HIDDEN)

    def largest_networks(self, limit: int) -> list[Organization]:
        """The `limit` organizations of this queryset with the most direct branches, largest first."""
        sizes = (
            self.filter(parent__in=self)
            .values("parent")
            .annotate(branches=models.Count("pk"))
            .order_by("-branches", "parent")[:limit]
        )
        order = [row["parent"] for row in sizes]
        return sorted(self.filter(pk__in=order), key=lambda o: order.index(o.pk))

    def search(self, query: str):
        """Organizations matching every word of `query` in their search documents (`search/`), annotated
        with `search_rank` (higher is better). None when the query has no word to search for (only
        punctuation or words too common)."""
        from .search import engines, terms  # the search index reads these models

        asked = terms.asked(query)
        if not asked:
            return self.annotate(search_rank=models.Value(0.0)).none()
        engine = engines.engine(self.db)
        return self.filter(pk__in=engine.matches(asked)).annotate(search_rank=engine.rank(asked))


class Organization(Searchable, Cited):
    """A network, coalition, branch, party, association… (Popolo `Organization`)."""

    searchable_fields = ("name", "short_name", "description", "vision", "mission", "slogan")

    class Kind(models.TextChoices):
        INTERNATIONAL_NETWORK = "international_network", _("international network")
        NATIONAL_NETWORK = "national_network", _("national network")
        NETWORK = "network", _("network")
        COALITION = "coalition", _("coalition")
        BRANCH = "branch", _("branch")
        PARTY_WOMENS_ORGANIZATION = (
            "party_womens_organization",
            _("women's organization of a political party"),
        )
        POLITICAL_PARTY = "political_party", _("political party")
        INITIATIVE = "initiative", _("initiative")
        ASSOCIATION = "association", _("association")
        CENTRE = "centre", _("centre")
        INTERGOVERNMENTAL_BODY = "intergovernmental_body", _("intergovernmental body")
        ORGANIZATION = "organization", _("organization (kind not stated)")

    class Scope(models.TextChoices):
        INTERNATIONAL = "international", _("international")
        MULTI_COUNTRY_REGION = "multi_country_region", _("multi-country region")
        NATIONAL = "national", _("national")
        SUBNATIONAL_REGION = "subnational_region", _("sub-national region")
        PROVINCE = "province", _("province")
        LOCAL = "local", _("local")
        UNKNOWN = "unknown", _("not stated")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        PLANNED = "planned", _("in formation / planned")
        DISSOLVED = "dissolved", _("dissolved")
        # Retires a record from the public site without deleting it (and its history).
        HIDDEN = "hidden", _("hidden from the public")

    PUBLIC_STATUSES = (Status.ACTIVE, Status.PLANNED, Status.DISSOLVED)

    class Listing(models.TextChoices):
        # The directory's subjects: women's networks, coalitions, branches, associations and their bodies.
        ENTRY = "entry", _("directory entry")
        # Bodies the sources mention (UN agencies, political parties, supporters): they have their pages and
        # a filter, but the lists and counts leave them out unless asked.
        RELATED = "related", _("related body")

    class MemberCountQualifier(models.TextChoices):
        EXACTLY = "exactly", _("exactly")
        AT_LEAST = "at_least", _("at least")
        MORE_THAN = "more_than", _("more than")

    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=SLUG_HELP)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name or acronym"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    scope = models.CharField(_("scope"), max_length=30, choices=Scope.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    listing = models.CharField(
        _("listed as"),
        max_length=10,
        choices=Listing.choices,
        default=Listing.ENTRY,
        help_text=_(
            "A directory entry is one of the directory's subjects; a related body is only mentioned by "
            "the sources, and is left out of the lists and counts unless a visitor asks for it."
        ),
    )
    last_verified = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("When staff last checked this entry against its sources."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    areas = models.ManyToManyField(
        Place,
        verbose_name=_("works in"),
        blank=True,
        related_name="organizations",
        help_text=_("Countries or regions where it works."),
    )
    seat = models.ForeignKey(
        Place,
        verbose_name=_("seat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seated_organizations",
    )
    causes = models.ManyToManyField(Cause, verbose_name=_("causes"), blank=True, related_name="organizations")
    founded_on, founded_on_precision = precise_date_fields(_("founded on"))
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    member_count_qualifier = models.CharField(
        _("number of members is"),
        max_length=10,
        choices=MemberCountQualifier.choices,
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    vision = models.TextField(_("vision"), blank=True)
    mission = models.TextField(_("mission / message"), blank=True)
    slogan = models.CharField(_("slogan"), max_length=500, blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        # Every filter and sort of the public list (search_text has a trigram index on PostgreSQL, 0005).
        indexes = [
            *sort_indexes("organization"),
            models.Index(fields=["status", "kind"], name="organization_status_kind"),
            models.Index(fields=["scope"], name="organization_scope"),
            models.Index(fields=["founded_on"], name="organization_founded_on"),
            # The few hidden organizations, read on every list page (`facets.visible`).
            models.Index(fields=["id"], condition=Q(status="hidden"), name="organization_hidden_id"),
        ]
        constraints = [
            *Cited.Meta.constraints,
            precise_date_constraint("founded_on", "organization_founded_on_matches_precision"),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="organization_not_its_own_parent",
                violation_error_message=_("An organization cannot be its own parent."),
            ),
            models.CheckConstraint(
                condition=Q(member_count__isnull=True, member_count_qualifier="")
                | Q(member_count__isnull=False) & ~Q(member_count_qualifier=""),
                name="organization_member_count_has_qualifier",
                violation_error_message=_(
                    "A number of members needs its qualifier (exactly, at least, more than)."
                ),
            ),
        ]

    # The parent unless it is hidden (public.organizations()).
    public_parent = PublicLink()

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:organization_detail", args=[self.slug])

    @property
    def inferred_field_names(self) -> set[str]:
        """The fields the editors inferred, from the `inferred_citations` a list prefetched (none without)."""
        return {citation.field for citation in getattr(self, "inferred_citations", ())}

    @property
    def is_published(self) -> bool:
        return self.status != self.Status.HIDDEN

    @property
    def founded_display(self):
        return format_precise_date(self.founded_on, self.founded_on_precision)

    @property
    def distinct_short_name(self) -> str:
        """The short name, in the active language, that pages add in brackets after the name; empty when the
        name already gives it (is it, or holds it in brackets: "… Initiative (Defenders)"), compared as the
        search folds text. A name that merely contains the words ("Maghreb Women's Coalition for …") keeps
        it: the short name says which words the organization goes by."""
        short = normalize(self.short_name)
        name = normalize(self.name)
        if not short or short == name:
            return ""
        bracketed = {" ".join(inside.split()) for inside in BRACKETED.findall(name)}
        return "" if short in bracketed else self.short_name

    def ancestors(self):
        """Parent, grandparent, … up to the root (nearest first)."""
        chain, seen, node = [], {self.pk}, self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    def clean(self):
        super().clean()
        # A cycle longer than one step cannot be expressed as a CHECK constraint; PostgreSQL also has a
        # trigger for it (see migration 0002), this check gives the form a readable message on both.
        node, hops = self.parent, 0
        while node is not None and hops < 1000:
            if self.pk is not None and node.pk == self.pk:
                raise ValidationError(
                    {"parent": _("An organization cannot be its own ancestor.")}, code="cycle"
                )
            node, hops = node.parent, hops + 1


class Citation(TextOnly):
    """Where one field of an organization comes from (its founding date, its member count, …)."""

    class Field(models.TextChoices):
        NAME = "name", _("name")
        SHORT_NAME = "short_name", _("short name")
        KIND = "kind", _("kind")
        SCOPE = "scope", _("scope")
        STATUS = "status", _("status")
        PARENT = "parent", _("parent organization")
        AREAS = "areas", _("works in")
        SEAT = "seat", _("seat")
        CAUSES = "causes", _("causes")
        FOUNDED = "founded", _("founding date")
        MEMBERS = "members", _("number of members")
        DESCRIPTION = "description", _("description")
        VISION = "vision", _("vision")
        MISSION = "mission", _("mission / message")
        SLOGAN = "slogan", _("slogan")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,  # an organization with citations is retired by its status, not deleted
        related_name="citations",
    )
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="citations"
    )
    quote = models.TextField(_("quoted passage"))
    derivation, inference = derivation_fields()

    class Meta:
        # Source last so two sources of one field always come in the same order (the export reads the
        # organization, field and source from one index).
        ordering = ["organization", "field", "source"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "field", "source"], name="citation_unique_per_source"
            ),
            models.CheckConstraint(condition=~Q(quote=""), name="citation_quote_not_empty"),
            derivation_constraint("citation_inference_given"),
        ]

    def __str__(self):
        return f"{self.organization} · {self.get_field_display()} · {self.source}"


class PersonQuerySet(models.QuerySet):
    def public(self):
        """People whose names may be published (staff see everyone)."""
        return self.filter(is_public=True)


class Person(Searchable, Cited):
    """A person named in a source. Only what a source states: no gender, age or contact."""

    searchable_fields = ("name",)

    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=SLUG_HELP)
    name = models.CharField(_("name"), max_length=200)
    published_latin = models.BooleanField(
        _("Latin spelling published"),
        default=False,
        help_text=_(
            "Ticked when the Latin spelling is one the person or a source publishes; "
            "otherwise it is the directory's transliteration."
        ),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_public = models.BooleanField(
        _("name shown to the public"),
        default=True,
        help_text=_(
            "Untick at the person's request, or when publishing the name could endanger them: the name "
            "then disappears from every public page, search result, export and API answer. Staff still "
            "see it here."
        ),
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            *sort_indexes("person"),
            # Which people are withheld, read on every page that quotes a source (public.redactor()).
            models.Index(fields=["id"], condition=Q(is_public=False), name="person_withheld_id"),
        ]
        constraints = [*Cited.Meta.constraints]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:person_detail", args=[self.slug])


class Body(Cited):
    """A bureau, committee or coordination inside an organization (Popolo `Post` grouping)."""

    class Kind(models.TextChoices):
        EXECUTIVE_BUREAU = "executive_bureau", _("executive bureau")
        PREPARATORY_COMMITTEE = "preparatory_committee", _("preparatory committee")
        REGIONAL_COORDINATION = "regional_coordination", _("regional coordination")
        PROVINCIAL_BUREAU = "provincial_bureau", _("provincial bureau")
        BUREAU = "bureau", _("bureau")

    class Status(models.TextChoices):
        FORMED = "formed", _("formed")
        PLANNED = "planned", _("planned")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    slug = models.SlugField(_("slug"), max_length=100, help_text=SLUG_HELP)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.FORMED)
    area = models.ForeignKey(
        Place,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
    )

    class Meta:
        ordering = ["organization", "slug"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            *Cited.Meta.constraints,
            models.UniqueConstraint(fields=["organization", "slug"], name="body_unique_slug"),
        ]

    def __str__(self):
        return f"{self.name} ({self.organization})"


class Membership(Cited):
    """A person (or an organization) in an organization, possibly in one of its bodies, in a role.

    Organization-in-organization membership (an association in a coalition) is a Membership with
    `member_organization`, as in Popolo; `Relation` holds the links that are not membership.
    """

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        MEMBER = "member", _("member")
        COORDINATOR = "coordinator", _("coordinator")
        DEPUTY_NATIONAL_COORDINATOR = (
            "deputy_national_coordinator",
            _("deputy national coordinator"),
        )
        PROVINCIAL_SECRETARY = "provincial_secretary", _("provincial secretary")

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    member_organization = models.ForeignKey(
        Organization,
        verbose_name=_("member organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships_held",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    on_behalf_of = models.ForeignKey(
        Organization,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="represented_by",
    )
    start, start_precision = precise_date_fields(_("start"))
    end, end_precision = precise_date_fields(_("end"))
    # The person unless their name is withheld (public.memberships()).
    public_person = PublicLink()

    class Meta:
        ordering = ["organization", "body", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            *Cited.Meta.constraints,
            precise_date_constraint("start", "membership_start_matches_precision"),
            precise_date_constraint("end", "membership_end_matches_precision"),
            models.CheckConstraint(
                condition=Q(person__isnull=False, member_organization__isnull=True)
                | Q(person__isnull=True, member_organization__isnull=False),
                name="membership_has_one_member",
                violation_error_message=_("A membership is of a person or of an organization."),
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=F("start")),
                name="membership_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(member_organization=F("organization")),
                name="membership_not_member_of_itself",
            ),
        ]

    def __str__(self):
        member = self.person or self.member_organization
        return f"{member} · {self.get_role_display()} · {self.body or self.organization}"

    @property
    def member(self):
        return self.person or self.member_organization

    def clean(self):
        super().clean()
        if self.body_id and self.organization_id and self.body.organization_id != self.organization_id:
            raise ValidationError({"body": _("This body belongs to another organization.")})


class EventQuerySet(models.QuerySet):
    FOUNDING_KINDS = ("founding_general_assembly", "founding_announcement")

    def foundings(self):
        return self.filter(kind__in=self.FOUNDING_KINDS)


class Event(Cited):
    """Something that happened (or was announced) on a date, possibly unknown (Popolo `Event`)."""

    class Kind(models.TextChoices):
        FOUNDING_GENERAL_ASSEMBLY = "founding_general_assembly", _("founding general assembly")
        FOUNDING_ANNOUNCEMENT = "founding_announcement", _("founding announcement")
        PREPARATORY_MEETING = "preparatory_meeting", _("preparatory meeting")
        COMMUNICATION_MEETING = "communication_meeting", _("communication meeting")
        MEETING = "meeting", _("meeting")
        PUBLICATION = "publication", _("publication")

    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=SLUG_HELP)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    date, date_precision = precise_date_fields(_("date"))
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    slogan = models.CharField(_("slogan"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    organizations = models.ManyToManyField(
        Organization,
        through="EventOrganization",
        verbose_name=_("organizations"),
        related_name="events",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date", "slug"]
        indexes = [models.Index(fields=["date", "slug"], name="event_date_slug")]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            *Cited.Meta.constraints,
            precise_date_constraint("date", "event_date_matches_precision"),
        ]

    def __str__(self):
        return self.name

    @property
    def date_display(self):
        return format_precise_date(self.date, self.date_precision)


class EventOrganization(TextOnly):
    """An organization's part in an event. Cited through the event's own quote."""

    class Role(models.TextChoices):
        ORGANIZER = "organizer", _("organizer")
        FOUNDED = "founded", _("founded at this event")
        SUBJECT = "subject", _("subject")
        PARTICIPANT = "participant", _("participant")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE)
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("organization at the event")
        verbose_name_plural = _("organizations at the event")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization", "role"], name="event_organization_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organization} · {self.get_role_display()} · {self.event}"


class Participation(TextOnly):
    """A person at an event, in the role the source gives. Cited through the event's own quote."""

    class Role(models.TextChoices):
        CONVENER = "convener", _("convener")
        SUPERVISOR = "supervisor", _("supervised the proceedings")
        ATTENDEE = "attendee", _("attendee")
        ELECTED = "elected", _("elected")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["event", "person", "role"], name="participation_unique"),
        ]

    def __str__(self):
        return f"{self.person} · {self.get_role_display()} · {self.event}"


class Goal(Searchable, Cited):
    """One item of an organization's stated aims, in the source's order."""

    searchable_fields = ("text",)

    class Kind(models.TextChoices):
        # Plural labels: they head the lists of goals on the organization page.
        GENERAL_OBJECTIVE = "general_objective", _("objectives")
        SPECIFIC_OBJECTIVE = "specific_objective", _("specific objectives")
        MEANS = "means", _("means")
        TASK = "task", _("tasks")
        SOURCE_OF_STRENGTH = "source_of_strength", _("sources of strength")
        ACTIVITY = "activity", _("activities")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="goals",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        help_text=_("Set when these are the objectives of one event rather than standing aims."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order in the source"))
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["organization", "event", "kind", "order"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            *Cited.Meta.constraints,
            # NULL events are distinct in SQL, so standing aims need their own constraint.
            models.UniqueConstraint(
                fields=["organization", "kind", "order"],
                condition=Q(event__isnull=True),
                name="goal_unique_order",
            ),
            models.UniqueConstraint(
                fields=["organization", "event", "kind", "order"],
                condition=Q(event__isnull=False),
                name="goal_unique_order_per_event",
            ),
            models.CheckConstraint(condition=Q(order__gte=1), name="goal_order_from_one"),
        ]

    def __str__(self):
        return f"{self.organization} · {self.get_kind_display()} {self.order}"


class Relation(Cited):
    """A link between two organizations other than the parent tree and membership."""

    class Kind(models.TextChoices):
        SUPPORTED_BY = "supported_by", _("supported by")
        CONSULTATIVE_STATUS_WITH = "consultative_status_with", _("has consultative status with")
        WOMENS_ORGANIZATION_OF = "womens_organization_of", _("is the women's organization of")

    subject = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="relations",
    )
    kind = models.CharField(_("relation"), max_length=30, choices=Kind.choices)
    object = models.ForeignKey(
        Organization,
        verbose_name=_("related organization"),
        on_delete=models.PROTECT,
        related_name="inverse_relations",
    )

    class Meta:
        ordering = ["subject", "kind"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            *Cited.Meta.constraints,
            models.UniqueConstraint(fields=["subject", "kind", "object"], name="relation_unique"),
            models.CheckConstraint(condition=~Q(subject=F("object")), name="relation_not_to_itself"),
        ]

    def __str__(self):
        return f"{self.subject} {self.get_kind_display()} {self.object}"


class Publication(Cited):
    """A magazine, study or report an organization publishes."""

    class Kind(models.TextChoices):
        MAGAZINE = "magazine", _("magazine")
        STUDY = "study", _("study")
        FIELD_STUDY = "field_study", _("field study")
        REPORT = "report", _("report")

    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=SLUG_HELP)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("publisher"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
    )
    issue_count = models.PositiveIntegerField(_("issues published"), null=True, blank=True)
    sample_size = models.PositiveIntegerField(_("sample size"), null=True, blank=True)
    sample_unit = models.CharField(_("sample unit"), max_length=100, blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("place studied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["organization", "slug"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            *Cited.Meta.constraints,
            models.CheckConstraint(condition=~Q(part_of=F("pk")), name="publication_not_part_of_itself"),
            models.CheckConstraint(
                condition=Q(sample_size__isnull=True) | ~Q(sample_unit=""),
                name="publication_sample_has_unit",
            ),
        ]

    def __str__(self):
        return self.title


# The directory's own content: what staff edit, what has an edit history (translation.py registers it) and
# what a backup must hold. (The historical models django-simple-history adds live in this app too.)
DIRECTORY_MODELS: tuple[type[models.Model], ...] = (
    Source,
    Place,
    Cause,
    Organization,
    Citation,
    Person,
    Body,
    Membership,
    Event,
    EventOrganization,
    Participation,
    Goal,
    Relation,
    Publication,
)


class Confirmation(models.Model):
    """A second editor's word that one version of an inferred fact holds: the fact leaves the review queue
    (review.py) until its next change. `version` is the `history_id` of the fact's version the editor saw;
    the review queue refuses a confirmation by the editor who made that version, so none is stored."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("kind of fact"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("fact"))
    version = models.PositiveBigIntegerField(_("version confirmed"))
    # A confirmation is its editor's word: without the editor (a deleted user), the fact awaits another.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), on_delete=models.CASCADE, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        constraints = [
            # One editor confirms one version once (a second click is no second confirmation); the index
            # also serves the queue's lookup by fact and version.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "version", "user"], name="confirmation_once_per_version"
            ),
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id} v{self.version} · {self.user}"


class SearchDocument(models.Model):
    """An organization's texts as search terms, in four weights (`search/documents.py` writes them). Derived
    data: not edited, not in backups, rebuilt by `manage.py rebuild_search_index`. The databases index it
    (migration 0007): a weighted `tsvector` column on PostgreSQL, an FTS5 table on SQLite."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    names = models.TextField(blank=True)
    other_names = models.TextField(blank=True)
    context = models.TextField(blank=True)
    texts = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return self.names


class FullTextColumn(models.TextField):
    """FTS5's hidden column, named after its table: `MATCH` and `bm25()` take it."""


@FullTextColumn.register_lookup
class FullTextMatch(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class SearchIndexRow(models.Model):
    """A row of SQLite's FTS5 table over the search documents (migration 0007), read by `search/engines.py`
    only. Not a table on PostgreSQL."""

    rowid = models.IntegerField(primary_key=True, db_column="rowid")
    document = FullTextColumn(db_column="networks_searchdocument_fts")

    class Meta:
        managed = False
        db_table = "networks_searchdocument_fts"

    def __str__(self):
        return str(self.rowid)


class FacetValue(models.Model):
    """One value of one facet of an organization (`country` MA, `cause` womens-rights, `kind` network…):
    what the list filters and counts on, one narrow table instead of a join per facet. Derived data, written
    with the search documents (`search/documents.py`) from the declarations in `facets.py`."""

    # No index of its own: the unique constraint's index starts with it (and covers facet and value).
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="facet_values", db_index=False
    )
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "facet", "value"], name="facet_value_once"),
        ]
        indexes = [models.Index(fields=["facet", "value", "organization"], name="facet_value_organizations")]

    def __str__(self):
        return f"{self.facet}={self.value}"


# Data computed from the directory's content (the search index, the facets): not edited, not in a backup,
# rebuilt (`manage.py rebuild_search_index`).
DERIVED_MODELS: tuple[type[models.Model], ...] = (SearchDocument, SearchIndexRow, FacetValue)

# The editors' review of the content (review.py): kept in a backup, written by the review queue, not edited.
REVIEW_MODELS: tuple[type[models.Model], ...] = (Confirmation,)
