"""URLs. Everything people read lives under a language prefix: /ar/… and /en/… (/ redirects by
Accept-Language through LocaleMiddleware)."""

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
    path("admin/", admin.site.urls),
    path("", include("networks.urls")),
)
