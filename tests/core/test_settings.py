"""Settings come from the environment; production settings pass Django's deployment checks."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from values.env import env_bool, env_int, env_list

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-secret-key-of-sufficient-length-and-entropy-0123456789abcdef",
    "ALLOWED_HOSTS": "values.example.org",
    "DJANGO_SETTINGS_MODULE": "values.settings",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


# What tests/settings.py relaxes for the test client must not leak into these processes.
RELAXED = (
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SECRET_KEY",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
)


def _python(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in RELAXED}
    return subprocess.run(
        [sys.executable, *args], env={**environment, **env}, capture_output=True, text=True, timeout=60
    )


def test_deployment_check_reports_nothing_with_production_settings():
    result = _python("-m", "values", "check", "--deploy", "--fail-level", "DEBUG", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (1 silenced)."


def test_the_deployment_check_warns_when_two_factor_sign_in_is_not_required():
    result = _python(
        "-m", "values", "check", "--deploy", **PRODUCTION, REQUIRE_SECOND_FACTOR="0", SESSION_IDLE_MINUTES="1440"
    )

    assert "(values.W001) REQUIRE_SECOND_FACTOR is off" in result.stderr
    assert "(values.W003) SESSION_IDLE_MINUTES is 1440" in result.stderr


def test_without_a_secret_key_production_settings_refuse_to_start():
    result = _python("-c", "import django; django.setup()", DEBUG="0", DJANGO_SETTINGS_MODULE="values.settings")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("command", [["check"], ["check", "data/values.yaml"], ["migrate"]])
def test_a_database_without_a_secret_key_gets_one_line_with_the_fix(command, tmp_path):
    database = f"sqlite:///{tmp_path}/never-made.sqlite3"
    result = _python("-m", "values", *command, DATABASE_URL=database, DJANGO_SETTINGS_MODULE="values.settings")

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("values: SECRET_KEY is not set")
    assert "export SECRET_KEY=" in line
    assert result.stdout == ""


@pytest.mark.unit
@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("", False)])
def test_boolean_variables_accept_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)

    assert env_bool("SOME_FLAG") is expected


@pytest.mark.unit
def test_a_bad_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    monkeypatch.setenv("SOME_NUMBER", "twelve")

    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG='maybe'"):
        env_bool("SOME_FLAG")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER='twelve': expected a whole number"):
        env_int("SOME_NUMBER", 1)


@pytest.mark.unit
def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,")

    assert env_list("HOSTS", []) == ["a.example", "b.example"]
