"""Every reusable read of opportunities, with what their pages show already fetched."""

from datetime import date

from django.db.models import Case, Count, FloatField, Min, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from values.core.text import Untranslated, untranslated
from values.network.models import Organisation
from values.network.permissions import AnyUser
from values.programme.models import Programme
from values.programme.permissions import is_coordinator
from values.volunteering.enums import BookingStatus, CommitmentStatus, HoursStatus, OpportunityStatus
from values.volunteering.matching import haversine_km
from values.volunteering.models import Commitment, Opportunity, Shift, ShiftBooking, TrainingSession, Volunteer
from values.volunteering.permissions import offering_organisations, organising_organisations
from values.volunteering.places import position
from values.volunteering.services import OPPORTUNITY_TEXTS
from values.volunteering.training import TRAINING_TEXTS


def opportunities_of(programme: Programme) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(programme=programme).select_related(
        "programme", "organisation", "city", "city__city", "theme", "background_check_seen_by"
    )


def with_next_shift(opportunities: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    """Each with `next_shift`: when its first shift from now on starts (None when it has none)."""
    return opportunities.annotate(next_shift=Min("shifts__starts_at", filter=Q(shifts__starts_at__gte=timezone.now())))


def open_opportunities(programme: Programme, *, today: date | None = None) -> QuerySet[Opportunity]:
    """The programme's published opportunities that have not ended, each with its next shift (`next_shift`)."""
    today = today or timezone.localdate()
    published = (
        opportunities_of(programme)
        .filter(status=OpportunityStatus.PUBLISHED)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    )
    return with_next_shift(published).order_by("start_date", "pk")


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


# -- a volunteer's own ---------------------------------------------------------------------------
def commitments_of(volunteer: Volunteer) -> QuerySet[Commitment]:
    return volunteer.commitments.select_related("opportunity__organisation", "opportunity__city__city").order_by(
        "-created_at", "pk"
    )


def coming_bookings(volunteer: Volunteer, *, now=None) -> QuerySet[ShiftBooking]:
    """The volunteer's confirmed places on shifts that have not ended, soonest first."""
    return (
        volunteer.bookings.filter(status=BookingStatus.CONFIRMED, shift__ends_at__gt=now or timezone.now())
        .select_related("shift__opportunity__city__city", "shift__opportunity__organisation")
        .order_by("shift__starts_at", "pk")
    )


def personal_data(volunteer: Volunteer) -> dict:
    """Everything the platform keeps about the volunteer, as they download it (GDPR article 15 and 20)."""
    return {
        "programme": volunteer.programme.code,
        "name": volunteer.name, "email": volunteer.email, "language": volunteer.language,
        "languages": volunteer.languages, "skills": volunteer.skills, "availability": volunteer.availability,
        "themes": sorted(theme.key for theme in volunteer.themes.all()),
        "city": volunteer.city.city.name if volunteer.city_id and hasattr(volunteer.city, "city") else None,
        "area": volunteer.area, "latitude": volunteer.latitude, "longitude": volunteer.longitude,
        "max_km": volunteer.max_km, "birth_year": volunteer.birth_year,
        "consent": {"text": volunteer.consent_text, "given_at": _iso(volunteer.consented_at)},
        "signed_up_at": _iso(volunteer.created_at), "confirmed_at": _iso(volunteer.confirmed_at),
        "last_active_at": _iso(volunteer.last_active_at),
        "campaign": volunteer.campaign, "channel": volunteer.channel,
        "commitments": [
            {"opportunity": commitment.opportunity.title, "organisation": commitment.opportunity.organisation.key,
             "status": commitment.status, "message": commitment.message, "applied_at": _iso(commitment.created_at)}
            for commitment in commitments_of(volunteer)
        ],
        "shifts": [
            {"opportunity": booking.shift.opportunity.title, "starts_at": _iso(booking.shift.starts_at),
             "ends_at": _iso(booking.shift.ends_at), "status": booking.status}
            for booking in volunteer.bookings.select_related("shift__opportunity").order_by("shift__starts_at")
        ],
        "hours": [
            {"opportunity": entry.opportunity.title, "starts_at": _iso(entry.starts_at), "ends_at": _iso(entry.ends_at),
             "minutes": entry.minutes, "approved_minutes": entry.approved_minutes, "status": entry.status,
             "note": entry.note}
            for entry in volunteer.hours.select_related("opportunity").order_by("starts_at")
        ],
        "training": [
            {"session": seat.session.title, "starts_at": _iso(seat.session.starts_at), "attended": seat.attended}
            for seat in volunteer.training_seats.select_related("session").order_by("session__starts_at")
        ],
    }  # fmt: skip


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def volunteers_of(programme: Programme, *, search: str = "") -> QuerySet[Volunteer]:
    """The programme's confirmed volunteers (the coordinator's list), found by name or e-mail."""
    volunteers = Volunteer.objects.filter(programme=programme, confirmed_at__isnull=False, anonymised_at__isnull=True)
    if search:
        volunteers = volunteers.filter(Q(email__icontains=search) | Q(name__icontains=search))
    return volunteers.select_related("city__city").order_by("name", "pk")


def commitment_to(volunteer: Volunteer | None, opportunity: Opportunity) -> Commitment | None:
    """The volunteer's commitment to the opportunity, if they have one."""
    if volunteer is None:
        return None
    return volunteer.commitments.filter(opportunity=opportunity).first()


def opportunities_to_translate(
    user: AnyUser, programme: Programme, *, organisation: Organisation | None = None
) -> list[Untranslated]:
    """The programme's opportunities this person may change (their organisations', or all for the coordinator;
    `organisation` narrows them), drafts too, that lack a translation into one of the programme's languages."""
    opportunities = Opportunity.objects.filter(programme=programme).select_related("organisation").order_by("pk")
    if not is_coordinator(user, programme):
        opportunities = opportunities.filter(organisation__in=offering_organisations(user, programme))
    if organisation is not None:
        opportunities = opportunities.filter(organisation=organisation)
    fields = ("pk", "programme_id", "organisation", "original_language", "status", *OPPORTUNITY_TEXTS)
    return untranslated(opportunities.only(*fields), OPPORTUNITY_TEXTS, programme.languages)


def training_sessions_to_translate(
    user: AnyUser, programme: Programme, *, organisation: Organisation | None = None
) -> list[Untranslated]:
    """The programme's training sessions this person may change (their organisation's, or all for the
    coordinator; `organisation` narrows them) that lack a translation into one of the programme's languages."""
    sessions = TrainingSession.objects.filter(programme=programme).select_related("organisation").order_by("pk")
    if not is_coordinator(user, programme):
        sessions = sessions.filter(organisation__in=organising_organisations(user, programme))
    if organisation is not None:
        sessions = sessions.filter(organisation=organisation)
    fields = ("pk", "programme_id", "organisation", "original_language", *TRAINING_TEXTS)
    return untranslated(sessions.only(*fields), TRAINING_TEXTS, programme.languages)


# -- what needs a person (their start page, volunteering/todo.py) -------------------------------------------------
def opportunities_waiting_on(user: AnyUser, programme: Programme) -> QuerySet[Opportunity]:
    """The opportunities this person changes (permissions.offering_organisations) with applicants to decide or
    hours to approve, each counted, with the date the oldest has waited since."""
    pending_commitments = Q(commitments__status=CommitmentStatus.APPLIED)
    pending_hours = Q(hours__status=HoursStatus.LOGGED)
    return (
        Opportunity.objects.filter(programme=programme, organisation__in=offering_organisations(user, programme))
        .annotate(
            applicants=Count("commitments", filter=pending_commitments, distinct=True),
            applied_since=Min("commitments__created_at", filter=pending_commitments),
            hours_waiting=Count("hours", filter=pending_hours, distinct=True),
            hours_since=Min("hours__logged_at", filter=pending_hours),
        )
        .filter(Q(applicants__gt=0) | Q(hours_waiting__gt=0))
        .order_by("pk")
    )
