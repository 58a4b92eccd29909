"""Bad input never breaks the public site: property-based tests (hypothesis) on every public URL.

Hypothesis sends arbitrary query strings, parameter values, path segments, methods and headers to every public
URL — in /ar/ and /en/ — and checks four things of every answer:

1. **never a server error**: the status is one of `PAGE_STATUSES` (the API may also throttle, 429). The test
   client re-raises a view's exception, so a crash fails the test with its traceback, and hypothesis prints
   the smallest request that causes it;
2. **nothing typed comes back as live markup**: a markup probe that was sent (`<script>…`, `"><img …>`) never
   appears verbatim in a body a browser renders as markup (HTML, XML), nor in a redirect; its escaped form
   may. Other bodies (JSON, CSV, XLSX) are data: they must be served with a non-markup type and
   `X-Content-Type-Options: nosniff`, so that no browser ever renders them as HTML;
3. **a redirect stays on the site**;
4. **a 200 is whole**: every streamed body is read to its end (an export can fail mid-stream), an HTML page
   ends with `</html>`, JSON parses, a CSV starts with its byte-order mark, an XLSX is a sound zip.

The table of URLs is built from the URL patterns (lists and exports from `exports.LISTS`, the API from its
router), and `test_every_public_url_is_fuzzed` fails when a public URL is added without being fuzzed here.
Parameters are each list's own FilterSet fields, with their real values from the seeded database (so that
examples reach the queries), mixed with garbage and arbitrary names.

Runs are derandomized (the same examples every run, so CI is reproducible) and take 60–80 s on SQLite on
2 cores (each test loads the seeds once, ~3 s).
Locally, `FUZZ_SCALE=10` multiplies the number of examples and `FUZZ_RANDOM=1` draws new ones each run.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import quote, unquote, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.http.response import MAX_URL_REDIRECT_LENGTH
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.html import escape
from django_filters import ChoiceFilter, ModelChoiceFilter, NumberFilter
from django_filters.rest_framework import DjangoFilterBackend
from hypothesis import HealthCheck, currently_in_test_context, event, given, note
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from networks import api, exports
from networks import urls as network_urls
from networks.filters import OrganizationNameFilter
from networks.models import Cause, Organization, Person, Place, Source

# --------------------------------------------------------------------------------------------------------
# What every answer may be
# --------------------------------------------------------------------------------------------------------

PAGE_STATUSES = {200, 301, 302, 400, 404, 405}
# The API is throttled per client. Its throttle rate cannot be raised with pytest-django's `settings`
# fixture: DRF binds `SimpleRateThrottle.THROTTLE_RATES` to the settings' dict when it is imported, and a
# settings change does not rebind it. So `fetch` clears the cache (where the throttle counts requests)
# before every request instead: a fuzzed request is never throttled by the previous ones. 429 stays
# allowed, since throttling a client is a correct answer (tests/test_api.py checks that it happens).
API_STATUSES = PAGE_STATUSES | {429}
# Only when the client asked for a type the API does not serve (an arbitrary `Accept` header).
NOT_ACCEPTABLE = 406

MARKUP_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/xml",
    "application/xml",
    "application/atom+xml",
)
LANGUAGES = [code for code, _name in django_settings.LANGUAGES]
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))


def fuzz(max_examples: int):
    """Hypothesis settings for a test that loads the seeds once and sends `max_examples` requests."""
    return hypothesis_settings(
        max_examples=max(1, int(max_examples * SCALE)),
        deadline=None,  # a page takes tens of milliseconds, an XLSX export more: no per-example deadline
        derandomize=not os.environ.get("FUZZ_RANDOM"),
        database=None,  # derandomized runs replay themselves: no example database to keep
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        print_blob=True,
    )


# --------------------------------------------------------------------------------------------------------
# The public URLs, from the URL patterns
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    name: str  # the URL pattern's name, for reverse()
    params: tuple[str, ...] = ()  # its real query parameters
    key: str | None = None  # the path argument of a detail page or an export (slug, code, fmt)
    localized: bool = True  # under /ar/ and /en/
    api: bool = False

    def path(self, language: str, key: str | None = None) -> str:
        """The path, with `key` (sent as is: already percent-encoded, or deliberately not) in place of the
        path argument."""
        placeholder = "fuzzkeyfuzz"  # valid for every converter, so that reverse() accepts it
        kwargs = {self.key: placeholder} if self.key else {}
        with translation.override(language if self.localized else None):
            path = reverse(self.name, kwargs=kwargs)
        return path.replace(placeholder, key) if self.key else path


def filter_names(filterset_class) -> tuple[str, ...]:
    return tuple(filterset_class.base_filters) if filterset_class else ()


def api_filterset(viewset):
    """The FilterSet the API builds for a viewset (its `filterset_class`, or one from `filterset_fields`)."""
    return DjangoFilterBackend().get_filterset_class(viewset(), viewset.queryset)


_PATTERNS = [p for p in network_urls.urlpatterns if p.name]
# Each list page is a FilterView of one of `exports.LISTS`; its exports name the same list.
LIST_PAGES = {
    f"networks:{p.name}": p.callback.view_class.list_name
    for p in _PATTERNS
    if getattr(getattr(p.callback, "view_class", None), "list_name", "")
}
EXPORT_PAGES = {
    f"networks:{p.name}": p.default_args["list_name"] for p in _PATTERNS if "list_name" in p.default_args
}
# Detail pages, and the rows whose key (slug or code) they take.
DETAIL_PAGES = {
    "networks:organization_detail": Organization,
    "networks:person_detail": Person,
    "networks:place_detail": Place,  # every place: a city has no page, so its code must be a 404
    "networks:cause_detail": Cause,
    "networks:source_detail": Source,
}
# Pages without a path argument or filters; the query parameters they (or their libraries) read.
FIXED_PAGES = {
    "networks:home": (),
    "networks:place_list": (),
    "networks:cause_list": (),
    "networks:source_list": (),
    "networks:data_dictionary": (),
    "networks:organizations_schema": (),
    "networks:dataset_download": (),
    "networks:organization_feed": (),
    "sitemap": ("p",),  # django.contrib.sitemaps pages with ?p=
    "api-root": ("format",),
    "api-schema": ("format", "lang", "version"),  # drf-spectacular reads all three
}
API_LISTS = {f"{basename}-list": viewset for _prefix, viewset, basename in api.router.registry}
API_DETAILS = {f"{basename}-detail": viewset for _prefix, viewset, basename in api.router.registry}
PAGE_PARAMS = ("page",)
API_PARAMS = ("page", "format")  # DRF pagination and its format override


def _detail_key(name: str) -> str:
    """The path argument of a networks detail pattern (`slug` or `code`), read from the pattern."""
    pattern = next(p for p in _PATTERNS if f"networks:{p.name}" == name)
    (key,) = pattern.pattern.converters
    return key


ENDPOINTS: dict[str, Endpoint] = {
    **{
        name: Endpoint(name, filter_names(exports.LISTS[list_name].filterset) + PAGE_PARAMS)
        for name, list_name in LIST_PAGES.items()
    },
    **{
        name: Endpoint(name, filter_names(exports.LISTS[list_name].filterset), key="fmt")
        for name, list_name in EXPORT_PAGES.items()
    },
    **{name: Endpoint(name, key=_detail_key(name)) for name in DETAIL_PAGES},
    **{
        name: Endpoint(name, params, localized=name.startswith("networks:"), api=name.startswith("api-"))
        for name, params in FIXED_PAGES.items()
    },
    **{
        name: Endpoint(name, filter_names(api_filterset(viewset)) + API_PARAMS, localized=False, api=True)
        for name, viewset in API_LISTS.items()
    },
    **{
        name: Endpoint(name, ("format",), key=viewset.lookup_field, localized=False, api=True)
        for name, viewset in API_DETAILS.items()
    },
}
ALL_PARAMS = sorted({param for endpoint in ENDPOINTS.values() for param in endpoint.params})


def public_url_names() -> tuple[set[str], list[str]]:
    """Every URL pattern a visitor can reach (the whole URLconf but the staff admin): the names, and the
    patterns without a name (which this file could not fuzz by name)."""
    names, unnamed = set(), []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue  # staff only, behind a login
                walk(
                    pattern.url_patterns,
                    f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace,
                )
            elif pattern.name:
                names.add(namespace + pattern.name)
            else:
                unnamed.append(str(pattern.pattern))

    walk(get_resolver().url_patterns, "")
    return names, unnamed


# --------------------------------------------------------------------------------------------------------
# Real values from the seeded database
# --------------------------------------------------------------------------------------------------------


class Vocabulary:
    def __init__(self, values: dict[str, list[str]], keys: dict[str, list[str]]):
        self.values = values  # parameter name → valid values (every list's, merged)
        self.keys = keys  # endpoint name → the slugs or codes of its rows (or export formats)

    def __repr__(self):  # hypothesis prints the fixtures of a failing example: keep it short
        return f"<Vocabulary: {len(self.values)} parameters, {len(self.keys)} kinds of keys>"

    def _repr_pretty_(self, printer, cycle):
        printer.text(repr(self))


def valid_values(filterset_class) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for name, field in (filterset_class.base_filters if filterset_class else {}).items():
        if isinstance(field, ModelChoiceFilter):
            to_field = field.extra.get("to_field_name") or "pk"
            found = [str(v) for v in field.extra["queryset"].values_list(to_field, flat=True)]
        elif isinstance(field, ChoiceFilter):
            choices = field.extra["choices"]
            found = [str(value) for value, _label in (choices() if callable(choices) else choices)]
        elif isinstance(field, OrganizationNameFilter):  # identifiers, names, parts of names
            rows = Organization.objects.values_list("slug", "name_ar", "name_en")
            found = [value for row in rows for value in row] + ["coalition", "نساء", "Women"]
        elif isinstance(field, NumberFilter):
            found = ["1900", "1956", "2011", "2017", "2100"]
        else:
            found = ["ائتلاف", "المراة", "الإئتلاف", "Maroc", "femmes", "réseau"]
        values[name] = found
    return values


@pytest.fixture
def vocabulary(seeded) -> Vocabulary:
    """The seeded database (loaded once per test function, shared by its examples) and its real values:
    every filter's valid values and every detail page's keys, so that examples mix valid filters (which
    reach the queries and the facets) with garbage."""
    values: dict[str, set[str]] = {"page": {"1", "2", "last"}, "format": {"json", "yaml", "openapi"}}
    filtersets = [spec.filterset for spec in exports.LISTS.values()]
    filtersets += [api_filterset(viewset) for viewset in API_LISTS.values()]
    for filterset_class in filtersets:
        for name, found in valid_values(filterset_class).items():
            values.setdefault(name, set()).update(found)
    values.update({"lang": set(LANGUAGES), "version": {"1"}, "p": {"1", "2"}})
    keys = {name: ["csv", "xlsx", "json"] for name in EXPORT_PAGES}
    for name, model in DETAIL_PAGES.items():
        keys[name] = [str(k) for k in model.objects.values_list(ENDPOINTS[name].key, flat=True)]
    for name, viewset in API_DETAILS.items():
        lookup = viewset.lookup_field
        keys[name] = [str(k) for k in viewset.queryset.model.objects.values_list(lookup, flat=True)]
    assert all(keys.values()), "the seeds give every detail page at least one row"
    return Vocabulary({name: sorted(found) for name, found in values.items()}, keys)


# --------------------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------------------

# Probes whose escaped form differs from the raw one: finding them verbatim in a page means unescaped output.
MARKUP_PROBES = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    '" autofocus onfocus="alert(1)',
    "<a href='javascript:alert(1)'>x</a>",
)
TEMPLATE_PROBES = (
    "{{ request }}",
    "{{7*7}}",
    "{% debug %}",
    "{% load static %}",
    "${7*7}",
    "{{ settings.SECRET_KEY }}",
)
SQL_PROBES = (
    "' OR '1'='1",
    "1; DROP TABLE networks_organization; --",
    "%' --",
    "%",
    "_",
    "\\",
    "' UNION SELECT NULL, NULL --",
    "1' AND SLEEP(5) --",
)
NUMBERS = (
    "0",
    "-1",
    "99999",
    "-99999",
    str(2**63),
    str(-(2**63) - 1),
    str(10**100),
    "1e309",
    "-0",
    "1.5",
    "NaN",
    "inf",
    "0x10",
    "١٩٩٥",  # Arabic-Indic digits
    "۲۰۱۷",  # Eastern Arabic-Indic digits
    " 2017 ",
)
DATES = ("2017-02-30", "99999-01-01", "0000-00-00", "2017-13-01", "1899-12-31", "2017-09", "-2017")
TEXTS = (
    "",
    " ",
    "ائتلاف",
    "الإِئْتِلاَف",  # with harakat
    "ـــــ",  # tatweel only
    "\u200f\u202eالمرأة\u202c",  # RTL mark, right-to-left override
    "e\u0301" * 40,  # combining marks
    "\u0301\u0301\u0301",  # marks with nothing to combine with
    "\x00",
    "nul\x00byte",
    "\x01\x02\x1b\x7f",
    "\t\r\n",
    "\ufeff",
    "\ufffd",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀",
    "م" * 5000,
    "a" * 10000,
)
NASTY_VALUES = (*MARKUP_PROBES, *TEMPLATE_PROBES, *SQL_PROBES, *NUMBERS, *DATES, *TEXTS)
EXTRA_NAMES = (
    "",
    "format",
    "lang",
    "version",
    "limit",
    "offset",
    "ordering",
    "search",
    "page_size",
    "cursor",
    "csrfmiddlewaretoken",
    "q[]",
    "country[]",
    "__proto__",
    "\x00",
)
# Query-string fragments sent as they are, not encoded: malformed percent-escapes, invalid UTF-8, empty
# names and values, raw non-ASCII.
RAW_QUERY_PARTS = (
    "%",
    "%%",
    "%ZZ",
    "%FF%FE",
    "%C0%AF",
    "%E2%80%AE",
    "%00",
    "q=%00",
    "q=%FF",
    "q=%D8",
    "country=%00",
    "country=MA%00",
    "=",
    "==",
    "=x",
    "q",
    "q=",
    "+",
    "a=1;b=2",
    "q=ائتلاف",
    "page=%00",
    "page=1%00",
)
RAW_SEGMENTS = (
    "%00",
    "a%00b",
    "%01",
    "%FF",
    "%FF%FE",
    "%C0%AE%C0%AE",
    "%",
    "%ZZ",
    "..",
    "%2e%2e",
    "%2F",
    "%20",
    "%E2%80%AE",
    "%D8%A7%D9%84",
    "ائتلاف",
    "<script>alert(1)</script>",
    "a" * 3000,
    "0",
    "-1",
    "99999999999999999999",
)
ANY_CHARACTER = st.characters(exclude_categories=("Cs",))  # every code point but lone surrogates (not UTF-8)
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(
    "\u200f\u200e\u202e\u0640 "
)

generated_probes = st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8).map(
    lambda tag: f'"><fz-{tag} onerror=alert(1)>'
)
markup_probes = st.sampled_from(MARKUP_PROBES) | generated_probes
_GENERATED = re.compile(r'"><fz-[a-z]+ onerror=alert\(1\)>')


def probes_in(text: str) -> tuple[str, ...]:
    """The markup probes contained in a string that was sent."""
    return tuple(p for p in MARKUP_PROBES if p in text) + tuple(_GENERATED.findall(text))


nasty_values = st.one_of(
    st.sampled_from(NASTY_VALUES),
    st.text(ANY_CHARACTER, max_size=40),
    st.text(ARABIC, max_size=30),
    st.integers().map(str),
    st.floats().map(str),
    st.tuples(st.integers(-1, 99999), st.integers(0, 13), st.integers(0, 32)).map(
        lambda ymd: f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"
    ),
    markup_probes,
)


def values_for(known: list[str]) -> st.SearchStrategy[str]:
    """A parameter's value: a valid one, garbage, or a valid one spoiled by garbage."""
    if not known:
        return nasty_values
    valid = st.sampled_from(known)
    return st.one_of(
        valid,
        nasty_values,
        st.tuples(valid, nasty_values).map("".join),
        valid.map(str.swapcase),
    )


