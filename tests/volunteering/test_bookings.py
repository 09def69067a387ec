"""Places on shifts: who may take one, every refusal with its reason, places never exceeded, cancelling, and the
opportunity page's buttons."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.volunteering.conftest import make_volunteer, speak_as
from tests.volunteering.test_services import offer
from values.volunteering.bookings import cancel_shift, shifts_with_places, take_shift
from values.volunteering.enums import CommitmentStatus
from values.volunteering.models import Commitment, Opportunity, Shift, ShiftBooking
from values.volunteering.services import add_shift, close_opportunity, publish_opportunity

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")
NOW = datetime(2020, 3, 1, 12, tzinfo=ROME)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2020, 3, day, hour, minute, tzinfo=ROME)


def cafe(programme, **changes) -> Opportunity:
    """A published language café of Cesena: any confirmed volunteer takes its shifts."""
    return publish_opportunity(offer(programme, **changes), by=None)


def shift_of(opportunity: Opportunity, day: int = 2, start: int = 18, end: int = 20, places: int | None = None):
    return add_shift(opportunity, starts_at=at(day, start), ends_at=at(day, end), places=places)


def refusal(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    assert list(refused.value.message_dict) == ["shift"]
    return refused.value.message_dict["shift"][0]


def test_a_volunteer_takes_a_place_of_a_language_cafe_and_is_accepted_with_it(programme, amina):
    shift = shift_of(cafe(programme))

    booking = take_shift(shift, volunteer=amina, now=NOW)

    assert (booking.status, booking.confirmed_at) == ("confirmed", NOW)
    commitment = Commitment.objects.get(volunteer=amina)
    assert (commitment.opportunity_id, commitment.status) == (shift.opportunity_id, "accepted")


def test_a_volunteer_role_takes_accepted_volunteers_only(programme, amina):
    shift = shift_of(cafe(programme, kind="volunteer_role"))

    problem = refusal(lambda: take_shift(shift, volunteer=amina, now=NOW))
    Commitment.objects.create(volunteer=amina, opportunity=shift.opportunity, status=CommitmentStatus.ACCEPTED)
    booking = take_shift(shift, volunteer=amina, now=NOW)

    assert problem == "The organisation accepts you for this opportunity before you take its shifts."
    assert booking.status == "confirmed"


@pytest.mark.parametrize("status", [CommitmentStatus.APPLIED, CommitmentStatus.WITHDRAWN])
def test_a_meetup_with_vulnerable_people_takes_accepted_volunteers_only(programme, amina, status):
    opportunity = offer(programme, kind="meet_up", vulnerable_people=True, background_check_seen=True)
    shift = shift_of(publish_opportunity(opportunity, by=None))
    Commitment.objects.create(volunteer=amina, opportunity=opportunity, status=status)

    problem = refusal(lambda: take_shift(shift, volunteer=amina, now=NOW))

    assert problem == "The organisation accepts you for this opportunity before you take its shifts."
    assert ShiftBooking.objects.count() == 0


def test_a_declined_volunteer_takes_no_place_even_at_a_language_cafe(programme, amina):
    shift = shift_of(cafe(programme))
    Commitment.objects.create(volunteer=amina, opportunity=shift.opportunity, status=CommitmentStatus.DECLINED)

    problem = refusal(lambda: take_shift(shift, volunteer=amina, now=NOW))

    assert problem == "The organisation did not accept you for this opportunity."
    assert Commitment.objects.get().status == "declined"


def test_the_places_of_a_shift_are_never_exceeded_and_a_cancellation_frees_one(programme, amina):
    shift = shift_of(cafe(programme), places=2)
    omar = make_volunteer(programme, "omar@example.org", name="Omar")
    lena = make_volunteer(programme, "lena@example.org", name="Lena")
    take_shift(shift, volunteer=amina, now=NOW)
    take_shift(shift, volunteer=omar, now=NOW)

    full = refusal(lambda: take_shift(shift, volunteer=lena, now=NOW))
    cancel_shift(shift, volunteer=omar, now=NOW)
    take_shift(shift, volunteer=lena, now=NOW)

    assert full == "Every place on this shift is taken."
    confirmed = ShiftBooking.objects.filter(status="confirmed").order_by("volunteer__name")
    assert [b.volunteer.name for b in confirmed] == ["Amina Haddad", "Lena"]
    assert ShiftBooking.objects.get(volunteer=omar).status == "cancelled"


def test_a_cancelled_place_is_taken_again_in_the_same_booking(programme, amina):
    shift = shift_of(cafe(programme))
    take_shift(shift, volunteer=amina, now=NOW)
    cancel_shift(shift, volunteer=amina, now=NOW)

    booking = take_shift(shift, volunteer=amina, now=NOW + timedelta(hours=1))

    assert ShiftBooking.objects.count() == 1
    assert (booking.status, booking.cancelled_at, booking.confirmed_at) == ("confirmed", None, NOW + timedelta(hours=1))


@pytest.mark.parametrize(
    ("birth_year", "expected"),
    [
        (None, "This opportunity asks for a minimum age of 18: give your year of birth first."),
        (2003, "This opportunity asks for a minimum age of 18."),  # 17 in 2020
        (2002, None),  # 18 in 2020
    ],
)
def test_the_minimum_age_is_met_in_the_year_of_the_shift(programme, birth_year, expected):
    volunteer = make_volunteer(programme, birth_year=birth_year)
    shift = shift_of(cafe(programme, minimum_age=18))

    if expected is None:
        assert take_shift(shift, volunteer=volunteer, now=NOW).status == "confirmed"
    else:
        assert refusal(lambda: take_shift(shift, volunteer=volunteer, now=NOW)) == expected
        assert ShiftBooking.objects.count() == 0


def test_a_shift_that_has_begun_is_neither_taken_nor_cancelled(programme, amina):
    shift = shift_of(cafe(programme))
    take_shift(shift, volunteer=amina, now=NOW)
    omar = make_volunteer(programme, "omar@example.org")

    late = refusal(lambda: take_shift(shift, volunteer=omar, now=at(2, 18)))
    late_cancel = refusal(lambda: cancel_shift(shift, volunteer=amina, now=at(2, 19)))

    assert late == "This shift has already begun."
    assert late_cancel == "This shift has already begun: it can no longer be cancelled."
    assert ShiftBooking.objects.get().status == "confirmed"


def test_shifts_of_a_draft_or_a_closed_opportunity_take_nobody(programme, amina):
    draft_shift = shift_of(offer(programme))
    closed = cafe(programme)
    closed_shift = shift_of(closed)
    close_opportunity(closed, by=None)

    problems = {refusal(lambda s=s: take_shift(s, volunteer=amina, now=NOW)) for s in (draft_shift, closed_shift)}

    assert problems == {"This opportunity takes no volunteers: it is not published, or closed."}
    assert ShiftBooking.objects.count() == 0


def test_two_overlapping_shifts_are_refused_but_back_to_back_ones_are_taken(programme, amina):
    opportunity = cafe(programme)
    first = shift_of(opportunity, start=18, end=20)
    other = cafe(programme, title="Welcome walk")
    overlapping = add_shift(other, starts_at=at(2, 19, 30), ends_at=at(2, 21))
    after = add_shift(other, starts_at=at(2, 20), ends_at=at(2, 22))
    take_shift(first, volunteer=amina, now=NOW)

    problem = refusal(lambda: take_shift(overlapping, volunteer=amina, now=NOW))
    take_shift(after, volunteer=amina, now=NOW)

    assert problem == "You already have a shift at that time: 2020-03-02 18:00–20:00."
    assert sorted(b.shift_id for b in ShiftBooking.objects.all()) == [first.pk, after.pk]


def test_a_cancelled_shift_blocks_no_other(programme, amina):
    opportunity = cafe(programme)
    first = shift_of(opportunity, start=18, end=20)
    same_time = shift_of(cafe(programme, title="Welcome walk"), start=18, end=20)
    take_shift(first, volunteer=amina, now=NOW)
    cancel_shift(first, volunteer=amina, now=NOW)

    booking = take_shift(same_time, volunteer=amina, now=NOW)

    assert booking.status == "confirmed"


def test_cancelling_a_place_one_does_not_have_is_refused(programme, amina):
    shift = shift_of(cafe(programme))

    assert refusal(lambda: cancel_shift(shift, volunteer=amina, now=NOW)) == "You have no place on this shift."


def test_places_left_count_confirmed_bookings_only(programme, amina):
    opportunity = cafe(programme)
    shift = shift_of(opportunity, places=3)
    omar = make_volunteer(programme, "omar@example.org")
    take_shift(shift, volunteer=amina, now=NOW)
    take_shift(shift, volunteer=omar, now=NOW)
    cancel_shift(shift, volunteer=omar, now=NOW)

    [mine] = shifts_with_places(opportunity, amina, now=NOW)
    [theirs] = shifts_with_places(opportunity, omar, now=NOW)

    assert (mine.places_left, mine.mine, mine.upcoming) == (2, True, True)
    assert (theirs.places_left, theirs.mine) == (2, False)


# -- the pages ----------------------------------------------------------------------------------
BASE = "/en/p/820885/volunteer/"


@pytest.fixture
def upcoming(programme) -> Shift:
    """A shift of a published language café next week (shifts are made directly: the programme is over)."""
    opportunity = cafe(programme, end_date=None)
    start = timezone.now() + timedelta(days=7)
    return Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + timedelta(hours=2), places=1)


def test_the_page_offers_the_current_volunteer_a_place_and_takes_it(client, upcoming, amina):
    speak_as(client, amina)
    page = client.get(f"{BASE}{upcoming.opportunity_id}/")

    response = client.post(f"{BASE}{upcoming.opportunity_id}/shifts/{upcoming.pk}/take/")
    after = client.get(f"{BASE}{upcoming.opportunity_id}/")

    assert "Take this shift" in page.content.decode()
    assert "1 left" in page.content.decode()
    assert response.status_code == 302
    assert ShiftBooking.objects.get().volunteer == amina
    assert "0 left" in after.content.decode()
    assert f'action="{BASE}{upcoming.opportunity_id}/shifts/{upcoming.pk}/cancel/"' in after.content.decode()


def test_a_refused_place_answers_400_with_its_reason_and_saves_nothing(client, upcoming, amina):
    take_shift(upcoming, volunteer=make_volunteer(upcoming.opportunity.programme, "omar@example.org"))
    speak_as(client, amina)

    response = client.post(f"{BASE}{upcoming.opportunity_id}/shifts/{upcoming.pk}/take/")

    assert response.status_code == 400
    assert "Every place on this shift is taken." in response.content.decode()
    assert ShiftBooking.objects.filter(volunteer=amina).count() == 0


def test_the_volunteer_cancels_their_place_on_the_page(client, upcoming, amina):
    take_shift(upcoming, volunteer=amina)
    speak_as(client, amina)

    response = client.post(f"{BASE}{upcoming.opportunity_id}/shifts/{upcoming.pk}/cancel/")

    assert response.status_code == 302
    assert ShiftBooking.objects.get().status == "cancelled"


def test_without_a_volunteer_the_page_has_no_button_and_taking_is_forbidden(client, upcoming, cesena_staff):
    client.force_login(cesena_staff)

    page = client.get(f"{BASE}{upcoming.opportunity_id}/")
    response = client.post(f"{BASE}{upcoming.opportunity_id}/shifts/{upcoming.pk}/take/")

    assert "Take this shift" not in page.content.decode()
    assert "1 left" in page.content.decode()
    assert response.status_code == 403
    assert ShiftBooking.objects.count() == 0


def test_a_shift_of_another_opportunity_is_not_found_under_this_one(client, upcoming, amina, programme):
    other = cafe(programme, title="Welcome walk")
    speak_as(client, amina)

    response = client.post(f"{BASE}{other.pk}/shifts/{upcoming.pk}/take/")

    assert response.status_code == 404
    assert ShiftBooking.objects.count() == 0
