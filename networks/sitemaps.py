"""sitemap.xml: every public page in both languages, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .filters import AREA_KINDS
from .models import Cause, Organization, Person, Place


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
        return Organization.objects.published().order_by("pk")


class PersonSitemap(BilingualSitemap):
    def items(self):
        return Person.objects.public().order_by("pk")


class PlaceSitemap(BilingualSitemap):
    def items(self):
        return Place.objects.filter(kind__in=AREA_KINDS).order_by("pk")


class CauseSitemap(BilingualSitemap):
    def items(self):
        return Cause.objects.order_by("pk")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "organizations": OrganizationSitemap,
    "people": PersonSitemap,
    "places": PlaceSitemap,
    "causes": CauseSitemap,
}
