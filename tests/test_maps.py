"""The map (networks/maps/): on the home page and every place page, each country (and Moroccan region) with
organizations is a shaded link to its list with its count, beside a table of the same figures; regions are
drawn only where organizations are placed; the shapes file is what the build command makes of the datasets."""

import json
import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from devtools import maps as build
from networks import maps
from networks.models import Place
from tests.builders import make_organization

pytestmark = pytest.mark.django_db


class MapReader(HTMLParser):
    """What a page's map shows: the SVG's links ({code: (href, title)}), its shapes' classes by code, its
    view box, whether it outlines a place and holds any text; the table's rows [(name, href, count)]."""

    def __init__(self, html: str):
        super().__init__()
        self.links, self.classes, self.rows = {}, {}, []
        self.view_box, self.outline, self.has_text = "", False, False
        self._in_svg = self._in_table = False
        self._link = self._row = self._field = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg" and "map-svg" in attrs.get("class", ""):
            self._in_svg, self.view_box = True, attrs["viewbox"]
        elif tag == "table" and "map-table" in attrs.get("class", ""):
            self._in_table = True
        elif self._in_svg:
            self.svg_element(tag, attrs)
        elif self._in_table and tag == "tr":
            self._row = {"name": "", "href": None, "count": ""}
        elif self._row is not None and tag == "a":
            self._row["href"], self._field = attrs["href"], "name"
        elif self._row is not None and tag == "td":
            self._field = "count"

    def svg_element(self, tag, attrs):
        if tag == "a":
            self._link = [attrs["data-code"], attrs["href"], ""]
        elif tag == "path" and attrs.get("class") == "map-outline":
            self.outline = True
        elif tag == "path" and (code := attrs.get("data-code") or (self._link and self._link[0])):
            self.classes[code] = attrs["class"].split()
        elif tag == "text":
            self.has_text = True

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_svg = False
        elif tag == "a" and self._link:
            code, href, title = self._link
            self.links[code] = (href, title.strip())
            self._link = None
        elif tag in ("a", "td"):
            self._field = None
        elif tag == "tr" and self._row and self._row["href"]:
            self.rows.append((self._row["name"].strip(), self._row["href"], int(self._row["count"])))
            self._row = None
        elif tag == "table":
            self._in_table = False

    def handle_data(self, data):
        if self._link is not None:
            self._link[2] += data
        elif self._field:
            self._row[self._field] += data


def read_map(client, url: str) -> MapReader:
    response = client.get(url)
    assert response.status_code == 200, url
    return MapReader(response.content.decode())


def place(code: str, kind: str, parent: Place | None = None) -> Place:
    return Place.objects.create(code=code, kind=kind, name_en=f"Place {code}", name_ar=code, parent=parent)


def count_in(title: str) -> int:
    return int(re.search(r": (\d+) organization", title)[1])


def view_width(reader: MapReader) -> float:
    return float(reader.view_box.split()[2])


class TestShapesFile:
    def test_the_build_command_reproduces_the_committed_file(self):
        call_command("build_map_shapes", check=True, stdout=StringIO())

    def test_check_fails_on_a_file_out_of_date(self, tmp_path):
        stale = tmp_path / "shapes.json"
        stale.write_text(build.OUTPUT.read_text(encoding="utf-8").replace('"MA"', '"XX"'), encoding="utf-8")
        with pytest.raises(CommandError, match="out of date"):
            call_command("build_map_shapes", check=True, output=stale, stdout=StringIO())
        call_command("build_map_shapes", output=stale, stdout=StringIO())
        assert stale.read_bytes() == build.OUTPUT.read_bytes()

    def test_it_is_small_and_has_the_countries_and_the_twelve_regions(self):
        assert build.OUTPUT.stat().st_size < 60_000
        shapes = json.loads(build.OUTPUT.read_text(encoding="utf-8"))["shapes"]
        assert set(build.MENA) <= {code for code, s in shapes.items() if s["kind"] == "country"}
        regions = {code for code, s in shapes.items() if s["kind"] == "region"}
        assert regions == {f"MA-{n:02}" for n in range(1, 13)}

    def test_its_licences_sit_next_to_it(self):
        folder = build.OUTPUT.parent
        attribution = (folder / "ATTRIBUTION.md").read_text(encoding="utf-8")
        assert "Natural Earth" in attribution and "Open Database License" in attribution
        assert "Open Database License" in (folder / "ODbL-1.0.txt").read_text(encoding="utf-8")


