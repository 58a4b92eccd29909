"""sitemap.xml: every public page in both languages, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import public
from .filters import AREA_KINDS
from .models import Place


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(BilingualSitemap):
    def items(self):
        return [
            "networks:home",
            "networks:organization_list",
            "networks:person_list",
            "networks:event_list",
            "networks:goal_list",
            "networks:data_dictionary",
        ]

    def location(self, item):
        return reverse(item)


class OrganizationSitemap(BilingualSitemap):
    def items(self):
        return public.organizations().order_by("pk")


class PersonSitemap(BilingualSitemap):
    def items(self):
        return public.people().order_by("pk")


class PlaceSitemap(BilingualSitemap):
    def items(self):
        # The regions too: the map links to their pages.
        return public.places().filter(kind__in=(*AREA_KINDS, Place.Kind.REGION)).order_by("pk")


class CauseSitemap(BilingualSitemap):
    def items(self):
        return public.causes().order_by("pk")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "organizations": OrganizationSitemap,
    "people": PersonSitemap,
    "places": PlaceSitemap,
    "causes": CauseSitemap,
}
