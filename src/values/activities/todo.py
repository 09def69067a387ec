"""The activities' part of a person's start page (core.todo): what their city hosts, nominates and records."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.activities.queries import (
    attendance_to_record,
    calendar_title,
    city_name,
    hosted_lacking,
    open_nominations,
)
from values.activities.switching import links_awaited
from values.core.languages import long_date
from values.core.todo import Asker, ToDo, add_offer, register
from values.network.enums import Role


def activity_todos(asker: Asker) -> list[ToDo]:
    # The cities whose staff host and nominate (activities.permissions.NOMINATING_ROLES, without the
    # coordinator, whose organisation is the network: their start page would otherwise list every city's tasks).
    cities, programme, today = asker.cities, asker.programme, asker.today
    if not cities:
        return []
    return [
        *_lacking(cities, programme, today),
        *_video_links(cities, programme, today),
        *_nominations(cities, programme, today),
        *_attendance(cities, programme, today),
    ]


def _lacking(cities, programme, today: date) -> list[ToDo]:
    """Coming hosted activities with an empty agenda; a missing video link is a to-do of its own, however far
    ahead (`_video_links`), so that it is never said twice."""
    items = []
    for row in hosted_lacking(cities, programme, today):
        if not row.no_agenda:
            continue
        text = _("%(activity)s, which you host from %(date)s: %(what)s.") % {
            "activity": row.title, "date": long_date(row.activity.start), "what": _("the agenda is empty")}  # fmt: skip
        url = reverse("activity", args=[row.activity.pk])
        items.append(ToDo(row.activity.start, text, url, "hosting"))
    return items


def _video_links(cities, programme, today: date) -> list[ToDo]:
    """Online or hybrid without a link (a switch of mode leaves it so), however far ahead: its people wait for it."""
    items = []
    for activity in links_awaited(cities, programme, today):
        text = _("Give the video link for %(activity)s, which you host from %(date)s.") % {
            "activity": calendar_title(activity), "date": long_date(activity.start)}  # fmt: skip
        items.append(ToDo(activity.start, text, reverse("activity_edit", args=[activity.pk]), "video_link"))
    return items


def _nominations(cities, programme, today: date) -> list[ToDo]:
    items = []
    for row in open_nominations(cities, programme, today):
        deadline = row.activity.nomination_deadline or row.activity.start
        text = _(
            "Nominate people from %(city)s for %(activity)s: %(places)d of %(capacity)d places left, "
            "nominations close on %(date)s."
        ) % {
            "city": city_name(row.city), "activity": row.title, "places": row.places_left,
            "capacity": row.activity.capacity, "date": long_date(deadline),
        }  # fmt: skip
        items.append(ToDo(deadline, text, reverse("nominate", args=[row.activity.pk]), "nomination"))
    return items


def _attendance(cities, programme, today: date) -> list[ToDo]:
    return [
        ToDo(
            activity.end,
            _("Record who attended %(activity)s.") % {"activity": title},
            reverse("activity", args=[activity.pk]),  # its form is on the page (the address takes a POST)
            "attendance",
        )
        for activity, title in attendance_to_record(cities, programme, today)
    ]


def _calendar(asker: Asker) -> str:
    return reverse("calendar")


def setup() -> None:
    register(activity_todos)
    for role, text in (
        (Role.COORDINATOR, gettext_lazy("Follow every visit and exchange on the calendar")),
        (Role.CITY_STAFF, gettext_lazy("Host visits and nominate exchange participants from the calendar")),
        (Role.EXPERT, gettext_lazy("Find the visits you facilitate on the calendar")),
        (Role.VOLUNTEER_LEADER, gettext_lazy("Find the exchanges you take part in on the calendar")),
        (Role.VOLUNTEER, gettext_lazy("Find the activities you take part in on the calendar")),
    ):
        add_offer(role, text, _calendar, order=10)
