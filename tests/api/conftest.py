"""Calling the API as a system would: a personal token in the Authorization header."""

import json

import pytest
from django.test import Client

from values.api.services import create_token


class ApiClient:
    """The test client with a token (or none), speaking JSON."""

    def __init__(self, secret: str | None = None, headers: dict | None = None) -> None:
        self.client = Client()
        self.headers = ({"Authorization": f"Bearer {secret}"} if secret else {}) | (headers or {})

    def _call(self, method: str, path: str, body=None, headers: dict | None = None):
        send = getattr(self.client, method)
        extra = {"headers": self.headers | (headers or {})}
        if body is not None:
            return send(path, data=json.dumps(body), content_type="application/json", **extra)
        return send(path, **extra)

    def get(self, path: str, headers: dict | None = None):
        return self._call("get", path, headers=headers)

    def post(self, path: str, body=None, headers: dict | None = None):
        return self._call("post", path, {} if body is None else body, headers=headers)

    def put(self, path: str, body, headers: dict | None = None):
        return self._call("put", path, body, headers=headers)


def token_client(user, scope: str = "write") -> ApiClient:
    _token, secret = create_token(user, name="test system", scope=scope, days=30)
    return ApiClient(secret)


@pytest.fixture
def anonymous_api() -> ApiClient:
    return ApiClient()
