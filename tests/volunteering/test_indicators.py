"""The volunteering indicators, against figures worked out by hand from a small year of volunteering."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from tests.volunteering.conftest import make_volunteer
from tests.volunteering.test_services import offer
from values.network.models import Organisation
from values.programme.models import Theme
from values.volunteering.enums import BookingStatus, CommitmentStatus, HoursStatus
from values.volunteering.indicators import Event, add_months, compute, programme_indicators
from values.volunteering.models import Commitment, HoursEntry, Shift, ShiftBooking
from values.volunteering.services import publish_opportunity

TODAY = date(2020, 12, 31)


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=10, tzinfo=UTC)


def event(volunteer: int, day: str, *, city="Cesena", theme="B", channel="Instagram", minutes=0) -> Event:
    return Event(volunteer, at(day), city, theme, channel, minutes)


# Volunteer 1 joins in January in Cesena through Instagram and comes back in May (3+ months later, not 6);
# volunteer 2 joins in March directly and never comes back; volunteer 3 joins in November in Riga, too recently
# for either retention.
ENGAGEMENTS = [event(1, "2020-01-15"), event(2, "2020-03-10", channel=""),
               event(3, "2020-11-01", city="Riga", theme="A")]  # fmt: skip
SHIFTS = [event(1, "2020-02-01"), event(1, "2020-05-01"), event(2, "2020-03-20", channel=""),
          event(3, "2020-11-05", city="Riga", theme="A")]  # fmt: skip
HOURS = [event(1, "2020-05-01", minutes=150)]


def test_add_months_counts_calendar_months_and_keeps_to_the_months_last_day():
    assert add_months(date(2020, 1, 15), 3) == date(2020, 4, 15)
    assert add_months(date(2020, 11, 30), 3) == date(2021, 2, 28)
    assert add_months(date(2019, 11, 30), 3) == date(2020, 2, 29)
    assert add_months(date(2020, 8, 31), 6) == date(2021, 2, 28)


def test_the_totals_and_the_retention_of_a_small_year():
    total = compute(ENGAGEMENTS, SHIFTS, HOURS, today=TODAY).total

    assert (total.engaged, total.confirmed_shifts, total.approved_hours) == (3, 4, Decimal("2.50"))
    # 3 months: volunteers 1 (from 15 April) and 2 (from 10 June) could be; only 1 came back (1 May).
    assert total.retention[3] == (1, 2)
    assert total.retained_share(3) == Decimal("0.5000")
    # 6 months: both could be (15 July, 10 September), neither came back that late.
    assert total.retention[6] == (0, 2)
    assert total.retained_share(6) == Decimal("0.0000")


def test_per_channel_city_and_month():
    groups = compute(ENGAGEMENTS, SHIFTS, HOURS, today=TODAY).groups

    instagram, direct = groups["channel"]["Instagram"], groups["channel"][""]
    assert (instagram.engaged, instagram.confirmed_shifts, instagram.approved_minutes) == (2, 3, 150)
    assert instagram.retention[3] == (1, 1)
    assert (direct.engaged, direct.confirmed_shifts, direct.retention[3]) == (1, 1, (0, 1))
    assert sorted(groups["city"]) == ["Cesena", "Riga"]
    assert groups["city"]["Riga"].retained_share(3) is None  # nobody engaged there long enough to tell
    january, may = groups["month"]["2020-01"], groups["month"]["2020-05"]
    assert (january.engaged, january.confirmed_shifts, january.retention[3]) == (1, 0, (1, 1))  # the cohort
    assert (may.engaged, may.confirmed_shifts, may.approved_minutes) == (0, 1, 150)


def test_no_volunteering_gives_zeros_and_no_share():
    total = compute([], [], [], today=TODAY).total

    assert (total.engaged, total.confirmed_shifts, total.approved_hours) == (0, 0, Decimal("0.00"))
    assert total.retained_share(3) is None


@pytest.mark.django_db
def test_the_programmes_indicators_count_what_was_recorded_and_nothing_else(programme):
    cafe = publish_opportunity(offer(programme), by=None)
    riga = Organisation.objects.get(key="riga")
    walks = publish_opportunity(offer(programme, organisation=riga, city=riga, title="Walks",
                                      theme=Theme.objects.get(programme=programme, key="A")), by=None)  # fmt: skip
    amina = make_volunteer(programme, channel="Instagram")
    omar = make_volunteer(programme, email="omar@example.org", name="Omar")
    for volunteer, opportunity, day in ((amina, cafe, "2020-03-02"), (omar, walks, "2020-03-05")):
        Commitment.objects.create(volunteer=volunteer, opportunity=opportunity, status=CommitmentStatus.ACCEPTED,
                                  decided_at=at(day))  # fmt: skip
    Commitment.objects.create(volunteer=omar, opportunity=cafe, status=CommitmentStatus.APPLIED)  # not engaged
    shift = Shift.objects.create(opportunity=cafe, starts_at=at("2020-06-10"), ends_at=at("2020-06-10") + timedelta(
        hours=2), places=4)  # fmt: skip
    ShiftBooking.objects.create(shift=shift, volunteer=amina)
    ShiftBooking.objects.create(shift=shift, volunteer=omar, status=BookingStatus.CANCELLED)
    for minutes, status in ((150, HoursStatus.APPROVED), (75, HoursStatus.APPROVED), (180, HoursStatus.REJECTED)):
        HoursEntry.objects.create(volunteer=amina, opportunity=cafe, starts_at=at("2020-06-10"), minutes=minutes,
                                  ends_at=at("2020-06-10") + timedelta(minutes=minutes), status=status,
                                  approved_minutes=minutes if status == HoursStatus.APPROVED else None)  # fmt: skip

    indicators = programme_indicators(programme, today=TODAY)
    cesena_only = programme_indicators(programme, today=TODAY, city=Organisation.objects.get(key="cesena"))

    assert (indicators.total.engaged, indicators.total.confirmed_shifts) == (2, 1)
    assert indicators.total.approved_hours == Decimal("3.75")  # 2 h 30 + 1 h 15; the rejected 3 h do not count
    assert indicators.total.retention[3] == (1, 2)  # Amina came back on 10 June, Omar never did
    assert sorted(indicators.groups["theme"]) == ["A", "B"]
    assert indicators.groups["channel"]["Instagram"].engaged == 1
    assert (cesena_only.total.engaged, cesena_only.total.approved_minutes) == (1, 225)


@pytest.mark.django_db
def test_the_figures_page_and_the_partner_page_show_the_counts_and_no_person(client, programme):
    cafe = publish_opportunity(offer(programme), by=None)
    amina = make_volunteer(programme, channel="Instagram")
    Commitment.objects.create(volunteer=amina, opportunity=cafe, status=CommitmentStatus.ACCEPTED)
    HoursEntry.objects.create(volunteer=amina, opportunity=cafe, starts_at=at("2020-06-10"), minutes=90,
                              ends_at=at("2020-06-10") + timedelta(minutes=90), status=HoursStatus.APPROVED,
                              approved_minutes=90)  # fmt: skip

    figures = client.get("/en/p/820885/volunteer/indicators/").content.decode()
    home = client.get("/en/p/820885/").content.decode()
    partner = client.get("/en/p/820885/partners/cesena/").content.decode()
    riga = client.get("/en/p/820885/partners/riga/").content.decode()

    assert "Instagram" in figures
    assert "B. " in figures
    assert "1.50" in figures
    assert "Amina" not in figures
    assert "amina@example.org" not in figures
    assert "Volunteers engaged" in partner
    assert "1.50" in partner
    assert "Volunteers engaged" in home
    assert "1.50" in home
    assert "Volunteers engaged" not in riga  # nothing recorded there: no empty panel


@pytest.mark.django_db
def test_the_volunteering_infographic_reads_the_records_per_city_with_its_alt_text(client, programme):
    cafe = publish_opportunity(offer(programme), by=None)
    for n, minutes in enumerate((150, 75)):
        volunteer = make_volunteer(programme, email=f"v{n}@example.org")
        Commitment.objects.create(volunteer=volunteer, opportunity=cafe, status=CommitmentStatus.ACCEPTED)
        HoursEntry.objects.create(volunteer=volunteer, opportunity=cafe, starts_at=at("2020-06-10"), minutes=minutes,
                                  ends_at=at("2020-06-10") + timedelta(minutes=minutes), status=HoursStatus.APPROVED,
                                  approved_minutes=minutes)  # fmt: skip

    page = client.get("/en/p/820885/infographics/")
    svg = client.get("/en/p/820885/infographics/volunteering.svg")

    graphic = next(g for g in page.context["graphics"] if g.key == "volunteering")
    rows = {row[0]: row[1:] for row in graphic.rows}
    assert rows["Cesena"] == ["2", "0", "3.75"]
    assert rows["Rīga"] == ["0", "0", "0"]
    assert "Cesena: volunteers engaged 2, approved hours 3.75" in graphic.alt
    assert svg.status_code == 200
    assert client.get("/en/p/820885/infographics/volunteering.png").status_code == 200


@pytest.mark.django_db
def test_the_reach_page_counts_the_volunteers_each_channels_link_brought(client, programme, coordinator):
    from tests.permission_world import _campaign
    from values.volunteering.models import Volunteer

    campaign, _kit = _campaign(programme, "call", "Volunteer in your city", published=True)
    for n, (ref, confirmed) in enumerate(((str(campaign.pk), True), (str(campaign.pk), True),
                                          (str(campaign.pk), False), ("999", True))):  # fmt: skip
        volunteer = make_volunteer(programme, email=f"c{n}@example.org", campaign=ref, channel="Cesena on Instagram")
        if not confirmed:
            Volunteer.objects.filter(pk=volunteer.pk).update(confirmed_at=None)
    client.force_login(coordinator)

    report = client.get("/en/p/820885/campaigns/call/reach/").context["report"]

    assert [(row.channel.name, row.volunteers) for row in report.rows] == [("Cesena on Instagram", 2)]
    assert report.volunteers == 2
