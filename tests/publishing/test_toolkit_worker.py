"""A real worker process builds a toolkit that the coordinator asked for, and the page follows its progress.

On the embedded default the task goes through the database backend; with REDIS_URL set (as in
CI's second run) through Redis.
"""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.test import override_settings

from tests.network.test_password_reset_worker import _test_database_url
from values.publishing.enums import ToolkitStatus
from values.publishing.models import Toolkit

WAIT_SECONDS = 90

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "VALUES_TEST_WORKER": "1",
        "DATABASE_URL": _test_database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REMINDER_INTERVAL_MINUTES": "0",
        "TOOLKIT_REFRESH_MINUTES": "0",  # only what the coordinator asks for is built
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "values", "worker"], env=env, stdout=log, stderr=log)
    yield
    process.terminate()
    process.wait(timeout=15)
    log.close()


def test_a_worker_process_builds_the_toolkit_the_coordinator_asked_for(client, coordinator, worker):
    client.force_login(coordinator)
    with override_settings(TASKS=settings.CONFIGURED_TASKS):
        asked = client.post("/en/p/820885/toolkits/A/build/")
    waiting = client.get("/en/p/820885/toolkits/")

    assert asked.status_code == 302
    assert "data-refresh-seconds" in waiting.text
    assert "<progress" in waiting.text
    editions = _wait_until_built(Toolkit.objects.filter(theme__key="A"))
    assert sorted(edition.language for edition in editions) == ["en", "it"]
    assert all(edition.pages and edition.pdf for edition in editions)
    done = client.get("/en/p/820885/toolkits/A/")
    assert "data-refresh-seconds" not in done.text
    assert "Building urban communities" in done.text


def _wait_until_built(toolkits) -> list[Toolkit]:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        editions = list(toolkits.all())  # a fresh query each time: a QuerySet keeps its first results
        if editions and all(edition.status == ToolkitStatus.READY for edition in editions):
            return editions
        failed = [edition.error for edition in editions if edition.status == ToolkitStatus.FAILED]
        assert not failed, failed
        time.sleep(0.3)
    raise AssertionError(f"the worker built no toolkit within {WAIT_SECONDS} s")
