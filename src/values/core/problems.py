"""Errors of the API in one shape: RFC 9457 problem details (`application/problem+json`).

A problem has `type` (a URI reference naming the kind of error, `about:blank` when the status says it all),
`title` (the same for every problem of that type), `status`, `detail` (this occurrence, in the reader's
language) and, for input that was refused, `errors`: one entry a field, each naming where it was (`pointer`, a
JSON pointer into the body, or `parameter`, a query or path parameter, or `header`) and why (`detail`), as
RFC 9457's own example does. Core's middleware and error pages answer API addresses with it too, so an address
the API does not know is a problem, not a web page.
"""

import json
from http import HTTPStatus

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"
# The documentation page describes each kind (values.api: docs, "#problem-…").
PROBLEM_TYPES = {
    "invalid": "/api/v1/docs/#problem-invalid",
    "stale": "/api/v1/docs/#problem-stale",
    "precondition-required": "/api/v1/docs/#problem-precondition-required",
    "rate-limited": "/api/v1/docs/#problem-rate-limited",
    "read-only-token": "/api/v1/docs/#problem-read-only-token",
}


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(settings.API_PREFIX)


def problem_body(status: int, *, detail: str = "", kind: str | None = None, **members) -> dict:
    body = {
        "type": PROBLEM_TYPES[kind] if kind else "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        body["detail"] = str(detail)
    return body | members


def problem(status: int, *, detail: str = "", kind: str | None = None, headers: dict | None = None,
            **members) -> HttpResponse:  # fmt: skip
    """A problem-details response; `members` are the problem's extension members (such as `errors`)."""
    body = problem_body(status, detail=detail, kind=kind, **members)
    return HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        headers=headers,
    )
