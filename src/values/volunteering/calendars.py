"""A volunteer's shifts as an ICS (RFC 5545) calendar, each in its city's time zone."""

from datetime import UTC

import icalendar
from django.db.models import QuerySet
from django.utils import timezone

from values.core.text import pick
from values.volunteering.models import ShiftBooking

UID_DOMAIN = "values-platform"


def shifts_calendar(bookings: QuerySet[ShiftBooking], *, name: str, link_for) -> bytes:
    """`link_for(opportunity)` gives the absolute address of an opportunity's page."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//VALUES platform//volunteering//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for booking in bookings.select_related("shift__opportunity__city__city", "shift__opportunity__organisation"):
        calendar.add_component(_shift_event(booking, link_for(booking.shift.opportunity)))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _shift_event(booking: ShiftBooking, link: str) -> icalendar.Event:
    shift, opportunity = booking.shift, booking.shift.opportunity
    zone = opportunity.time_zone
    event = icalendar.Event()
    event.add("uid", f"shift-{shift.pk}-booking-{booking.pk}@{UID_DOMAIN}")
    event.add("dtstamp", (booking.confirmed_at or timezone.now()).astimezone(UTC))
    event.add("summary", pick(opportunity.title))
    event.add("dtstart", shift.starts_at.astimezone(zone))
    event.add("dtend", shift.ends_at.astimezone(zone))
    place = ", ".join(part for part in (opportunity.neighbourhood, opportunity.city.city.name) if part)
    event.add("location", place)
    event.add("url", link)
    return event