arbitrary_names = st.one_of(st.sampled_from(EXTRA_NAMES), st.text(ANY_CHARACTER, max_size=20), markup_probes)


class Part(NamedTuple):
    raw: str  # as it goes into the query string
    probes: tuple[str, ...]  # the markup probes it carries


def encoded_pair(name: str, value: str) -> Part:
    return Part(f"{quote(name, safe='')}={quote(value, safe='')}", probes_in(name) + probes_in(value))


def query_parts(names: tuple[str, ...], vocabulary: Vocabulary) -> st.SearchStrategy[Part]:
    # Mostly the endpoint's own parameters (which reach its code), then other endpoints', then anything.
    own = st.sampled_from(names) if names else st.sampled_from(ALL_PARAMS)
    name = st.one_of(own, own, own, st.sampled_from(ALL_PARAMS), arbitrary_names)
    pair = name.flatmap(lambda n: values_for(vocabulary.values.get(n, [])).map(lambda v: encoded_pair(n, v)))
    return st.one_of(
        pair,
        pair,
        st.sampled_from(RAW_QUERY_PARTS).map(lambda raw: Part(raw, probes_in(raw))),
        # Unencoded markup, as a careless client would send it.
        st.tuples(name, markup_probes).map(lambda np: Part(f"{quote(np[0], safe='')}={np[1]}", (np[1],))),
        # Encoded twice: the server sees `%3Cscript%3E…` and must not decode it once more into markup.
        st.tuples(name, markup_probes).map(
            lambda np: Part(f"{quote(np[0], safe='')}={quote(quote(np[1], safe=''), safe='')}", (np[1],))
        ),
    )


