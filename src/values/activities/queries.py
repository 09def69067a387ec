"""Reads of visits and exchanges, already fetching what the pages show, and the programme's calendar."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from values.activities.enums import ActivityKind, ParticipantStatus
from values.activities.models import Activity, Participant, with_cities
from values.core.text import quarter_label
from values.knowledge.enums import PracticeStatus
from values.knowledge.models import Practice
from values.network.enums import Role
from values.network.models import Organisation
from values.programme.models import Membership, Programme, Theme
from values.programme.queries import memberships_in


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


def practices_to_show(activity: Activity) -> QuerySet[Practice]:
    """The good practices a session may show: the programme's published ones (a proposal is not offered)."""
    return Practice.objects.filter(programme=activity.programme_id, status=PracticeStatus.PUBLISHED)


def city_members(activity: Activity, cities) -> QuerySet[Membership]:
    """The cities' people in the activity's programme, whom their staff may nominate, by city and name."""
    return (
        memberships_in(activity.programme_id)
        .filter(organisation__in=cities)
        .select_related("user", "organisation__city")
        .order_by("organisation__key", "user__last_name", "user__username", "pk")
    )


def people_to_nominate(activity: Activity, cities) -> QuerySet[Membership]:
    """The cities' people who do not take part in the activity yet: whom the nomination form offers."""
    return city_members(activity, cities).exclude(user__participations__activity=activity)


def participants_of(activity: Activity) -> QuerySet[Participant]:
    """The activity's participants by city and name, with their account and city (as its page lists them)."""
    return activity.participants.select_related("user", "organisation__city").order_by(
        "organisation__key", "user__last_name", "user__username", "pk"
    )


def roles_of(participants: list[Participant], programme: Programme | int) -> dict[tuple[int, int], Role]:
    """Each participant's foremost role at the city that nominated them (coordinator first, volunteer last), keyed
    by (account, city): one query for any number of participants."""
    memberships = memberships_in(programme).filter(
        user__in={p.user_id for p in participants}, organisation__in={p.organisation_id for p in participants}
    )
    order = list(Role)
    roles: dict[tuple[int, int], Role] = {}
    for user_id, organisation_id, role in memberships.values_list("user", "organisation", "role"):
        key, held = (user_id, organisation_id), Role(role)
        if key not in roles or order.index(held) < order.index(roles[key]):
            roles[key] = held
    return roles


