"""Who calls the API: a personal token (`Authorization: Bearer values_…`), else the site's own session (for its
scripts, with the CSRF token on a change), else nobody, who reads what is public.

Each caller is held to a rate (`API_RATE_PER_MINUTE` for a token or an account, `API_ANONYMOUS_RATE_PER_MINUTE`
per client address), counted in the cache in windows of a minute: Redis shares the count between app servers.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security.http import HttpAuthBase
from ninja.utils import check_csrf

from values.api.models import ApiToken
from values.api.services import token_for
from values.core.http import client_address
from values.network.permissions import AnyUser, session_is_complete

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class NotAuthenticated(Exception):
    """401: a token that is not one (unknown, expired, revoked), or a change asked by nobody."""

    def __init__(self, detail: str, *, bearer_error: str | None = None) -> None:
        super().__init__(detail)
        self.detail, self.bearer_error = detail, bearer_error


class Forbidden(Exception):
    """403 with its reason, of a kind (`core.problems.PROBLEM_TYPES`) when it has one."""

    def __init__(self, detail: str, *, kind: str | None = None) -> None:
        super().__init__(detail)
        self.detail, self.kind = detail, kind


class RateLimited(Exception):
    def __init__(self, retry_after: int, limit: int) -> None:
        super().__init__("rate limited")
        self.retry_after, self.limit = retry_after, limit


@dataclass(frozen=True)
class Caller:
    user: AnyUser
    token: ApiToken | None = None

    @property
    def can_write(self) -> bool:
        return self.user.is_authenticated and (self.token is None or self.token.can_write)


def _token_caller(header: str) -> Caller:
    scheme, _space, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise NotAuthenticated(_("Send a personal API token as “Authorization: Bearer <token>”."),
                               bearer_error="invalid_request")  # fmt: skip
    token = token_for(secret.strip())
    if token is None:
        raise NotAuthenticated(_("This token is unknown, expired or revoked."), bearer_error="invalid_token")
    return Caller(token.user, token)


def _session_caller(request: HttpRequest) -> Caller:
    user = request.user
    # A session still owing its second factor is nobody's, as on the web pages before the code is typed.
    if not user.is_authenticated or not session_is_complete(user):
        return Caller(AnonymousUser())
    if request.method not in SAFE_METHODS and check_csrf(request) is not None:
        raise Forbidden(_("A change through the session needs the CSRF token (the X-CSRFToken header)."))
    return Caller(user)


def _hold_to_rate(request: HttpRequest, caller: Caller) -> None:
    if caller.token is not None:
        who, limit = f"token:{caller.token.pk}", settings.API_RATE_PER_MINUTE
    elif caller.user.is_authenticated:
        who, limit = f"user:{caller.user.pk}", settings.API_RATE_PER_MINUTE
    else:
        who, limit = f"address:{client_address(request) or 'unknown'}", settings.API_ANONYMOUS_RATE_PER_MINUTE
    now = int(timezone.now().timestamp())
    window = now // 60
    key = f"api-rate:{who}:{window}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=120)
        count = 1
    request.api_rate = (limit, max(limit - count, 0), 60 - now % 60)
    if count > limit:
        raise RateLimited(retry_after=60 - now % 60, limit=limit)


def _may_change(caller: Caller, *, nobody_too: bool) -> None:
    if not caller.user.is_authenticated:
        if nobody_too:
            return
        raise NotAuthenticated(_("Sign in, or send a personal API token, to change anything."))
    if not caller.can_write:
        raise Forbidden(_("This token may only read: make one that may read and write."), kind="read-only-token")


class CallerAuth(HttpAuthBase):
    """Every operation's authentication: it always names a caller (perhaps nobody) or refuses with 401/403/429.
    The schema declares the bearer token, optional where an operation reads what is public."""

    openapi_scheme = "bearer"

    def __init__(self, *, nobody_may_change: bool = False) -> None:
        """`nobody_may_change`: for the few changes anyone makes, as on their page (a volunteer's sign-up); a
        token that may only read still changes nothing."""
        super().__init__()
        self.nobody_may_change = nobody_may_change

    def __call__(self, request: HttpRequest) -> Caller:
        header = request.headers.get("Authorization")
        caller = _token_caller(header) if header is not None else _session_caller(request)
        _hold_to_rate(request, caller)
        if request.method not in SAFE_METHODS:  # before the body is read: who may not change learns nothing more
            _may_change(caller, nobody_too=self.nobody_may_change)
        request.user = caller.user
        return caller
