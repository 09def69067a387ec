"""Reads for the planning pages: runs, rules, and a plan laid out month by month."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from values.activities.models import Activity
from values.activities.permissions import with_cities
from values.network.models import Organisation
from values.programme.models import Community, PlanRule, PlanRun, Programme


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


def plan_runs(programme: Programme, *, limit: int = 10) -> QuerySet[PlanRun]:
    return programme.plan_runs.select_related("created_by")[:limit]


def plan_run_for(programme: Programme, run_id: int) -> PlanRun:
    return get_object_or_404(PlanRun.objects.select_related("programme"), programme=programme, pk=run_id)


def plan_rules(programme: Programme) -> QuerySet[PlanRule]:
    return programme.plan_rules.select_related("city__city", "other_city__city", "theme")


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


def run_entries(run: PlanRun, names: dict[str, str]) -> list[CalendarEntry]:
    """The activities of a run's result (not yet accepted), as calendar entries."""
    entries = []
    for activity in (run.result or {}).get("activities", []):
        host = names.get(activity["host"], activity["host"])
        guests = ", ".join(names.get(g, g) for g in activity["guests"])
        entries.append(
            CalendarEntry(
                start=date.fromisoformat(activity["start"]),
                end=date.fromisoformat(activity["end"]),
                kind=activity["kind"],
                title=activity_title(activity["kind"], host, guests),
                community=activity["community"],
            )
        )
    return entries


def accepted_entries(programme: Programme, *, cities: list[Organisation] | None = None) -> list[CalendarEntry]:
    """The accepted plan's visits and exchanges, optionally only those the cities take part in."""
    activities = Activity.objects.filter(programme=programme)
    if cities is not None:
        activities = activities.filter(with_cities(cities)).distinct()
    return [activity_entry(activity) for activity in with_calendar_details(activities)]


def with_calendar_details(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    return activities.select_related(
        "host__city", "visit__community", "exchange__pair__community", "exchange__guest__city"
    )


def activity_entry(activity: Activity) -> CalendarEntry:
    """An accepted visit or exchange as one entry of a calendar."""
    host = _city_name(activity.host)
    if activity.kind == "visit":
        title, community = activity_title("visit", host, ""), activity.visit.community.key
    else:
        exchange = activity.exchange
        title = activity_title("exchange", host, _city_name(exchange.guest))
        community = exchange.pair.community.key
    return CalendarEntry(activity.start, activity.end, activity.kind, title, community, activity.pk)


def communities_of(programme: Programme, *, cities: list[Organisation] | None = None) -> QuerySet[Community]:
    queryset = programme.communities.select_related("theme").prefetch_related(
        "members__organisation__city", "pairs__cities__city"
    )
    if cities is not None:
        queryset = queryset.filter(members__organisation__in=cities).distinct()
    return queryset


def city_names(programme: Programme) -> dict[str, str]:
    organisations = Organisation.objects.filter(partnerships__programme=programme).select_related("city")
    return {o.key: _city_name(o) for o in organisations}


def _city_name(organisation: Organisation) -> str:
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
