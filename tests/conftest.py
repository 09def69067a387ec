"""Fixtures shared by the suite: the VALUES programme from data/values.yaml and one user per role."""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from uuid import uuid4

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from values.activities.models import Visit
from values.network.enums import Role
from values.network.models import Organisation, User
from values.network.permissions import requires_second_factor
from values.network.services import create_account
from values.planning.models import PlanRun
from values.planning.services import accept_plan_run, execute_plan_run
from values.programme.models import Programme
from values.programme.programme_file import read_programme_file
from values.programme.services import grant_role, load_programme_file

ROOT = Path(__file__).resolve().parent.parent
VALUES_FILE = ROOT / "data" / "values.yaml"
PASSWORD = "correct-horse-battery-staple"
# The secret of RFC 6238's test vectors, so a test can compute the code an app would show.
TOTP_KEY = "3132333435363738393031323334353637383930"

# Playwright's sync API runs an event loop in the test thread; the ORM calls it makes are ours.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@contextmanager
def once_per_module(django_db_blocker, media_root, make: Callable) -> Iterator:
    """What `make` builds, in a transaction the module's end rolls back: a module-scoped fixture's world that
    each test sees inside its own savepoint (pytest-django's), so what a test changes is undone before the next.
    Mark the module with an `xdist_group` of its own, or each xdist worker builds it again."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        try:
            yield make()
        finally:
            transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request to /it/… leaves Italian active in the test's thread: each test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def own_cache_keys_per_test(settings):
    """Counters in the cache (the mail limit per client address) start at zero in each test. Redis outlives the
    test process, and one run's counters would otherwise refuse the next run's mails within the hour."""
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"values_test_{uuid4().hex}"}}


def give_authenticator(user: User) -> TOTPDevice:
    """A confirmed authenticator app with the known test key."""
    return TOTPDevice.objects.create(user=user, name="authenticator", key=TOTP_KEY, confirmed=True)


def authenticator_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the app shows now (or `steps_ahead` 30-second steps later)."""
    code = totp(device.bin_key, step=device.step, t0=device.t0 - steps_ahead * device.step, digits=device.digits)
    return f"{code:0{device.digits}d}"


@pytest.fixture(autouse=True)
def test_client_signs_in_with_both_factors(monkeypatch):
    """`client.login`/`force_login` sign in as a person would after typing their authenticator's code."""
    plain_login = Client._login

    def login_with_second_factor(self, user, backend=None):
        plain_login(self, user, backend)
        if requires_second_factor(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or give_authenticator(user)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # what django_otp.login() records
            session.save()

    monkeypatch.setattr(Client, "_login", login_with_second_factor)


@pytest.fixture
def values_file() -> Path:
    return VALUES_FILE


@pytest.fixture
def programme(db) -> Programme:
    """The VALUES programme, loaded from the repository's programme file."""
    result = read_programme_file(VALUES_FILE.read_bytes())
    assert result.errors == []
    return load_programme_file(result.document).programme


VALUES_CODE = "820885"


def make_member(username: str, organisation_key: str, role: Role, programme: Programme | None = None) -> User:
    """An account with one role, in VALUES unless another programme is given."""
    user = create_account(username=username, email=f"{username}@example.org", password=PASSWORD)
    programme = programme or Programme.objects.get(code=VALUES_CODE)
    grant_role(user, programme=programme, organisation=Organisation.objects.get(key=organisation_key), role=role)
    return user


@pytest.fixture
def coordinator(programme) -> User:
    """The coordinator, with an authenticator app (two-factor sign-in is required of coordinators)."""
    user = make_member("coordinator", "eurocities", Role.COORDINATOR)
    give_authenticator(user)
    return user


@pytest.fixture
def cesena_staff(programme) -> User:
    return make_member("cesena", "cesena", Role.CITY_STAFF)


@pytest.fixture
def riga_staff(programme) -> User:
    return make_member("riga", "riga", Role.CITY_STAFF)


@pytest.fixture
def volunteer(programme) -> User:
    return make_member("volunteer", "cesena", Role.VOLUNTEER)


@pytest.fixture
def accepted_plan(programme, coordinator) -> PlanRun:
    """The VALUES programme planned (seed 1) and accepted: 4 communities, 16 visits, 16 exchanges."""
    run = PlanRun.objects.create(programme=programme, seed=1, time_limit=5, rules=[])
    execute_plan_run(run)
    accept_plan_run(run, by=coordinator)
    return run


@pytest.fixture
def cesena_visit(accepted_plan) -> Visit:
    """Cesena's mentoring visit in the accepted plan (community B1 with Düsseldorf, Riga, Toulouse)."""
    return Visit.objects.get(host__key="cesena")


def follow_menu(page, group: str, link: str) -> None:
    """Open a group of the header's menu (Programme, Knowledge, Volunteering, Manage) and follow one of its links,
    as a person does."""
    page.get_by_role("navigation", name="Main").get_by_role("button", name=group).click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name=link, exact=True).click()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright's own browser download is not possible here."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


WELCOME_FILE = ROOT / "tests" / "programme" / "data" / "welcome.yaml"


@pytest.fixture
def welcome(programme) -> Programme:
    """A second programme of our own (code 101010), loaded after VALUES: it shares EUROCITIES and Cesena."""
    result = read_programme_file(WELCOME_FILE.read_bytes())
    assert result.errors == []
    return load_programme_file(result.document).programme


BRIDGE_FILE = ROOT / "tests" / "programme" / "data" / "bridge.yaml"


@pytest.fixture
def bridge(welcome) -> Programme:
    """A third programme of our own (code 202020), where EVC takes part with EUROCITIES and Cesena."""
    result = read_programme_file(BRIDGE_FILE.read_bytes())
    assert result.errors == []
    return load_programme_file(result.document).programme


def build_whole_world():
    """The permission matrix's world from nothing (programme, coordinator, accepted plan): for module fixtures."""
    from tests.permission_world import build_world  # it imports every app's services: only when asked for

    loaded = load_programme_file(read_programme_file(VALUES_FILE.read_bytes()).document).programme
    coordinator = make_member("coordinator", "eurocities", Role.COORDINATOR)
    give_authenticator(coordinator)
    run = PlanRun.objects.create(programme=loaded, seed=1, time_limit=5, rules=[])
    execute_plan_run(run)
    accept_plan_run(run, by=coordinator)
    return build_world(loaded, coordinator, run)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The permission matrix's world, built once for a test module (see `once_per_module`)."""
    with once_per_module(django_db_blocker, tmp_path_factory.mktemp("world-media"), build_whole_world) as made:
        yield made


@pytest.fixture
def world(programme, coordinator, accepted_plan, settings, tmp_path):
    """Every kind of thing the site shows, once (tests/permission_world.py): the permission matrix's world."""
    from tests.permission_world import build_world  # it imports every app's services: only when asked for

    settings.MEDIA_ROOT = tmp_path
    return build_world(programme, coordinator, accepted_plan)
