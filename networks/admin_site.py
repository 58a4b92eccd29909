"""The staff's admin site: Django's, with the directory first on its index.

Installed through `apps.DirectoryAdminConfig` (Django's documented way to replace the default site), so that
every `admin.site.register` and `@admin.register` of the project and of its libraries lands here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import review

# The apps in the order staff need them: the directory, who may edit it, then the login lockouts.
ORDER = ["networks", "auth", "axes"]


class DirectoryAdminSite(admin.AdminSite):
    site_header = _("Shabakat administration")
    site_title = _("Shabakat administration")
    index_title = _("Directory content")
    # The model list beside every page took a fifth of a 1280 px screen from the changelists' columns; the
    # breadcrumbs and the index lead to every list.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        """The apps of ORDER in that order, then any other, each app's models in Django's alphabetical
        order."""
        apps = super().get_app_list(request, app_label)
        return sorted(
            apps, key=lambda app: ORDER.index(app["app_label"]) if app["app_label"] in ORDER else len(ORDER)
        )

    def index(self, request, extra_context=None):
        """Django's index, with the way to the review queue for those who may see it."""
        context = {"can_review": review.can_review(request.user), **(extra_context or {})}
        return super().index(request, context)

    def get_urls(self):
        """Django's admin URLs after the review queue's (review.py)."""
        return [*review.urls(self), *super().get_urls()]
