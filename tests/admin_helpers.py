"""What the admin tests share (the staff users are fixtures in conftest.py)."""

from django.urls import reverse
from django.utils import translation


def admin_url(name, *args, language="en"):
    """An admin URL under its language prefix: /en/admin/… or /ar/admin/…."""
    with translation.override(language):
        return reverse(f"admin:{name}", args=args)
