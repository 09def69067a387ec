"""A real background worker, in its own process, sends the password-reset e-mail.

On the embedded default the task goes through the database backend; with REDIS_URL set (as in
CI's second run) through Redis. The web request only enqueues; the worker delivers to files.
"""

import email
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from tests.conftest import PASSWORD

WAIT_SECONDS = 60

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(tmp_path):
    """A `values worker` process on the test database, writing e-mails under tmp_path/mail."""
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "VALUES_TEST_WORKER": "1",
        "DATABASE_URL": _test_database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "values", "worker"], env=env, stdout=log, stderr=log)
    yield mail_dir
    process.terminate()
    process.wait(timeout=15)
    log.close()


def test_a_worker_process_sends_the_password_reset_email(client, cesena_staff, worker):
    with override_settings(TASKS=settings.CONFIGURED_TASKS):
        response = client.post("/en/accounts/password-reset/", {"email": "cesena@example.org"})

    assert response.status_code == 302
    message = email.message_from_string(_wait_for_one_file(worker).read_text().split("\n" + "-" * 79)[0])
    assert message["To"] == "cesena@example.org"
    body = message.get_payload(decode=True).decode()
    link = re.search(r"http://testserver(/en/accounts/password-reset/\S+/\S+/)", body)
    assert link is not None
    form_page = client.get(link[1], follow=True)
    set_password = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-pass-phrase-42", "new_password2": "a-new-pass-phrase-42"},
    )
    assert set_password.status_code == 302
    assert client.login(username="cesena", password="a-new-pass-phrase-42")
    assert not client.login(username="cesena", password=PASSWORD)


def _test_database_url() -> str:
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user, host, port = database["USER"], database["HOST"] or "127.0.0.1", database["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{database['NAME']}"


def _wait_for_one_file(directory: Path) -> Path:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        files = sorted(directory.glob("*.log")) if directory.exists() else []
        if files:
            time.sleep(0.2)  # the backend writes the message in several steps
            return files[0]
        time.sleep(0.2)
    raise AssertionError(f"the worker sent no e-mail within {WAIT_SECONDS} s")
