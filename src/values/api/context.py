"""What every operation does first: find the programme the address names (as the web pages' middleware
does) and ask `request.access` what the caller may do in it. Who may change anything at all (signed in, a token
that may write) is settled before, by `callers.CallerAuth`, before the body is read."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import set_urlconf
from django.utils.translation import gettext as _

from values.api.callers import Forbidden, NotAuthenticated
from values.api.problems import PreconditionRequired
from values.network.models import Organisation
from values.programme.access import Access
from values.programme.addresses import urlconf_for
from values.programme.models import Programme


def enter(request: HttpRequest, code: str) -> Programme:
    """The programme `code` names, as `request.programme`, with the caller's `request.access` in it; 404 else."""
    programme = Programme.objects.filter(code=code).first()
    if programme is None:
        raise Http404("no such programme")
    request.programme = programme
    request.access = Access(request.user, programme)
    # Links the services make (e-mails, exports) stay inside this programme, as on its pages.
    request.urlconf = urlconf_for(programme.code)
    set_urlconf(request.urlconf)
    return programme


def require_signed_in(request: HttpRequest) -> None:
    """What the pages keep behind the sign-in is asked of nobody with a 401, before anything else is looked at."""
    if not request.user.is_authenticated:
        raise NotAuthenticated(_("Sign in, or send a personal API token, to read this."))


def require_access(request: HttpRequest, rule: str, refusal: str) -> None:
    """Go on if `request.access.<rule>` allows; else 401 for nobody (who may sign in) and 403 with `refusal`."""
    if request.access[rule]:
        return
    require_signed_in(request)
    raise Forbidden(refusal)


def acting_for(organisations: QuerySet, key: str, *, none: str, not_one: str) -> Organisation:
    """The organisation (by key) a change is made for, among those the caller acts for: a 403 with `none` when
    there are none, a 422 on `organisation` with `not_one` when the key is not one of them."""
    if not organisations.exists():
        raise Forbidden(none)
    organisation = organisations.filter(key=key).first()
    if organisation is None:
        raise ValidationError({"organisation": [not_one]})
    return organisation


def if_match(request: HttpRequest) -> str:
    """The version a change was made from, from `If-Match` (one entity tag); 428 without one."""
    header = request.headers.get("If-Match", "").strip()
    if header.startswith("W/"):
        header = header[2:]
    if len(header) < 3 or not (header.startswith('"') and header.endswith('"')) or "," in header:
        raise PreconditionRequired
    return header[1:-1]


def etag(version: str) -> str:
    return f'"{version}"'
