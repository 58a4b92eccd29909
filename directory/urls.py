"""URLs. Everything people read lives under a language prefix: /ar/… and /en/… (/ redirects by
Accept-Language through LocaleMiddleware)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("networks.urls")),
)
