"""Schemathesis against the API's own OpenAPI description, through the whole Django stack on the test database:
for every operation, generated valid and invalid requests never get a server error, and every answer (status,
content type, headers, body) is one the description declares. The examples per operation are bounded
(API_FUZZ_EXAMPLES, 25 unless set) so that both databases' runs fit CI; run more by hand with a larger figure.
"""

import os
import sys
from collections import Counter

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings, strategies
from ninja import Schema
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.matrix import LATER_DOMAINS
from tests.api.matrix_volunteering import hours_entry
from values.api.api import api
from values.api.services import create_token

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def test_no_two_schemas_of_the_api_share_a_name():
    """The description names each body and answer by its class's name: two classes of one name would describe
    one operation's answer with the other's fields (the fuzzer found the planner's communities so)."""
    modules = [module for name, module in sys.modules.items() if name.startswith("values.api.")]
    schemas = {cls for module in modules for cls in vars(module).values()
               if isinstance(cls, type) and issubclass(cls, Schema) and cls.__module__ == module.__name__}  # fmt: skip
    names = Counter(cls.__name__ for cls in schemas)

    assert [name for name, count in names.items() if count > 1] == []
    assert len(schemas) > 100  # every domain's module was imported (with the API): the test looks at something


def _operations() -> list[str]:
    described = schemathesis.openapi.from_dict(api.get_openapi_schema())
    return [result.ok().label for result in described.get_all_operations()]


def known_path_values(w) -> dict:
    """A real value for each path parameter the API's operations name, from the permission matrix's world (an hours
    entry logged for the test, rolled back with it)."""
    known = {
        "code": w.programme.code, "key": "cesena", "language": "it", "practice_id": w.practice.pk,
        "activity_id": w.visit.pk, "session_id": w.session.pk, "participant_id": w.participant.pk,
        "report_id": w.report.pk, "action_id": w.action.pk, "section": "context", "expense_id": w.expense.pk,
        "opportunity_id": w.opportunity.pk, "commitment_id": w.commitment.pk, "dataset": "partners",
        "format": "csv", "comment_id": w.comment.pk, "entry_id": hours_entry(w).pk,
    }  # fmt: skip
    for domain in LATER_DOMAINS:
        known |= domain.path_values(w)
    return known


@pytest.fixture
def described(module_world, settings):
    """The description with the world's real keys in the paths, so that requests reach past the 404."""
    settings.API_RATE_PER_MINUTE = settings.API_ANONYMOUS_RATE_PER_MINUTE = 10**9
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = WSGIHandler()
    return schema, known_path_values(module_world)


@pytest.fixture
def connection_kept():
    """As Django's test client does: the test's database connection (and its transaction) outlives a request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def coordinator_token(module_world) -> str:
    return create_token(module_world.people["coordinator"], name="fuzzer", scope="write", days=1)[1]


# One test per operation (schemathesis's own pytest loader does not run on this pytest), valid and invalid requests.
@pytest.mark.django_db
@pytest.mark.xdist_group("api_fuzz")
@pytest.mark.parametrize("label", _operations())
def test_every_operation_answers_as_described(label, described, coordinator_token, connection_kept):
    schema, known = described
    operation = schema.find_operation_by_label(label)
    # Mostly the world's own keys in the path, so that requests reach past the 404; sometimes any.
    path = {parameter.name: known[parameter.name] for parameter in operation.path_parameters}
    # The token goes in the cases themselves: a case made without the header it needs would be judged as one
    # sent without it, though the call adds it.
    signed = {"Authorization": f"Bearer {coordinator_token}"}
    requests = strategies.one_of(
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=path, headers=signed),
        operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=path, headers=signed),
        operation.as_strategy(GenerationMode.POSITIVE, headers=signed),
    )

    @given(case=requests)
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    def answers_as_described(case):
        case.call_and_validate(headers=signed, checks=CHECKS)

    answers_as_described()
