"""URLs. Everything people read lives under a language prefix: /ar/… and /en/… (/ redirects by
Accept-Language through LocaleMiddleware). The admin's path comes from DJANGO_ADMIN_PATH
(settings.ADMIN_PATH). /healthz is answered by networks.health.HealthCheckMiddleware, before any URL here."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from networks.sitemaps import SITEMAPS

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/", include("networks.api")),
]
urlpatterns += i18n_patterns(
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("networks.urls")),
)
