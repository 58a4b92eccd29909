"""The server-drawn map: countries (and Morocco's regions) shaded by their number of organizations, each a
link, with a table of the same figures as its text alternative.

The shapes are already projected and simplified (`shapes.json`, built by `manage.py build_map_shapes` from
Natural Earth and morocco-map, see ATTRIBUTION.md); this module only chooses what a page shows, from counts
its view already has: no query of its own. The SVG holds no text (names and counts are in `<title>`s and the
table), so nothing in it depends on the page's direction.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..models import Place

SHAPES_FILE = Path(__file__).with_name("shapes.json")
LEVELS = 4  # shades of the palette (static/css/site.css, "map"); level 0 is "none"
PADDING = 0.04  # around the countries a page shows, as a share of their extent
CLOSE_UP = 0.2  # a single place's view: at least this share of the map's width, so that it has neighbours
WESTERN_SAHARA = "EH"
# Shapes the directory may have no place for, named all the same: Natural Earth's "W. Sahara" is the area
# east of the sand wall (it draws the rest within Morocco).
NAMES = {WESTERN_SAHARA: gettext_lazy("Western Sahara, as Natural Earth draws it")}


@functools.cache
def shapes() -> dict:
    return json.loads(SHAPES_FILE.read_text(encoding="utf-8"))


@dataclass
class Shape:
    code: str
    d: str
    level: int
    title: str = ""
    url: str = ""
    region: bool = False
    current: bool = False

    @property
    def classes(self) -> str:
        extra = (" map-region" if self.region else "") + (" map-current" if self.current else "")
        return f"map-shape map-level-{self.level}{extra}"


@dataclass
class Row:
    """A line of the table: a place, its number of organizations and its link."""

    name: str
    count: int
    url: str
    within: str = ""  # a region's country
    current: bool = False


@dataclass
class Map:
    view_box: str
    context: list[str]
    shapes: list[Shape]
    legend: list[tuple[int, str]]
    rows: list[Row]
    outline: str
    western_sahara: bool
    regions: bool
    current_title: str = ""


def class_limits(counts) -> list[int]:
    """The upper limits of the shading classes: geometric steps up to the largest count (a few networks have
    most of the organizations), rounded to two significant digits, without repeats."""
    top = max(counts, default=0)
    if not top:
        return []
    steps = {nice(top ** (step / LEVELS)) for step in range(1, LEVELS)}
    return [*sorted(limit for limit in steps if limit < top), top]


def nice(value: float) -> int:
    number = round(value)
    if number < 100:
        return max(1, number)
    digits = 10 ** (len(str(number)) - 2)
    return round(number / digits) * digits


def level(count: int, limits: list[int]) -> int:
    """The shade (1 to LEVELS) of `count` among classes up to `limits`; 0 for none. With fewer classes than
    shades, they are spread over the palette so that neighbouring classes still differ clearly."""
    if not count or not limits:
        return 0
    index = next((i for i, limit in enumerate(limits) if count <= limit), len(limits) - 1)
    if len(limits) == 1:
        return LEVELS - 1
    return 1 + round(index * (LEVELS - 1) / (len(limits) - 1))


def legend(limits: list[int]) -> list[tuple[int, str]]:
    entries = [(0, _("no organization"))]
    low = 1
    for limit in limits:
        label = str(limit) if low == limit else _("%(low)s to %(high)s") % {"low": low, "high": limit}
        entries.append((level(limit, limits), label))
        low = limit + 1
    return entries


def titled(name: str, count: int) -> str:
    return ngettext("%(place)s: %(count)s organization", "%(place)s: %(count)s organizations", count) % {
        "place": name,
        "count": count,
    }


def list_url(place) -> str:
    """Where a shape or a row leads: a country's filtered list (as the home page always linked them), a
    region's page (the list filters by country)."""
    if place.kind == Place.Kind.REGION:
        return place.get_absolute_url()
    return f"{reverse('networks:organization_list')}?country={place.code}"


