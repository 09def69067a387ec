"""Every reusable read of opportunities, with what their pages show already fetched."""

from datetime import date

from django.db.models import Min, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from values.network.permissions import AnyUser
from values.programme.models import Programme
from values.volunteering.enums import OpportunityStatus
from values.volunteering.models import Opportunity, Shift
from values.volunteering.permissions import offering_organisations


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
    opportunities: QuerySet[Opportunity], *, city=None, theme=None, kind: str = "", language: str = "", on=None
) -> QuerySet[Opportunity]:
    """Narrowed to a city, a theme, a kind, a language wanted and a day it runs on (each when given)."""
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
    return opportunities


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