class TestClasses:
    @pytest.mark.parametrize(
        ("counts", "limits"),
        [
            ([1], [1]),
            ([3, 1], [1, 2, 3]),
            ([8, 1, 2], [2, 3, 5, 8]),
            ([1000, 3], [6, 32, 180, 1000]),
            ([4124], [8, 64, 520, 4124]),  # the largest count closes the last class, unrounded
            ([], []),
        ],
    )
    def test_geometric_classes_up_to_the_largest_count(self, counts, limits):
        assert maps.class_limits(counts) == limits

    def test_a_count_takes_the_shade_of_its_class_spread_over_the_palette(self):
        assert [maps.level(n, [1, 2, 3]) for n in (0, 1, 2, 3)] == [0, 1, 3, 4]
        assert [maps.level(n, [2, 3, 5, 8]) for n in (1, 3, 4, 8)] == [1, 2, 3, 4]


class TestSeededMap:
    def test_each_country_with_organizations_is_a_link_to_its_list_with_its_count(self, client, seeded):
        home = read_map(client, "/en/")
        countries = {code: link for code, link in home.links.items() if "-" not in code}
        assert countries == {
            "MA": ("/en/organizations/?country=MA", "Morocco: 8 organizations"),
            "LY": ("/en/organizations/?country=LY", "Libya: 1 organization"),
        }
        for href, title in countries.values():
            assert client.get(href).context["paginator"].count == count_in(title)

    def test_the_countries_without_organizations_are_drawn_grey_and_not_linked(self, client, seeded):
        home = read_map(client, "/en/")
        assert {"DZ", "TN", "MR", "EH"} <= set(home.classes) and not {"DZ", "TN"} & set(home.links)
        assert "map-level-0" in home.classes["DZ"]
        assert home.classes["MA"] != home.classes["LY"]  # 8 and 1: two shades

    def test_the_moroccan_regions_with_organizations_are_drawn(self, client, seeded):
        regions = {code: link for code, link in read_map(client, "/en/").links.items() if "-" in code}
        assert regions == {
            "MA-05": ("/en/places/MA-05/", "Béni Mellal-Khénifra: 2 organizations"),
            "MA-10": ("/en/places/MA-10/", "Guelmim-Oued Noun: 1 organization"),
            "MA-11": ("/en/places/MA-11/", "Laâyoune-Sakia El Hamra: 1 organization"),
            "MA-12": ("/en/places/MA-12/", "Dakhla-Oued Ed-Dahab: 1 organization"),
        }

    def test_the_table_holds_the_same_links_and_counts_and_the_places_off_the_map(self, client, seeded):
        home = read_map(client, "/en/")
        table = {href: count for _name, href, count in home.rows}
        for href, title in home.links.values():
            assert table[href] == count_in(title)
        off_map = {"/en/organizations/?country=world": 2, "/en/organizations/?country=maghreb": 1}
        assert set(table) == {href for href, _ in home.links.values()} | set(off_map)
        assert [name for name, *_ in home.rows][:2] == ["Morocco", "Béni Mellal-Khénifra"]

    def test_the_svg_holds_no_text_and_the_arabic_page_the_same_shapes(self, client, seeded):
        english, arabic = read_map(client, "/en/"), read_map(client, "/ar/")
        assert not english.has_text and english.view_box == arabic.view_box
        assert set(english.links) == set(arabic.links)
        assert arabic.links["MA"][0] == "/ar/organizations/?country=MA"

    def test_the_map_shows_the_maghreb_and_says_how_it_draws_western_sahara(self, client, seeded):
        response = client.get("/en/")
        assert "Western Sahara is a disputed territory" in response.content.decode()
        assert "Egypt" not in response.content.decode() and "SA" not in read_map(client, "/en/").classes

    def test_a_country_page_is_centred_on_it_outlined_with_its_regions(self, client, seeded):
        home, morocco = read_map(client, "/en/"), read_map(client, "/en/places/MA/")
        assert morocco.outline and "map-current" in morocco.classes["MA"]
        assert view_width(morocco) < view_width(home)
        assert {"MA-05", "MA-10", "MA-11", "MA-12"} <= set(morocco.links)
        libya = read_map(client, "/en/places/LY/")
        assert "map-current" in libya.classes["LY"] and "MA-05" not in libya.links

    def test_a_region_page_lists_the_organizations_placed_in_it(self, client, seeded):
        response = client.get("/en/places/MA-11/")
        assert response.status_code == 200
        page = response.content.decode()
        assert [o.slug for o in response.context["organizations"]] == ["saharan-training-centre"]
        assert "map-current" in MapReader(page).classes["MA-11"]
        # Its lists are Morocco's: the list filters by country.
        assert re.search(r'href="/en/organizations/\?country=MA">\s*All the organizations in Morocco', page)
        beni_mellal = client.get("/en/places/MA-05/").context["organizations"]
        # The regional branch and the provincial bureau in Béni Mellal (a city of the region).
        assert len(beni_mellal) == 2

    def test_a_place_the_directory_does_not_hold_and_a_city_have_no_page(self, client, seeded):
        assert client.get("/en/places/MA-01/").status_code == 404  # not in the seeds' taxonomy
        assert client.get("/en/places/rabat/").status_code == 404


