"""Every operation of the API's description, asked by every kind of person, against one table (tests/api/matrix.py):
a token of their own for each signed-in identity, none for the anonymous, and the session of the coordinator who
has not given their second factor yet. A new operation fails `test_every_operation_has_a_row…` until it has one.
Each request runs in a transaction that is rolled back; a GET may write nothing but its token's last use."""

import json

import pytest
from django.db import connection, transaction
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from tests.permission_world import ANONYMOUS, IDENTITIES, PASSWORD_ONLY, World
from tests.test_permission_matrix import Writes
from values.api.api import api
from values.api.services import create_token

from .matrix import ROWS, Row

GET_MAY_WRITE = {"api_apitoken"}  # a token's last use, noted at most once a minute


def described_operations() -> set[str]:
    schema = api.get_openapi_schema()
    return {f"{method.upper()} {path}" for path, methods in schema["paths"].items() for method in methods}


def test_every_operation_has_a_row_and_every_row_an_operation():
    declared = {row.operation for row in ROWS}

    assert sorted(described_operations() - declared) == [], "operations without a row in tests/api/matrix.py"
    assert sorted(declared - described_operations()) == [], "rows whose operation no longer exists"


def client_of(identity: str, world: World) -> tuple[Client, dict]:
    client, person = Client(), world.people[identity]
    if identity == PASSWORD_ONLY:
        client.force_login(person)
        session = client.session
        del session[DEVICE_ID_SESSION_KEY]  # the password was right; the code is still to be typed
        session.save()
        return client, {}
    if identity == ANONYMOUS:
        return client, {}
    secret = create_token(person, name="matrix", scope="write", days=1)[1]
    return client, {"Authorization": f"Bearer {secret}"}


def address(row: Row, world: World) -> str:
    """The row's path, with its `query` (an operation whose query parameters are required) after it."""
    _method, path = row.operation.split(" ", 1)
    at = row.at(world)
    return path.format(**at) + (f"?{at['query']}" if "query" in at else "")


def ask(row: Row, identity: str, client: Client, headers: dict, world: World):
    method = row.operation.split(" ", 1)[0].lower()
    writes = Writes()
    with connection.execute_wrapper(writes), transaction.atomic():
        try:
            kwargs = {"headers": headers | row.headers(world)}
            if row.body is not None:
                kwargs |= {"data": json.dumps(row.body(world, identity)), "content_type": "application/json"}
            response = getattr(client, method)(address(row, world), **kwargs)
            body = response.content
        except Exception as error:  # reported with the other mismatches; the walk goes on
            response, body = error, b""
        finally:
            transaction.set_rollback(True)
    return response, body, writes.tables


def check(row: Row, identity: str, client: Client, headers: dict, world: World) -> list[str]:
    expected = row.expect[identity]
    response, body, writes = ask(row, identity, client, headers, world)
    where, found = f"{row.label} {identity}", []
    if isinstance(response, Exception):
        return [f"{where}: expected {expected}, got 500 ({type(response).__name__}: {response})"]
    if response.status_code != expected:
        found.append(f"{where}: expected {expected}, got {response.status_code} {body[:200]!r}")
    if response.status_code >= 400 and response["Content-Type"] != "application/problem+json":
        found.append(f"{where}: an error that is not problem details ({response['Content-Type']})")
    if row.operation.startswith("GET") and writes - GET_MAY_WRITE:
        found.append(f"{where}: a GET wrote to {', '.join(sorted(writes - GET_MAY_WRITE))}")
    text = body.decode("utf-8", errors="replace")
    for secret in row.secrets:
        if identity not in secret.readers and secret.text(world) in text:
            found.append(f"{where}: shows {secret.text(world)!r}, which is not theirs to read")
    return found


@pytest.mark.django_db
@pytest.mark.xdist_group("api_matrix")
@pytest.mark.parametrize("identity", IDENTITIES)
def test_every_operation_answers_as_declared(identity, module_world, settings):
    settings.API_RATE_PER_MINUTE = settings.API_ANONYMOUS_RATE_PER_MINUTE = 10**6
    client, headers = client_of(identity, module_world)

    mismatches = [problem for row in ROWS for problem in check(row, identity, client, headers, module_world)]

    assert mismatches == [], "\n" + "\n".join(mismatches)
