"""Responses the site's layout should carry even when Django makes them bare."""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict

from values.core.problems import PROBLEM_CONTENT_TYPE, is_api_request
from values.core.views import bad_request, method_not_allowed, request_too_large


class MethodNotAllowedPageMiddleware:
    """Django answers a GET to a POST-only view with an empty 405; show a page that says what happened (on the
    API's addresses, problem details, whatever the method)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405:
            return response
        bare_page = not response.content and request.method in ("GET", "HEAD")
        bare_api = is_api_request(request) and response.get("Content-Type") != PROBLEM_CONTENT_TYPE
        return method_not_allowed(request, response) if bare_page or bare_api else response


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared size is over MAX_REQUEST_MB before anything reads its body.

    Django writes an upload to a temporary file before any form sees it: without this, a 5 GB
    upload would fill the disk before the per-kind limits (MAX_PHOTO_MB, ...) could refuse it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0  # Django itself treats an unreadable length as no body
        if size > settings.MAX_REQUEST_MB * 1024 * 1024:
            return request_too_large(request, size)
        return self.get_response(request)


class RefuseNullCharactersMiddleware:
    """Answer 400 to a NUL character in the address, the query, a form field or a JSON body (the API's).

    No text of ours holds one, and PostgreSQL refuses it in any string: a NUL reaching a query would be a
    server error there (Django's forms refuse it, but addresses and query strings reach queries too).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        in_address = "\x00" in request.path or _holds_null(request.GET)
        if in_address or _holds_null(_form_fields(request)) or _json_holds_null(request):
            return bad_request(request)
        return self.get_response(request)


def _form_fields(request: HttpRequest) -> QueryDict:
    if request.method != "POST":
        return QueryDict()
    try:
        return request.POST
    except Exception:  # a body Django cannot parse is the view's 400, as before
        return QueryDict()


# JSON writes a NUL as the escape \u0000 (in any case of its hex digits), or a careless client sends it raw.
_JSON_NULL = re.compile(rb"\\u0000|\x00", re.IGNORECASE)


def _json_holds_null(request: HttpRequest) -> bool:
    """A JSON body whose text holds a NUL (RequestSizeLimitMiddleware has bounded its size already)."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not request.content_type.endswith("json"):
        return False
    return _JSON_NULL.search(request.body) is not None


def _holds_null(fields: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in fields.lists())
