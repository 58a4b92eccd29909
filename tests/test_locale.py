"""The Arabic catalogue is complete: a string added without its translation fails the suite."""

import subprocess

from django.conf import settings


def test_every_interface_string_has_an_arabic_translation():
    catalogue = settings.BASE_DIR / "locale" / "ar" / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr
    assert int(result.stderr.split()[0]) > 200
