"""Every refusal of the API as problem details (`core.problems`), in the caller's language, naming the field."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from values.api.callers import Forbidden, NotAuthenticated, RateLimited
from values.core.problems import problem
from values.core.versions import StaleVersion


class PreconditionRequired(Exception):
    """428: a change to a record people edit together must say which version it was made from (If-Match)."""


def rate_headers(request: HttpRequest) -> dict[str, str]:
    """The caller's rate as the IETF draft's RateLimit fields: requests a minute, left, seconds to renewal."""
    limit, remaining, reset = getattr(request, "api_rate", (None, None, None))
    if limit is None:
        return {}
    return {"RateLimit-Limit": str(limit), "RateLimit-Remaining": str(remaining), "RateLimit-Reset": str(reset)}


def _problem(request: HttpRequest, status: int, *, headers: dict | None = None, **fields) -> HttpResponse:
    return problem(status, headers=rate_headers(request) | (headers or {}), **fields)


def _where(loc: tuple) -> dict[str, str]:
    """Where a schema error is: a JSON pointer into the body, or the parameter or header's name."""
    place, rest = (loc[0], loc[1:]) if loc else ("body", ())
    if place == "body":
        # ninja's location is ("body", <the body parameter's name>, <the field>, ...)
        return {"pointer": "#/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in rest[1:])}
    if place == "header":
        return {"header": str(rest[-1]) if rest else ""}
    return {"parameter": str(rest[-1]) if rest else str(place)}


def schema_errors(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    errors = [_where(tuple(error.get("loc", ()))) | {"detail": str(error.get("msg", ""))} for error in exc.errors]
    detail = _("The request was refused: see errors for each field.")
    return _problem(request, 422, kind="invalid", detail=detail, errors=errors)


def rule_errors(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """A service's refusal: each field it names, with its reasons."""
    if not hasattr(exc, "error_dict"):
        return _problem(request, 422, kind="invalid", detail=" ".join(exc.messages), errors=[])
    errors, general = [], []
    for field, messages in exc.message_dict.items():
        if field == NON_FIELD_ERRORS:
            general.extend(messages)
            continue
        errors.extend({"pointer": f"#/{field}", "detail": message} for message in messages)
    detail = " ".join(general) or _("The request was refused: see errors for each field.")
    return _problem(request, 422, kind="invalid", detail=detail, errors=errors)


def not_authenticated(request: HttpRequest, exc: NotAuthenticated | AuthenticationError) -> HttpResponse:
    bearer_error = getattr(exc, "bearer_error", None)
    challenge = f'Bearer error="{bearer_error}"' if bearer_error else "Bearer"
    detail = getattr(exc, "detail", "") or _("Sign in, or send a personal API token.")
    return _problem(request, 401, detail=detail, headers={"WWW-Authenticate": challenge})


def forbidden(request: HttpRequest, exc: Forbidden | PermissionDenied) -> HttpResponse:
    detail = getattr(exc, "detail", "") or str(exc) or _("You may not do this. Ask your programme's coordinator.")
    return _problem(request, 403, kind=getattr(exc, "kind", None), detail=detail)


def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _problem(request, 404, detail=_("There is nothing at this address."))


def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    detail = _("More than %(limit)d requests in a minute: try again in %(seconds)d seconds.") % {
        "limit": exc.limit, "seconds": exc.retry_after}  # fmt: skip
    return _problem(request, 429, kind="rate-limited", detail=detail, headers={"Retry-After": str(exc.retry_after)})


def stale(request: HttpRequest, exc: StaleVersion) -> HttpResponse:
    detail = _("Someone saved this since the version you sent in If-Match: here is the current one.")
    headers = {"ETag": f'"{exc.current_version}"'}
    return _problem(request, 412, kind="stale", detail=detail, headers=headers, current=exc.current)


def precondition_required(request: HttpRequest, exc: PreconditionRequired) -> HttpResponse:
    detail = _("Send the ETag you read as If-Match, so that nobody's change is saved over.")
    return _problem(request, 428, kind="precondition-required", detail=detail)


def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _problem(request, exc.status_code, detail=str(exc))


def install(api: NinjaAPI) -> None:
    handlers = {
        SchemaValidationError: schema_errors,
        DjangoValidationError: rule_errors,
        NotAuthenticated: not_authenticated,
        AuthenticationError: not_authenticated,
        Forbidden: forbidden,
        PermissionDenied: forbidden,
        Http404: not_found,
        RateLimited: rate_limited,
        StaleVersion: stale,
        PreconditionRequired: precondition_required,
        HttpError: http_error,
    }
    for exception, handler in handlers.items():
        api.add_exception_handler(exception, handler)
