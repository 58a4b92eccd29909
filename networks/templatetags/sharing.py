"""Template helpers for pages worth sharing: the canonical address and the Open Graph tags of base.html."""

import django_filters
from django import template
from django.template.base import NodeList
from django.template.loader_tags import BlockNode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from networks import sharing

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's canonical absolute URL (`sharing.canonical_query`); none without a request or for an
    address that resolves to no page."""
    request = context.get("request")
    if request is None or getattr(request, "resolver_match", None) is None:
        return ""
    filterset = context.get("filter")
    if not isinstance(filterset, django_filters.FilterSet):
        filterset = None
    page = context.get("page_obj")
    return sharing.canonical_url(request, filterset, page.number if page is not None else None)


@register.simple_tag(takes_context=True)
def block_again(context, name: str) -> str:
    """`{% block_again "description" %}`: the text of the page's block `name` (as the page overrides it),
    rendered a second time, its whitespace folded: so that one declaration of a page's title and
    description fills `<title>`, the meta description and the Open Graph and Twitter tags. Works in the
    template that declares the block (base.html), not in an included one."""
    rendered = BlockNode(name, NodeList()).render(context)
    return attribute_text(" ".join(rendered.split()))


@register.filter
def attribute_text(html: str) -> str:
    """Rendered text, escaped but for the quotation marks a translation may hold (`The source "{{ title }}"`),
    made safe inside a double-quoted attribute: `{% filter attribute_text %}`."""
    return mark_safe(str(html).replace('"', "&quot;"))  # escaped text, whose quotes are now escaped too


@register.simple_tag
def og_locales() -> dict:
    """{"locale": the active language's Open Graph locale, "alternates": the others'}."""
    active = get_language() or "ar"
    return {
        "locale": sharing.OG_LOCALES.get(active, active),
        "alternates": [locale for code, locale in sharing.OG_LOCALES.items() if code != active],
    }
