"""The Arabic catalogue is complete: a string added without its translation fails the suite. Commands speak
the terminal's language (manage.py), not the site's default Arabic."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from networks.models import Organization


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


def run_command_in_terminal(locale: str) -> str:
    """What `manage.py shell -c` prints of a model's name and the superuser prompt, in a terminal with
    this locale."""
    code = (
        "from django.contrib.auth.models import User; from networks.models import Organization; "
        "print(Organization._meta.verbose_name_plural, '|', User._meta.get_field('username').verbose_name)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=settings.BASE_DIR,
        env=env | {"DJANGO_DEBUG": "1", "LANG": locale},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_commands_speak_english_unless_the_terminal_is_arabic():
    assert run_command_in_terminal("en_US.UTF-8") == "organizations | username"
    assert run_command_in_terminal("C.UTF-8") == "organizations | username"
    with translation.override("ar"):
        arabic = f"{Organization._meta.verbose_name_plural} | {User._meta.get_field('username').verbose_name}"
    assert run_command_in_terminal("ar_MA.UTF-8") == arabic


@pytest.mark.django_db
def test_seeds_loaded_from_an_english_terminal_fill_the_untranslated_columns_in_arabic():
    with translation.override("en"):  # as manage.py runs load_seeds in an English terminal
        call_command("load_seeds", stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, name_ar, name_en FROM {Organization._meta.db_table}")
        rows = cursor.fetchall()
    assert rows and all(name == (name_ar or name_en) for name, name_ar, name_en in rows)
