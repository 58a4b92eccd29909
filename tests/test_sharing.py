"""Pages worth sharing: Open Graph and Twitter card tags, canonical addresses, "Cite this page" (a formatted
reference and BibTeX), and the Atom feed of new and changed organizations in each language."""

import datetime
import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser

import pytest
from django.utils import timezone, translation

from networks import sharing
from networks.models import Organization, Person
from tests.builders import make_membership, make_organization, make_person

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


class Head(HTMLParser):
    """The `<title>`, `<meta>` and `<link>` tags of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.title = ""
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.setdefault(attrs.get("property") or attrs["name"], []).append(attrs["content"])
        elif tag == "link":
            self.links.append(attrs)
        self._in_title = tag == "title" and not self.title  # the page's, not an SVG's

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def one(self, name: str) -> str:
        (value,) = self.meta[name]
        return value

    @property
    def canonical(self) -> str | None:
        found = [link["href"] for link in self.links if link.get("rel") == "canonical"]
        assert len(found) <= 1
        return found[0] if found else None


def head_of(client, url: str, status=200) -> Head:
    response = client.get(url)
    assert response.status_code == status, url
    return Head(response.content.decode())


PAGES = [
    "/ar/",
    "/en/",
    "/en/organizations/",
    "/ar/organizations/inlw-morocco/",
    "/en/people/maskoula-baamar/",
    "/en/places/",
    "/ar/places/MA/",
    "/en/causes/",
    "/en/causes/womens-rights/",
    "/en/events/",
    "/en/people/",
    "/en/goals/",
    "/en/sources/",
    "/en/sources/inlw-morocco-founding-2017/",
    "/ar/data/",
]


class TestOpenGraphAndTwitterCards:
    @pytest.mark.parametrize("url", PAGES)
    def test_every_page_describes_itself_for_sharing(self, client, seeded, url):
        head = head_of(client, url)
        title = " ".join(head.title.split()).removesuffix(" · Shabakat").removesuffix(" · شبكات")
        assert head.one("og:title") == head.one("twitter:title") == title
        description = " ".join(head.one("description").split())
        assert head.one("og:description") == head.one("twitter:description") == description
        assert len(head.one("og:description")) > 20
        assert head.one("og:url") == head.canonical == f"http://testserver{url}"
        assert head.one("og:site_name") == ("شبكات" if url.startswith("/ar/") else "Shabakat")
        assert head.one("og:type") == ("profile" if "/people/maskoula" in url else "website")
        locales = {"ar": ("ar_AR", ["en_US"]), "en": ("en_US", ["ar_AR"])}[url[1:3]]
        assert (head.one("og:locale"), head.meta["og:locale:alternate"]) == locales
        assert head.one("twitter:card") == "summary"
        # No share image: none that would render Arabic correctly.
        assert "og:image" not in head.meta and "twitter:image" not in head.meta

    def test_an_organization_person_or_place_gives_its_own_description(self, client, seeded):
        organization = head_of(client, "/en/organizations/inlw-morocco/").one("og:description")
        assert organization.startswith("The Moroccan branch of the International Network of Liberal Women")
        assert "Maskoula Baamar" in head_of(client, "/en/people/maskoula-baamar/").one("og:description")
        assert "المغرب" in head_of(client, "/ar/places/MA/").one("og:description")
        assert len({organization, head_of(client, "/en/").one("og:description")}) == 2

    def test_a_description_with_markup_is_escaped_once(self, client):
        organization = make_organization(description_en='Rights & "equality" <b>now</b>')
        head = head_of(client, f"/en/organizations/{organization.slug}/")
        assert head.one("og:description") == 'Rights & "equality" <b>now</b>'  # the parser unescapes once

    def test_quotation_marks_of_a_translation_stay_inside_the_attribute(self, client, seeded):
        head = head_of(client, "/en/sources/inlw-morocco-founding-2017/")
        assert head.one("description").startswith('The source "')
        assert head.one("og:description") == head.one("description")


class TestCanonicalAddresses:
    @pytest.mark.parametrize(
        ("query", "canonical"),
        [
            ("", ""),
            # Tracking tags and unknown parameters go; the filters stay, in the FilterSet's order.
            ("utm_source=mail&fbclid=x&country=MA", "?country=MA"),
            ("cause=womens-rights&country=MA", "?country=MA&cause=womens-rights"),
            # One page, whatever the order, repetition or emptiness of a facet's values.
            ("country=MA&country=LY&country=MA&q=", "?country=LY&country=MA"),
            ("country=LY&country=MA", "?country=LY&country=MA"),
            # The first page and a facet's default are the page without them; another page is its own.
            ("page=1&listing=entry", ""),
            ("listing=related", "?listing=related"),
            ("q=%D8%B4%D8%A8%D9%83%D8%A9&sort=name&page=1", "?q=%D8%B4%D8%A8%D9%83%D8%A9&sort=name"),
        ],
    )
    def test_a_list_keeps_only_what_chooses_its_rows(self, client, seeded, query, canonical):
        head = head_of(client, f"/en/organizations/?{query}")
        assert head.canonical == f"http://testserver/en/organizations/{canonical}"

    def test_a_later_page_keeps_its_number(self, client):
        for _ in range(25):
            make_organization()
        head = head_of(client, "/en/organizations/?page=2&utm_medium=x")
        assert head.canonical == "http://testserver/en/organizations/?page=2"
        assert head_of(client, "/en/organizations/?page=last").canonical.endswith("/organizations/?page=2")

    def test_the_other_lists_keep_their_own_filters(self, client, seeded):
        head = head_of(client, "/en/people/?role=member&ref=newsletter&organization=inlw-morocco")
        assert head.canonical == "http://testserver/en/people/?organization=inlw-morocco&role=member"

    def test_a_page_without_filters_has_no_query(self, client, seeded):
        head = head_of(client, "/ar/organizations/inlw-morocco/?utm_source=x&page=3")
        assert head.canonical == "http://testserver/ar/organizations/inlw-morocco/"

    def test_the_address_is_built_from_the_request(self, client, seeded, settings):
        settings.ALLOWED_HOSTS = ["shabakat.example"]
        response = client.get("/en/causes/", HTTP_HOST="shabakat.example", secure=True)
        assert Head(response.content.decode()).canonical == "https://shabakat.example/en/causes/"

    def test_an_address_that_is_no_page_has_none(self, client, seeded):
        assert head_of(client, "/en/no-such-page/", status=404).canonical is None


def cite_this_page(html: str) -> str:
    return re.search(r'<details class="cite-this">.*?</details>', html, re.S).group(0)


def bibtex_of(html: str) -> str:
    pre = re.search(r'<pre class="bibtex" dir="ltr"><code>(.*?)</code></pre>', html, re.S).group(1)
    return unescape(re.sub(r"</?bdi>", "", pre))


def bibtex_fields(entry: str) -> dict[str, str]:
    """The fields of one BibTeX entry, checking it is well formed: `@misc{key,`, `name = {value},` lines
    with balanced braces (escaped ones aside), `}`."""
    lines = entry.splitlines()
    assert re.fullmatch(r"@misc\{[A-Za-z0-9-]+,", lines[0]) and lines[-1] == "}"
    fields = {}
    for line in lines[1:-1]:
        name, value = re.fullmatch(r"  ([a-z]+) *= \{(.*)\},", line).groups()
        depth = 0
        for character in re.sub(r"\\[{}]", "", value):
            depth += {"{": 1, "}": -1}.get(character, 0)
            assert depth >= 0, line
        assert depth == 0, line
        fields[name] = value
    return fields


class TestCiteThisPage:
    def test_an_organization_page_gives_a_reference_and_bibtex(self, client, seeded):
        Organization.objects.filter(slug="inlw-morocco").update(last_verified=datetime.date(2026, 10, 3))
        html = client.get("/en/organizations/inlw-morocco/").content.decode()
        block = cite_this_page(html)
        today = timezone.localdate()
        changed = timezone.localdate(
            Organization.objects.get(slug="inlw-morocco").history.latest().history_date
        )
        name = "International Network of Liberal Women – Morocco Branch"
        assert f"“<bdi>{name}</bdi>”" in block
        assert "Directory of women&#x27;s networks in the Maghreb" in block
        assert "last verified Oct. 3, 2026" in block
        url = "http://testserver/en/organizations/inlw-morocco/"
        assert f'<a href="{url}">{url}</a></bdi> (accessed' in block
        fields = bibtex_fields(bibtex_of(html))
        assert fields == {
            "author": "{Shabakat}",
            "title": "{" + name + "}",
            "howpublished": "Directory of women's networks in the Maghreb",
            "year": str(changed.year),
            "url": url,
            "urldate": today.isoformat(),
            "note": f"last changed {changed}, last verified 2026-10-03, accessed {today}",
            "language": "english",
        }
        assert bibtex_of(html).startswith("@misc{shabakat-organization-inlw-morocco-en,")

    def test_a_person_page_in_arabic(self, client, seeded):
        html = client.get("/ar/people/maskoula-baamar/").content.decode()
        person = Person.objects.get(slug="maskoula-baamar")
        assert f"<bdi>{person.name_ar}</bdi>" in cite_this_page(html)
        # Dates in the page's language (Django's Arabic month names), the address read left to right.
        assert re.search(
            r"\d+ (يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر)", html
        )
        assert '<bdi dir="ltr"><a href="http://testserver/ar/people/maskoula-baamar/">' in html
        fields = bibtex_fields(bibtex_of(html))
        assert fields["title"] == "{" + person.name_ar + "}" and fields["language"] == "arabic"
        assert bibtex_of(html).startswith("@misc{shabakat-person-maskoula-baamar-ar,")
        assert "last verified" not in fields["note"]  # a person has no verification date

    def test_what_latex_reads_as_commands_is_escaped(self):
        assert sharing.latex_escape(r"A & B: 100% of $5 #1 a_b {x} ~ ^ \ ") == (
            r"A \& B: 100\% of \$5 \#1 a\_b \{x\} \textasciitilde{} \textasciicircum{} \textbackslash{}"
        )
        assert sharing.latex_escape("شبكة  النساء\n") == "شبكة النساء"

    def test_a_name_full_of_latex_makes_a_well_formed_entry(self):
        with translation.override("en"):
            citation = sharing.PageCitation(
                title="Women {United} & 50% \\ Co_op #1 }{", url="http://x/en/o/a/", key="k",
                accessed=datetime.date(2026, 12, 1),
            )  # fmt: skip
            fields = bibtex_fields(citation.bibtex)
        assert fields["title"] == r"{Women \{United\} \& 50\% \textbackslash{} Co\_op \#1 \}\{}"

    def test_keys_are_ascii(self):
        assert sharing.bibtex_key("organization", "réseau_x y", "ar") == "shabakat-organization-r-seau-x-y-ar"

    def test_the_block_folds_without_script(self, client, seeded):
        html = client.get("/en/organizations/inlw-morocco/").content.decode()
        assert "<summary>Cite this page</summary>" in cite_this_page(html)
        assert "<script" not in html


def feed_of(client, language="en") -> ET.Element:
    response = client.get(f"/{language}/organizations/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def entries_of(feed: ET.Element) -> list[dict]:
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link[@rel='alternate']").get("href"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def assert_valid_atom(feed: ET.Element) -> None:
    """What RFC 4287 requires: a feed's id, title, updated and author (or every entry's), each entry's id,
    title, updated and alternate link, dates in RFC 3339, absolute links."""
    assert feed.tag == f"{ATOM}feed"
    for element in (feed, *feed.findall(f"{ATOM}entry")):
        assert element.findtext(f"{ATOM}id") and element.findtext(f"{ATOM}title")
        assert datetime.datetime.fromisoformat(element.findtext(f"{ATOM}updated")).tzinfo is not None
        for link in element.findall(f"{ATOM}link"):
            assert link.get("href").startswith("http://testserver/")
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/organizations/feed.atom")
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))


class TestAtomFeed:
    def test_new_and_changed_public_entries_latest_first(self, client):
        older = make_organization(name_en="Older network")
        newer = make_organization(name_en="Newer network")
        hidden = make_organization(name_en="Hidden network", status=Organization.Status.HIDDEN)
        related = make_organization(name_en="A related body", listing=Organization.Listing.RELATED)
        feed = feed_of(client)
        assert_valid_atom(feed)
        titles = [entry["title"] for entry in entries_of(feed)]
        assert titles == ["Newer network", "Older network"]
        assert hidden.name_en not in titles and related.name_en not in titles
        older.description_en = "Edited since."
        older.save()
        entries = entries_of(feed_of(client))
        assert [entry["title"] for entry in entries] == ["Older network", "Newer network"]
        assert entries[0]["link"] == f"http://testserver/en/organizations/{older.slug}/"
        assert "<p>Edited since.</p>" in entries[0]["summary"]
        assert entries[0]["updated"] > entries[1]["updated"]
        assert entries[1]["link"].endswith(f"/{newer.slug}/")

    def test_a_withheld_person_never_appears_even_quoted_in_a_description(self, client):
        person = make_person(name_en="Samira Hidden", name_ar="سميرة المخفية", is_public=False)
        organization = make_organization(
            name_ar="شبكة", description_en="Founded by Samira Hidden.", description_ar="أسستها سميرة المخفية."
        )
        make_membership(person=person, organization=organization)
        for language in ("en", "ar"):
            response = client.get(f"/{language}/organizations/feed.atom")
            body = response.content.decode()
            assert "Samira" not in body and "سميرة" not in body and person.slug not in body
            assert organization.slug in body
        english = entries_of(feed_of(client, "en"))[0]
        assert "Founded by [name withheld]." in english["summary"]

    def test_one_feed_per_language(self, client):
        make_organization(name_ar="الشبكة النسائية", name_en="Women's network")
        arabic, english = feed_of(client, "ar"), feed_of(client, "en")
        assert arabic.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
        assert english.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
        assert entries_of(arabic)[0]["title"] == "الشبكة النسائية"
        assert entries_of(arabic)[0]["link"].startswith("http://testserver/ar/organizations/")
        assert entries_of(english)[0]["title"] == "Women's network"

    def test_the_feed_holds_the_latest_fifty(self, client):
        for _ in range(52):
            make_organization()
        assert len(entries_of(feed_of(client))) == 50

    def test_the_seeded_directory_feed(self, client, seeded):
        feed = feed_of(client)
        assert_valid_atom(feed)
        links = {entry["link"] for entry in entries_of(feed)}
        entries = Organization.objects.filter(listing="entry").exclude(status="hidden")
        assert links == {f"http://testserver{organization.get_absolute_url()}" for organization in entries}
        # Its causes are an entry's categories.
        (coalition,) = [
            entry
            for entry in feed.findall(f"{ATOM}entry")
            if "participatory-democracy" in entry.findtext(f"{ATOM}id")
        ]
        terms = {category.get("term") for category in coalition.findall(f"{ATOM}category")}
        assert terms == {"Awareness and education", "Governance", "Participatory democracy"}

    @pytest.mark.parametrize("url", ["/ar/", "/en/organizations/"])
    def test_the_home_page_and_the_list_announce_it(self, client, seeded, url):
        head = head_of(client, url)
        (feed,) = [link for link in head.links if link.get("type") == "application/atom+xml"]
        assert feed["rel"] == "alternate" and feed["href"] == f"/{url[1:3]}/organizations/feed.atom"
        assert client.get(feed["href"]).status_code == 200
