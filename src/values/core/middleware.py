"""Responses the site's layout should carry even when Django makes them bare."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from values.core.views import method_not_allowed


class MethodNotAllowedPageMiddleware:
    """Django answers a GET to a POST-only view with an empty 405; show a page that says what happened."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and request.method in ("GET", "HEAD"):
            return method_not_allowed(request, response)
        return response
