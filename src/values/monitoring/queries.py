"""The programme's indicators against its targets (the programme file's `monitoring.targets`), per quarter.

Each figure is counted in the database from the records, cumulative from the programme's start to a quarter's last
day, in one query per indicator whatever the number of partners, activities or people:

- *visits held*, *exchanges done*: the activity's last day has passed and somebody was marked present; counted in
  the quarter of its last day. Expected: what the accepted plan scheduled to end by the quarter's end (the latest
  accepted planner run, so that an activity postponed since is late against it); without a run, the activities'
  own dates.
- *participants*: each person marked present at a visit or exchange held, once, from the first; by their role for
  the city they came for (city staff, volunteer leader). Gender is not recorded anywhere on the platform.
- *reports accepted*: dated by their review; *practices published*: by their publication (the programme's own);
  *toolkits published*: each theme's and the programme's toolkit once, from its first ready edition among its
  languages; *volunteers engaged*: volunteering's rule (an accepted commitment, from the earliest).
- *action plans adopted*: a plan keeps no date of adoption, so only today's count is known; it is judged against
  what was expected by the last complete quarter (which it can only have grown since).
- *spending rate* per partner: approved direct costs to the quarter's end, with the flat-rate indirect costs, of
  the partner's budget (finance's rule of what a partner spent); of the partners the reader reads budgets of.

Expected for all but the activities: a straight line from 0 at the start to the target at the end.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.actionplans.enums import PlanStatus
from values.actionplans.models import ActionPlan
from values.activities.enums import ActivityKind
from values.activities.models import Activity, Participant
from values.core.money import flat_rate, rate_of
from values.core.templatetags.values_tags import percent
from values.core.text import pick
from values.finance.enums import ExpenseStatus
from values.finance.models import Expense
from values.finance.queries import partners_visible_to
from values.knowledge.enums import PracticeStatus
from values.knowledge.models import Practice
from values.monitoring.figures import (
    UNDERSPENDING_MARGIN,
    Quarter,
    behind,
    expected_rate,
    last_complete,
    programme_quarters,
    straight_line,
    under_spending,
)
from values.network.enums import Role
from values.planning.models import PlanRun
from values.programme.models import Partner, Programme
from values.programme.queries import memberships_in
from values.publishing.enums import ToolkitStatus
from values.publishing.models import Toolkit
from values.reports.enums import ReportStatus
from values.reports.models import Report
from values.volunteering.enums import CommitmentStatus
from values.volunteering.models import Commitment

NAMES = {
    "visits_held": gettext_lazy("Mentoring visits held"),
    "exchanges_done": gettext_lazy("Exchanges done"),
    "participants": gettext_lazy("Participants"),
    "participants_city_staff": gettext_lazy("Participants: city staff"),
    "participants_volunteer_leaders": gettext_lazy("Participants: volunteer leaders"),
    "reports_accepted": gettext_lazy("Reports accepted"),
    "action_plans_adopted": gettext_lazy("Action plans adopted"),
    "practices_published": gettext_lazy("Good practices published"),
    "toolkits_published": gettext_lazy("Toolkits published"),
    "volunteers_engaged": gettext_lazy("Volunteers engaged"),
}
ACTIVITY_KEYS = {"visits_held": ActivityKind.VISIT, "exchanges_done": ActivityKind.EXCHANGE}

# The states of a quarter's figure and of an indicator, as the CSV writes them.
LATE, UNDER_SPENDING, ON_TRACK, REACHED = "late", "under-spending", "on track", "reached"

Number = int | Decimal


@dataclass(frozen=True)
class Point:
    """One indicator in one quarter: what was expected by its end, what was done (None: not begun or not dated)."""

    quarter: Quarter
    expected: Number | None
    actual: Number | None
    state: str = ""  # for a complete quarter with an expectation: LATE, UNDER_SPENDING or ON_TRACK


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    target: Number | None  # a spending rate's as a fraction (1 for 100 %)
    points: list[Point]
    now: Number | None  # today's figure
    state: str  # the judged quarter's state, REACHED, or "" (no target, too early)
    flag: str  # the state in words, with the figures
    is_rate: bool = False
    partner: Partner | None = None  # a spending rate's partner

    @property
    def share(self) -> Decimal | None:
        """How much of the target is done today."""
        if self.now is None or not self.target:
            return None
        return rate_of(Decimal(self.now), Decimal(self.target))


@dataclass(frozen=True)
class Monitoring:
    today: date
    quarters: list[Quarter]
    judged: Quarter | None  # the last complete quarter, which the flags judge
    indicators: list[Indicator]
    spending: list[Indicator]  # one per partner whose budget the reader reads
    planned: bool  # whether an accepted plan gives the activities' expected figures


def programme_monitoring(programme: Programme, *, user, today: date | None = None) -> Monitoring:
    """Every indicator of the programme, per quarter, with its flag; the spending of the partners `user` reads."""
    today = today or timezone.localdate()
    quarters = programme_quarters(programme.start, programme.duration_months)
    begun = [quarter for quarter in quarters if quarter.first <= today]
    judged = last_complete(quarters, today)
    scheduled, planned = _scheduled_ends(programme)
    counted = {
        **_activities_held(programme, begun, today),
        **_participants(programme, begun, today),
        "reports_accepted": _dated_counts(
            Report.objects.filter(request__activity__programme=programme, status=ReportStatus.ACCEPTED),
            "reviewed_at", begun, today,
        ),
        "practices_published": _dated_counts(
            Practice.objects.filter(programme=programme, status=PracticeStatus.PUBLISHED), "published_at", begun, today
        ),
        "toolkits_published": _toolkits(programme, begun),
        "volunteers_engaged": _volunteers(programme, begun, today),
    }  # fmt: skip
    adopted = ActionPlan.objects.filter(programme=programme, status=PlanStatus.ADOPTED).count()
    judge = Judge(quarters, judged, programme.duration_months, begun)
    indicators = []
    for key, name in NAMES.items():
        target = programme.targets.get(key)
        if key == "action_plans_adopted":
            indicators.append(judge.undated(key, name, target, adopted))
            continue
        expected = _plan_line(scheduled[ACTIVITY_KEYS[key]], quarters) if key in ACTIVITY_KEYS and planned else None
        indicators.append(judge.counted(key, name, target, counted[key], expected))
    spending = _spending(programme, user, begun, judge, programme.targets.get("spending_rate"))
    return Monitoring(today, quarters, judged, indicators, spending, planned)


# -- the counts ---------------------------------------------------------------------------------------------------
def _end_of(day: date, today: date) -> datetime:
    """The moment a quarter's day (or today, in the running quarter) ends, in the site's time zone."""
    return timezone.make_aware(datetime.combine(min(day, today) + timedelta(days=1), time.min))


def _aggregate(queryset: QuerySet, begun: list[Quarter], count: Callable[[Quarter], object]) -> list[int]:
    """One query: a column per quarter begun, each the count `count(quarter)` makes."""
    if not begun:
        return []
    row = queryset.aggregate(**{f"q{quarter.number}": count(quarter) for quarter in begun})
    return [row[f"q{quarter.number}"] or 0 for quarter in begun]


def _dated_counts(queryset: QuerySet, moment: str, begun: list[Quarter], today: date) -> list[int]:
    return _aggregate(queryset, begun, lambda q: Count("pk", filter=Q(**{f"{moment}__lt": _end_of(q.last, today)})))


def _activities_held(programme: Programme, begun: list[Quarter], today: date) -> dict[str, list[int]]:
    """Visits and exchanges whose last day has passed with somebody marked present, by the quarter it fell in."""
    held = Activity.objects.filter(programme=programme, end__lt=today, participants__attended=True)
    columns = {
        f"{kind}_q{quarter.number}": Count("pk", distinct=True, filter=Q(kind=kind, end__lte=quarter.last))
        for kind in ACTIVITY_KEYS.values()
        for quarter in begun
    }
    row = held.aggregate(**columns) if columns else {}
    return {key: [row[f"{kind}_q{quarter.number}"] or 0 for quarter in begun] for key, kind in ACTIVITY_KEYS.items()}


def _participants(programme: Programme, begun: list[Quarter], today: date) -> dict[str, list[int]]:
    """People marked present at an activity held, each once, in all and by their role for the city they came for."""
    roles = memberships_in(programme).filter(user=OuterRef("user"), organisation=OuterRef("organisation"))
    present = Participant.objects.filter(
        activity__programme=programme, attended=True, activity__end__lt=today
    ).annotate(
        staff=Exists(roles.filter(role=Role.CITY_STAFF)), leader=Exists(roles.filter(role=Role.VOLUNTEER_LEADER))
    )
    groups = {"participants": Q(), "participants_city_staff": Q(staff=True),
              "participants_volunteer_leaders": Q(leader=True)}  # fmt: skip
    columns = {
        f"{key}_q{quarter.number}": Count("user", distinct=True, filter=Q(activity__end__lte=quarter.last) & where)
        for key, where in groups.items()
        for quarter in begun
    }
    row = present.aggregate(**columns) if columns else {}
    return {key: [row[f"{key}_q{quarter.number}"] or 0 for quarter in begun] for key in groups}


def _toolkits(programme: Programme, begun: list[Quarter]) -> list[int]:
    """Each toolkit (a theme's, the programme's) once, from the first of its languages' ready editions."""
    firsts = (
        Toolkit.objects.filter(programme=programme, status=ToolkitStatus.READY, built_at__isnull=False)
        .values("theme")
        .annotate(first=Min("built_at"))
        .order_by()
    )
    days = [timezone.localdate(row["first"]) for row in firsts]
    return [sum(1 for day in days if day <= quarter.last) for quarter in begun]


