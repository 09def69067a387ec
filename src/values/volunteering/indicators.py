"""The volunteering indicators of a programme, counted from what volunteers and organisations recorded (never typed
by hand): volunteers engaged, confirmed shifts, approved hours, and retention after 3 and 6 months, in all and per
city, theme, month and campaign channel.

- A volunteer is *engaged* in a group once they have an accepted commitment to an opportunity of it; their first
  engagement there is the earliest such commitment. Anonymised volunteers still count.
- A *confirmed shift* is a place taken on a shift and not cancelled.
- *Approved hours* are the approved minutes of approved entries.
- *Retained after N months*: of the volunteers whose first engagement in the group lies at least N months back,
  the share with a confirmed shift or approved hours in the group starting N months or more after it.
  Months are counted as calendar months (15 January + 3 months = 15 April).
"""

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count
from django.db.models.functions import Coalesce
from django.utils import timezone

from values.programme.models import Programme
from values.volunteering.enums import BookingStatus, CommitmentStatus, HoursStatus
from values.volunteering.models import Commitment, HoursEntry, ShiftBooking, Volunteer

RETENTION_MONTHS = (3, 6)
GROUPINGS = ("city", "theme", "month", "channel")


@dataclass(frozen=True)
class Event:
    """One recorded fact, with what it may be grouped by."""

    volunteer: int
    at: datetime
    city: str
    theme: str
    channel: str
    minutes: int = 0  # approved minutes, for hours


@dataclass
class Figures:
    engaged: int = 0
    confirmed_shifts: int = 0
    approved_minutes: int = 0
    # months → (retained, of how many who could be)
    retention: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def approved_hours(self) -> Decimal:
        return (Decimal(self.approved_minutes) / 60).quantize(Decimal("0.01"))

    def retained_share(self, months: int) -> Decimal | None:
        """The share retained, or None when nobody has been engaged long enough to tell."""
        retained, eligible = self.retention.get(months, (0, 0))
        return (Decimal(retained) / eligible).quantize(Decimal("0.0001")) if eligible else None

    @property
    def anything_recorded(self) -> bool:
        return bool(self.engaged or self.confirmed_shifts or self.approved_minutes)

    @property
    def retained_after_3(self) -> Decimal | None:
        return self.retained_share(3)

    @property
    def retained_after_6(self) -> Decimal | None:
        return self.retained_share(6)


@dataclass
class Indicators:
    total: Figures
    groups: dict[str, dict[str, Figures]]  # grouping → group label → figures


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, or the month's last day when it has no such day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def activity_of(events: Iterable[Event]) -> dict[int, list[date]]:
    """Each volunteer's days of activity (shifts and hours)."""
    activity: dict[int, list[date]] = defaultdict(list)
    for event in events:
        activity[event.volunteer].append(event.at.date())
    return activity


def figures_of(
    engagements: Iterable[Event],
    shifts: list[Event],
    hours: list[Event],
    *,
    today: date,
    activity: dict[int, list[date]] | None = None,
) -> Figures:
    """The figures of one group from its events (pure: the tests give it events by hand); retention looks for
    the volunteers' days in `activity` (by default the group's own shifts and hours)."""
    first: dict[int, date] = {}
    for event in engagements:
        day = event.at.date()
        first[event.volunteer] = min(first.get(event.volunteer, day), day)
    activity = activity_of(shifts + hours) if activity is None else activity
    figures = Figures(
        engaged=len(first), confirmed_shifts=len(shifts), approved_minutes=sum(event.minutes for event in hours)
    )
    for months in RETENTION_MONTHS:
        eligible = [volunteer for volunteer, day in first.items() if add_months(day, months) <= today]
        retained = [v for v in eligible if any(day >= add_months(first[v], months) for day in activity.get(v, ()))]
        figures.retention[months] = (len(retained), len(eligible))
    return figures


def _key(grouping: str) -> Callable[[Event], str]:
    if grouping == "month":
        return lambda event: f"{event.at:%Y-%m}"
    return lambda event: getattr(event, grouping)


def _buckets(events: list[Event], key: Callable[[Event], str]) -> dict[str, list[Event]]:
    buckets: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        buckets[key(event)].append(event)
    return buckets


def compute(engagements: list[Event], shifts: list[Event], hours: list[Event], *, today: date) -> Indicators:
    """In all and per grouping, each event put in its group once. A month counts each fact in its own month; its
    retention is that of the volunteers engaged that month (a cohort), from their activity in any later month."""
    everywhere = activity_of(shifts + hours)
    groups: dict[str, dict[str, Figures]] = {}
    for grouping in GROUPINGS:
        key = _key(grouping)
        by_engagement, by_shift, by_hours = _buckets(engagements, key), _buckets(shifts, key), _buckets(hours, key)
        labels = sorted(by_engagement.keys() | by_shift.keys() | by_hours.keys())
        groups[grouping] = {
            label: figures_of(by_engagement[label], by_shift[label], by_hours[label], today=today,
                              activity=everywhere if grouping == "month" else None)
            for label in labels
        }  # fmt: skip
    return Indicators(total=figures_of(engagements, shifts, hours, today=today, activity=everywhere), groups=groups)


# -- from the database ------------------------------------------------------------------------------
def _events(queryset, opportunity: str, moment, *, minutes: str | None = None) -> list[Event]:
    """Events from rows of `queryset`, whose opportunity is at the path `opportunity` and time is `moment`."""
    rows = queryset.values_list(
        "volunteer_id", moment, f"{opportunity}__city__city__name", f"{opportunity}__theme__key",
        "volunteer__channel", minutes or "volunteer_id",
    )  # fmt: skip
    return [
        Event(volunteer, at, city or "", theme, channel or "", (approved or 0) if minutes else 0)
        for volunteer, at, city, theme, channel, approved in rows
    ]


def programme_indicators(programme: Programme, *, today: date | None = None, city=None) -> Indicators:
    """The programme's indicators (of one partner city's opportunities when `city` is given)."""
    today = today or timezone.localdate()
    where = {"city": city} if city is not None else {}
    engagements = Commitment.objects.filter(
        opportunity__programme=programme, status=CommitmentStatus.ACCEPTED,
        **{f"opportunity__{k}": v for k, v in where.items()},
    ).annotate(engaged_at=Coalesce("decided_at", "created_at"))  # fmt: skip
    shifts = ShiftBooking.objects.filter(
        shift__opportunity__programme=programme, status=BookingStatus.CONFIRMED,
        **{f"shift__opportunity__{k}": v for k, v in where.items()},
    )  # fmt: skip
    hours = HoursEntry.objects.filter(
        opportunity__programme=programme, status=HoursStatus.APPROVED,
        **{f"opportunity__{k}": v for k, v in where.items()},
    )  # fmt: skip
    return compute(
        _events(engagements, "opportunity", "engaged_at"),
        _events(shifts, "shift__opportunity", "shift__starts_at"),
        _events(hours, "opportunity", "starts_at", minutes="approved_minutes"),
        today=today,
    )


def sign_ups_by_channel(programme: Programme, campaign: str) -> dict[str, int]:
    """Confirmed volunteers (anonymised ones too) whose sign-up a campaign's link brought, per channel named."""
    rows = (
        Volunteer.objects.filter(programme=programme, campaign=campaign, confirmed_at__isnull=False)
        .values_list("channel")
        .annotate(count=Count("pk"))
    )
    return dict(rows)
