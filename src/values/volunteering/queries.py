"""Every reusable read of opportunities, with what their pages show already fetched."""

from datetime import date

from django.db.models import Case, FloatField, Min, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from values.network.permissions import AnyUser
from values.programme.models import Programme
from values.volunteering.enums import OpportunityStatus
from values.volunteering.matching import haversine_km
from values.volunteering.models import Opportunity, Shift
from values.volunteering.permissions import offering_organisations
from values.volunteering.places import position


def opportunities_of(programme: Programme) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(programme=programme).select_related(
        "programme", "organisation", "city", "city__city", "theme", "background_check_seen_by"
    )


def open_opportunities(programme: Programme, *, today: date | None = None) -> QuerySet[Opportunity]:
    """The programme's published opportunities that have not ended, each with its next shift (`next_shift`)."""
    today = today or timezone.localdate()
    return (
        opportunities_of(programme)
        .filter(status=OpportunityStatus.PUBLISHED)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .annotate(next_shift=Min("shifts__starts_at", filter=Q(shifts__starts_at__gte=timezone.now())))
        .order_by("start_date", "pk")
    )


def filter_opportunities(
    opportunities: QuerySet[Opportunity],
    *,
    city=None,
    theme=None,
    kind: str = "",
    language: str = "",
    on=None,
    near: tuple[float, float] | None = None,
    within_km: float | None = None,
) -> QuerySet[Opportunity]:
    """Narrowed to a city, a theme, a kind, a language wanted, a day it runs on and a distance from a place
    (each when given)."""
    if city is not None:
        opportunities = opportunities.filter(city=city)
    if theme is not None:
        opportunities = opportunities.filter(theme=theme)
    if kind:
        opportunities = opportunities.filter(kind=kind)
    if language:
        # The JSON list as text holds the code in quotes on SQLite and PostgreSQL alike; the code is checked.
        opportunities = opportunities.annotate(languages_text=Cast("languages", TextField())).filter(
            languages_text__contains=f'"{language}"'
        )
    if on is not None:
        opportunities = opportunities.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)
    if near is not None:
        opportunities = _near(opportunities, near, within_km)
    return opportunities


def _near(
    opportunities: QuerySet[Opportunity], near: tuple[float, float], within_km: float | None
) -> QuerySet[Opportunity]:
    """Those within `within_km` of `near` (one without a position at its city's centre), the nearest first, each
    with its `distance_km`; one query reads the positions and the distances are the matching's haversine."""
    distances = {}
    positions = opportunities.values_list("pk", "latitude", "longitude", "city__city__lat", "city__city__lon")
    for pk, *where in positions:
        if (at := position(*where)) is None:
            continue
        km = haversine_km(near[0], near[1], *at)
        if within_km is None or km <= within_km:
            distances[pk] = km
    if not distances:
        return opportunities.none()
    distance = Case(*(When(pk=pk, then=Value(km)) for pk, km in distances.items()), output_field=FloatField())
    return opportunities.filter(pk__in=distances).annotate(distance_km=distance).order_by("distance_km", "pk")


def drafts_for(user: AnyUser, programme: Programme) -> QuerySet[Opportunity]:
    """The drafts this person may change (none for the public)."""
    if not user.is_authenticated:
        return Opportunity.objects.none()
    return (
        opportunities_of(programme)
        .filter(status=OpportunityStatus.DRAFT, organisation__in=offering_organisations(user, programme))
        .order_by("start_date", "pk")
    )


def shifts_of(opportunity: Opportunity) -> QuerySet[Shift]:
    return opportunity.shifts.order_by("starts_at", "pk")