def _volunteers(programme: Programme, begun: list[Quarter], today: date) -> list[int]:
    """Volunteering's rule (volunteering/indicators.py): engaged from their earliest accepted commitment, decided
    or, before decisions were kept, made."""
    accepted = Commitment.objects.filter(opportunity__programme=programme, status=CommitmentStatus.ACCEPTED).annotate(
        engaged_at=Coalesce("decided_at", "created_at")
    )
    return _aggregate(
        accepted, begun,
        lambda q: Count("volunteer", distinct=True, filter=Q(engaged_at__lt=_end_of(q.last, today))),
    )  # fmt: skip


def _scheduled_ends(programme: Programme) -> tuple[dict[ActivityKind, list[date]], bool]:
    """The last days of the visits and exchanges the latest accepted plan scheduled (else those of the
    activities as they are), and whether a plan was accepted."""
    run = PlanRun.objects.filter(programme=programme, accepted_at__isnull=False).order_by("-accepted_at").first()
    ends: dict[ActivityKind, list[date]] = {kind: [] for kind in ActivityKind}
    if run is not None and run.result:
        for activity in run.result.get("activities", []):
            ends[ActivityKind(activity["kind"])].append(date.fromisoformat(activity["end"]))
        return ends, True
    for kind, end in Activity.objects.filter(programme=programme).values_list("kind", "end"):
        ends[ActivityKind(kind)].append(end)
    return ends, any(ends.values())


