"""Switching many activities to another mode at once (issue #19, item 3): COVID-19 moved VALUES's visits online.

The accepted plan of the VALUES programme (seed 1, tests/conftest.py `accepted_plan`) has, from March 2020 on
(read off the plan once, by hand, and written here so that each expectation can be checked against it):

    visit    Madrid      2 Mar 2020   (A1)     exchange Nuremberg ← Madrid       30 Mar 2020 (A1)
    visit    Toulouse    9 Mar 2020   (B1)     exchange Sheffield ← Ostend        6 Apr 2020 (A1)
    visit    Terrassa   16 Mar 2020   (C1)     exchange Toulouse ← Cesena        13 Apr 2020 (B1)
    visit    Turin      23 Mar 2020   (D1)     exchange Riga ← Düsseldorf        20 Apr 2020 (B1)
                                               exchange Terrassa ← Amsterdam     27 Apr 2020 (C1)
                                               exchange Zurich ← Bristol          4 May 2020 (C1)
                                               exchange Thessaloniki ← Brno      11 May 2020 (D1)
                                               exchange Turin ← Oslo             18 May 2020 (D1)
    visit    Sheffield   7 Sep 2020 (A1), Düsseldorf 14 Sep (B1), Zurich 21 Sep (C1), Thessaloniki 28 Sep (D1)

Cesena (community B1 with Düsseldorf, Riga and Toulouse) hosts its visit on 23 Sep 2019 and Toulouse's people in
the exchange of 13 May 2019. Every host hosts one visit and one exchange, so (kind, host) names an activity.
"""

import re
from datetime import date, timedelta
from urllib.parse import urlencode

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import make_member
from values.activities.enums import Mode
from values.activities.models import Activity, CalendarFeed, Exchange, Visit
from values.activities.services import answer_nomination, nominate_participant, update_activity_details
from values.activities.switching import StaleVersion, preview_switch, switch_mode
from values.core.todo import todos_for
from values.network.enums import AuditAction, Role
from values.network.models import AuditEntry, Organisation
from values.programme.access import Access
from values.programme.addresses import programme_addresses
from values.programme.models import Programme
from values.programme.queries import start_page_asker

pytestmark = pytest.mark.django_db

EVE = date(2020, 2, 28)  # the day the switch is decided, in this story: the Friday before March
MARCH, END = date(2020, 3, 1), date(2021, 1, 31)
LINK = "https://meet.example.org/values-toulouse"
THIN = "\u2009"  # English (CLDR) writes a span of days "Mar 9 – 10, 2020" with thin spaces around the dash
VISIT_9_MARCH = f"Mentoring visit to Toulouse, Mar 9{THIN}–{THIN}10, 2020"
TO_COME = "the video link is to come, on the activity's page."


@pytest.fixture
def plan(accepted_plan):
    return accepted_plan


def named(activities) -> set[tuple[str, str]]:
    return {(activity.kind, activity.host.key) for activity in activities}


def online_now(programme) -> set[tuple[str, str]]:
    return named(Activity.objects.filter(programme=programme).exclude(mode=Mode.IN_PERSON).select_related("host"))


def activity(kind: str, host: str) -> Activity:
    return Activity.objects.select_related("host").get(kind=kind, host__key=host)


def switch(programme, coordinator, *, mode=Mode.ONLINE, first_day=MARCH, last_day=END, today=EVE, **choice):
    return switch_mode(
        programme, mode=mode, first_day=first_day, last_day=last_day, today=today, by=coordinator, **choice
    )


# -- which activities ---------------------------------------------------------------------------------------------
def test_the_activities_starting_in_the_period_are_switched_and_no_other(programme, coordinator, plan):
    # 9 Mar – 13 Apr: by the table, the visits of Toulouse, Terrassa and Turin and the exchanges hosted by
    # Nuremberg, Sheffield and Toulouse; Madrid's visit (2 Mar) is before, Riga's exchange (20 Apr) after.
    expected = {
        ("visit", "toulouse"), ("visit", "terrassa"), ("visit", "turin"),
        ("exchange", "nuremberg"), ("exchange", "sheffield"), ("exchange", "toulouse"),
    }  # fmt: skip

    result = switch(programme, coordinator, first_day=date(2020, 3, 9), last_day=date(2020, 4, 13), today=EVE)

    assert named(result.to_switch) == expected
    assert result.kept == ()
    assert online_now(programme) == expected
    assert set(Activity.objects.filter(sequence=1).values_list("pk", flat=True)) == {a.pk for a in result.to_switch}
    assert Activity.objects.filter(sequence=0).count() == 32 - 6


