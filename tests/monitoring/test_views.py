"""The dashboard and its CSV, for the small programme of tests/monitoring/world.py, seen today: all four quarters of
2020 have ended, so Q4 is judged."""

import csv
import io

import pytest
from django.test import Client

from tests.conftest import give_authenticator, make_member
from tests.monitoring.world import build
from values.network.enums import Role
from values.network.models import User

pytestmark = pytest.mark.django_db
PAGE, CSV = "/en/p/MON1/monitoring/", "/en/p/MON1/monitoring.csv"


@pytest.fixture
def programme():
    return build()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator(programme):
    user = User.objects.get(username="mon-coordinator")
    give_authenticator(user)
    return _client(user)


def test_the_coordinator_reads_the_summary_with_its_flags(coordinator):
    page = coordinator.get(PAGE)

    text = page.content.decode()
    assert page.status_code == 200
    # Visits held by the end of 2020: Alpha's and Beta's; the plan ended all 4 by then.
    assert "Late: 2 by the end of Q4, 2 short of the 4 expected." in text
    assert "Gender is not recorded on this platform" in text
    assert "Spending rate: City of Beta" in text
    assert text.count("<svg") == 16  # the shares, then one chart per indicator (10) and partner (5)


def test_the_csv_gives_every_indicator_per_quarter(coordinator):
    answer = coordinator.get(CSV)

    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0] == ["Indicator", "Quarter", "Expected", "Actual", "Target", "Flag"]
    # 10 indicators and 5 partners, 4 quarters each.
    assert len(rows) == 1 + 15 * 4
    assert ["Mentoring visits held", "Q1", "1", "1", "4", "on track"] in rows
    assert ["Mentoring visits held", "Q4", "4", "2", "4", "late"] in rows
    # Alpha: 321.00 of 1000.00 by June (32.1 %), 374.50 by December (37.45 %, 37.5 half up); 50 % and 100 % expected.
    assert ["Spending rate: City of Alpha", "Q2", "50.0", "32.1", "100.0", "under-spending"] in rows
    assert ["Spending rate: City of Alpha", "Q4", "100.0", "37.5", "100.0", "under-spending"] in rows
    # Action plans keep no date: today's count (Alpha's) stands in the last quarter begun, Q4 once the programme ended.
    assert ["Action plans adopted", "Q3", "3", "", "4", ""] in rows
    assert ["Action plans adopted", "Q4", "4", "1", "4", ""] in rows
    assert ["Spending rate: City of Gamma", "Q1", "", "", "", ""] in rows


def test_city_staff_read_the_figures_and_only_their_own_spending(programme):
    client = _client(make_member("mon-alpha-staff", "alpha", Role.CITY_STAFF, programme))

    text = client.get(PAGE).content.decode()

    assert "Spending rate: City of Alpha" in text
    assert "Spending rate: City of Beta" not in text


@pytest.mark.parametrize("username", ["mon-p3", "mon-p6"])  # a volunteer leader; a person with no role
def test_others_are_refused(programme, username):
    client = _client(User.objects.get(username=username))

    assert (client.get(PAGE).status_code, client.get(CSV).status_code) == (403, 403)


def test_the_anonymous_are_asked_to_sign_in(programme):
    assert Client().get(PAGE)["Location"].startswith("/en/accounts/login/")