def _plan_line(ends: list[date], quarters: list[Quarter]) -> list[int]:
    return [sum(1 for end in ends if end <= quarter.last) for quarter in quarters]


# -- spending -------------------------------------------------------------------------------------------------------
def _spending(programme: Programme, user, begun: list[Quarter], judge: "Judge", target: int | None) -> list[Indicator]:
    """Each partner's spending rate by each quarter's end, for the partners whose budgets `user` reads."""
    partners = list(partners_visible_to(user, programme))
    columns = {f"q{quarter.number}": Sum("amount_eur", filter=Q(spent_on__lte=quarter.last)) for quarter in begun}
    rows = (
        Expense.objects.filter(partner__in=[partner.pk for partner in partners], status=ExpenseStatus.APPROVED)
        .values("partner_id")
        .annotate(total=Sum("amount_eur"), **columns)
        .order_by()
    )
    direct = {row["partner_id"]: row for row in rows}
    return [judge.spending(partner, direct.get(partner.pk, {}), target) for partner in partners]


def _spent(partner: Partner, direct: Decimal | None) -> Decimal:
    """Direct costs with the flat-rate indirect costs, as finance counts what a partner spent."""
    direct = direct or Decimal(0)
    return direct + flat_rate(direct, partner.budget.indirect_rate)


