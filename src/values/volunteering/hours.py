"""Hours a volunteer gave: logged by the volunteer, approved, corrected or rejected by the organisation.

Each refusal is a ValidationError naming the form's field it is about (`day`, `starts`, `ends`, `note`, `shift`,
`opportunity`, `decision`, `approved_minutes`, `decision_note`), and a refused change saves nothing.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from values.network.models import User
from values.volunteering.enums import BookingStatus, CommitmentStatus, HoursStatus
from values.volunteering.models import Commitment, HoursEntry, Opportunity, Shift, Volunteer

MAX_HOURS = 16
MAX_MINUTES = MAX_HOURS * 60
NOTE_LIMIT = 500
DECISIONS = ("approve", "correct", "reject")

Errors = dict[str, list[str]]


class StaleHours(ValidationError):
    """Someone decided the hours since the person deciding saw them (a ValidationError on "decision", so that a
    form shows it; the API answers it as a stale version, 412)."""


def last_day(opportunity: Opportunity) -> date:
    return opportunity.end_date or opportunity.programme.end


def is_accepted(volunteer: Volunteer, opportunity: Opportunity) -> bool:
    return Commitment.objects.filter(
        volunteer=volunteer, opportunity=opportunity, status=CommitmentStatus.ACCEPTED
    ).exists()


def opportunities_for_hours(volunteer: Volunteer) -> QuerySet[Opportunity]:
    """The opportunities the volunteer is accepted in, for which they log hours."""
    return Opportunity.objects.filter(
        commitments__volunteer=volunteer, commitments__status=CommitmentStatus.ACCEPTED
    ).select_related("city", "organisation", "programme")


def booked_shifts(volunteer: Volunteer, opportunity: Opportunity) -> QuerySet[Shift]:
    return Shift.objects.filter(
        opportunity=opportunity, bookings__volunteer=volunteer, bookings__status=BookingStatus.CONFIRMED
    ).order_by("starts_at", "pk")


def _time_problems(opportunity: Opportunity, starts_at: datetime, ends_at: datetime, now: datetime) -> Errors:
    errors: Errors = {}
    if ends_at <= starts_at:
        errors["ends"] = [_("Until: the time ends after it starts.")]
    elif ends_at - starts_at > timedelta(hours=MAX_HOURS):
        errors["ends"] = [_("Until: at most %(hours)d hours at once.") % {"hours": MAX_HOURS}]
    if ends_at > now:
        errors["day"] = [_("Day: hours are logged once they are given, not in advance.")]
    zone = opportunity.time_zone
    first, last = starts_at.astimezone(zone).date(), ends_at.astimezone(zone).date()
    if not (opportunity.start_date <= first and last <= last_day(opportunity)) and "day" not in errors:
        errors["day"] = [_("Day: within the opportunity's dates, from %(first)s to %(last)s.") % {
            "first": opportunity.start_date, "last": last_day(opportunity)}]  # fmt: skip
    return errors


@transaction.atomic
def log_hours(
    opportunity: Opportunity,
    *,
    volunteer: Volunteer,
    starts_at: datetime,
    ends_at: datetime,
    note: str = "",
    shift: Shift | None = None,
    now: datetime | None = None,
) -> HoursEntry:
    """Time the volunteer gave to an opportunity they are accepted in (aware times), waiting for approval."""
    now = now or timezone.now()
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError({"starts": [_("From: the time needs its time zone.")]})
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)  # one entry at a time: no overlap race
    if not is_accepted(volunteer, opportunity):
        raise ValidationError({"opportunity": [_("Opportunity: you log hours once the organisation accepted you.")]})
    errors = _time_problems(opportunity, starts_at, ends_at, now)
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        errors["note"] = [_("Note: at most %(limit)d characters.") % {"limit": NOTE_LIMIT}]
    if shift is not None and not booked_shifts(volunteer, opportunity).filter(pk=shift.pk).exists():
        errors["shift"] = [_("Shift: one of your shifts of this opportunity, or none.")]
    overlapping = (
        HoursEntry.objects.filter(volunteer=volunteer, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(status=HoursStatus.REJECTED)
        .first()
    )
    if overlapping is not None and not errors:
        zone = opportunity.time_zone
        errors["starts"] = [_("From: you already logged hours at that time (%(when)s).") % {
            "when": f"{overlapping.starts_at.astimezone(zone):%Y-%m-%d %H:%M}"}]  # fmt: skip
    if errors:
        raise ValidationError(errors)
    minutes = int((ends_at - starts_at).total_seconds() // 60)
    return HoursEntry.objects.create(
        volunteer=volunteer, opportunity=opportunity, shift=shift, starts_at=starts_at, ends_at=ends_at,
        minutes=minutes, note=note,
    )  # fmt: skip


@transaction.atomic
def remove_hours(entry: HoursEntry, *, volunteer: Volunteer) -> None:
    """The volunteer takes back an entry the organisation has not decided yet."""
    entry = HoursEntry.objects.select_for_update().filter(pk=entry.pk, volunteer=volunteer).first()
    if entry is None:
        raise ValidationError({"entry": [_("Entry: one of your own.")]})
    if entry.status != HoursStatus.LOGGED:
        raise ValidationError({"entry": [_("Entry: the organisation has decided it; it is no longer changed.")]})
    entry.delete()


@transaction.atomic
def decide_hours(
    entry: HoursEntry,
    *,
    decision: str,
    seen_status: str,
    by: User | None,
    approved_minutes: int | None = None,
    decision_note: str = "",
    now: datetime | None = None,
) -> HoursEntry:
    """Approve the minutes logged, correct them (at most the logged minutes, or any up to 16 hours with a note),
    or reject them. `seen_status` is the status the deciding form showed: when someone else decided meanwhile,
    the decision is refused."""
    now = now or timezone.now()
    entry = HoursEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != seen_status:
        raise StaleHours({"decision": [_("Someone else decided these hours meanwhile: see their decision.")]})
    errors: Errors = {}
    decision_note = decision_note.strip()
    if decision not in DECISIONS:
        errors["decision"] = [_("Decision: approve, correct or reject.")]
    if len(decision_note) > NOTE_LIMIT:
        errors["decision_note"] = [_("Note: at most %(limit)d characters.") % {"limit": NOTE_LIMIT}]
    if decision == "correct":
        valid = isinstance(approved_minutes, int) and not isinstance(approved_minutes, bool)
        if not valid or not 0 <= approved_minutes <= MAX_MINUTES:
            errors["approved_minutes"] = [_("Minutes approved: a whole number from 0 to %(limit)d.") % {
                "limit": MAX_MINUTES}]  # fmt: skip
        elif approved_minutes > entry.minutes and not decision_note:
            errors["decision_note"] = [_("Note: say why more minutes are approved than were logged (%(minutes)d).")
                                       % {"minutes": entry.minutes}]  # fmt: skip
    if errors:
        raise ValidationError(errors)
    if decision == "reject":
        entry.status, entry.approved_minutes = HoursStatus.REJECTED, None
    else:
        entry.status = HoursStatus.APPROVED
        entry.approved_minutes = entry.minutes if decision == "approve" else approved_minutes
    entry.decision_note, entry.decided_at, entry.decided_by = decision_note, now, by
    entry.save(update_fields=["status", "approved_minutes", "decision_note", "decided_at", "decided_by"])
    return entry


# -- reads --------------------------------------------------------------------------------------
def hours_of_volunteer(volunteer: Volunteer) -> QuerySet[HoursEntry]:
    return (
        HoursEntry.objects.filter(volunteer=volunteer)
        .select_related("opportunity__city", "shift")
        .order_by("-starts_at", "-pk")
    )


def hours_of_opportunity(opportunity: Opportunity) -> QuerySet[HoursEntry]:
    entries = HoursEntry.objects.filter(opportunity=opportunity)
    return entries.select_related("volunteer", "shift", "decided_by").order_by("starts_at", "pk")