def test_an_activity_under_way_or_over_is_kept_and_says_why(programme, coordinator, plan):
    # Decided on 16 March: Madrid's (2 Mar) and Toulouse's (9 Mar) visits are over, Terrassa's begins that day.
    result = switch(programme, coordinator, first_day=MARCH, last_day=date(2020, 3, 31), today=date(2020, 3, 16))

    assert named(result.to_switch) == {("visit", "turin"), ("exchange", "nuremberg")}
    assert [(k.activity.host.key, k.reason) for k in result.kept] == [
        ("madrid", "It started on March 2, 2020: an activity under way or over is never switched."),
        ("toulouse", "It started on March 9, 2020: an activity under way or over is never switched."),
        ("terrassa", "It started on March 16, 2020: an activity under way or over is never switched."),
    ]
    assert online_now(programme) == {("visit", "turin"), ("exchange", "nuremberg")}


def test_a_theme_switches_the_activities_of_its_communities(programme, coordinator, plan):
    theme_b = programme.themes.get(key="B")

    result = switch(programme, coordinator, theme=theme_b)

    # Community B1's from March 2020: Toulouse's visit, the exchanges at Toulouse and Riga, Düsseldorf's visit.
    assert named(result.to_switch) == {
        ("visit", "toulouse"), ("exchange", "toulouse"), ("exchange", "riga"), ("visit", "dusseldorf")
    }  # fmt: skip


def test_a_city_switches_what_it_hosts_and_the_exchanges_it_visits(programme, coordinator, plan):
    cesena = Organisation.objects.get(key="cesena")

    result = switch(programme, coordinator, city=cesena, first_day=programme.start, today=date(2019, 2, 28))

    # Its visit, the exchange it hosts, the one its people make to Toulouse; not the visits it takes part in
    # elsewhere in community B1 (Riga, Toulouse, Düsseldorf).
    assert named(result.to_switch) == {("visit", "cesena"), ("exchange", "cesena"), ("exchange", "toulouse")}


def test_an_activity_already_in_the_mode_is_kept_with_its_link(programme, coordinator, plan):
    toulouse = activity("visit", "toulouse")
    _give_link(toulouse, LINK)

    result = switch(programme, coordinator, last_day=date(2020, 3, 31))

    assert named(result.to_switch) == {("visit", "madrid"), ("visit", "terrassa"), ("visit", "turin"),
                                       ("exchange", "nuremberg")}  # fmt: skip
    assert [(k.activity.host.key, k.reason) for k in result.kept] == [("toulouse", "It is online already.")]
    assert Activity.objects.filter(pk=toulouse.pk).values_list("video_link", "sequence").get() == (LINK, 0)


# -- bad input: refused, naming the field, nothing changed ---------------------------------------------------------
@pytest.mark.parametrize(
    ("choice", "errors"),
    [
        ({"mode": "offline"}, {"mode": ["Mode: choose in person, online or hybrid."]}),
        ({"first_day": date(2020, 4, 1), "last_day": MARCH}, {"last_day": ["The last day is before the first day."]}),
    ],
)
def test_a_bad_choice_is_refused_naming_the_field(programme, coordinator, plan, choice, errors):
    with pytest.raises(ValidationError) as refused:
        switch(programme, coordinator, **choice)

    assert refused.value.message_dict == errors
    assert online_now(programme) == set()


def test_a_switch_that_would_change_nothing_is_refused(programme, coordinator, plan):
    # The whole programme, decided after its end: every activity is over.
    with pytest.raises(ValidationError) as refused:
        switch(programme, coordinator, first_day=programme.start, today=date(2021, 2, 1))

    assert refused.value.messages == ["No activity would change: nothing was switched."]
    assert online_now(programme) == set()
    assert not AuditEntry.objects.filter(action=AuditAction.MODE_SWITCHED).exists()


