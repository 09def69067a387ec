"""Error pages: rendered with the site's layout, never a bare server error; on the API's addresses, problem
details (`core.problems`) in the same words."""

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from values.core.problems import is_api_request, problem

logger = logging.getLogger(__name__)


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if is_api_request(request):
        return problem(status, detail=message)
    context = {"status": status, "title": title, "message": message}
    return render(request, "core/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, _("Bad request"), _("The request could not be understood."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # A check that says why (PermissionDenied("…")) is shown; otherwise the general sentence.
    reason = str(exception) if exception is not None and str(exception) else ""
    return _error(
        request, 403, _("Not allowed"), reason or _("You may not change this. Ask your programme's coordinator.")
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, _("Page not found"), _("There is nothing at this address."))


def method_not_allowed(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Django's bare 405 (a form's address opened as a page) with the layout and a way on; Allow is kept."""
    page = _error(
        request,
        405,
        _("This address takes a form"),
        _("It is where a form is sent, not a page to open. Go back to the page with the form."),
    )
    page["Allow"] = response["Allow"]
    return page


def request_too_large(request: HttpRequest, size: int) -> HttpResponse:
    return _error(
        request,
        413,
        _("Too large to send"),
        _("What was sent is %(size).1f MB; the platform takes at most %(limit)d MB at once.")
        % {"size": size / 1024 / 1024, "limit": settings.MAX_REQUEST_MB},
    )


def server_error(request: HttpRequest) -> HttpResponse:
    title, message = _("Something went wrong"), _("The error was logged. Please try again later.")
    try:
        return _error(request, 500, title, message)
    except Exception:
        # What failed may be the database, which the menu and the signed-in user are read from: the same
        # page without the request's context, so nothing is read from it.
        logger.exception("The error page could not use the request; rendered without it")
        page = loader.render_to_string("core/error.html", {"status": 500, "title": title, "message": message})
        return HttpResponseServerError(page)
