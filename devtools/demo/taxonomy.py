"""The demo source, places and causes: the reference data every organization points at."""

from __future__ import annotations

from networks.models import Cause, DatePrecision, Place, Source

from .base import Base
from .database import DEMO_SOURCE_SLUG
from .gazetteer import CAUSES, COUNTRIES, REGIONS, SUBPLACES
from .vocabulary import SOURCE_TEXT


class Taxonomy(Base):
    def create_source(self):
        self.source_id = self.add(
            Source,
            slug=DEMO_SOURCE_SLUG,
            title_ar="بيانات تجريبية مولدة آليا (ليست بيانات حقيقية)",
            title_en="Synthetic demo data (not real data)",
            language="ar",
            published_on=None,
            published_on_precision=DatePrecision.UNKNOWN,
            full_text=SOURCE_TEXT,
            note_ar=f"أنشأه الأمر generate_demo_data ‏(--organizations {self.total} --seed {self.seed}).",
            note_en=f"Created by generate_demo_data (--organizations {self.total} --seed {self.seed}).",
        ).id

    def create_places(self):
        """Every place of the gazetteer, reusing those already in the database (the seeds' taxonomy, or an
        earlier run's): a dict per code, with its row."""
        existing = {p.code: p for p in Place.objects.select_related("parent", "country")}
        self.places: dict[str, dict] = {}

        def place(code, kind, parent, name_ar, name_en, iso):
            row = existing.get(code)
            if row is None:
                row = self.add(
                    Place,
                    code=code,
                    is_iso_code=iso,
                    kind=kind,
                    name_ar=name_ar,
                    name_en=name_en,
                    parent_id=self.places[parent]["id"] if parent else None,
                )
                row.parent = self.places[parent]["row"] if parent else None
                # What Place.save() derives; bulk_create does not call save().
                row.country = row.find_country()
            self.places[code] = {
                "id": row.id,
                "row": row,
                "kind": row.kind,
                "name_ar": row.name_ar,
                "name_en": row.name_en,
                "country": row.country.code if row.country else None,
                "parent": parent,
            }

        for code, name_ar, name_en, _adj_ar, _adj_en in REGIONS:
            place(code, Place.Kind.MULTI_COUNTRY_REGION, None, name_ar, name_en, False)
        for code, name_ar, name_en, *_ in COUNTRIES:
            place(code, Place.Kind.COUNTRY, None, name_ar, name_en, True)
        for code, kind, parent, name_ar, name_en in SUBPLACES:
            place(code, kind, parent, name_ar, name_en, kind != Place.Kind.CITY)
        self.countries = {c[0]: c for c in COUNTRIES}
        self.country_codes = [c[0] for c in COUNTRIES]
        self.country_weights = [c[6] for c in COUNTRIES]
        self.children: dict[str, list[str]] = {}
        for code, info in self.places.items():
            if info["parent"]:
                self.children.setdefault(info["parent"], []).append(code)

    def create_causes(self):
        existing = dict(Cause.objects.values_list("slug", "pk"))
        self.causes = {}
        for slug, name_ar, name_en, *_ in CAUSES:
            if slug in existing:
                self.causes[slug] = existing[slug]
            else:
                self.causes[slug] = self.add(Cause, slug=slug, name_ar=name_ar, name_en=name_en).id
        self.cause_rows = {c[0]: c for c in CAUSES}
        self.cause_slugs = [c[0] for c in CAUSES]
        self.cause_weights = [c[3] for c in CAUSES]

    def pick_country(self) -> str:
        return self.rng.choices(self.country_codes, self.country_weights)[0]

    def cities(self, code: str) -> list[str]:
        """Cities in a place, at any depth."""
        found = []
        for child in self.children.get(code, []):
            if self.places[child]["kind"] == Place.Kind.CITY:
                found.append(child)
            found.extend(self.cities(child))
        return found

    def pick_city(self, country: str) -> str | None:
        cities = self.cities(country)
        return self.rng.choice(cities) if cities else None

    def pick_cause(self) -> str:
        return self.rng.choices(self.cause_slugs, self.cause_weights)[0]
