"""Opportunities and shifts through their services: what is kept, and every refusal with its field."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from values.network.enums import AuditAction
from values.network.models import AuditEntry, Organisation
from values.programme.models import Programme, Theme
from values.volunteering.models import Opportunity, Shift
from values.volunteering.services import (
    add_shift,
    add_weekly_shifts,
    close_opportunity,
    publish_opportunity,
    save_opportunity,
)

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")


def offer(programme, by=None, **changes) -> Opportunity:
    cesena = Organisation.objects.get(key="cesena")
    values = {
        "organisation": cesena, "by": by, "original_language": "en", "title": "Language café at the library",
        "kind": "language_cafe", "theme": Theme.objects.get(programme=programme, key="B"), "city": cesena,
        "places": 12, "start_date": date(2020, 3, 1), "end_date": date(2020, 6, 30),
    }  # fmt: skip
    return save_opportunity(programme, **(values | changes))


def refusal(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_an_opportunity_keeps_its_texts_in_their_language_and_cleaned_lists(programme, cesena_staff):
    opportunity = offer(
        programme, by=cesena_staff, original_language="it", title="  Caffè linguistico  ",
        description="**Ogni** lunedì", languages=["IT", "ar", "it"], skills=["  ascolto ", "", "arabo"],
        latitude=44.139, longitude=12.243,
    )  # fmt: skip

    opportunity.refresh_from_db()
    assert opportunity.title == {"it": "Caffè linguistico"}
    assert opportunity.description == {"it": "**Ogni** lunedì"}
    assert opportunity.languages == ["it", "ar"]
    assert opportunity.skills == ["ascolto", "arabo"]
    assert opportunity.status == "draft"
    assert opportunity.time_zone == ROME


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"places": 0}, "places"),
        ({"places": 501}, "places"),
        ({"places": 10**30}, "places"),
        ({"minimum_age": 100}, "minimum_age"),
        ({"minimum_age": -1}, "minimum_age"),
        ({"latitude": 91.0, "longitude": 12.0}, "latitude"),
        ({"latitude": 44.0, "longitude": -181.0}, "longitude"),
        ({"latitude": 44.0}, "longitude"),
        ({"languages": ["xx"]}, "languages"),
        ({"languages": ["english"]}, "languages"),
        ({"skills": ["x" * 81]}, "skills"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"kind": "party"}, "kind"),
        ({"original_language": "zz"}, "original_language"),
        ({"start_date": date(2018, 1, 1)}, "start_date"),
        ({"end_date": date(2030, 1, 1)}, "end_date"),
        ({"start_date": date(2020, 5, 1), "end_date": date(2020, 4, 1)}, "end_date"),
        ({"start_date": None}, "start_date"),
        ({"theme": None}, "theme"),
    ],
)
def test_bad_values_are_refused_with_their_field_and_nothing_is_saved(programme, changes, field):
    problems = refusal(lambda: offer(programme, **changes))

    assert list(problems) == [field]
    assert Opportunity.objects.count() == 0


def test_a_city_offers_only_in_itself_and_only_a_partner_city_hosts(programme):
    riga = Organisation.objects.get(key="riga")
    evc = Organisation.objects.get(key="evc")

    assert list(refusal(lambda: offer(programme, city=riga))) == ["city"]
    assert list(refusal(lambda: offer(programme, organisation=evc, city=evc))) == ["city"]
    assert offer(programme, organisation=evc, city=riga).city == riga


def test_an_opportunity_with_vulnerable_people_is_published_only_after_the_background_check(programme, cesena_staff):
    opportunity = offer(programme, vulnerable_people=True)

    problems = refusal(lambda: publish_opportunity(opportunity, by=cesena_staff))
    opportunity.refresh_from_db()
    assert list(problems) == ["background_check_seen"]
    assert opportunity.status == "draft"

    checked = offer(
        programme, by=cesena_staff, opportunity=opportunity, vulnerable_people=True, background_check_seen=True
    )
    publish_opportunity(checked, by=cesena_staff)
    checked.refresh_from_db()
    assert checked.status == "published"
    assert checked.background_check_seen_by == cesena_staff
    assert checked.background_check_seen_at is not None


def test_a_published_opportunity_with_vulnerable_people_keeps_its_background_check(programme, cesena_staff):
    opportunity = offer(programme, vulnerable_people=True, background_check_seen=True, by=cesena_staff)
    publish_opportunity(opportunity, by=cesena_staff)

    problems = refusal(lambda: offer(programme, opportunity=opportunity, vulnerable_people=True))

    assert list(problems) == ["background_check_seen"]
    assert Opportunity.objects.get().background_check_seen


def test_publishing_is_audited_and_closing_follows_publishing(programme, cesena_staff):
    opportunity = offer(programme)

    assert list(refusal(lambda: close_opportunity(opportunity, by=cesena_staff))) == ["status"]
    publish_opportunity(opportunity, by=cesena_staff)
    assert list(refusal(lambda: publish_opportunity(opportunity, by=cesena_staff))) == ["status"]
    close_opportunity(opportunity, by=cesena_staff)

    entry = AuditEntry.objects.get(action=AuditAction.PUBLISHED)
    assert entry.target == f"opportunity {opportunity.pk}: Language café at the library"
    assert entry.actor == cesena_staff
    assert Opportunity.objects.get().status == "closed"


def test_a_weekly_pattern_makes_one_shift_every_monday_in_the_city_time(programme):
    opportunity = offer(programme)

    shifts = add_weekly_shifts(
        opportunity, weekday=0, starts=time(18), ends=time(20), first_date=date(2020, 3, 2), last_date=date(2020, 3, 30)
    )

    starts = [shift.starts_at for shift in Shift.objects.order_by("starts_at")]
    assert len(shifts) == 5
    assert starts == [datetime(2020, 3, day, 18, tzinfo=ROME) for day in (2, 9, 16, 23, 30)]
    assert [s.astimezone(ROME).isoformat() for s in starts][-2:] == [
        "2020-03-23T18:00:00+01:00",
        "2020-03-30T18:00:00+02:00",
    ]
    assert {(s.ends_at - s.starts_at).seconds for s in Shift.objects.all()} == {7200}
    assert {s.places for s in Shift.objects.all()} == {12}


def test_a_weekly_pattern_of_more_than_200_shifts_is_refused_by_its_last_date(programme):
    Programme.objects.filter(pk=programme.pk).update(duration_months=60)
    programme.refresh_from_db()
    opportunity = offer(programme, end_date=None)

    problems = refusal(
        lambda: add_weekly_shifts(
            opportunity, weekday=2, starts=time(9), ends=time(12), first_date=date(2020, 3, 4),
            last_date=date(2024, 1, 31),
        )
    )  # fmt: skip

    assert list(problems) == ["last_date"]
    assert "205 shifts" in problems["last_date"][0]
    assert Shift.objects.count() == 0


@pytest.mark.parametrize(
    ("pattern", "field"),
    [
        ({"ends": time(17)}, "ends"),
        ({"first_date": date(2020, 2, 1)}, "first_date"),
        ({"last_date": date(2020, 7, 31)}, "last_date"),
        ({"last_date": date(2020, 3, 1)}, "last_date"),
        ({"weekday": 7}, "weekday"),
        ({"first_date": date(2020, 3, 3), "last_date": date(2020, 3, 4)}, "weekday"),
        ({"places": 0}, "places"),
    ],
)
def test_a_bad_weekly_pattern_is_refused_with_its_field(programme, pattern, field):
    opportunity = offer(programme)
    values = {"weekday": 0, "starts": time(18), "ends": time(20), "first_date": date(2020, 3, 2),
              "last_date": date(2020, 3, 30)}  # fmt: skip

    problems = refusal(lambda: add_weekly_shifts(opportunity, **(values | pattern)))

    assert list(problems) == [field]
    assert Shift.objects.count() == 0


def test_a_shift_must_end_after_it_starts_within_the_opportunity_dates(programme):
    opportunity = offer(programme)
    at = datetime(2020, 4, 1, 10, tzinfo=ROME)

    assert list(refusal(lambda: add_shift(opportunity, starts_at=at, ends_at=at))) == ["ends_at"]
    outside = datetime(2020, 7, 1, 10, tzinfo=ROME)
    assert list(refusal(lambda: add_shift(opportunity, starts_at=outside, ends_at=outside.replace(hour=12)))) == [
        "starts_at"
    ]
    assert list(refusal(lambda: add_shift(opportunity, starts_at=at.replace(tzinfo=None), ends_at=at))) == ["starts_at"]
    shift = add_shift(opportunity, starts_at=at, ends_at=at.replace(hour=12), places=3)
    assert (shift.places, Shift.objects.count()) == (3, 1)
