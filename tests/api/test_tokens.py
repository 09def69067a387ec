"""Personal API tokens: made from the account, kept as digests, scoped, expiring, revoked, and rate-limited."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from values.api.models import ApiToken
from values.api.services import MAX_ACTIVE_TOKENS, create_token, revoke_token, token_for
from values.network.models import AuditEntry

from .conftest import ApiClient, token_client

pytestmark = pytest.mark.django_db

PRACTICES = "/api/v1/programmes/820885/practices/"


def test_only_the_digest_of_a_token_is_kept(cesena_staff):
    token, secret = create_token(cesena_staff, name="Volunteer database", scope="read", days=30)

    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("values_")
    assert len(secret) > 40
    assert stored.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {stored.prefix, stored.digest, stored.name}
    assert stored.prefix == secret[:13]
    assert AuditEntry.objects.filter(action="api_token_created", actor=cesena_staff).count() == 1


def test_a_revoked_an_expired_and_an_unknown_token_open_nothing(cesena_staff):
    revoked, revoked_secret = create_token(cesena_staff, name="old", scope="read", days=30)
    expired, expired_secret = create_token(cesena_staff, name="expired", scope="read", days=30)
    revoke_token(revoked, by=cesena_staff)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert token_for(revoked_secret) is None
    assert token_for(expired_secret) is None
    assert token_for("values_" + "x" * 43) is None
    for secret in (revoked_secret, expired_secret, "values_nothing", "not-even-ours"):
        response = ApiClient(secret).get(PRACTICES)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def test_a_token_of_an_account_made_inactive_opens_nothing(cesena_staff):
    _token, secret = create_token(cesena_staff, name="t", scope="read", days=30)
    cesena_staff.is_active = False
    cesena_staff.save()

    assert ApiClient(secret).get(PRACTICES).status_code == 401


@pytest.mark.parametrize(
    ("fields", "key"),
    [({"name": " "}, "name"), ({"scope": "admin"}, "scope"), ({"days": 0}, "days"), ({"days": 367}, "days")],
)
def test_a_token_is_refused_with_the_field_named(cesena_staff, fields, key):
    with pytest.raises(ValidationError) as refused:
        create_token(cesena_staff, **({"name": "ok", "scope": "read", "days": 30} | fields))

    assert key in refused.value.message_dict
    assert ApiToken.objects.count() == 0


def test_at_most_twenty_tokens_in_use(cesena_staff):
    for n in range(MAX_ACTIVE_TOKENS):
        create_token(cesena_staff, name=f"t{n}", scope="read", days=1)

    with pytest.raises(ValidationError):
        create_token(cesena_staff, name="one more", scope="read", days=1)


def test_a_malformed_authorization_header_is_a_401_that_says_how(programme):
    response = ApiClient(headers={"Authorization": "Basic dXNlcjpwYXNz"}).get(PRACTICES)

    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_a_read_only_token_reads_but_may_not_change(cesena_staff):
    api = token_client(cesena_staff, scope="read")

    assert api.get(PRACTICES).status_code == 200
    refused = api.post(PRACTICES, {"organisation": "cesena"})
    assert refused.status_code == 403
    assert refused.json()["type"] == "/api/v1/docs/#problem-read-only-token"


def test_the_rate_is_held_per_token_with_retry_after(cesena_staff, settings):
    settings.API_RATE_PER_MINUTE = 3
    api = token_client(cesena_staff, scope="read")
    other = token_client(cesena_staff, scope="read")

    answers = [api.get("/api/v1/programmes/") for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a["RateLimit-Remaining"] for a in answers[:3]] == ["2", "1", "0"]
    assert 1 <= int(answers[3]["Retry-After"]) <= 60
    assert answers[3].json()["status"] == 429
    assert other.get("/api/v1/programmes/").status_code == 200  # each token has its own rate


def test_the_tokens_page_shows_a_new_secret_once_and_revokes(client, cesena_staff):
    client.force_login(cesena_staff)

    made = client.post("/en/accounts/tokens/", {"name": "Newsletter", "scope": "read", "days": "90"})

    token = ApiToken.objects.get()
    secret = made.context["made"][1]
    assert token_for(secret) == token
    assert secret in made.content.decode()
    assert secret not in client.get("/en/accounts/tokens/").content.decode()
    client.post(f"/en/accounts/tokens/{token.pk}/revoke/")
    assert token_for(secret) is None


def test_nobody_revokes_anothers_token(client, cesena_staff, riga_staff):
    token, secret = create_token(cesena_staff, name="mine", scope="read", days=30)
    client.force_login(riga_staff)

    assert client.post(f"/en/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert token_for(secret) == token


def test_addresses_and_methods_the_api_does_not_have_are_problems_too(programme):
    unknown = ApiClient().get("/api/v1/nothing/")
    wrong_method = ApiClient().post("/api/v1/programmes/", {})
    documentation = ApiClient().get("/api/v1/docs/")

    assert (unknown.status_code, unknown["Content-Type"]) == (404, "application/problem+json")
    assert (wrong_method.status_code, wrong_method["Content-Type"]) == (405, "application/problem+json")
    assert "GET" in wrong_method["Allow"]
    assert documentation["Location"] == "/en/api/"


@pytest.mark.parametrize("text", ["Volontari\\u0000", "Volontari\\U0000", "Volontari\x00"])
def test_a_nul_character_in_a_json_body_is_refused_before_any_database_sees_it(cesena_staff, text):
    body = '{"organisation": "cesena", "title": "' + text + '"}'
    api = token_client(cesena_staff)

    refused = api.client.post(PRACTICES, data=body, content_type="application/json", headers=api.headers)

    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
