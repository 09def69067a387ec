"""Reads of visits and exchanges, already fetching what the pages show, and the programme's calendar."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from values.activities.models import Activity
from values.network.models import Organisation
from values.programme.models import Programme


def activity_page_data(activity: Activity) -> dict:
    """The activity with its kind-specific side (community or guest), agenda and participants."""
    visit = getattr(activity, "visit", None)
    exchange = getattr(activity, "exchange", None)
    participants = activity.participants.select_related("user", "organisation__city").order_by(
        "organisation__key", "user__last_name", "user__username"
    )
    return {
        "visit": visit,
        "exchange": exchange,
        "community": visit.community if visit else exchange.pair.community,
        "sessions": list(activity.sessions.select_related("practice")),
        "participants": list(participants),
    }


# -- the calendar, month by month -------------------------------------------------------------
@dataclass(frozen=True)
class CalendarEntry:
    start: date
    end: date
    kind: str  # visit | exchange
    title: str
    community: str
    activity_id: int | None = None  # set once the plan is accepted


@dataclass(frozen=True)
class Month:
    first_day: date
    entries: tuple[CalendarEntry, ...]


def programme_months(programme: Programme, entries: list[CalendarEntry]) -> tuple[Month, ...]:
    """Every month of the programme, each with its activities in date order (empty months too)."""
    by_month: dict[tuple[int, int], list[CalendarEntry]] = defaultdict(list)
    for entry in entries:
        by_month[entry.start.year, entry.start.month].append(entry)
    months = []
    year, month = programme.start.year, programme.start.month
    for _month_number in range(programme.duration_months):
        months.append(
            Month(date(year, month, 1), tuple(sorted(by_month[year, month], key=lambda e: (e.start, e.title))))
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def with_calendar_details(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    return activities.select_related(
        "host__city", "visit__community", "exchange__pair__community", "exchange__guest__city"
    )


def activity_entry(activity: Activity) -> CalendarEntry:
    """An accepted visit or exchange as one entry of a calendar."""
    host = city_name(activity.host)
    if activity.kind == "visit":
        title, community = activity_title("visit", host, ""), activity.visit.community.key
    else:
        exchange = activity.exchange
        title = activity_title("exchange", host, city_name(exchange.guest))
        community = exchange.pair.community.key
    return CalendarEntry(activity.start, activity.end, activity.kind, title, community, activity.pk)


def city_name(organisation: Organisation) -> str:
    city = getattr(organisation, "city", None)
    return city.name if city else str(organisation)


def activity_title(kind: str, host: str, guests: str) -> str:
    if kind == "visit":
        return _("Mentoring visit to %(host)s") % {"host": host}
    return _("Exchange: %(guests)s at %(host)s") % {"guests": guests, "host": host}


@dataclass(frozen=True)
class TimelineRow:
    community: str
    cells: tuple[tuple[CalendarEntry, ...], ...]  # one per month of the programme


def programme_timeline(months: tuple[Month, ...]) -> tuple[TimelineRow, ...]:
    """Communities down, months across: which activity of which community falls in which month."""
    communities = sorted({entry.community for month in months for entry in month.entries})
    return tuple(
        TimelineRow(
            community,
            tuple(tuple(e for e in month.entries if e.community == community) for month in months),
        )
        for community in communities
    )
