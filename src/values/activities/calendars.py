"""ICS (RFC 5545) calendars of activities and their sessions.

An activity keeps its UID for life and raises its SEQUENCE when its dates or its mode change, so that a
subscribed calendar moves the event instead of adding a second one; the mode shows in its LOCATION and
CATEGORIES, and an online link as its CONFERENCE (RFC 7986). Sessions carry their host city's time zone.
"""

from datetime import UTC, timedelta

import icalendar
from django.db.models import QuerySet

from values.activities.enums import Mode
from values.activities.models import Activity

UID_DOMAIN = "values-platform"


def activities_calendar(activities: QuerySet[Activity], *, name: str, link_for) -> bytes:
    """`link_for(activity)` gives the absolute address of an activity's page."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//VALUES platform//activities//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    activities = activities.select_related("host__city", "visit__community", "exchange__guest__city")
    activities = activities.select_related("report_request__template")
    for activity in activities.prefetch_related("sessions").order_by("start", "pk"):
        calendar.add_component(_activity_event(activity, link_for(activity)))
        for session in activity.sessions.all():
            calendar.add_component(_session_event(activity, session))
        # The reverse side of the reports' request: activities name no reports code.
        request = getattr(activity, "report_request", None)
        if request is not None:
            calendar.add_component(_deadline_event(activity, request, link_for(activity)))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _title(activity: Activity) -> str:
    host = _city(activity.host)
    if activity.kind == "visit":
        return f"Mentoring visit to {host} (community {activity.visit.community.key})"
    return f"Exchange: {_city(activity.exchange.guest)} at {host}"


def _city(organisation) -> str:
    city = getattr(organisation, "city", None)
    return city.name if city else str(organisation)


def _activity_event(activity: Activity, link: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"activity-{activity.pk}@{UID_DOMAIN}")
    event.add("sequence", activity.sequence)
    event.add("dtstamp", activity.updated_at.astimezone(UTC))
    event.add("summary", _title(activity))
    event.add("dtstart", activity.start)
    event.add("dtend", activity.end + timedelta(days=1))  # exclusive end of an all-day event
    event.add("location", _where(activity))
    event.add("url", link)
    event.add("categories", [activity.kind, activity.mode])
    if activity.mode != Mode.IN_PERSON and activity.video_link:
        event.add("conference", activity.video_link, parameters={"value": "URI", "feature": "VIDEO"})  # RFC 7986
    return event


def _where(activity: Activity) -> str:
    """The mode shows in the place, which every calendar application displays: a switch online is seen."""
    place = activity.venue or _city(activity.host)
    if activity.mode == Mode.IN_PERSON:
        return place
    link = f": {activity.video_link}" if activity.video_link else " (video link to come)"
    return f"Online{link}" if activity.mode == Mode.ONLINE else f"{place} and online{link}"


def _session_event(activity: Activity, session) -> icalendar.Event:
    zone = activity.time_zone
    event = icalendar.Event()
    event.add("uid", f"session-{session.pk}@{UID_DOMAIN}")
    event.add("dtstamp", activity.updated_at.astimezone(UTC))
    event.add("summary", f"{session.title} ({_title(activity)})")
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    if session.place:
        event.add("location", session.place)
    return event


def _deadline_event(activity: Activity, request, link: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"report-due-{activity.pk}@{UID_DOMAIN}")
    event.add("dtstamp", activity.updated_at.astimezone(UTC))
    event.add("summary", f"Reports due: {request.template.title} ({_title(activity)})")
    event.add("dtstart", request.due)
    event.add("dtend", request.due + timedelta(days=1))
    event.add("url", link)
    event.add("categories", ["report-deadline"])
    return event
