"""SQLite takes its write lock when a transaction begins: a slow step inside one stops every other writer.

Uploads are therefore checked (images decoded, archives unpacked) before any transaction opens, and a writer
that finds the lock taken waits for it instead of failing with "database is locked".
"""

import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tests.core.test_uploads import CAPTIONS_TEXT, photo_bytes
from values.finance.services import submit_expense
from values.knowledge.services import add_captions, add_photo, add_video, save_practice
from values.network.models import Organisation, User
from values.programme.models import Partner, Theme
from values.publishing.services import add_asset, save_campaign

# The write lock taken at BEGIN and the busy timeout are SQLite's; PostgreSQL locks rows, not the database.
pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="about SQLite's database-wide write lock")


def _write_lock_is_taken(database: str) -> bool:
    """Whether another connection holds the write lock right now: this one may not wait a moment for it."""
    other = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        if str(error) != "database is locked":
            raise
        return True
    finally:
        other.close()


class LockProbe(SimpleUploadedFile):
    """An upload that notes, each time it is read, whether a write by anyone else would have to wait."""

    def __init__(self, name: str, content: bytes, content_type: str) -> None:
        super().__init__(name, content, content_type)
        self.locked_at_reads: list[bool] = []

    def read(self, *args):
        self.locked_at_reads.append(_write_lock_is_taken(connection.settings_dict["NAME"]))
        return super().read(*args)


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db(transaction=True)  # no test transaction around it: only the services' own ones
def test_no_upload_is_checked_while_the_database_is_locked_for_writing(programme, cesena_staff, media_root):
    practice = save_practice(
        programme, organisation=Organisation.objects.get(key="cesena"), by=cesena_staff, original_language="en",
        texts={"title": "Welcome café", "summary": "Coffee and talk."}, themes=[Theme.objects.get(key="C")],
    )  # fmt: skip
    campaign = save_campaign(
        programme, key="volunteer-2020", title={"en": "Time to welcome"}, call_to_action={"en": "Join us."},
        pitch={}, starts_on=date(2020, 3, 1), ends_on=date(2020, 6, 30), volunteer_url="https://example.org/v",
        published=False,
    )  # fmt: skip
    probes = {
        "photo": LockProbe("cafe.png", photo_bytes("PNG"), "image/png"),
        "captions": LockProbe("en.vtt", CAPTIONS_TEXT, "text/vtt"),
        "new captions": LockProbe("en.vtt", CAPTIONS_TEXT, "text/vtt"),
        "receipt": LockProbe("ticket.jpg", photo_bytes(), "image/jpeg"),
        "kit": LockProbe("poster.png", photo_bytes("PNG"), "image/png"),
    }

    add_photo(practice, image=probes["photo"], alt_text="Two volunteers serve coffee", by=cesena_staff)
    video = add_video(
        practice, title="Café", url="https://video.example.org/cafe", captions=probes["captions"], by=cesena_staff
    )
    add_captions(video, captions=probes["new captions"])
    submit_expense(
        Partner.objects.get(organisation__key="cesena"), by=cesena_staff, spent_on=date(2020, 3, 12),
        category="travel", amount="12.50", currency="EUR", description="Bus tickets", receipt=probes["receipt"],
    )  # fmt: skip
    add_asset(campaign, kind="kit", title={"en": "Poster"}, file=probes["kit"])

    # Every probe was read (sniffed, decoded), and never while a write would have had to wait.
    assert {name: set(probe.locked_at_reads) for name, probe in probes.items()} == {name: {False} for name in probes}


@pytest.mark.django_db
def test_a_database_connection_waits_twenty_seconds_for_the_write_lock():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (milliseconds,) = cursor.fetchone()

    assert milliseconds == 20_000


@pytest.mark.django_db(transaction=True)
def test_a_write_waits_for_another_connections_write_instead_of_failing():
    holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of its transaction
    releases = threading.Timer(1.0, lambda: holder.execute("COMMIT"))
    releases.start()
    started = time.monotonic()

    User.objects.create(username="waiting")  # through Django's own connection and settings

    waited = time.monotonic() - started
    releases.join()
    holder.close()
    assert User.objects.filter(username="waiting").exists()
    assert waited >= 0.9
