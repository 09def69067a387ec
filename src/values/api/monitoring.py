"""The monitoring dashboard's figures (`values.monitoring.queries.programme_monitoring`): each indicator against
its target, per quarter of the programme, with its flag, and the spending rate of each partner whose budget the
caller reads, as the dashboard and its CSV give them to the same person."""

from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from values.api.context import enter, require_access
from values.api.programmes import organisation_name
from values.api.schemas import OrganisationRef
from values.monitoring.figures import RATE_PLACES
from values.monitoring.queries import Indicator, Point, programme_monitoring

router = Router(tags=["monitoring"])
STATES = "`late`, `under-spending`, `on track`, `reached`, or empty (no target, too early, not judged)"


class MonitoringQuarterOut(Schema):
    label: str = Field(examples=["Q3"], description="The programme's own quarters: Q1 is its first three months.")
    first: date = Field(examples=["2019-08-01"])
    last: date = Field(examples=["2019-10-31"], description="The programme's last day in a short last quarter.")


class CountPointOut(Schema):
    quarter: str = Field(examples=["Q3"])
    expected: int | None = Field(examples=[6], description="Expected by the quarter's end (cumulative).")
    actual: int | None = Field(examples=[4], description="Done by the quarter's end; none for a quarter not begun.")
    state: str = Field(examples=["late"], description=f"For a complete quarter: {STATES}.")


class RatePointOut(Schema):
    quarter: str = Field(examples=["Q3"])
    expected: Decimal | None = Field(examples=["0.3750"], description="The share of the budget expected spent.")
    actual: Decimal | None = Field(examples=["0.1070"], description="The share spent by the quarter's end.")
    state: str = Field(examples=["under-spending"], description=f"For a complete quarter: {STATES}.")


class CountIndicatorOut(Schema):
    key: str = Field(examples=["visits_held"], description="As the programme file's `monitoring.targets` names it.")
    name: str = Field(examples=["Mentoring visits held"])
    target: int | None = Field(examples=[16], description="None when the programme file gives no target.")
    now: int | None = Field(examples=[9], description="Today's figure.")
    share: Decimal | None = Field(examples=["0.5625"], description="How much of the target is done today (0–1).")
    state: str = Field(examples=["on track"], description=f"The judged quarter's state: {STATES}.")
    flag: str = Field(examples=["On track: 9 by the end of Q6, 8 expected."], description="The state in words.")
    points: list[CountPointOut]


class SpendingIndicatorOut(Schema):
    partner: OrganisationRef
    name: str = Field(examples=["Spending rate: City of Cesena"])
    target: Decimal | None = Field(examples=["1.0000"], description="The rate aimed at by the end (1 for 100 %).")
    now: Decimal | None = Field(examples=["0.4815"], description="The share of the budget spent today.")
    share: Decimal | None = Field(examples=["0.4815"], description="Today's rate against the target (0–1).")
    state: str = Field(examples=["under-spending"], description=f"The judged quarter's state: {STATES}.")
    flag: str = Field(examples=["No budget is given for this partner."], description="The state in words.")
    points: list[RatePointOut]


class MonitoringOut(Schema):
    today: date
    quarters: list[MonitoringQuarterOut]
    judged: str | None = Field(examples=["Q2"], description="The last complete quarter, which the flags judge.")
    planned: bool = Field(description="Whether an accepted plan gives the visits' and exchanges' expected figures.")
    indicators: list[CountIndicatorOut]
    spending: list[SpendingIndicatorOut] = Field(description="One per partner whose budget the caller reads.")


def _rate(value: Decimal | int | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(RATE_PLACES)


def _point(point: Point, *, is_rate: bool) -> dict:
    number = _rate if is_rate else (lambda value: value)
    return {"quarter": point.quarter.label, "expected": number(point.expected), "actual": number(point.actual),
            "state": point.state}  # fmt: skip


def indicator_out(indicator: Indicator) -> dict:
    points = [_point(point, is_rate=indicator.is_rate) for point in indicator.points]
    figures = {"target": indicator.target, "now": indicator.now}
    if indicator.is_rate:
        figures = {name: _rate(value) for name, value in figures.items()}
    return figures | {
        "key": indicator.key, "name": indicator.name, "share": indicator.share, "state": indicator.state,
        "flag": indicator.flag, "points": points,
    }  # fmt: skip


@router.get("{code}/monitoring/", response=MonitoringOut, summary="The programme's indicators against their targets")
def read_monitoring(request: HttpRequest, code: str):
    """What the monitoring dashboard shows: every indicator of the programme file's targets with today's figure,
    its share of the target and its flag, and per quarter what was expected and what was done (cumulative); then
    the spending rate of each partner whose budget the caller reads (the coordinator's: all; a city's staff: their
    own). For the coordinator, experts and the partners' staff."""
    programme = enter(request, code)
    require_access(request, "see_monitoring",
                   _("The monitoring dashboard is for the coordinator, experts and the partners' staff."))  # fmt: skip
    monitoring = programme_monitoring(programme, user=request.user)
    return {
        "today": monitoring.today,
        "quarters": [{"label": q.label, "first": q.first, "last": q.last} for q in monitoring.quarters],
        "judged": monitoring.judged.label if monitoring.judged else None,
        "planned": monitoring.planned,
        "indicators": [indicator_out(indicator) for indicator in monitoring.indicators],
        "spending": [
            indicator_out(indicator) | {"partner": {"key": indicator.partner.organisation.key,
                                                    "name": organisation_name(indicator.partner.organisation)}}
            for indicator in monitoring.spending
        ],
    }  # fmt: skip