# -- the programme's activities, as lists show them ----------------------------------------------------------------
def with_activity_facts(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """What a list of activities shows of each: host and guest cities, community and its theme, in the same query."""
    return activities.select_related(
        "host__city", "visit__community__theme", "exchange__pair__community__theme", "exchange__guest__city"
    )


def filter_activities(
    activities: QuerySet[Activity],
    *,
    kind: str = "",
    city: Organisation | None = None,
    theme: Theme | None = None,
    first: date | None = None,
    last: date | None = None,
) -> QuerySet[Activity]:
    """Of a kind; that a city takes part in (host, visiting community, guest); of a theme (its community's);
    taking place on a day between `first` and `last` (an activity that begins before `first` and is still on then
    counts)."""
    if kind:
        activities = activities.filter(kind=kind)
    if city is not None:
        # A subquery: the community's joined members would repeat each visit once per member.
        activities = activities.filter(pk__in=Activity.objects.filter(with_cities([city])).values("pk"))
    if theme is not None:
        activities = activities.filter(Q(visit__community__theme=theme) | Q(exchange__pair__community__theme=theme))
    if first is not None:
        activities = activities.filter(end__gte=first)
    if last is not None:
        activities = activities.filter(start__lte=last)
    return activities


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
    community = activity.visit.community if activity.kind == "visit" else activity.exchange.pair.community
    title = calendar_title(activity)
    return CalendarEntry(activity.start, activity.end, activity.kind, title, community.key, activity.pk)


# What calendar_title reads, from an activity or from a row that points to one (prefix "activity__").
TITLE_DETAILS = ("host__city", "exchange__guest__city")


def calendar_title(activity: Activity) -> str:
    """The activity's name as the calendar and its own page show it (fetch TITLE_DETAILS with it)."""
    host = city_name(activity.host)
    if activity.kind == "visit":
        return activity_title("visit", host, "")
    return activity_title("exchange", host, city_name(activity.exchange.guest))


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


# -- the public figures: how many, never which -------------------------------------------------------------------
@dataclass(frozen=True)
class QuarterCount:
    quarter: str  # "2019-Q1"
    kind: str  # visit | exchange
    activities: int


def programme_quarters(programme: Programme) -> list[str]:
    """The quarters the programme spans, from its first month's to its last's."""
    found, day = [], programme.start.replace(day=1)
    while day <= programme.end:
        if quarter_label(day) not in found:
            found.append(quarter_label(day))
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return found


def activities_per_quarter(programme: Programme) -> list[QuarterCount]:
    """Visits and exchanges that begin in each quarter of the programme, every quarter and kind (0 too), in one
    query. Public, the same for every reader (the timeline infographic, the open data): no activity is named."""
    counts = Counter(
        (quarter_label(start), kind) for start, kind in programme.scheduled_activities.values_list("start", "kind")
    )
    return [
        QuarterCount(quarter, kind.value, counts[(quarter, kind)])
        for quarter in programme_quarters(programme)
        for kind in ActivityKind
    ]


# -- what needs a city's staff (their start page, activities/todo.py) ---------------------------------------------
HOSTING_NOTICE_WEEKS = 8  # how far ahead a host is told what its coming activity still lacks
ATTENDANCE_WEEKS = 8  # how long after an activity its host is asked for the attendance


@dataclass(frozen=True)
class Lacking:
    activity: Activity
    title: str
    no_agenda: bool
    no_video_link: bool


def hosted_lacking(cities, programme: Programme, today: date) -> list[Lacking]:
    """The cities' activities of the coming weeks that lack an agenda, or the video link of an online one."""
    coming = with_calendar_details(
        Activity.objects.filter(
            programme=programme,
            host__in=cities,
            start__gte=today,
            start__lte=today + timedelta(weeks=HOSTING_NOTICE_WEEKS),
        )
    ).annotate(sessions_count=Count("sessions"))
    rows = []
    for activity in coming:
        no_agenda = activity.sessions_count == 0
        no_link = activity.awaits_video_link
        if no_agenda or no_link:
            rows.append(Lacking(activity, activity_entry(activity).title, no_agenda, no_link))
    return rows


@dataclass(frozen=True)
class OpenNomination:
    activity: Activity
    title: str
    city: Organisation
    places_left: int


def open_nominations(cities, programme: Programme, today: date) -> list[OpenNomination]:
    """Coming activities each city takes part in, whose nominations are open and where it has places left.

    One query for all the cities: each city's part and places taken are columns of the activity's row.
    """
    if not cities:
        return []
    per_city = {}
    for city in cities:
        per_city[f"in_{city.pk}"] = Exists(Activity.objects.filter(with_cities([city]), pk=OuterRef("pk")))
        per_city[f"taken_{city.pk}"] = Count(
            "participants",
            filter=Q(participants__organisation=city) & ~Q(participants__status=ParticipantStatus.DECLINED),
        )
    activities = with_calendar_details(
        Activity.objects.filter(
            pk__in=Activity.objects.filter(with_cities(cities)).values("pk"),  # a subquery: no joined rows
            programme=programme,
            start__gte=today,
        )
        .filter(Q(nomination_deadline__isnull=True) | Q(nomination_deadline__gte=today))
        .annotate(**per_city)
    )
    activities = list(activities)
    return [
        OpenNomination(activity, calendar_title(activity), city, activity.capacity - taken)
        for city in cities
        for activity in activities
        if getattr(activity, f"in_{city.pk}") and (taken := getattr(activity, f"taken_{city.pk}")) < activity.capacity
    ]


def attendance_to_record(cities, programme: Programme, today: date) -> list[tuple[Activity, str]]:
    """The cities' activities of the past weeks with participants whose presence nobody has recorded."""
    past = with_calendar_details(
        Activity.objects.filter(
            programme=programme,
            host__in=cities,
            end__lt=today,
            end__gte=today - timedelta(weeks=ATTENDANCE_WEEKS),
            # One filter call, one join: the same participant is unrecorded and not declined.
            participants__attended__isnull=True,
            participants__status__in=(ParticipantStatus.NOMINATED, ParticipantStatus.CONFIRMED),
        ).distinct()
    )
    return [(activity, calendar_title(activity)) for activity in past]