def directory_map(areas, regions, current=None) -> Map:
    """The map of `areas` (countries, multi-country regions, the world) and `regions` (places of kind region),
    each with `organization_count`, as the views count them. `current`, a place whose page this is, is
    outlined and its view is centred on it; without one, the map shows the Maghreb, or the Middle East and
    North Africa once the directory has organizations there."""
    data = shapes()
    drawn = data["shapes"]
    counted = [p for p in [*areas, *regions] if p.organization_count]
    limits = class_limits(p.organization_count for p in counted if p.code in drawn)
    by_code = {p.code: p for p in [*areas, *regions]}
    current_code = current.code if current is not None else None
    view = view_box(data, counted, current_code)

    def shape(code: str, entry: dict) -> Shape:
        place = by_code.get(code)
        count = place.organization_count if place else 0
        return Shape(
            code=code,
            d=entry["d"],
            level=level(count, limits),
            title=titled(place.name, count) if place else str(NAMES.get(code, "")),
            url=list_url(place) if count else "",
            region=entry["kind"] == "region",
            current=code == current_code,
        )

    countries = [
        shape(code, entry)
        for code, entry in drawn.items()
        if entry["kind"] == "country" and overlaps(entry["box"], view)
    ]
    # Regions only where organizations are placed (and the region whose page this is).
    regions_drawn = [
        shape(code, entry)
        for code, entry in drawn.items()
        if entry["kind"] == "region"
        and (code == current_code or (code in by_code and by_code[code].organization_count))
        and overlaps(entry["box"], view)
    ]
    ordered = [*countries, *regions_drawn]
    linked = {s.code for s in ordered if s.url}
    shown = [p for p in counted if p.code in linked or (current is None and p.code not in drawn)]
    return Map(
        view_box=" ".join(f"{v:.1f}" for v in (view[0], view[1], view[2] - view[0], view[3] - view[1])),
        context=[entry["d"] for entry in data["context"] if overlaps(entry["box"], view)],
        shapes=ordered,
        # The outline of the place whose page this is, drawn last, above its regions.
        outline=next((s.d for s in ordered if s.current), ""),
        legend=legend(limits),
        rows=table(shown, current_code),
        western_sahara=any(s.code == WESTERN_SAHARA for s in countries),
        regions=bool(regions_drawn),
        current_title=current.name if current is not None else "",
    )


def table(places, current_code) -> list[Row]:
    """The table's rows: what the map links to (and, on the home page, the places it cannot draw: the Maghreb
    as a whole, international), the most organizations first, each country's regions after it."""
    by_count = sorted(places, key=lambda p: (-p.organization_count, p.name))
    regions = [p for p in by_count if p.kind == Place.Kind.REGION]
    countries = {p.pk: p for p in by_count if p.kind != Place.Kind.REGION}

    def row(place, within=None) -> Row:
        name = within.name if within else ""
        return Row(place.name, place.organization_count, list_url(place), name, place.code == current_code)

    rows = []
    for place in countries.values():
        rows.append(row(place))
        rows += [row(region, place) for region in regions if region.country_id == place.pk]
    # Regions whose country is not in the table (a region's page, zoomed in).
    rows += [row(region) for region in regions if region.country_id not in countries]
    return rows


def overlaps(box, view) -> bool:
    return box[0] < view[2] and box[2] > view[0] and box[1] < view[3] and box[3] > view[1]


def view_box(data: dict, counted, current_code) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of what the page shows, within the map."""
    drawn = data["shapes"]
    width, height = data["size"]
    if current_code in drawn:
        # The place and the regions drawn in it.
        boxes = [drawn[current_code]["box"]] + [
            entry["box"]
            for p in counted
            if (entry := drawn.get(p.code)) and entry.get("country") == current_code
        ]
        least = CLOSE_UP * width
    else:
        beyond = any(
            p.code in drawn and drawn[p.code]["kind"] == "country" and p.code not in data["maghreb"]
            for p in counted
        )
        frame = data["mena"] if beyond else data["maghreb"]
        boxes = [drawn[code]["box"] for code in frame if code in drawn]
        least = 0
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad = PADDING * max(x1 - x0, y1 - y0)
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    # At least `least` wide, and no narrower than 4:3, so that a tall country does not make a tall map.
    grow_x = max(least - (x1 - x0), (y1 - y0) * 4 / 3 - (x1 - x0), 0) / 2
    x0, x1 = x0 - grow_x, x1 + grow_x
    grow_y = max(least * 0.6 - (y1 - y0), 0) / 2
    y0, y1 = y0 - grow_y, y1 + grow_y
    # Slid back inside the map where it spills over an edge.
    x0, x1 = shift(x0, x1, width)
    y0, y1 = shift(y0, y1, height)
    return math.floor(x0), math.floor(y0), math.ceil(x1), math.ceil(y1)


def shift(low: float, high: float, size: float) -> tuple[float, float]:
    if high - low >= size:
        return 0, size
    if low < 0:
        return 0, high - low
    if high > size:
        return low - (high - size), size
    return low, high
