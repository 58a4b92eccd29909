"""The Atom feed of new and changed organizations, one per language (`/<lang>/organizations/feed.atom`).

Public directory entries only, read through the visibility layer (`public.feed_entries`), and only their
public fields: name, kind, places, causes and description. Texts go through `public.redactor()`, so that a
person whose name is withheld never appears, even quoted inside a description. An entry's dates come from
the edit history: published when first recorded, updated when last changed.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from . import public

FEED_SIZE = 50


class OrganizationFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self):
        self.redact = public.redactor()

    def title(self):
        return _("Shabakat: new and changed organizations")

    def subtitle(self):
        return _("The directory entries most recently added or edited, with what the directory says of each.")

    def link(self):
        return reverse("networks:organization_list")

    def feed_url(self):
        return reverse("networks:organization_feed")

    def author_name(self):
        return _("Shabakat")

    def items(self):
        return public.feed_entries(FEED_SIZE)

    def item_title(self, organization):
        return self.redact(organization.name)  # plain text: the feed generator escapes it

    def item_description(self, organization):
        """HTML (Atom's summary of type "html"): what it is and where, then its description."""
        facts = [organization.get_kind_display(), *(place.name for place in organization.areas.all())]
        causes = ", ".join(cause.name for cause in organization.causes.all())
        paragraphs = [" · ".join(map(str, facts)), causes, self.redact(organization.description)]
        return format_html_join("", "<p>{}</p>", ((text,) for text in paragraphs if text))

    def item_pubdate(self, organization):
        return organization.first_recorded

    def item_updateddate(self, organization):
        return organization.last_changed

    def item_categories(self, organization):
        return [cause.name for cause in organization.causes.all()]


def organization_feed(request):
    """The view: a feed made for each request (it holds the request's redactor)."""
    return OrganizationFeed()(request)
