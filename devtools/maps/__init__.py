"""Builds the map's shapes (`networks/maps/shapes.json`) from the raw datasets in `sources/` (see
`sources/README.md`): decode their TopoJSON, project, simplify, clip to the Middle East and North Africa and
write each shape as an SVG path. Run by `manage.py build_map_shapes`; the output is committed, so the site
never reads the raw files, and `tests/test_maps.py` checks that building again gives the same bytes.

Each shared border (a TopoJSON arc) is simplified once, so neighbours keep the same line. Pure Python, no
GIS library: the steps are small and the output is checked against the committed file.
"""

import itertools
import json
import math
from pathlib import Path

SOURCES = Path(__file__).resolve().parent / "sources"
OUTPUT = Path(__file__).resolve().parents[2] / "networks" / "maps" / "shapes.json"
COUNTRIES_FILE = SOURCES / "countries-50m.json"  # world-atlas 2.0.2: Natural Earth 4.1.0, 1:50m
REGIONS_FILE = SOURCES / "morocco-regions.json"  # morocco-map 1.3.0: Morocco's 12 regions (ISO 3166-2)

# The countries whose extent the map covers: the Maghreb and the rest of the Middle East and North Africa
# (`networks.maps` chooses which of the two a page shows). Other countries inside the rectangle are drawn
# too, clipped at its edges.
MAGHREB = ("MA", "DZ", "TN", "LY", "MR", "EH")
MENA = (*MAGHREB, "EG", "SD", "IL", "PS", "LB", "SY", "JO", "IQ", "SA", "YE", "OM", "AE", "QA", "BH", "KW")
MENA += ("IR", "DJ")

# Natural Earth's ISO 3166-1 numeric ids (world-atlas keys its countries by them) of the countries that
# reach the rectangle, and their alpha-2 codes, the directory's. Kosovo, Northern Cyprus and Somaliland have
# no id there: they are drawn as context, without a code.
ALPHA2 = {
    "004": "AF", "008": "AL", "012": "DZ", "020": "AD", "031": "AZ", "048": "BH", "051": "AM", "070": "BA",
    "100": "BG", "120": "CM", "140": "CF", "148": "TD", "178": "CG", "180": "CD", "191": "HR", "196": "CY",
    "204": "BJ", "226": "GQ", "231": "ET", "232": "ER", "250": "FR", "262": "DJ", "268": "GE", "270": "GM",
    "275": "PS", "288": "GH", "300": "GR", "324": "GN", "364": "IR", "368": "IQ", "376": "IL", "380": "IT",
    "384": "CI", "398": "KZ", "400": "JO", "404": "KE", "414": "KW", "422": "LB", "430": "LR", "434": "LY",
    "466": "ML", "470": "MT", "478": "MR", "492": "MC", "499": "ME", "504": "MA", "512": "OM", "528": "NL",
    "562": "NE", "566": "NG", "586": "PK", "620": "PT", "624": "GW", "634": "QA", "642": "RO", "643": "RU",
    "674": "SM", "682": "SA", "686": "SN", "688": "RS", "694": "SL", "706": "SO", "724": "ES", "728": "SS",
    "729": "SD", "732": "EH", "760": "SY", "768": "TG", "784": "AE", "788": "TN", "792": "TR", "795": "TM",
    "800": "UG", "807": "MK", "818": "EG", "854": "BF", "860": "UZ", "887": "YE",
}  # fmt: skip

# Albers equal-area conic (areas compare truly on a map shaded by counts), standard parallels 15° and 38° N,
# centred on 22° E, 27° N.
PARALLELS, ORIGIN = (15.0, 38.0), (22.0, 27.0)
WIDTH = 1000  # the whole rectangle's width in SVG units
MARGIN = 0.02  # around the MENA countries, as a share of their extent
TOLERANCE = 0.5  # Douglas-Peucker, in SVG units: 1.9 km at this scale
MIN_PART_AREA = 2.0  # square units: smaller islands are left out (a shape always keeps its largest part)
PRECISION = 10  # coordinates are written to a tenth of a unit


