"""The programme a request is about, found once per request."""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import set_urlconf

from values.programme.access import Access
from values.programme.addresses import urlconf_for
from values.programme.models import Programme
from values.programme.queries import sole_programme

# /<language>/p/<code>/…: the addresses of a programme's pages (values.urls).
PROGRAMME_PATH = re.compile(r"^/[^/]+/p/(?P<code>[^/]+)/")


class ProgrammeMiddleware:
    """`request.programme`: the programme the address names, or None on the site's own pages (accounts, index).

    A known programme's requests get its URLconf, so its pages link within it. The menu's programme
    (`request.menu_programme`) is that one, or on the site's own pages the only programme, if there is one.
    An unknown code finds no URLconf with its pages: a 404 that names no other programme.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.programme = request.menu_programme = None
        match = PROGRAMME_PATH.match(request.path_info)
        programme = Programme.objects.filter(code=match["code"]).first() if match is not None else sole_programme()
        if programme is not None:
            request.menu_programme = programme
            request.urlconf = urlconf_for(programme.code)
            # Now, not only when the view is resolved: a middleware's own answer (400, 413) has the menu too.
            set_urlconf(request.urlconf)
            if match is not None:
                request.programme = programme
        return self.get_response(request)


class AccessMiddleware:
    """`request.access`: what the signed-in person may do in `request.programme`, each rule asked once."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.access = Access(request.user, request.programme)
        return self.get_response(request)
