from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def language(request: HttpRequest) -> dict[str, str]:
    """Where the language switch of every page goes."""
    return {"language_next": language_switch_target(request)}


def language_switch_target(request: HttpRequest) -> str:
    """The page to show again in the new language: after a form was sent (and refused), the page that had
    the form, since the address it was sent to takes only forms."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referrer = request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(referrer, allowed_hosts={request.get_host()}):
        parts = urlsplit(referrer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return reverse("programmes")
