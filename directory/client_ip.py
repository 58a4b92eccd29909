"""The client's IP address: the one idea of who a client is, for the login lockout (django-axes'
AXES_CLIENT_IP_CALLABLE), the API's rate limit (`ClientRateThrottle`) and the export limits
(`networks.limits`).

Directly on the internet it is the socket's REMOTE_ADDR. Behind a reverse proxy REMOTE_ADDR is the proxy, so
settings.CLIENT_IP_HEADER (opt-in, from DJANGO_CLIENT_IP_HEADER) names the header the proxy writes, e.g.
X-Forwarded-For. Each proxy appends the address it saw to that header, and a client can put anything before
them: so we count settings.PROXY_COUNT entries from the right end, the ones our own proxies wrote, and never
trust the left-most one.
"""

import ipaddress

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


def client_ip_address(request) -> str | None:
    remote_addr = request.META.get("REMOTE_ADDR")
    if not settings.CLIENT_IP_HEADER:
        return remote_addr
    hops = [hop.strip() for hop in request.META.get(settings.CLIENT_IP_HEADER, "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < settings.PROXY_COUNT:
        # Fewer entries than proxies: the request did not come through all of them.
        return remote_addr
    candidate = hops[-settings.PROXY_COUNT]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # garbage in the header: fall back rather than store it
        return remote_addr


class ClientRateThrottle(AnonRateThrottle):
    """DRF's anonymous rate, keyed on this client: DRF's own `get_ident` trusts any X-Forwarded-For unless
    told how many proxies there are, so a forged header made a new bucket per request."""

    def get_ident(self, request):
        return client_ip_address(request)
