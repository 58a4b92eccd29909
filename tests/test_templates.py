"""The site's templates stay readable: no line of markup longer than 120 characters."""

from django.conf import settings

TEMPLATES = settings.BASE_DIR / "templates"
MAX_LINE = 120
# Library templates rewritten without inline script or style: kept line for line like their upstream, so
# that a library upgrade can be compared with them.
VENDORED = {"admin", "simple_history"}


def our_templates():
    return [
        path
        for path in sorted(TEMPLATES.rglob("*.html"))
        if path.relative_to(TEMPLATES).parts[0] not in VENDORED
    ]


def test_no_template_line_is_longer_than_120_characters():
    paths = our_templates()
    assert TEMPLATES / "base.html" in paths and TEMPLATES / "networks" / "list_base.html" in paths
    too_long = [
        f"{path.relative_to(TEMPLATES)}:{number}: {len(line)} characters"
        for path in paths
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > MAX_LINE
    ]
    assert not too_long, "\n".join(too_long)
