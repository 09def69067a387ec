"""Facts about a request that the platform's rules need."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from: behind our own proxy, the one it saw (the last hop it added)."""
    if settings.SECURE_PROXY_SSL_HEADER:  # set exactly when BEHIND_PROXY is on
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR") or None


def posted_id(value: object) -> int | None:
    """A row id sent in a form or a query string, or None for anything else: a long number would overflow the
    database's integer, a server error instead of "no such row"."""
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 10 else None