def test_a_failure_in_the_middle_leaves_nothing_switched(
    programme, coordinator, plan, django_capture_on_commit_callbacks
):
    # The database refuses to update the third of the four March visits (Terrassa's), after Madrid's and
    # Toulouse's were written in the same transaction.
    terrassa = activity("visit", "terrassa")
    _refuse_updates_of(terrassa)
    make_member("toulouse", "toulouse", Role.CITY_STAFF)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(IntegrityError):
        switch(programme, coordinator, last_day=date(2020, 3, 31))

    assert online_now(programme) == set()
    assert Activity.objects.exclude(sequence=0).count() == 0
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action=AuditAction.MODE_SWITCHED).exists()


def _refuse_updates_of(row: Activity) -> None:
    """A trigger that aborts any update of this activity's row: a real failure of the database, mid-switch."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TEMP TRIGGER refuse_update BEFORE UPDATE ON activities_activity "
                f"WHEN OLD.id = {row.pk} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION refuse_update() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'integrity_constraint_violation'; END $$ "
                "LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_update BEFORE UPDATE ON activities_activity "
                f"FOR EACH ROW WHEN (OLD.id = {row.pk}) EXECUTE FUNCTION refuse_update()"
            )


# -- telling people ------------------------------------------------------------------------------------------------
def test_each_participant_gets_one_mail_with_all_their_switched_activities(
    programme, coordinator, cesena_staff, riga_staff, plan, django_capture_on_commit_callbacks
):
    visit, exchange = activity("visit", "toulouse"), activity("exchange", "toulouse")  # 9 Mar, 13 Apr
    cesena, riga = Organisation.objects.get(key="cesena"), Organisation.objects.get(key="riga")
    riga_staff.language = "en"  # chose English; Cesena's staff chose none, so their city's Italian
    riga_staff.save(update_fields=["language"])
    declining = make_member("declining", "cesena", Role.CITY_STAFF)
    elsewhere = make_member("elsewhere", "dusseldorf", Role.CITY_STAFF)
    dusseldorf = Organisation.objects.get(key="dusseldorf")
    nominations = [
        (cesena_staff, cesena, visit), (cesena_staff, cesena, exchange), (riga_staff, riga, visit),
        (declining, cesena, visit), (elsewhere, dusseldorf, activity("visit", "dusseldorf")),
    ]  # fmt: skip
    for person, city, where in nominations:
        nominate_participant(where, user=person, organisation=city, by=coordinator, today=date(2020, 2, 1))
    answer_nomination(declining.participations.get(), confirm=False)

    with django_capture_on_commit_callbacks(execute=True):
        switch(programme, coordinator, last_day=date(2020, 4, 15))

    # Düsseldorf's visit (14 Sep) is outside the period; the declined place is nobody's to be told of. Italian
    # writes a span of days in one month as CLDR's "dd–dd MMM y".
    mails = {message.to[0]: message for message in mail.outbox}
    assert sorted(mails) == ["cesena@example.org", "riga@example.org"]
    # Cesena's staff read Italian: the subject and the items as the Italian catalogue words them.
    assert mails["cesena@example.org"].subject == "Sono cambiate 2 attività a cui partecipi"
    to_come = "online; il link alla videoconferenza sarà pubblicato sulla pagina dell'attività."
    assert _items(mails["cesena@example.org"].body) == [
        f"- Visita di tutoraggio a Toulouse, 09–10 mar 2020: {to_come}",
        f"- Scambio: Cesena presso Toulouse, 13–17 apr 2020: {to_come}",
    ]
    assert mails["riga@example.org"].subject == "An activity you take part in has changed"
    assert _items(mails["riga@example.org"].body) == [f"- {VISIT_9_MARCH}: online; {TO_COME}"]
    assert f"/en/p/820885/activities/{visit.pk}/" in mails["riga@example.org"].body


def _items(body: str) -> list[str]:
    return [line for line in body.splitlines() if line.startswith("- ")]


def test_the_host_citys_staff_are_asked_for_the_video_links(
    programme, coordinator, plan, django_capture_on_commit_callbacks
):
    toulouse_staff = make_member("toulouse", "toulouse", Role.CITY_STAFF)
    toulouse_staff.language = "en"
    toulouse_staff.save(update_fields=["language"])
    exchange = activity("exchange", "toulouse")

    with django_capture_on_commit_callbacks(execute=True):
        switch(programme, coordinator, mode=Mode.HYBRID, last_day=date(2020, 4, 15))

    # Toulouse hosts two of the period's activities: its visit (9 Mar) and Cesena's people (13 Apr).
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["toulouse@example.org"], "Give the video link of the activities you host")
    ]
    assert _items(mail.outbox[0].body) == [
        f"- {VISIT_9_MARCH}: hybrid: at Toulouse and online; {TO_COME}",
        f"- Exchange: Cesena at Toulouse, Apr 13{THIN}–{THIN}17, 2020: hybrid: at Toulouse and online; {TO_COME}",
    ]
    assert f"/en/p/820885/activities/{exchange.pk}/edit/" in mail.outbox[0].body


def test_the_switch_is_audited(programme, coordinator, plan):
    result = switch(programme, coordinator, last_day=date(2020, 3, 31))

    entry = AuditEntry.objects.get(action=AuditAction.MODE_SWITCHED)
    assert (entry.actor, entry.target) == (coordinator, "820885: 5 activities online")
    assert entry.detail["switched"] == [a.pk for a in result.to_switch]
    assert (entry.detail["first_day"], entry.detail["last_day"]) == ("2020-03-01", "2020-03-31")


# -- calendars, the to-do, the page --------------------------------------------------------------------------------
def test_the_calendar_keeps_the_uid_and_shows_the_new_mode(client, programme, coordinator, plan):
    client.force_login(coordinator)
    client.post("/en/p/820885/calendar/feeds/", {"kind": "programme"})
    feed = CalendarFeed.objects.get()
    visit = activity("visit", "toulouse")
    uid = f"activity-{visit.pk}@values-platform"

    switch(programme, coordinator, last_day=date(2020, 3, 31))
    switched = _event(client, feed, uid)
    _give_link(visit, LINK)
    linked = _event(client, feed, uid)

    assert (switched["sequence"], str(switched["location"])) == (1, "Online (video link to come)")
    assert [str(c) for c in switched["categories"].cats] == ["visit", "online"]
    assert (str(linked["location"]), str(linked["conference"])) == (f"Online: {LINK}", LINK)


def _event(client, feed: CalendarFeed, uid: str):
    calendar = icalendar.Calendar.from_ical(client.get(f"/feeds/{feed.token}.ics").content)
    return next(event for event in calendar.walk("VEVENT") if str(event["uid"]) == uid)


def _give_link(visit: Activity, link: str) -> None:
    update_activity_details(
        visit, start=visit.start, end=visit.end, mode=Mode.ONLINE, venue=visit.venue, video_link=link,
        capacity=visit.capacity, nomination_deadline=visit.nomination_deadline,
    )  # fmt: skip


def test_the_host_has_a_to_do_until_the_link_is_given(client, programme, coordinator, plan):
    toulouse_staff = make_member("toulouse", "toulouse", Role.CITY_STAFF)
    visit = activity("visit", "toulouse")
    switch(programme, coordinator, last_day=date(2020, 3, 31))
    client.force_login(toulouse_staff)

    before = _link_todos(toulouse_staff, programme)
    page = client.get(f"/en/p/820885/activities/{visit.pk}/")
    client.post(f"/en/p/820885/activities/{visit.pk}/edit/", _details(visit, video_link=LINK))
    after = _link_todos(toulouse_staff, programme)

    # On 1 March 2020, months before its to-do would otherwise be shown: the visit of 9 March.
    assert before == [
        ("Give the video link for Mentoring visit to Toulouse, which you host from March 9, 2020.",
         f"/en/p/820885/activities/{visit.pk}/edit/")
    ]  # fmt: skip
    assert "the video link is awaited from the host city" in page.text
    assert after == []


def _link_todos(user, programme) -> list[tuple[str, str]]:
    asker = start_page_asker(Access(user, programme), date(2020, 3, 1))
    with programme_addresses(programme):  # the start page's request names the programme's addresses
        return [(item.text, item.url) for item in todos_for(asker) if item.kind == "video_link"]


def _details(visit: Activity, **changes) -> dict[str, str]:
    data = {
        "start": visit.start.isoformat(), "end": visit.end.isoformat(), "mode": "online", "venue": visit.venue,
        "video_link": "", "capacity": "4", "nomination_deadline": "",
    }  # fmt: skip
    return data | changes


def test_back_in_person_keeps_the_venue_and_drops_the_link(
    programme, coordinator, plan, django_capture_on_commit_callbacks
):
    visit = activity("visit", "toulouse")
    update_activity_details(
        visit, start=visit.start, end=visit.end, mode=Mode.IN_PERSON, venue="Capitole", video_link="",
        capacity=4, nomination_deadline=None,
    )  # fmt: skip
    switch(programme, coordinator, last_day=date(2020, 3, 31))
    _give_link(Activity.objects.get(pk=visit.pk), LINK)
    toulouse_staff = make_member("toulouse", "toulouse", Role.CITY_STAFF)
    toulouse_staff.language = "en"
    toulouse_staff.save(update_fields=["language"])

    with django_capture_on_commit_callbacks(execute=True):
        back = switch(programme, coordinator, mode=Mode.IN_PERSON, last_day=date(2020, 3, 31))

    stored = Activity.objects.filter(pk=visit.pk).values_list("mode", "venue", "video_link", "sequence").get()
    assert stored == ("in_person", "Capitole", "", 2)
    assert len(back.to_switch) == 5
    assert [m.subject for m in mail.outbox] == ["Check the venue of the activities you host"]
    assert _items(mail.outbox[0].body) == [f"- {VISIT_9_MARCH}: in person, at Capitole."]


# -- the page: preview, confirm, and a preview overtaken by a change ------------------------------------------------
@pytest.fixture
def upcoming(programme, plan):
    """The plan moved so that 28 February 2020 is today: the story's switch can be made from the page."""
    shift = timezone.localdate() - EVE
    for row in Activity.objects.all():
        Activity.objects.filter(pk=row.pk).update(start=row.start + shift, end=row.end + shift)
    # The programme too (a month longer at each end), so that its hosts may still change their activities.
    moved = (programme.start + shift).replace(day=1)
    Programme.objects.filter(pk=programme.pk).update(start=moved, duration_months=programme.duration_months + 2)
    return shift


