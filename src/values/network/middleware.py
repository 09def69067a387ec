"""Session rules that hold on every page: idle sessions end, and a required second factor is asked for."""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from values.network.permissions import session_is_complete
from values.network.two_factor import has_second_factor

_LAST_SEEN = "last_seen"
# The session is written at most once a minute to note activity, not on every request.
_LAST_SEEN_RESOLUTION_SECONDS = 60
# Pages a person who still owes their second factor may open: to give it, to set it up, or to leave.
SECOND_FACTOR_EXEMPT = {"login", "logout", "login_verify", "two_factor_setup", "set_language", "calendar_feed"}


def note_activity_at_sign_in(sender: type, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """A new session starts its idle clock at sign-in (connected to `user_logged_in`)."""
    request.session[_LAST_SEEN] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """Sign out a session that has been idle for SESSION_IDLE_MINUTES; the request goes on signed out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(_LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after %(minutes)d minutes without activity.")
                    % {"minutes": settings.SESSION_IDLE_MINUTES},
                )
            elif last_seen is None or now - last_seen >= _LAST_SEEN_RESOLUTION_SECONDS:
                request.session[_LAST_SEEN] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """A signed-in person whose role requires two factors sees nothing else until they give the second."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Callable, args: Any, kwargs: Any) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or session_is_complete(user):
            return None
        if request.path_info.startswith(settings.API_PREFIX):
            return None  # the API treats such a session as nobody's (values.api.callers): a 401, not a redirect
        if request.resolver_match.view_name in SECOND_FACTOR_EXEMPT:
            return None
        step = "login_verify" if has_second_factor(user) else "two_factor_setup"
        next_url = request.get_full_path() if request.method == "GET" else ""
        return redirect(f"{reverse(step)}?{urlencode({'next': next_url})}" if next_url else reverse(step))
