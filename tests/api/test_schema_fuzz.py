"""Schemathesis against the API's own OpenAPI description, through the whole Django stack on the test database:
for every operation, generated valid and invalid requests never get a server error, and every answer (status,
content type, headers, body) is one the description declares. The examples per operation are bounded
(API_FUZZ_EXAMPLES, 25 unless set) so that both databases' runs fit CI; run more by hand with a larger figure.
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings, strategies
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from values.api.api import api
from values.api.services import create_token
from values.knowledge.models import Practice
from values.knowledge.services import publish_practice, save_practice

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def _practice(programme, cesena_staff, title: str) -> Practice:
    return save_practice(
        programme, organisation=cesena_staff.memberships.get().organisation, by=cesena_staff,
        original_language="en", texts={"title": title, "summary": "Volunteers welcome newcomers."},
        themes=list(programme.themes.all()[:1]),
    )  # fmt: skip


def _operations() -> list[str]:
    described = schemathesis.openapi.from_dict(api.get_openapi_schema())
    return [result.ok().label for result in described.get_all_operations()]


@pytest.fixture
def described(programme, coordinator, cesena_staff, settings):
    """The description with the world's real keys in the paths, so that requests reach past the 404."""
    settings.API_RATE_PER_MINUTE = settings.API_ANONYMOUS_RATE_PER_MINUTE = 10**9
    published = publish_practice(_practice(programme, cesena_staff, "Library volunteers"))
    _practice(programme, cesena_staff, "A proposal")
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = WSGIHandler()
    known = {"code": programme.code, "key": "cesena", "practice_id": published.pk, "language": "it"}
    return schema, known


@pytest.fixture
def connection_kept():
    """As Django's test client does: the test's database connection (and its transaction) outlives a request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def coordinator_token(coordinator) -> str:
    return create_token(coordinator, name="fuzzer", scope="write", days=1)[1]


# One test per operation (schemathesis's own pytest loader does not run on this pytest), valid and invalid requests.
@pytest.mark.django_db
@pytest.mark.parametrize("label", _operations())
def test_every_operation_answers_as_described(label, described, coordinator_token, connection_kept):
    schema, known = described
    operation = schema.find_operation_by_label(label)
    # Mostly the world's own keys in the path, so that requests reach past the 404; sometimes any.
    path = {parameter.name: known[parameter.name] for parameter in operation.path_parameters}
    requests = strategies.one_of(
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=path),
        operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=path),
        operation.as_strategy(GenerationMode.POSITIVE),
    )

    @given(case=requests)
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    def answers_as_described(case):
        case.call_and_validate(headers={"Authorization": f"Bearer {coordinator_token}"}, checks=CHECKS)

    answers_as_described()