def _choice(shift: timedelta, **changes) -> dict[str, str]:
    return {"mode": "online", "first_day": (MARCH + shift).isoformat(), "last_day": (END + shift).isoformat()} | changes


def test_the_coordinator_previews_then_confirms(client, programme, coordinator, upcoming):
    client.force_login(coordinator)

    preview = client.get("/en/p/820885/activities/switch/", _choice(upcoming))
    untouched = online_now(programme)
    version = re.search(r'name="version" value="([0-9a-f]+)"', preview.text).group(1)
    done = client.post("/en/p/820885/activities/switch/", _choice(upcoming, version=version))

    # From March 2020 to the end: 8 visits and 8 exchanges (the table above).
    assert preview.status_code == 200
    assert "16 activities would become online" in preview.text
    assert untouched == set()
    assert done.status_code == 302
    assert done["Location"] == "/en/p/820885/calendar/"
    assert Activity.objects.filter(mode=Mode.ONLINE).count() == 16


def test_a_preview_overtaken_by_a_change_switches_nothing_and_shows_the_new_one(
    client, programme, coordinator, upcoming
):
    client.force_login(coordinator)
    preview = client.get("/en/p/820885/activities/switch/", _choice(upcoming))
    version = re.search(r'name="version" value="([0-9a-f]+)"', preview.text).group(1)
    _give_link(activity("visit", "toulouse"), LINK)  # meanwhile Toulouse's staff move their visit online

    answer = client.post("/en/p/820885/activities/switch/", _choice(upcoming, version=version))

    assert answer.status_code == 409
    assert "The activities changed since the preview; nothing was switched. Here is the new one." in answer.text
    assert "15 activities would become online" in answer.text
    assert "It is online already." in answer.text
    assert online_now(programme) == {("visit", "toulouse")}
    with pytest.raises(StaleVersion):
        switch_mode(programme, mode=Mode.ONLINE, first_day=MARCH + upcoming, last_day=END + upcoming, by=coordinator,
                    version=version)  # fmt: skip


