"""From a programme (as its file form) to the planner's input, and the plan's outputs.

The planner knows nothing of Django; this module is the thin service between them.
"""

import json
from dataclasses import asdict
from datetime import date, timedelta

import icalendar

from values.planner.calendar import blocked_weeks, programme_weeks
from values.planner.model import City, Facilitator, Instance, Plan, Rule
from values.programme.spec import ProgrammeFile

# Without a language in common, a community works in the programme's first language.
DEFAULT_WORKING_LANGUAGE = "en"


def planning_instance(
    document: ProgrammeFile, *, rules: tuple[Rule, ...] = (), levels: dict[str, dict[str, float]] | None = None
) -> Instance:
    """Cities with their interests and benchmark levels (city -> theme -> 1..4, for complementarity);
    non-city partners (coordinator, experts) facilitate every visit."""
    levels = levels or {}
    programme, planning = document.programme, document.planning
    weeks = programme_weeks(programme.start, programme.duration_months)
    cities = tuple(
        City(
            id=org.id,
            name=org.city.name,
            country=org.country,
            languages=frozenset(org.city.languages),
            interests=dict(org.interests),
            scores=dict(levels.get(org.id, {})),
        )
        for org in document.organisations
        if org.kind == "city" and org.city is not None
    )
    facilitators = tuple(
        Facilitator(id=org.id, name=_text(org.name), attends_every_visit=True)
        for org in document.organisations
        if org.kind != "city"
    )
    working = programme.languages[:1] or (DEFAULT_WORKING_LANGUAGE,)
    return Instance(
        cities=cities,
        themes=tuple(theme.id for theme in document.themes),
        theme_names={theme.id: _text(theme.title) for theme in document.themes},
        weeks=weeks,
        blocked_weeks=blocked_weeks(weeks, planning.blackout),
        preparation_months=planning.preparation_months,
        facilitators=facilitators,
        community_size=planning.community_size,
        working_languages=frozenset(working),
        rules=rules,
        visit_days=planning.visit_days,
        exchange_days=planning.exchange_days,
        country_weight=planning.country_weight,
        score_scale=planning.score_scale,
    )


def plan_as_json(plan: Plan) -> str:
    data = asdict(plan)
    data["gap"] = plan.gap
    return json.dumps(data, default=_json_default, indent=2, ensure_ascii=False, sort_keys=True)


def plan_as_ics(plan: Plan, instance: Instance, *, programme_code: str) -> bytes:
    """One all-day event per visit and exchange; a UID that stays when the dates change."""
    names = {**instance.city_names(), **{f.id: f.name for f in instance.facilitators}}
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//VALUES platform//planner//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{programme_code} plan")
    for activity in plan.activities:
        event = icalendar.Event()
        guests = "-".join(activity.guests)
        event.add("uid", f"{programme_code}-{activity.kind}-{activity.host}-{guests}@values-platform")
        event.add("summary", _summary(activity, names))
        event.add("dtstart", activity.start)
        event.add("dtend", activity.end + timedelta(days=1))  # exclusive end of an all-day event
        event.add("dtstamp", icalendar.vDatetime.from_ical("20190101T000000Z"))
        event.add("location", names.get(activity.host, activity.host))
        event.add("categories", [activity.kind.value])
        event.add("description", _description(activity, names))
        calendar.add_component(event)
    return calendar.to_ical()


def _summary(activity, names) -> str:
    host = names.get(activity.host, activity.host)
    if activity.kind == "visit":
        return f"Mentoring visit to {host} (community {activity.community})"
    guests = ", ".join(names.get(g, g) for g in activity.guests)
    return f"Exchange: {guests} at {host}"


def _description(activity, names) -> str:
    people = ", ".join(names.get(p, p) for p in activity.participants)
    facilitators = ", ".join(names.get(f, f) for f in activity.facilitators)
    return f"Cities: {people}" + (f"\nFacilitators: {facilitators}" if facilitators else "")


def _text(value) -> str:
    return value if isinstance(value, str) else value.get("en") or next(iter(value.values()), "")


def _json_default(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(type(value).__name__)