@st.composite
def query_strings(draw, names: tuple[str, ...], vocabulary: Vocabulary) -> tuple[str, tuple[str, ...]]:
    """A query string of up to six parameters (the endpoint's own, other lists', arbitrary ones), sometimes
    every one repeated; and the markup probes it carries."""
    parts = draw(st.lists(query_parts(names, vocabulary), max_size=6))
    if draw(st.booleans()):
        parts += parts  # repeated parameters: ?country=MA&country=XX…
    return "&".join(p.raw for p in parts), tuple(probe for p in parts for probe in p.probes)


def mostly(usual: st.SearchStrategy, unusual: st.SearchStrategy, odds: int = 3) -> st.SearchStrategy:
    """`usual` `odds` times out of `odds + 1`. (`one_of` does not weigh its branches: hypothesis explores them
    as it sees fit, and garbage would crowd out the real keys that reach the views' queries.)"""
    return st.sampled_from([True] * odds + [False]).flatmap(lambda usually: usual if usually else unusual)


def path_keys(known: list[str]) -> st.SearchStrategy[str]:
    """A path segment for a detail page or an export: a real key, a slug-shaped one that reaches the view,
    arbitrary text (percent-encoded), or raw garbage."""
    real = st.sampled_from(known)
    return st.one_of(
        real,
        st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True),
        st.text(ANY_CHARACTER, min_size=1, max_size=40).map(lambda s: quote(s, safe="")),
        st.sampled_from(RAW_SEGMENTS),
        st.tuples(real, st.sampled_from(RAW_SEGMENTS)).map("".join),
        real.map(str.swapcase),
    )