def test_a_bad_choice_on_the_page_names_the_field(client, coordinator, upcoming):
    client.force_login(coordinator)

    answer = client.get("/en/p/820885/activities/switch/", _choice(upcoming, last_day="2020-02-01"))

    assert answer.status_code == 400
    assert "The last day is before the first day." in answer.text
    assert Activity.objects.exclude(mode=Mode.IN_PERSON).count() == 0


def test_a_confirmation_without_a_preview_switches_nothing(client, coordinator, upcoming):
    client.force_login(coordinator)

    answer = client.post("/en/p/820885/activities/switch/", _choice(upcoming))

    assert answer.status_code == 400
    assert "Look at what would change first, then confirm the switch." in answer.text
    assert Activity.objects.exclude(mode=Mode.IN_PERSON).count() == 0


def test_the_preview_makes_as_many_queries_for_three_activities_as_for_one(client, coordinator, upcoming):
    client.force_login(coordinator)
    one = _choice(upcoming, last_day=(date(2020, 3, 2) + upcoming).isoformat())  # Madrid's visit
    three = _choice(upcoming, last_day=(date(2020, 3, 16) + upcoming).isoformat())  # and Toulouse's, Terrassa's
    client.get("/en/p/820885/activities/switch/", one)  # caches filled by a first request count for neither

    with CaptureQueriesContext(connection) as for_one:
        first = client.get("/en/p/820885/activities/switch/", one)
    with CaptureQueriesContext(connection) as for_three:
        second = client.get("/en/p/820885/activities/switch/", three)

    assert "1 activity would become online" in first.text
    assert "3 activities would become online" in second.text
    assert len(for_three) == len(for_one)