class TestRegionsAndReach:
    """A directory built for each test: what the map draws follows where organizations are placed."""

    @pytest.fixture
    def morocco(self, db):
        country = place("MA", Place.Kind.COUNTRY)
        make_organization().areas.add(country)
        return country

    def test_no_region_is_drawn_while_none_has_organizations(self, client, morocco):
        home = read_map(client, "/en/")
        assert not [code for code in home.classes if code.startswith("MA-")]
        assert set(home.links) == {"MA"}

    def test_a_region_is_drawn_once_an_organization_works_in_a_place_inside_it(self, client, morocco):
        region = place("MA-04", Place.Kind.REGION, parent=morocco)
        place("MA-06", Place.Kind.REGION, parent=morocco)
        city = place("kenitra", Place.Kind.CITY, parent=region)
        make_organization().areas.add(city)
        home = read_map(client, "/en/")
        assert home.links["MA-04"] == ("/en/places/MA-04/", "Place MA-04: 1 organization")
        assert "MA-06" not in home.classes
        assert home.links["MA"][1] == "Place MA: 2 organizations"

    def test_the_map_reaches_the_middle_east_once_the_directory_does(self, client, morocco):
        maghreb = read_map(client, "/en/")
        make_organization().areas.add(place("EG", Place.Kind.COUNTRY))
        mena = read_map(client, "/en/")
        assert view_width(mena) > view_width(maghreb) * 1.5
        assert mena.links["EG"] == ("/en/organizations/?country=EG", "Place EG: 1 organization")
        assert "SA" in mena.classes and "SA" not in maghreb.classes

    def test_hidden_organizations_and_related_bodies_are_not_counted(self, client, morocco):
        region = place("MA-04", Place.Kind.REGION, parent=morocco)
        make_organization(status="hidden").areas.add(region)
        make_organization(listing="related").areas.add(region)
        assert "MA-04" not in read_map(client, "/en/").classes

    def test_the_home_page_reads_as_many_rows_whatever_the_number_of_regions(self, client, morocco):
        def queries() -> int:
            """Counted on the second request: the first builds what is kept per directory version."""
            client.get("/en/")
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/en/").status_code == 200
            return len(captured)

        region = place("MA-01", Place.Kind.REGION, parent=morocco)
        make_organization().areas.add(region)
        one = queries()
        for n in range(2, 10):
            make_organization().areas.add(place(f"MA-{n:02}", Place.Kind.REGION, parent=morocco))
        assert len(read_map(client, "/en/").links) == 10
        assert queries() == one