methods = st.sampled_from(["GET"] * 6 + ["HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
latin1_header = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=60)
accept_languages = st.one_of(
    st.sampled_from(
        ["ar", "en", "fr", "en-US,en;q=0.9", "ar-MA", "*", "ar;q=abc", "x" * 500, ",,,", ";q=1", ""]
    ),
    latin1_header,
)
accepts = st.one_of(
    st.sampled_from(["*/*", "application/json", "text/html", "application/xml", "text/html;q=0.9,*/*;q=0.8"]),
    latin1_header,
)


# --------------------------------------------------------------------------------------------------------
# One request, and what must hold of its answer
# --------------------------------------------------------------------------------------------------------


def read_body(response) -> bytes:
    """The whole body: a streamed export or a file is read to its end, so a mid-stream error surfaces. (The
    test client closes the response at the end of the stream, as a WSGI server does; closing it again here
    would send `request_finished` and close the test's database connection.)"""
    return b"".join(response.streaming_content) if response.streaming else response.content


def explain(text: str) -> None:
    """Shown with a failing hypothesis example (outside hypothesis, the assertion messages say enough)."""
    if currently_in_test_context():
        note(text)


def fetch(client, path, query="", *, probes=(), statuses=PAGE_STATUSES, method="GET", **headers):
    url = f"{path}?{query}" if query else path
    explain(f"{method} {url!r} {headers or ''}")
    cache.clear()  # the API throttle's counts (see API_STATUSES)
    response = client.generic(method, url, **headers)
    body = read_body(response)
    explain(f"→ {response.status_code} {response.get('Content-Type')}")
    if currently_in_test_context():
        event(f"{method} {response.status_code}")  # --hypothesis-show-statistics shows the spread
    assert response.status_code in statuses, (method, url, response.status_code, body[:500])
    assert_not_reflected(response, body, probes)
    assert_stays_on_site(response, probes)
    if response.status_code == 200 and method == "GET":
        assert_whole(response, body)
    return response, body


def assert_not_reflected(response, body: bytes, probes) -> None:
    """A probe never comes back verbatim where a browser would run it; data types are never sniffed."""
    content_type = response.get("Content-Type", "")
    if not body or content_type.startswith(MARKUP_TYPES) or not content_type:
        text = body.decode("utf-8", "replace")
        for probe in probes:
            assert probe not in text, (
                f"{probe!r} is reflected unescaped in a {content_type or 'typeless'} body"
            )
    else:
        assert response.get("X-Content-Type-Options") == "nosniff", content_type


def assert_stays_on_site(response, probes) -> None:
    """A redirect goes to a path of this site (never `//elsewhere` or another host), without live markup."""
    location = response.get("Location")
    if location is None:
        return
    for probe in probes:
        assert probe not in location, f"{probe!r} is reflected unescaped in a redirect"
    parts = urlsplit(location)
    assert parts.netloc in ("", "testserver") and not location.startswith("//"), location


def assert_whole(response, body: bytes) -> None:
    """A 200 is a complete document of the type it says it is."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/html"):
        assert body.rstrip().endswith(b"</html>")
    elif content_type.startswith("text/csv"):
        assert body.startswith("\ufeff".encode()) and body.decode("utf-8")
    elif content_type.startswith(exports.XLSX_TYPE):
        assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None
    elif "json" in content_type:
        json.loads(body)
    if response.get("Content-Disposition", "").startswith("attachment"):
        assert content_type.startswith(("text/csv", exports.XLSX_TYPE, "application/json")), content_type


def endpoints(names) -> st.SearchStrategy[Endpoint]:
    return st.sampled_from(sorted(names)).map(ENDPOINTS.__getitem__)


# --------------------------------------------------------------------------------------------------------
# The specifications
# --------------------------------------------------------------------------------------------------------


def test_every_public_url_is_fuzzed():
    """Every public URL pattern (everything but the staff admin) has a named entry in this file's table, so a
    new page, export or API endpoint cannot be added without being fuzzed."""
    names, unnamed = public_url_names()
    assert unnamed == [], "public URL patterns without a name cannot be fuzzed by name"
    assert names == set(ENDPOINTS), {
        "not fuzzed": sorted(names - set(ENDPOINTS)),
        "no longer exist": sorted(set(ENDPOINTS) - names),
    }
    assert set(LIST_PAGES.values()) == set(EXPORT_PAGES.values()) == set(exports.LISTS)


@pytest.mark.parametrize("probe", [*MARKUP_PROBES, '"><fz-abc onerror=alert(1)>'])
def test_the_checks_catch_an_unescaped_reflection(probe):
    """The reflection check fails on a page that echoes a probe raw, and passes on one that escapes it (so a
    green run means something); a JSON body is data but must carry `nosniff`."""
    assert probe in probes_in(f"x{probe}y")
    with pytest.raises(AssertionError, match="reflected unescaped"):
        assert_not_reflected(HttpResponse(f"<p>{probe}</p>"), f"<p>{probe}</p>".encode(), [probe])
    assert_not_reflected(HttpResponse(escape(probe)), escape(probe).encode(), [probe])
    data = JsonResponse({"q": probe})
    data["X-Content-Type-Options"] = "nosniff"
    assert_not_reflected(data, data.content, [probe])
    del data["X-Content-Type-Options"]
    with pytest.raises(AssertionError):
        assert_not_reflected(data, data.content, [probe])
    with pytest.raises(AssertionError):
        assert_stays_on_site(HttpResponseRedirect("https://elsewhere.example/"), [])


@given(data=st.data())
@fuzz(max_examples=140)
def test_list_pages_take_any_filters_without_failing(client, vocabulary, data):
    """The organizations, people, events and goals lists, in either language, with any mix of their own
    filters (valid or not), other lists' filters and arbitrary parameters: the page or a 404 (a page number
    that does not exist), never a 500, and whatever was typed is escaped."""
    endpoint = data.draw(endpoints(LIST_PAGES), label="list")
    language = data.draw(st.sampled_from(LANGUAGES), label="language")
    query, probes = data.draw(query_strings(endpoint.params, vocabulary), label="query")
    fetch(client, endpoint.path(language), query, probes=probes)


@given(data=st.data())
@fuzz(max_examples=120)
def test_exports_are_whole_files_or_clean_refusals(client, vocabulary, data):
    """Each list's export.csv, export.xlsx and export.json (and any other extension), with any filters: a
    whole file (read to its end), a 400 with the form errors, or a 404 for an unknown format — never a 500,
    even mid-stream."""
    endpoint = data.draw(endpoints(EXPORT_PAGES), label="export")
    language = data.draw(st.sampled_from(LANGUAGES), label="language")
    formats = vocabulary.keys[endpoint.name]
    fmt = data.draw(mostly(st.sampled_from(formats), path_keys(formats)), label="format")
    query, probes = data.draw(query_strings(endpoint.params, vocabulary), label="query")
    fetch(client, endpoint.path(language, fmt), query, probes=probes + probes_in(unquote(fmt)))


@given(data=st.data())
@fuzz(max_examples=100)
def test_detail_pages_are_the_page_or_a_404_for_any_key(client, vocabulary, data):
    """Organization, person, place and cause pages, for every real slug or code and for arbitrary path
    segments (percent-encoded garbage, NUL, invalid UTF-8, very long): the page or a 404, with any query
    string."""
    endpoint = data.draw(endpoints(DETAIL_PAGES), label="page")
    language = data.draw(st.sampled_from(LANGUAGES), label="language")
    known = vocabulary.keys[endpoint.name]
    key = data.draw(mostly(st.sampled_from(known), path_keys(known), odds=1), label="key")
    query, probes = data.draw(query_strings((), vocabulary), label="query")
    fetch(client, endpoint.path(language, key), query, probes=probes + probes_in(unquote(key)))


@given(data=st.data())
@fuzz(max_examples=70)
def test_fixed_pages_take_any_query_and_method(client, vocabulary, data):
    """The home page, the data dictionary, the JSON schema, sitemap.xml, the API root and its OpenAPI schema
    ignore or refuse what they do not use: arbitrary parameters (their own too, like the schema's
    `version` and `lang`), in any HTTP method."""
    endpoint = data.draw(endpoints(FIXED_PAGES), label="page")
    language = data.draw(st.sampled_from(LANGUAGES), label="language")
    query, probes = data.draw(query_strings(endpoint.params, vocabulary), label="query")
    method = data.draw(methods, label="method")
    statuses = API_STATUSES if endpoint.api else PAGE_STATUSES
    fetch(client, endpoint.path(language), query, probes=probes, statuses=statuses, method=method)


@given(data=st.data())
@fuzz(max_examples=100)
def test_api_lists_refuse_bad_filters_with_a_400(client, vocabulary, data):
    """Every API list with any filters, format suffixes, methods, Accept and Accept-Language headers: JSON, a
    400 with the form errors, a 404 (unknown page or format) or a 405 (not GET), never a 500."""
    endpoint = data.draw(endpoints(API_LISTS), label="endpoint")
    path = endpoint.path("en")
    suffix = data.draw(st.sampled_from(["", "", ".json", ".json/", ".api", ".xml", ".%00"]), label="suffix")
    if suffix:
        path = path.rstrip("/") + suffix
    query, probes = data.draw(query_strings(endpoint.params, vocabulary), label="query")
    method = data.draw(methods, label="method")
    headers = {"HTTP_ACCEPT_LANGUAGE": data.draw(accept_languages, label="Accept-Language")}
    statuses = set(API_STATUSES)
    if data.draw(st.booleans(), label="with Accept"):
        headers["HTTP_ACCEPT"] = data.draw(accepts, label="Accept")
        statuses.add(NOT_ACCEPTABLE)
    fetch(client, path, query, probes=probes, statuses=statuses, method=method, **headers)


@given(data=st.data())
@fuzz(max_examples=100)
def test_api_details_are_the_item_or_a_404_for_any_key(client, vocabulary, data):
    """Every API item (organizations, people, events, places, causes, sources by slug or code), for real keys
    and arbitrary segments (NUL, invalid UTF-8, very long…): the item or a 404, never a 500."""
    endpoint = data.draw(endpoints(API_DETAILS), label="endpoint")
    known = vocabulary.keys[endpoint.name]
    key = data.draw(mostly(st.sampled_from(known), path_keys(known), odds=1), label="key")
    query, probes = data.draw(query_strings(endpoint.params, vocabulary), label="query")
    language = data.draw(accept_languages, label="Accept-Language")
    fetch(
        client,
        endpoint.path("en", key),
        query,
        probes=probes + probes_in(unquote(key)),
        statuses=API_STATUSES,
        HTTP_ACCEPT_LANGUAGE=language,
    )


@given(data=st.data())
@fuzz(max_examples=30)
def test_the_root_redirects_by_language_whatever_the_header(client, vocabulary, data):
    """`/` redirects to /ar/ or /en/ for any Accept-Language header and query string (and refuses with a 400
    a query string too long to carry over), and the redirect stays on the site."""
    query, probes = data.draw(query_strings((), vocabulary), label="query")
    language = data.draw(accept_languages, label="Accept-Language")
    response, _body = fetch(client, "/", query, probes=probes, HTTP_ACCEPT_LANGUAGE=language)
    # Django refuses (400) to redirect to a URL over 16,384 characters: the query string is carried over.
    carried = iri_to_uri(query.encode().decode("iso-8859-1"))  # as the server's get_full_path() has it
    if response.status_code == 400:
        assert len(carried) > MAX_URL_REDIRECT_LENGTH - len("/ar/?")
    else:
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path in {f"/{code}/" for code in LANGUAGES}


# Every parameter of every URL gets each of these values, one request each (a deterministic sweep, in
# English: the language does not change which code runs). NUL is refused by PostgreSQL in any string,
# control characters by XLSX, a line break in any HTTP header; a long value tests max_length.
CLASSIC_BAD_VALUES = ("\x00", "a\x00b", "\x01", "a\r\nb", "9" * 30)
CLASSIC_BAD_SEGMENTS = ("%00", "a%00b", "%01")


def test_every_parameter_and_path_argument_refuses_nul_and_control_characters(client, vocabulary):
    """Each parameter of each list, export, fixed page and API endpoint, given NUL, a NUL inside a word, a
    control character, a line break or a 30-digit number, and each detail page and API item given NUL or a
    control character as its key: never a 500. Every failing URL is reported, not only the first."""
    requests = []
    for endpoint in ENDPOINTS.values():
        if endpoint.key is None:
            paths = [endpoint.path("en")]
        elif endpoint.name in EXPORT_PAGES:
            paths = [endpoint.path("en", fmt) for fmt in vocabulary.keys[endpoint.name]]  # every format
        else:
            real = quote(vocabulary.keys[endpoint.name][0], safe="")
            paths = [endpoint.path("en", key) for key in (real, *CLASSIC_BAD_SEGMENTS)]
        for path in paths:
            requests.append((path, ""))
            requests += [
                (path, f"{name}={quote(value)}") for name in endpoint.params for value in CLASSIC_BAD_VALUES
            ]
    failures = []
    for path, query in dict.fromkeys(requests):
        statuses = API_STATUSES if path.startswith("/api/") else PAGE_STATUSES
        try:
            fetch(client, path, query, statuses=statuses)
        except Exception as error:  # collected, so that every failing URL is reported
            failures.append(f"{path}?{query}: {type(error).__name__}: {str(error)[:300]}")
    assert not failures, "\n".join(failures)