def test_only_the_coordinator_opens_the_page(client, cesena_staff, upcoming):
    anonymous = client.get("/en/p/820885/activities/switch/")
    client.force_login(cesena_staff)
    staff = client.post("/en/p/820885/activities/switch/", _choice(upcoming))

    assert anonymous.status_code == 302
    assert staff.status_code == 403
    assert Activity.objects.exclude(mode=Mode.IN_PERSON).count() == 0


def test_the_calendar_links_the_coordinator_to_the_page(client, coordinator, cesena_staff, plan):
    client.force_login(coordinator)
    coordinators = client.get("/en/p/820885/calendar/")
    client.force_login(cesena_staff)
    staffs = client.get("/en/p/820885/calendar/")

    assert 'href="/en/p/820885/activities/switch/"' in coordinators.text
    assert 'href="/en/p/820885/activities/switch/"' not in staffs.text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_preview_is_accessible_and_confirmed_from_the_keyboard(
    client, programme, coordinator, upcoming, live_server, browser
):
    from tests.test_every_page_browser import problems, signed_in_page  # lazy: Playwright, for browser runs only

    client.force_login(coordinator)
    page = signed_in_page(client, live_server, browser)
    address = f"{live_server.url}/en/p/820885/activities/switch/?{urlencode(_choice(upcoming))}"

    found = problems(page, address)
    page.get_by_role("button", name="Switch 16 activities to online").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/calendar/")

    assert found == []
    assert Activity.objects.filter(mode=Mode.ONLINE).count() == 16
    page.context.close()


# -- VALUES's story ------------------------------------------------------------------------------------------------
def test_visits_moved_online_from_march_2020_are_those_the_plan_put_there(programme, coordinator, plan):
    # Counted from the accepted plan's own result, not through the switch: visits on or after 1 March 2020.
    planned = sum(1 for a in plan.result["activities"] if a["kind"] == "visit" and a["start"] >= "2020-03-01")

    result = switch(programme, coordinator, first_day=MARCH, last_day=programme.end, today=EVE)

    assert sum(1 for a in result.to_switch if a.kind == "visit") == planned
    assert planned == 8  # by the table above: four in March, four in September
    assert Visit.objects.filter(mode=Mode.ONLINE).count() == planned
    assert Exchange.objects.filter(mode=Mode.ONLINE, start__lt=MARCH).count() == 0
    assert preview_switch(programme, mode=Mode.ONLINE, first_day=MARCH, last_day=END, today=EVE).to_switch == ()


@pytest.mark.parametrize(
    ("changes", "field_error"),
    [
        (
            {"theme": "99999999999999999999999"},
            "Select a valid choice. That choice is not one of the available choices.",
        ),
        ({"city": "-1"}, "Select a valid choice. That choice is not one of the available choices."),
        ({"first_day": "9999-99-99"}, "Enter a valid date."),
        ({"mode": "offline"}, "Select a valid choice. offline is not one of the available choices."),
    ],
)
def test_hostile_choices_are_refused_naming_the_field(client, coordinator, upcoming, changes, field_error):
    client.force_login(coordinator)

    answer = client.get("/en/p/820885/activities/switch/", _choice(upcoming, **changes))

    assert answer.status_code == 400
    assert answer.context["form"].errors == {next(iter(changes)): [field_error]}
