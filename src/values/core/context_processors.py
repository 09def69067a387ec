from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from values.core.languages import languages_of_page, own_name


def language(request: HttpRequest) -> dict[str, object]:
    """Where the language switch of every page goes, and the languages it offers there."""
    match = getattr(request, "resolver_match", None)
    codes = languages_of_page(match.func if match else None)
    return {
        "language_next": language_switch_target(request),
        "interface_languages": [(code, own_name(code)) for code in codes],
    }


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