# -- judging ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Judge:
    """Puts the counts beside what was expected, and says what runs late."""

    quarters: list[Quarter]
    judged: Quarter | None
    duration_months: int
    begun: list[Quarter]

    def counted(
        self, key: str, name: Promise, target: int | None, counts: list[int], plan: list[int] | None
    ) -> Indicator:
        expected = plan or ([straight_line(target, q, self.duration_months) for q in self.quarters]
                            if target is not None else None)  # fmt: skip
        actuals: list[int | None] = [*counts, *([None] * (len(self.quarters) - len(counts)))]
        points = [self._point(q, expected[i] if expected else None, actuals[i]) for i, q in enumerate(self.quarters)]
        now = counts[-1] if counts else 0
        state, flag = self._verdict(now, target, expected, actuals)
        return Indicator(key, str(name), target, points, now, state, flag)

    def undated(self, key: str, name: Promise, target: int | None, now: int) -> Indicator:
        """An indicator whose records keep no date: today's count stands in the running quarter only."""
        expected = (
            [straight_line(target, q, self.duration_months) for q in self.quarters] if target is not None else None
        )
        actuals: list[int | None] = [now if q is self._running() else None for q in self.quarters]
        points = [Point(q, expected[i] if expected else None, actuals[i]) for i, q in enumerate(self.quarters)]
        state, flag = self._verdict(now, target, expected, [now] * len(self.quarters))
        if state == LATE:
            flag += " " + _("Adoptions are not dated: today's count is compared.")
        return Indicator(key, str(name), target, points, now, state, flag)

    def spending(self, partner: Partner, direct: dict, target: int | None) -> Indicator:
        name = _("Spending rate: %(partner)s") % {"partner": pick(partner.organisation.name)}
        budget = getattr(partner, "budget", None)
        if budget is None or not budget.total:
            return Indicator("spending_rate", name, None, [Point(q, None, None) for q in self.quarters], None, "",
                             _("No budget is given for this partner."), is_rate=True, partner=partner)  # fmt: skip
        rates = [rate_of(_spent(partner, direct.get(f"q{q.number}")), budget.total) for q in self.begun]
        actuals = [*rates, *([None] * (len(self.quarters) - len(rates)))]
        expected = (
            [expected_rate(target, q, self.duration_months) for q in self.quarters] if target is not None else None
        )
        points = [
            Point(q, expected[i] if expected else None, actuals[i], self._rate_state(q, expected, actuals, i))
            for i, q in enumerate(self.quarters)
        ]
        now = rate_of(_spent(partner, direct.get("total")), budget.total)
        state, flag = self._rate_verdict(points)
        return Indicator("spending_rate", name, Decimal(target) / 100 if target is not None else None, points, now,
                         state, flag, is_rate=True, partner=partner)  # fmt: skip

    # -- the parts --------------------------------------------------------------------------------------------------
    def _running(self) -> Quarter | None:
        return self.begun[-1] if self.begun else None

    def _point(self, quarter: Quarter, expected: int | None, actual: int | None) -> Point:
        complete = self.judged is not None and quarter.number <= self.judged.number
        if not complete or expected is None or actual is None:
            return Point(quarter, expected, actual)
        return Point(quarter, expected, actual, LATE if actual < expected else ON_TRACK)

    def _verdict(self, now: int, target: int | None, expected: list[int] | None, actuals: list) -> tuple[str, str]:
        if target is not None and now >= target > 0:
            return REACHED, _("Target reached: %(now)s of %(target)s.") % {"now": now, "target": target}
        if expected is None:
            return "", _("No target in the programme file.")
        if self.judged is None:
            return "", _("Too early to judge: no quarter has ended yet.")
        index = self.judged.number - 1
        figures = {"actual": actuals[index], "expected": expected[index], "quarter": self.judged.label,
                   "short": behind(actuals[index], expected[index])}  # fmt: skip
        if figures["short"]:
            return LATE, _(
                "Late: %(actual)s by the end of %(quarter)s, %(short)s short of the %(expected)s expected."
            ) % figures
        return ON_TRACK, _("On track: %(actual)s by the end of %(quarter)s, %(expected)s expected.") % figures

    def _rate_state(self, quarter: Quarter, expected: list[Decimal] | None, actuals: list, index: int) -> str:
        complete = self.judged is not None and quarter.number <= self.judged.number
        if not complete or expected is None or actuals[index] is None:
            return ""
        return UNDER_SPENDING if under_spending(actuals[index], expected[index]) else ON_TRACK

    def _rate_verdict(self, points: list[Point]) -> tuple[str, str]:
        if points and points[0].expected is None:
            return "", _("No spending target in the programme file.")
        if self.judged is None:
            return "", _("Too early to judge: no quarter has ended yet.")
        point = points[self.judged.number - 1]
        figures = {"rate": percent(point.actual), "expected": percent(point.expected), "quarter": self.judged.label,
                   "margin": percent(UNDERSPENDING_MARGIN)}  # fmt: skip
        if point.state == UNDER_SPENDING:
            return UNDER_SPENDING, _(
                "Under-spending: %(rate)s spent by the end of %(quarter)s, more than %(margin)s below the %(expected)s "
                "expected."
            ) % figures
        return ON_TRACK, _("On track: %(rate)s spent by the end of %(quarter)s, %(expected)s expected.") % figures
