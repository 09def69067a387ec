"""The programme calendar and the ICS feeds: parsed back with icalendar, UIDs stable across changes."""

from datetime import datetime, time, timedelta

import icalendar
import pytest

from tests.conftest import make_member
from values.activities.models import CalendarFeed, Exchange, Visit
from values.activities.services import (
    answer_nomination,
    nominate_participant,
    save_session,
    update_activity_details,
)
from values.network.enums import Role
from values.network.models import Organisation
from values.programme.services import grant_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(programme, accepted_plan):
    return programme


def _feed(client, kind: str, organisation=None) -> CalendarFeed:
    data = {"kind": kind} | ({"organisation": organisation.pk} if organisation else {})
    client.post("/en/p/820885/calendar/feeds/", data)
    return CalendarFeed.objects.latest("pk")


def _events(client, feed: CalendarFeed) -> list:
    response = client.get(f"/feeds/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_programme_feed_has_every_visit_and_exchange(client, coordinator, accepted):
    client.force_login(coordinator)

    events = _events(client, _feed(client, "programme"))

    assert len(events) == 32
    assert len({str(e["uid"]) for e in events}) == 32
    assert sum(str(e["summary"]).startswith("Mentoring visit to ") for e in events) == 16


def test_a_change_of_dates_keeps_the_uid_and_raises_the_sequence(client, coordinator, accepted):
    client.force_login(coordinator)
    feed = _feed(client, "programme")
    visit = Visit.objects.get(host__key="cesena")
    uid = f"activity-{visit.pk}@values-platform"
    new_start = visit.start + timedelta(days=1)

    update_activity_details(
        visit,
        start=new_start,
        end=new_start + timedelta(days=1),
        mode="in_person",
        venue="Palazzo Comunale",
        video_link="",
        capacity=4,
        nomination_deadline=None,
    )
    events = {str(e["uid"]): e for e in _events(client, feed)}

    assert events[uid].decoded("dtstart") == new_start
    assert events[uid].decoded("dtend") == new_start + timedelta(days=2)
    assert events[uid]["sequence"] == 1
    assert str(events[uid]["location"]) == "Palazzo Comunale"


def test_sessions_carry_their_host_citys_time_zone(client, coordinator, accepted):
    client.force_login(coordinator)
    visit = Visit.objects.get(host__key="cesena")
    starts = datetime.combine(visit.start, time(10, 0), tzinfo=visit.time_zone)
    save_session(visit, kind="workshop", title="Buddy schemes", starts_at=starts, ends_at=starts + timedelta(hours=1))

    response = client.get(f"/feeds/{_feed(client, 'programme').token}.ics")

    calendar = icalendar.Calendar.from_ical(response.content)
    session = next(e for e in calendar.walk("VEVENT") if str(e["summary"]).startswith("Buddy schemes"))
    assert session["dtstart"].params["TZID"] == "Europe/Rome"
    assert session.decoded("dtstart") == starts
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Rome"]


def test_a_citys_feed_has_its_community_visits_and_its_exchanges(client, cesena_staff, accepted):
    client.force_login(cesena_staff)
    cesena = cesena_staff.memberships.get().organisation

    events = _events(client, _feed(client, "city", cesena))

    assert len(events) == 6  # four visits of its community, two exchanges


def test_a_persons_feed_has_the_activities_they_are_nominated_for_unless_declined(client, cesena_staff, accepted):
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    cesena = leader.memberships.get().organisation
    visits = list(Visit.objects.filter(community__members__organisation__key="cesena").order_by("start")[:2])
    today = visits[0].start - timedelta(days=30)
    first = nominate_participant(visits[0], user=leader, organisation=cesena, by=cesena_staff, today=today)
    second = nominate_participant(visits[1], user=leader, organisation=cesena, by=cesena_staff, today=today)
    answer_nomination(first, confirm=True)
    answer_nomination(second, confirm=False)
    client.force_login(leader)

    events = _events(client, _feed(client, "person"))

    assert [str(e["uid"]) for e in events] == [f"activity-{visits[0].pk}@values-platform"]


def test_a_revoked_or_unknown_address_is_not_found(client, coordinator, accepted):
    client.force_login(coordinator)
    feed = _feed(client, "programme")

    client.post(f"/en/p/820885/calendar/feeds/{feed.pk}/revoke/")
    client.logout()

    assert client.get(f"/feeds/{feed.token}.ics").status_code == 404
    assert client.get("/feeds/not-a-token.ics").status_code == 404


def test_a_city_feed_for_someone_elses_city_is_refused(client, riga_staff, accepted):
    client.force_login(riga_staff)
    cesena = Organisation.objects.get(key="cesena")

    response = client.post("/en/p/820885/calendar/feeds/", {"kind": "city", "organisation": cesena.pk}, follow=True)

    assert CalendarFeed.objects.count() == 0
    assert "Choose one of your own cities." in response.text


def test_nobody_revokes_someone_elses_feed(client, coordinator, riga_staff, accepted):
    client.force_login(coordinator)
    feed = _feed(client, "programme")
    client.force_login(riga_staff)

    response = client.post(f"/en/p/820885/calendar/feeds/{feed.pk}/revoke/")

    assert response.status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_the_calendar_page_shows_what_the_user_may_see(client, coordinator, cesena_staff, accepted):
    client.force_login(cesena_staff)
    city_page = client.get("/en/p/820885/calendar/")
    client.force_login(coordinator)
    full_page = client.get("/en/p/820885/calendar/")

    assert sum(len(m.entries) for m in city_page.context["months"]) == 6
    assert sum(len(m.entries) for m in full_page.context["months"]) == 32
    assert len(full_page.context["months"]) == 24


def test_the_timeline_puts_each_communitys_activities_in_their_months(client, coordinator, accepted):
    client.force_login(coordinator)

    page = client.get("/en/p/820885/calendar/")

    timeline = page.context["timeline"]
    assert [row.community for row in timeline] == ["A1", "B1", "C1", "D1"]
    assert all(len(row.cells) == 24 for row in timeline)
    assert [sum(len(cell) for cell in row.cells) for row in timeline] == [8, 8, 8, 8]  # 4 visits and 4 exchanges


def test_a_report_deadline_is_in_the_feed_on_its_due_date(client, coordinator, programme, accepted):
    from values.reports.services import request_reports, save_template

    client.force_login(coordinator)
    visit = Visit.objects.get(host__key="cesena")
    template = save_template(
        programme,
        title="Key research questions",
        description="",
        questions=[{"kind": "short_text", "text": "One lesson?", "help_text": "", "required": True, "choices": []}],
    )
    due = visit.end + timedelta(days=21)
    request_reports(visit, template=template, due=due)

    events = {str(e["uid"]): e for e in _events(client, _feed(client, "programme"))}

    deadline = events[f"report-due-{visit.pk}@values-platform"]
    assert deadline.decoded("dtstart") == due
    assert str(deadline["summary"]).startswith("Reports due: Key research questions")
    assert len(events) == 33


# -- a feed carries what its owner may see, judged at each read ----------------------------------
PRIVATE_VENUE = "Sala del Consiglio della Residenza Municipale"
PRIVATE_SESSION = "Housing first: closed debrief"
PRIVATE_REPORT = "Toulouse and Cesena: lessons on housing"


@pytest.fixture
def cesena_private(accepted):
    """Cesena's exchange with Toulouse, which Riga takes no part in, with a venue, a session and a report due."""
    from values.reports.services import request_reports, save_template

    exchange = Exchange.objects.get(host__key="cesena", guest__key="toulouse")
    update_activity_details(
        exchange, start=exchange.start, end=exchange.end, mode="in_person", venue=PRIVATE_VENUE, video_link="",
        capacity=4, nomination_deadline=None,
    )  # fmt: skip
    starts = datetime.combine(exchange.start, time(9, 0), tzinfo=exchange.time_zone)
    save_session(
        exchange, kind="workshop", title=PRIVATE_SESSION, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    question = {"kind": "short_text", "text": "One lesson?", "help_text": "", "required": True, "choices": []}
    template = save_template(accepted, title=PRIVATE_REPORT, description="", questions=[question])
    request_reports(exchange, template=template, due=exchange.end + timedelta(days=14))
    return exchange


def _feed_text(client, feed: CalendarFeed) -> str:
    response = client.get(f"/feeds/{feed.token}.ics")
    assert response.status_code == 200
    # Long lines are folded at 75 octets (RFC 5545): unfold before looking for a text.
    return response.content.decode().replace("\r\n ", "")


def test_rigas_programme_feed_leaves_out_cesenas_exchange_with_toulouse(client, riga_staff, cesena_private):
    client.force_login(riga_staff)
    feed = _feed(client, "programme")
    client.logout()

    text = _feed_text(client, feed)
    events = _events(client, feed)

    assert (PRIVATE_VENUE in text, PRIVATE_SESSION in text, PRIVATE_REPORT in text) == (False, False, False)
    assert f"activity-{cesena_private.pk}@values-platform" not in text
    assert len(events) == 6  # the four visits of Riga's community and its two exchanges with Düsseldorf


def test_the_coordinators_programme_feed_carries_cesenas_exchange_with_toulouse(client, coordinator, cesena_private):
    client.force_login(coordinator)
    feed = _feed(client, "programme")
    client.logout()

    text = _feed_text(client, feed)

    assert (PRIVATE_VENUE in text, PRIVATE_SESSION in text, PRIVATE_REPORT in text) == (True, True, True)
    assert len(_events(client, feed)) == 34  # 32 activities, the session and the report deadline


def test_a_feed_stops_carrying_a_city_its_owner_left(client, programme, cesena_private):
    person = make_member("two-cities", "riga", Role.CITY_STAFF)
    membership = grant_role(
        person, programme=programme, organisation=Organisation.objects.get(key="cesena"), role=Role.CITY_STAFF
    )
    client.force_login(person)
    programme_feed, city_feed = _feed(client, "programme"), _feed(client, "city", membership.organisation)
    client.logout()
    before = (_feed_text(client, programme_feed), _feed_text(client, city_feed))

    membership.delete()  # the coordinator removes the person from Cesena (in the admin)

    after = (_feed_text(client, programme_feed), _feed_text(client, city_feed))
    assert [PRIVATE_SESSION in text for text in before] == [True, True]
    assert [PRIVATE_SESSION in text for text in after] == [False, False]
    assert len(_events(client, programme_feed)) == 6  # Riga's own activities only
    # No longer their city: its feed is empty, even of the visits Cesena shares with Riga.
    assert len(_events(client, city_feed)) == 0


def test_the_feed_of_a_deactivated_user_is_not_found(client, riga_staff, cesena_private):
    client.force_login(riga_staff)
    feed = _feed(client, "programme")
    client.logout()

    riga_staff.is_active = False
    riga_staff.save(update_fields=["is_active"])

    assert client.get(f"/feeds/{feed.token}.ics").status_code == 404


def test_someone_elses_refusal_leaves_the_activity_in_a_persons_feed(client, cesena_staff, accepted):
    visit = Visit.objects.get(host__key="cesena")
    cesena = Organisation.objects.get(key="cesena")
    going, declining = (
        make_member("going", "cesena", Role.VOLUNTEER),
        make_member("declining", "cesena", Role.VOLUNTEER),
    )
    today = visit.start - timedelta(days=30)
    nominate_participant(visit, user=going, organisation=cesena, by=cesena_staff, today=today)
    refused = nominate_participant(visit, user=declining, organisation=cesena, by=cesena_staff, today=today)
    answer_nomination(refused, confirm=False)
    client.force_login(going)

    events = _events(client, _feed(client, "person"))

    assert [str(e["uid"]) for e in events] == [f"activity-{visit.pk}@values-platform"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "NaN"}, "Choose what the calendar shows."),
        ({"kind": "x" * 100_000}, "Choose what the calendar shows."),
        ({}, "Choose what the calendar shows."),
        ({"kind": "city", "organisation": "NaN"}, "Choose one of your own cities."),
        ({"kind": "city", "organisation": "99999999999999999999"}, "Choose one of your own cities."),
        ({"kind": "city", "organisation": "-1"}, "Choose one of your own cities."),
        ({"kind": "city", "organisation": "1e400"}, "Choose one of your own cities."),
        ({"kind": "city"}, "Choose one of your own cities."),
    ],
)
def test_a_hostile_new_feed_is_refused_with_the_reason(client, riga_staff, accepted, data, message):
    client.force_login(riga_staff)

    response = client.post("/en/p/820885/calendar/feeds/", data)

    assert response.status_code == 400
    assert [str(m) for m in response.context["messages"]] == [message]
    assert CalendarFeed.objects.count() == 0


@pytest.mark.parametrize(("token", "status"), [("x" * 100_000, 404), ("99999999999999999999", 404), ("%00", 400)])
def test_a_hostile_feed_address_is_not_found(client, accepted, token, status):
    # A NUL character is refused for every address (core's middleware): PostgreSQL cannot even look it up.
    assert client.get(f"/feeds/{token}.ics").status_code == status
