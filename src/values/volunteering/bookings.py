"""Places on shifts: a volunteer takes one and cancels it, and a shift's places are never exceeded.

Taking a place locks the volunteer's row and then the shift's (always in that order, so two requests never wait
for each other crosswise) and counts the confirmed bookings under those locks: two people taking the last place
at once get it one after the other, and the second is told it is gone. SQLite's transactions take the database's
write lock at their start (IMMEDIATE), which serialises them the same way.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from values.volunteering.enums import BookingStatus, CommitmentStatus, OpportunityStatus
from values.volunteering.models import Commitment, Opportunity, Shift, ShiftBooking, Volunteer
from values.volunteering.volunteers import open_to_all


def age_in_year(volunteer: Volunteer, year: int) -> int | None:
    """The age the volunteer reaches in `year` (only the year of birth is known), or None when it is not given."""
    return None if volunteer.birth_year is None else year - volunteer.birth_year


def _commitment_problem(volunteer: Volunteer, opportunity: Opportunity) -> tuple[str | None, Commitment | None]:
    commitment = Commitment.objects.filter(volunteer=volunteer, opportunity=opportunity).first()
    if commitment is not None and commitment.status == CommitmentStatus.ACCEPTED:
        return None, commitment
    if commitment is not None and commitment.status == CommitmentStatus.DECLINED:
        return _("The organisation did not accept you for this opportunity."), commitment
    if open_to_all(opportunity):
        return None, commitment
    return _("The organisation accepts you for this opportunity before you take its shifts."), commitment


def _age_problem(volunteer: Volunteer, opportunity: Opportunity, shift: Shift) -> str | None:
    minimum = opportunity.minimum_age
    if minimum <= 0:
        return None
    age = age_in_year(volunteer, shift.starts_at.astimezone(opportunity.time_zone).year)
    if age is None:
        return _("This opportunity asks for a minimum age of %(age)d: give your year of birth first.") % {
            "age": minimum
        }
    if age < minimum:
        return _("This opportunity asks for a minimum age of %(age)d.") % {"age": minimum}
    return None


def _overlapping(volunteer: Volunteer, shift: Shift) -> Shift | None:
    booking = (
        ShiftBooking.objects.filter(
            volunteer=volunteer,
            status=BookingStatus.CONFIRMED,
            shift__starts_at__lt=shift.ends_at,
            shift__ends_at__gt=shift.starts_at,
        )
        .exclude(shift=shift)
        .select_related("shift")
        .first()
    )
    return booking.shift if booking else None


def confirmed_count(shift: Shift) -> int:
    return ShiftBooking.objects.filter(shift=shift, status=BookingStatus.CONFIRMED).count()


@transaction.atomic
def take_shift(shift: Shift, *, volunteer: Volunteer, now: datetime | None = None) -> ShiftBooking:
    """A confirmed place on `shift` for `volunteer`; refused (ValidationError on "shift", nothing saved) when the
    opportunity is not published, the shift has begun, the volunteer is not accepted (for open kinds they are
    accepted now), too young, booked on an overlapping shift, or the places are all taken."""
    now = now or timezone.now()
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    shift = Shift.objects.select_for_update().select_related("opportunity__city").get(pk=shift.pk)
    opportunity = shift.opportunity
    refuse = lambda message: ValidationError({"shift": [message]})  # noqa: E731
    if not volunteer.confirmed or volunteer.anonymised_at is not None:
        raise refuse(_("Confirm your e-mail address before taking a shift."))
    if opportunity.status != OpportunityStatus.PUBLISHED:
        raise refuse(_("This opportunity takes no volunteers: it is not published, or closed."))
    if shift.starts_at <= now:
        raise refuse(_("This shift has already begun."))
    problem, commitment = _commitment_problem(volunteer, opportunity)
    problem = problem or _age_problem(volunteer, opportunity, shift)
    if problem:
        raise refuse(problem)
    booking = ShiftBooking.objects.filter(shift=shift, volunteer=volunteer).first()
    if booking is not None and booking.status == BookingStatus.CONFIRMED:
        raise refuse(_("You already have a place on this shift."))
    if (other := _overlapping(volunteer, shift)) is not None:
        zone = other.opportunity.time_zone
        raise refuse(
            _("You already have a shift at that time: %(when)s.")
            % {"when": f"{other.starts_at.astimezone(zone):%Y-%m-%d %H:%M}–{other.ends_at.astimezone(zone):%H:%M}"}
        )
    if confirmed_count(shift) >= shift.places:
        raise refuse(_("Every place on this shift is taken."))
    if commitment is None:
        Commitment.objects.create(volunteer=volunteer, opportunity=opportunity, status=CommitmentStatus.ACCEPTED,
                                  decided_at=now)  # fmt: skip
    elif commitment.status != CommitmentStatus.ACCEPTED:
        commitment.status, commitment.decided_at, commitment.decided_by = CommitmentStatus.ACCEPTED, now, None
        commitment.save(update_fields=["status", "decided_at", "decided_by"])
    if booking is None:
        return ShiftBooking.objects.create(shift=shift, volunteer=volunteer, confirmed_at=now)
    booking.status, booking.confirmed_at, booking.cancelled_at, booking.reminded_at = (
        BookingStatus.CONFIRMED, now, None, None
    )  # fmt: skip
    booking.save(update_fields=["status", "confirmed_at", "cancelled_at", "reminded_at"])
    return booking


@transaction.atomic
def cancel_shift(shift: Shift, *, volunteer: Volunteer, now: datetime | None = None) -> ShiftBooking:
    """Give the place back; refused once the shift has begun, or when the volunteer has no place on it."""
    now = now or timezone.now()
    Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    shift = Shift.objects.select_for_update().get(pk=shift.pk)
    booking = ShiftBooking.objects.filter(shift=shift, volunteer=volunteer, status=BookingStatus.CONFIRMED).first()
    if booking is None:
        raise ValidationError({"shift": [_("You have no place on this shift.")]})
    if shift.starts_at <= now:
        raise ValidationError({"shift": [_("This shift has already begun: it can no longer be cancelled.")]})
    booking.status, booking.cancelled_at = BookingStatus.CANCELLED, now
    booking.save(update_fields=["status", "cancelled_at"])
    return booking


# -- reads --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShiftPlaces:
    """A shift as its opportunity's page shows it: places left and whether this browser's volunteer has one."""

    shift: Shift
    places_left: int
    mine: bool
    upcoming: bool


def shifts_with_places(
    opportunity: Opportunity, volunteer: Volunteer | None, *, now: datetime | None = None
) -> list[ShiftPlaces]:
    """The opportunity's shifts in time order, each with its places left (in one query)."""
    now = now or timezone.now()
    confirmed = Q(bookings__status=BookingStatus.CONFIRMED)
    shifts: QuerySet[Shift] = opportunity.shifts.annotate(taken=Count("bookings", filter=confirmed))
    if volunteer is not None:
        mine = ShiftBooking.objects.filter(shift=OuterRef("pk"), volunteer=volunteer, status=BookingStatus.CONFIRMED)
        shifts = shifts.annotate(mine=Exists(mine))
    return [
        ShiftPlaces(
            shift, max(shift.places - shift.taken, 0), bool(getattr(shift, "mine", False)), shift.starts_at > now
        )
        for shift in shifts.order_by("starts_at", "pk")
    ]
