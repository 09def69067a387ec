"""Reads for the planning pages: runs, rules, and a plan laid out month by month."""

from datetime import date

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from values.activities.models import Activity
from values.activities.permissions import with_cities
from values.activities.queries import CalendarEntry, activity_entry, activity_title, city_name, with_calendar_details
from values.network.models import Organisation
from values.planning.enums import PlanRunStatus
from values.planning.models import PlanRule, PlanRun
from values.programme.models import Community, Programme, Theme

# The planner's stages, named while a run works on them and when one runs out of time.
STAGES = {
    "grouping": gettext_lazy("grouping"),
    "split": gettext_lazy("splitting themes into communities"),
    "schedule": gettext_lazy("scheduling"),
}


def plan_runs(programme: Programme, *, limit: int | None = 10) -> QuerySet[PlanRun]:
    """The programme's runs, newest first: the latest `limit` (None: all of them)."""
    runs = programme.plan_runs.select_related("created_by")
    return runs if limit is None else runs[:limit]


def plan_run_for(programme: Programme, run_id: int) -> PlanRun:
    return get_object_or_404(PlanRun.objects.select_related("programme", "created_by"), programme=programme, pk=run_id)


def is_running(run: PlanRun) -> bool:
    return run.status in (PlanRunStatus.QUEUED, PlanRunStatus.RUNNING)


def run_stage(run: PlanRun) -> str:
    """The stage a run is working on, or ran out of time in, in the reader's language; empty otherwise."""
    if is_running(run) or run.status == PlanRunStatus.TIMED_OUT:
        return str(STAGES.get(run.stage, run.stage))
    return ""


def plan_rules(programme: Programme) -> QuerySet[PlanRule]:
    return programme.plan_rules.select_related("city__city", "other_city__city", "theme")


def plan_rule_for(programme: Programme, rule_id: int) -> PlanRule:
    return get_object_or_404(PlanRule, programme=programme, pk=rule_id)


def rule_cities(programme: Programme) -> QuerySet[Organisation]:
    """The cities a rule may name: the programme's partner cities, by name."""
    cities = Organisation.objects.filter(partnerships__programme=programme, kind="city").select_related("city")
    return cities.order_by("city__name")


def rule_themes(programme: Programme) -> QuerySet[Theme]:
    """The themes a pin may name: the programme's, in their order."""
    return programme.themes.order_by("position")


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


def communities_of(programme: Programme, *, cities: list[Organisation] | None = None) -> QuerySet[Community]:
    queryset = programme.communities.select_related("theme").prefetch_related(
        "members__organisation__city", "pairs__cities__city"
    )
    if cities is not None:
        queryset = queryset.filter(members__organisation__in=cities).distinct()
    return queryset


def city_names(programme: Programme) -> dict[str, str]:
    organisations = Organisation.objects.filter(partnerships__programme=programme).select_related("city")
    return {o.key: city_name(o) for o in organisations}


def has_accepted_plan(programme: Programme) -> bool:
    """Whether the coordinator has accepted a plan of the programme (its communities, visits and exchanges)."""
    return PlanRun.objects.filter(programme=programme, accepted_at__isnull=False).exists()