def albers(longitude: float, latitude: float) -> tuple[float, float]:
    """Projected (x, y) on the unit sphere, y up."""
    phi1, phi2 = (math.radians(p) for p in PARALLELS)
    lambda0, phi0 = (math.radians(o) for o in ORIGIN)
    n = (math.sin(phi1) + math.sin(phi2)) / 2
    c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
    rho0 = math.sqrt(c - 2 * n * math.sin(phi0)) / n
    rho = math.sqrt(c - 2 * n * math.sin(math.radians(latitude))) / n
    theta = n * (math.radians(longitude) - lambda0)
    return rho * math.sin(theta), rho0 - rho * math.cos(theta)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as lists of projected points (its arcs are quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(albers(x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def polygons(geometry: dict) -> list[list[list[int]]]:
    """A Polygon's or MultiPolygon's polygons, each a list of rings, each a list of arc indexes."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def ring_points(ring: list[int], arcs: list) -> list[tuple[float, float]]:
    """A ring's points: its arcs end to end (a negative index is the arc reversed), joints once."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker: the points that stay within `tolerance` of the line; both ends kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, distance = first, 0.0
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:  # a closed arc: distance from its start
                d = math.hypot(px - ax, py - ay)
            if d > distance:
                farthest, distance = i, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def clip(ring: list, box: tuple[float, float, float, float]) -> list:
    """Sutherland-Hodgman: the ring cut to the rectangle `box` (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda p, q: (x0, p[1] + (q[1] - p[1]) * (x0 - p[0]) / (q[0] - p[0]))),
        (lambda p: p[0] <= x1, lambda p, q: (x1, p[1] + (q[1] - p[1]) * (x1 - p[0]) / (q[0] - p[0]))),
        (lambda p: p[1] >= y0, lambda p, q: (p[0] + (q[0] - p[0]) * (y0 - p[1]) / (q[1] - p[1]), y0)),
        (lambda p: p[1] <= y1, lambda p, q: (p[0] + (q[0] - p[0]) * (y1 - p[1]) / (q[1] - p[1]), y1)),
    ]
    for inside, crossing in edges:
        if not ring:
            break
        points, ring = ring, []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    ring.append(crossing(previous, point))
                ring.append(point)
            elif inside(previous):
                ring.append(crossing(previous, point))
            previous = point
    return ring


def area(ring: list) -> float:
    return abs(sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def number(tenths: int) -> str:
    """A coordinate in tenths of a unit, written as briefly as SVG reads it: 12 → 1.2, 5 → .5, 10 → 1."""
    whole, tenth = divmod(abs(tenths), PRECISION)
    text = (str(whole) if whole else "") + (f".{tenth}" if tenth else "")
    return ("-" if tenths < 0 else "") + (text or "0")


def path(rings: list) -> str:
    """SVG path data: each ring from its first point, then relative moves, closed."""
    parts = []
    for ring in rings:
        points = [(round(x * PRECISION), round(y * PRECISION)) for x, y in ring]
        points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        steps = [f"M{number(points[0][0])} {number(points[0][1])}l"]
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            steps.append(f"{number(bx - ax)} {number(by - ay)} ")
        parts.append("".join(steps).rstrip().replace(" -", "-") + "z")
    return "".join(parts)


def bounds(points) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


class Layer:
    """One topology's features, projected: `features` is [(key, properties, [[ring points]])]."""

    def __init__(self, file: Path, name: str, key):
        topology = json.loads(file.read_text(encoding="utf-8"))
        self.arcs = decode_arcs(topology)
        self.features = [
            (key(g), g.get("properties", {}), polygons(g)) for g in topology["objects"][name]["geometries"]
        ]

    def to_svg(self, origin: tuple[float, float], scale: float) -> None:
        """Arcs in SVG units (y down), then simplified, each once."""
        ox, oy = origin
        self.arcs = [
            simplify([((x - ox) * scale, (oy - y) * scale) for x, y in arc], TOLERANCE) for arc in self.arcs
        ]

    def bounds(self, keys) -> tuple[float, float, float, float]:
        points = [
            point
            for key, _, parts in self.features
            if key in keys
            for polygon in parts
            for point in ring_points(polygon[0], self.arcs)
        ]
        return bounds(points)

    def shapes(self, box) -> list[tuple[str | None, dict, list]]:
        """(key, properties, rings) of every feature inside `box`, clipped to it, small islands left out."""
        result = []
        for key, properties, parts in self.features:
            rings = [clip(ring_points(ring, self.arcs), box) for polygon in parts for ring in polygon]
            rings = [ring for ring in rings if len(ring) >= 3 and area(ring) > 0]
            if not rings:
                continue
            largest = max(rings, key=area)
            rings = [ring for ring in rings if ring is largest or area(ring) >= MIN_PART_AREA]
            result.append((key, properties, rings))
        return result


def build() -> str:
    """The contents of shapes.json."""
    countries = Layer(COUNTRIES_FILE, "countries", lambda g: ALPHA2.get(g.get("id")))
    regions = Layer(REGIONS_FILE, "regions", lambda g: g["id"])
    x0, y0, x1, y1 = countries.bounds(set(MENA))  # projected, y up
    pad = MARGIN * max(x1 - x0, y1 - y0)
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    scale = WIDTH / (x1 - x0)
    box = (0.0, 0.0, float(WIDTH), (y1 - y0) * scale)
    for layer in (countries, regions):
        layer.to_svg((x0, y1), scale)
    shapes, context = {}, []
    for key, _, rings in countries.shapes(box):
        entry = {"box": [round(v, 1) for v in bounds([p for ring in rings for p in ring])], "d": path(rings)}
        if key:
            shapes[key] = {"kind": "country", **entry}
        else:
            context.append(entry)
    for key, _, rings in regions.shapes(box):
        entry = {"box": [round(v, 1) for v in bounds([p for ring in rings for p in ring])], "d": path(rings)}
        shapes[key] = {"kind": "region", "country": key.split("-")[0], **entry}
    document = {
        "about": "Built by `manage.py build_map_shapes` from devtools/maps/sources/; see ATTRIBUTION.md.",
        "size": [WIDTH, round(box[3], 1)],
        "maghreb": list(MAGHREB),
        "mena": list(MENA),
        "shapes": dict(sorted(shapes.items())),
        "context": context,
    }
    return dumps(document)


def dumps(document: dict) -> str:
    """JSON with a shape a line, so that a rebuild's diff reads by shape."""
    lines = ["{"]
    items = list(document.items())
    for i, (name, value) in enumerate(items):
        end = "," if i < len(items) - 1 else ""
        if name == "shapes":
            inner = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items()]
            lines += ['  "shapes": {', ",\n".join("  " + line for line in inner), "  }" + end]
        elif name == "context":
            inner = [f"    {json.dumps(v)}" for v in value]
            lines += ['  "context": [', ",\n".join(inner), "  ]" + end]
        else:
            lines.append(f"  {json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}{end}")
    return "\n".join(lines) + "\n}\n"
