"""The activities' part of a person's start page (core.todo): what their city hosts, nominates and records."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.activities.queries import attendance_to_record, city_name, hosted_lacking, open_nominations
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
        *_nominations(cities, programme, today),
        *_attendance(cities, programme, today),
    ]


def _lacking(cities, programme, today: date) -> list[ToDo]:
    items = []
    for row in hosted_lacking(cities, programme, today):
        what = {
            (True, True): _("the agenda is empty and the online link is missing"),
            (True, False): _("the agenda is empty"),
            (False, True): _("the online link is missing"),
        }[(row.no_agenda, row.no_video_link)]
        text = _("%(activity)s, which you host from %(date)s: %(what)s.") % {
            "activity": row.title, "date": long_date(row.activity.start), "what": what}  # fmt: skip
        url = reverse("activity", args=[row.activity.pk])
        items.append(ToDo(row.activity.start, text, url, "hosting"))
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
