"""What a public page may be asked: GET, HEAD and OPTIONS. Any other method is a 405 naming those, whatever
the page (a list, the sitemap, a feed, /healthz, an unknown address), before any view runs: the audit found
TRACE answered 200 where a view did not say otherwise. The admin takes its forms, and the API (DRF, with its
CORS preflight) answers for itself."""

import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed

ALLOWED = ("GET", "HEAD", "OPTIONS")


def _own_methods() -> re.Pattern:
    """The paths that answer other methods themselves: the admin under each language, and the API."""
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.compile(rf"^/(?:(?:{languages})/{re.escape(settings.ADMIN_PATH)}|api/)")


class SafeMethodsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.own_methods = _own_methods()

    def __call__(self, request):
        if request.method in ("GET", "HEAD") or self.own_methods.match(request.path_info):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse()
            response["Allow"] = ", ".join(ALLOWED)
            return response
        return HttpResponseNotAllowed(ALLOWED)
