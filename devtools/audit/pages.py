"""What `make audit` looks at, and the targets it holds the figures to (issue 14, point 8)."""

LANGUAGES = ("ar", "en")

# One page of every kind a visitor reaches, as the path after /<lang>/, from the seeded directory.
PAGES = {
    "home": "",
    "list": "organizations/",
    "organization": "organizations/inlw-morocco/",
    "person": "people/nisreen-amer/",
    "event list": "events/",
    "goals": "goals/",
    "people list": "people/",
    "place": "places/MA/",
    "place list": "places/",
    "cause": "causes/womens-rights/",
    "cause list": "causes/",
    "sources": "sources/",
    "source": "sources/inlw-morocco-founding-2017/",
    "data dictionary": "data/",
    "404": "no-such-page/",
}
# The pages Lighthouse runs on (15–30 s a run): the ones visitors land on. "place" is a country.
LIGHTHOUSE_PAGES = ("home", "list", "organization", "place")
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# Each page is looked at on a desktop (the browser tests' 1280×800) and on a phone's first screen (375×740).
VIEWPORTS = ("desktop", "phone")
PHONE = {"width": 375, "height": 740}

# Targets: a figure that misses one fails the audit.
MIN_LIGHTHOUSE_SCORE = 95  # every category, as Lighthouse shows it (0–100)
MAX_CLS = 0.1  # cumulative layout shift
MAX_NU_ERRORS = 0
MAX_AXE_VIOLATIONS = 0


def expected_status(kind: str) -> int:
    return 404 if kind == "404" else 200
