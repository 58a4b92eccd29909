#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def terminal_language() -> str:
    """Arabic when the terminal's locale is Arabic, else English: without this, commands would speak the
    site's default language (LANGUAGE_CODE, Arabic) to every terminal, prompts and model names included."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):  # gettext's order
        if value := os.environ.get(name):
            return "ar" if value.lower().startswith("ar") else "en"
    return "en"


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.utils import translation

    try:
        django.setup()  # the translations need the apps loaded
    except ImproperlyConfigured:
        pass  # execute_from_command_line reports it as usual (and `manage.py help` still works)
    else:
        translation.activate(terminal_language())
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
