"""The e-mail the day before a shift: one to each volunteer with a confirmed place, in their language, with the
time in the city's time. A booking remembers its reminder (`reminded_at`, set under the booking's lock), so a
second run, or two workers at once, send nothing twice; a cancelled and taken-again place is reminded again."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from values.core.text import pick
from values.network.tasks import send_email
from values.programme.addresses import programme_addresses
from values.volunteering.enums import BookingStatus
from values.volunteering.models import ShiftBooking

# A shift tomorrow in any city's time starts within two days of now.
LOOK_AHEAD = timedelta(days=2)


def due_bookings(now: datetime) -> list[ShiftBooking]:
    """The confirmed bookings not reminded yet whose shift is tomorrow in its city's time, with a volunteer to
    write to."""
    candidates = (
        ShiftBooking.objects.filter(
            status=BookingStatus.CONFIRMED,
            reminded_at__isnull=True,
            shift__starts_at__gt=now,
            shift__starts_at__lte=now + LOOK_AHEAD,
            volunteer__confirmed_at__isnull=False,
            volunteer__anonymised_at__isnull=True,
        )
        .exclude(volunteer__email="")
        .select_related(
            "volunteer",
            "shift__opportunity__city__city",
            "shift__opportunity__organisation",
            "shift__opportunity__programme",
        )
        .order_by("shift__starts_at", "pk")
    )
    due = []
    for booking in candidates:
        zone = booking.shift.opportunity.time_zone
        if booking.shift.starts_at.astimezone(zone).date() == now.astimezone(zone).date() + timedelta(days=1):
            due.append(booking)
    return due


def _language(code: str) -> str:
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def reminder_text(booking: ShiftBooking) -> tuple[str, str]:
    """The subject and body, in the volunteer's language (call it inside `translation.override`)."""
    shift, volunteer = booking.shift, booking.volunteer
    opportunity = shift.opportunity
    zone = opportunity.time_zone
    starts, ends = shift.starts_at.astimezone(zone), shift.ends_at.astimezone(zone)
    language = translation.get_language()
    title = pick(opportunity.title, language)
    with programme_addresses(opportunity.programme):
        link = settings.SITE_URL + reverse("volunteer_me")  # their page: their shifts, to cancel one
    values = {
        "name": volunteer.name, "title": title, "organisation": pick(opportunity.organisation.name, language),
        "where": ", ".join(filter(None, [opportunity.city.city.name, opportunity.neighbourhood])),
        "day": formats.date_format(starts, "l j F Y"), "start": starts.strftime("%H:%M"), "end": ends.strftime("%H:%M"),
        "zone": zone.key, "link": link,
    }  # fmt: skip
    subject = _("Tomorrow: %(title)s at %(start)s") % values
    body = (
        _(
            "Hello %(name)s,\n\nthank you for volunteering. Your shift of “%(title)s” (%(organisation)s) is tomorrow, "
            "%(day)s, from %(start)s to %(end)s (%(zone)s time), in %(where)s.\n\n"
            "If you cannot come, please cancel your place so that someone else can take it:\n%(link)s\n"
        )
        % values
    )
    return subject, body


def send_shift_reminders_at(now: datetime) -> int:
    """Queue the reminder of every shift that is tomorrow in its city's time, once; returns how many."""
    sent = 0
    for candidate in due_bookings(now):
        with transaction.atomic():
            booking = (
                ShiftBooking.objects.select_for_update()
                .filter(pk=candidate.pk, status=BookingStatus.CONFIRMED, reminded_at__isnull=True)
                .first()
            )
            if booking is None:
                continue  # reminded meanwhile by another worker, or cancelled
            booking.reminded_at = now
            booking.save(update_fields=["reminded_at"])
            volunteer = candidate.volunteer
            with translation.override(_language(volunteer.language)):
                subject, body = reminder_text(candidate)
            transaction.on_commit(
                lambda s=subject, b=body, to=volunteer.email: send_email.enqueue(subject=s, body=b, to=[to])
            )
        sent += 1
    return sent


def send_shift_reminders_now() -> int:
    return send_shift_reminders_at(timezone.now())
