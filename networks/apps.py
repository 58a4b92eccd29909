from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class DirectoryAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the project's site (`admin_site.py`)."""

    default = False  # named in INSTALLED_APPS; `networks` itself is NetworksConfig
    default_site = "networks.admin_site.DirectoryAdminSite"


class AxesConfig(axes_apps.AppConfig):
    """django-axes, named on the admin's index in the staff's language (it has no name of its own there)."""

    default = False
    verbose_name = _("Login lockouts")


class NetworksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "networks"
    verbose_name = _("Directory")

    def ready(self):
        # Any change to directory content makes every cached public page stale (see cache.py).
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .cache import directory_changed
        from .models import DIRECTORY_MODELS, Organization

        for model in DIRECTORY_MODELS:
            post_save.connect(directory_changed, sender=model, dispatch_uid=f"cache-save-{model.__name__}")
            post_delete.connect(
                directory_changed, sender=model, dispatch_uid=f"cache-delete-{model.__name__}"
            )
        for through in (Organization.areas.through, Organization.causes.through):
            m2m_changed.connect(
                directory_changed, sender=through, dispatch_uid=f"cache-m2m-{through.__name__}"
            )
        # SQLite's statement timeout is a handler on each connection (timeouts.py).
        from . import timeouts  # noqa: F401

        # The search index follows the same writes (search/signals.py).
        from .search import signals

        signals.connect()
