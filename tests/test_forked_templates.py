"""The library templates rewritten without inline script or style (the Content-Security-Policy refuses them)
copy the installed library's original. A library upgrade within its allowed range may change that original,
and the fork would then drift silently; this test fails instead, naming the fork. Then compare the new
original with the fork, carry its changes over (without inline code), or drop the fork if the original no
longer has any, and store the original's new hash here."""

import hashlib
from importlib import metadata, resources
from pathlib import Path

import pytest
from django.conf import settings

# fork (in this project) → (library's distribution, its package, the original's path, the original's sha256)
FORKS = {
    # Django's, with the editing desk's stylesheet (static/admin-csp/desk.css) on every admin page.
    "templates/admin/base_site.html": (
        "Django",
        "django.contrib.admin",
        "templates/admin/base_site.html",
        "182897817c02fd96758284ca9eb6dd35f58e3688c6c536ad883e610ac03c1d38",
    ),
    "templates/admin/import_export/export.html": (
        "django-import-export",
        "import_export",
        "templates/admin/import_export/export.html",
        "cb62034e5ac6a50108a7d1a325348e08aacaabc9835960ce03baabcd48c005e8",
    ),
    "templates/simple_history/object_history_list.html": (
        "django-simple-history",
        "simple_history",
        "templates/simple_history/object_history_list.html",
        "e2c3e5d3462c5fd6c8e21456be75ac0de33bdad065004e0f1d4c2b7db5920337",
    ),
    # Extends the original to link static/admin-csp/history.css, which replaces object_history_list's style.
    "templates/simple_history/object_history.html": (
        "django-simple-history",
        "simple_history",
        "templates/simple_history/object_history.html",
        "ccadb263abdcdb5f6aafbdf98e057941e36e11da822e9919a7e6fe4a54a726fb",
    ),
    # Extends the original to link the review queue (networks/review.py) above the apps, in its `content`.
    "templates/admin/index.html": (
        "Django",
        "django.contrib.admin",
        "templates/admin/index.html",
        "4d0c59740cb667279704b03f299317baceded9319ecc50144ec60724130b3e5f",
    ),
}
FORK_DIRECTORIES = ["templates/admin", "templates/simple_history"]
# The project's own admin pages there, forked from nothing: the review queue (networks/review.py), and the
# templates that extend the admin's for its models (the source workbench).
OWN_TEMPLATES = {
    "templates/admin/review.html",
    "templates/admin/review_link.html",
    "templates/admin/review_pages.html",
    "templates/admin/review_time.html",
}
OWN_DIRECTORIES = ["templates/admin/networks"]


@pytest.mark.parametrize("fork", FORKS)
def test_the_original_of_each_forked_template_is_the_one_it_was_forked_from(fork):
    distribution, package, path, expected = FORKS[fork]
    original = resources.files(package).joinpath(path)
    actual = hashlib.sha256(original.read_bytes()).hexdigest()
    assert actual == expected, (
        f"{fork} is a fork of {distribution}'s {path}, which changed in {distribution} "
        f"{metadata.version(distribution)} ({original}): compare the two, update the fork, and store the "
        f"original's new sha256 {actual} in tests/test_forked_templates.py."
    )


def test_every_forked_template_is_guarded():
    base = Path(settings.BASE_DIR)
    found = {
        str(template.relative_to(base))
        for directory in FORK_DIRECTORIES
        for template in (base / directory).rglob("*.html")
        if not any(template.is_relative_to(base / own) for own in OWN_DIRECTORIES)
    }
    assert found == set(FORKS) | OWN_TEMPLATES
