"""Matching in the web app: the database as the matching engine's Candidates and Offers, its reasons in words,
an opportunity's applicants ranked, and the services that accept or decline them and accept a whole matching.

`matching.py` stays pure; this module reads the volunteers and opportunities it needs, turns them into dataclasses,
and writes the decisions back as Commitments. Each refusal is a ValidationError naming what it is about, and a
refused change leaves the database as it was.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from values.core.languages import language_name
from values.core.text import pick
from values.network.models import Organisation, User
from values.programme.models import Programme, Theme
from values.volunteering.enums import CommitmentStatus, OpportunityStatus
from values.volunteering.matching import (
    PARTS,
    Candidate,
    Explanation,
    Fit,
    Matching,
    Offer,
    Outcome,
    Pairs,
    Reason,
    ReasonKind,
    Slot,
    eligible_pairs,
    fit,
    haversine_km,
    match,
)
from values.volunteering.models import Commitment, Opportunity, Shift, Volunteer

MORNING_ENDS, AFTERNOON_ENDS = 12, 18  # hours, in the city's time
# A commitment in these states keeps its pair out of a new matching: accepted already, or answered no.
SETTLED = (CommitmentStatus.ACCEPTED, CommitmentStatus.DECLINED, CommitmentStatus.WITHDRAWN)
PENDING = (CommitmentStatus.APPLIED, CommitmentStatus.ACCEPTED)


# -- the database as the engine's dataclasses ---------------------------------------------------
def availability_slots(availability: Iterable[str]) -> frozenset[Slot]:
    """A volunteer's "<weekday>-<part>" strings as slots; anything else is ignored."""
    slots = set()
    for text in availability:
        weekday, _sep, part = str(text).partition("-")
        if weekday.isdigit() and int(weekday) < 7 and part in PARTS:
            slots.add((int(weekday), part))
    return frozenset(slots)


def shift_slot(starts_at: datetime, zone) -> Slot:
    """The weekday and part of the day a shift starts, in its city's time."""
    local = starts_at.astimezone(zone)
    part = "morning" if local.hour < MORNING_ENDS else "afternoon" if local.hour < AFTERNOON_ENDS else "evening"
    return (local.weekday(), part)


def candidate_of(volunteer: Volunteer, *, today: date) -> Candidate:
    """`volunteer.themes` should be prefetched."""
    return Candidate(
        id=volunteer.pk,
        languages=frozenset(volunteer.languages or ()),
        skills=frozenset(str(skill).strip().lower() for skill in volunteer.skills or ()),
        slots=availability_slots(volunteer.availability or ()),
        latitude=volunteer.latitude,
        longitude=volunteer.longitude,
        max_km=float(volunteer.max_km),
        themes=frozenset(theme.pk for theme in volunteer.themes.all()),
        age=None if volunteer.birth_year is None else today.year - volunteer.birth_year,
    )


def opportunity_position(opportunity: Opportunity) -> tuple[float | None, float | None]:
    """Its own position, or its city's centre."""
    if opportunity.latitude is not None and opportunity.longitude is not None:
        return opportunity.latitude, opportunity.longitude
    centre = getattr(opportunity.city, "city", None) if opportunity.city_id else None
    if centre is None:
        return None, None
    return float(centre.lat), float(centre.lon)


def offer_of(opportunity: Opportunity, *, places_left: int, shifts: Iterable[Shift]) -> Offer:
    """`shifts`: its future shifts (their times make the slots; none: any time)."""
    latitude, longitude = opportunity_position(opportunity)
    zone = opportunity.time_zone
    return Offer(
        id=opportunity.pk,
        languages=frozenset(opportunity.languages or ()),
        skills=frozenset(str(skill).strip().lower() for skill in opportunity.skills or ()),
        slots=frozenset(shift_slot(shift.starts_at, zone) for shift in shifts),
        latitude=latitude,
        longitude=longitude,
        places=places_left,
        theme=opportunity.theme_id,
        minimum_age=opportunity.minimum_age,
    )


def confirmed_volunteers(programme: Programme) -> QuerySet[Volunteer]:
    return (
        Volunteer.objects.filter(programme=programme, confirmed_at__isnull=False, anonymised_at__isnull=True)
        .prefetch_related("themes")
        .order_by("name", "pk")
    )


def with_places(opportunities: QuerySet[Opportunity], *, now: datetime) -> QuerySet[Opportunity]:
    """Each with `accepted` (commitments accepted) and `future_shifts` (from `now` on) fetched."""
    return opportunities.annotate(
        accepted=Count("commitments", filter=Q(commitments__status=CommitmentStatus.ACCEPTED), distinct=True)
    ).prefetch_related(
        Prefetch("shifts", queryset=Shift.objects.filter(starts_at__gte=now).order_by("starts_at"), to_attr="future")
    )


def places_left(opportunity: Opportunity) -> int:
    return max(0, opportunity.places - opportunity.accepted)


def city_opportunities(programme: Programme, city: Organisation, *, now: datetime) -> list[Opportunity]:
    """The city's published opportunities that have not ended, with their places and future shifts."""
    opportunities = (
        Opportunity.objects.filter(programme=programme, city=city, status=OpportunityStatus.PUBLISHED)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate(now)))
        .select_related("city", "city__city", "theme", "organisation")
        .order_by("start_date", "pk")
    )
    return list(with_places(opportunities, now=now))


def offers_of(opportunities: Iterable[Opportunity]) -> list[Offer]:
    """The opportunities of `city_opportunities` with a place left, as offers."""
    return [
        offer_of(opportunity, places_left=places_left(opportunity), shifts=opportunity.future)
        for opportunity in opportunities
        if places_left(opportunity) > 0
    ]


# -- reasons in words ---------------------------------------------------------------------------
def _days(slots: Iterable[Slot]) -> str:
    names = {
        ("morning", 0): _("Monday mornings"), ("afternoon", 0): _("Monday afternoons"),
        ("evening", 0): _("Monday evenings"), ("morning", 1): _("Tuesday mornings"),
        ("afternoon", 1): _("Tuesday afternoons"), ("evening", 1): _("Tuesday evenings"),
        ("morning", 2): _("Wednesday mornings"), ("afternoon", 2): _("Wednesday afternoons"),
        ("evening", 2): _("Wednesday evenings"), ("morning", 3): _("Thursday mornings"),
        ("afternoon", 3): _("Thursday afternoons"), ("evening", 3): _("Thursday evenings"),
        ("morning", 4): _("Friday mornings"), ("afternoon", 4): _("Friday afternoons"),
        ("evening", 4): _("Friday evenings"), ("morning", 5): _("Saturday mornings"),
        ("afternoon", 5): _("Saturday afternoons"), ("evening", 5): _("Saturday evenings"),
        ("morning", 6): _("Sunday mornings"), ("afternoon", 6): _("Sunday afternoons"),
        ("evening", 6): _("Sunday evenings"),
    }  # fmt: skip
    return ", ".join(names[(part, weekday)] for weekday, part in slots)


def _languages(codes: Iterable[str]) -> str:
    return ", ".join(language_name(code) for code in codes)


def _km(value: float) -> str:
    return number_format(value, decimal_pos=1)


def describe(reason: Reason, themes: Mapping[int, str]) -> str:
    """One reason as a sentence in the active language; `themes` names the themes by id."""
    values = reason.values
    match reason.kind:
        case ReasonKind.PLACEMENT:
            return _("Eligible: a place suits them")
        case ReasonKind.LANGUAGES:
            return ngettext(
                "Speaks %(languages)s, which the opportunity wants",
                "Speaks %(languages)s, which the opportunity wants",
                len(values),
            ) % {"languages": _languages(values)}
        case ReasonKind.SKILLS:
            return _("Has the skills it asks for: %(skills)s") % {"skills": ", ".join(values)}
        case ReasonKind.SLOTS:
            return _("Free on %(times)s") % {"times": _days(values)}
        case ReasonKind.THEME:
            return _("Cares about theme %(theme)s") % {"theme": themes.get(values[0], str(values[0]))}
        case ReasonKind.DISTANCE:
            return _("%(km)s km away") % {"km": _km(values[0])}
        case ReasonKind.NO_TRAVEL:
            return _("No travel needed: it has no fixed place")
        case ReasonKind.TOO_FAR:
            return _("Too far: %(km)s km away, and they go at most %(max)s km") % {
                "km": _km(values[0]), "max": _km(values[1])
            }  # fmt: skip
        case ReasonKind.NO_COMMON_LANGUAGE:
            return _("Speaks none of the languages wanted (%(languages)s)") % {"languages": _languages(values)}
        case ReasonKind.NO_COMMON_SLOT:
            return _("Not free at its times (%(times)s)") % {"times": _days(values)}
        case ReasonKind.TOO_YOUNG:
            return _("Too young: %(age)d, and it needs %(minimum)d") % {"age": values[0], "minimum": values[1]}
        case ReasonKind.AGE_UNKNOWN:
            return _("Age not given, and it needs %(minimum)d") % {"minimum": values[0]}
    return str(reason.kind)  # pragma: no cover: every kind is above


def theme_names(programme: Programme) -> dict[int, str]:
    return {theme.pk: f"{theme.key} · {pick(theme.title)}" for theme in Theme.objects.filter(programme=programme)}


# -- an opportunity's applicants -----------------------------------------------------------------
@dataclass(frozen=True)
class Applicant:
    commitment: Commitment
    fit: Fit
    reasons: list[str]


def applicants(opportunity: Opportunity, *, now: datetime | None = None) -> list[Applicant]:
    """The commitments applied for or accepted, the eligible by fit (best first, then by application), the
    ineligible last with why."""
    now = now or timezone.now()
    opportunity = with_places(Opportunity.objects.filter(pk=opportunity.pk), now=now).select_related(
        "city", "city__city"
    )[0]
    offer = offer_of(opportunity, places_left=max(1, places_left(opportunity)), shifts=opportunity.future)
    commitments = (
        opportunity.commitments.filter(status__in=PENDING)
        .select_related("volunteer", "decided_by")
        .prefetch_related("volunteer__themes")
        .order_by("created_at", "pk")
    )
    today, names = timezone.localdate(now), theme_names(opportunity.programme)
    ranked = []
    for commitment in commitments:
        pair = fit(candidate_of(commitment.volunteer, today=today), offer)
        ranked.append(Applicant(commitment, pair, [describe(reason, names) for reason in pair.reasons]))
    return sorted(ranked, key=lambda a: (not a.fit.eligible, -a.fit.score))  # stable: by application


class DecisionRefused(ValidationError):
    """A decision on an application that cannot be taken: the commitment is decided already, or no place is left.
    A ValidationError on "status", so that a form shows it; the API answers it as a conflict (409)."""


class StaleDecision(DecisionRefused):
    """Someone else decided since the person deciding saw the application (the API answers 412)."""


@transaction.atomic
def decide_commitment(commitment: Commitment, *, accept: bool, seen: str, by: User | None) -> Commitment:
    """Accept or decline an application (or decline one accepted before). `seen` is the status the person
    deciding saw: a decision taken since by someone else is refused (StaleDecision), and so is an acceptance
    beyond the places or of a commitment decided already (DecisionRefused)."""
    opportunity = Opportunity.objects.select_for_update().get(pk=commitment.opportunity_id)  # one at a time
    commitment = Commitment.objects.select_for_update().select_related("volunteer").get(pk=commitment.pk)
    name = str(commitment.volunteer)
    if commitment.status != seen:
        raise StaleDecision(
            {
                "status": [
                    _("%(name)s: someone else decided meanwhile (now %(status)s); look again.")
                    % {"name": name, "status": commitment.get_status_display()}
                ]
            }
        )
    wanted = CommitmentStatus.ACCEPTED if accept else CommitmentStatus.DECLINED
    if commitment.status not in (CommitmentStatus.APPLIED, *(() if accept else (CommitmentStatus.ACCEPTED,))):
        raise DecisionRefused({"status": [_("%(name)s: already %(status)s.") % {
            "name": name, "status": commitment.get_status_display()}]})  # fmt: skip
    if accept:
        taken = opportunity.commitments.filter(status=CommitmentStatus.ACCEPTED).count()
        if taken >= opportunity.places:
            raise DecisionRefused({"status": [_("%(name)s: no place left in this opportunity.") % {"name": name}]})
    commitment.status, commitment.decided_by, commitment.decided_at = wanted, by, timezone.now()
    commitment.save(update_fields=["status", "decided_by", "decided_at"])
    return commitment


# -- matching everyone --------------------------------------------------------------------------
@dataclass
class Line:
    """A volunteer's line of the proposal: the opportunity chosen (None: none), the ones they may take."""

    volunteer: Volunteer
    choice: int | None
    options: list[Opportunity]
    reasons: list[str] = field(default_factory=list)  # of the choice, or why none


@dataclass
class Board:
    city: Organisation
    opportunities: list[Opportunity]  # the city's open ones, with `accepted` and `proposed` (filled)
    lines: list[Line]
    matching: Matching | None = None  # when just proposed


@dataclass
class _World:
    """What a matching for a city starts from, read at one time."""

    opportunities: list[Opportunity]
    volunteers: dict[int, Volunteer]
    candidates: list[Candidate]
    offers: list[Offer]
    pairs: Pairs
    settled: set[tuple[int, int]]


def _world(programme: Programme, city: Organisation, *, now: datetime) -> _World:
    opportunities = city_opportunities(programme, city, now=now)
    offers = offers_of(opportunities)
    today = timezone.localdate(now)
    volunteers, candidates = {}, []
    for volunteer in confirmed_volunteers(programme).filter(Q(city=city) | Q(city__isnull=True)):
        candidate = candidate_of(volunteer, today=today)
        if volunteer.city_id is None and not _within_reach(candidate, offers):
            continue
        volunteers[volunteer.pk] = volunteer
        candidates.append(candidate)
    settled = set(
        Commitment.objects.filter(opportunity__in=[o.id for o in offers], status__in=SETTLED).values_list(
            "volunteer_id", "opportunity_id"
        )
    )
    pairs = eligible_pairs(candidates, offers)
    if settled and len(pairs):
        keep = np.array(
            [
                (candidates[c].id, offers[o].id) not in settled
                for c, o in zip(pairs.candidates, pairs.offers, strict=True)
            ],
            dtype=bool,
        )
        pairs = Pairs(pairs.candidates[keep], pairs.offers[keep], pairs.fits[keep])
    return _World(opportunities, volunteers, candidates, offers, pairs, settled)


def _within_reach(candidate: Candidate, offers: list[Offer]) -> bool:
    """A volunteer with no city: within their reach of one of the city's placed opportunities."""
    if candidate.latitude is None or candidate.longitude is None:
        return False
    return any(
        offer.latitude is not None
        and haversine_km(candidate.latitude, candidate.longitude, offer.latitude, offer.longitude) <= candidate.max_km
        for offer in offers
    )


def _board(
    programme: Programme,
    city: Organisation,
    world: _World,
    choices: Mapping[int, int | None],
    explanations: Mapping[int, Explanation] | None = None,
    matching: Matching | None = None,
) -> Board:
    by_id = {opportunity.pk: opportunity for opportunity in world.opportunities}
    options: dict[int, list[Opportunity]] = {}
    for c, o in zip(world.pairs.candidates.tolist(), world.pairs.offers.tolist(), strict=True):
        options.setdefault(world.candidates[c].id, []).append(by_id[world.offers[o].id])
    names = theme_names(programme)
    offers = {offer.id: offer for offer in world.offers}
    lines = []
    for candidate in world.candidates:
        choice = choices.get(candidate.id)
        if choice is not None:
            reasons = [describe(reason, names) for reason in fit(candidate, offers[choice]).reasons]
        elif explanations is not None:
            reasons = _why_none(explanations[candidate.id], by_id)
        else:
            reasons = []
        mine = sorted(options.get(candidate.id, []), key=lambda o: o.pk)
        lines.append(Line(world.volunteers[candidate.id], choice, mine, reasons))
    for opportunity in world.opportunities:
        opportunity.proposed = sum(1 for choice in choices.values() if choice == opportunity.pk)
    return Board(city, world.opportunities, lines, matching)


def _why_none(explanation: Explanation, opportunities: Mapping[int, Opportunity]) -> list[str]:
    if explanation.outcome == Outcome.FILLED_BY_CLOSER_FITS:
        titles = ", ".join(pick(opportunities[oid].title) for oid in explanation.offers)
        return [_("The opportunities that suit them were filled by closer fits: %(titles)s") % {"titles": titles}]
    return [_("No opportunity suits them (languages, times, distance or age).")]


def propose(programme: Programme, city: Organisation, *, now: datetime | None = None) -> Board:
    """Run the matching for the city's open opportunities and the volunteers within its reach."""
    world = _world(programme, city, now=now or timezone.now())
    matching = match(world.candidates, world.offers, pairs=world.pairs)
    return _board(programme, city, world, matching.assignments, matching.explanations, matching)


def adjusted(programme: Programme, city: Organisation, choices: Mapping[int, int | None], *,
             now: datetime | None = None) -> Board:  # fmt: skip
    """The board with the choices as sent (those still valid), to show again after a refusal."""
    world = _world(programme, city, now=now or timezone.now())
    valid = _valid_pairs(world)
    kept = {v: o for v, o in choices.items() if v in world.volunteers and (o is None or (v, o) in valid)}
    return _board(programme, city, world, kept)


def _valid_pairs(world: _World) -> set[tuple[int, int]]:
    return {
        (world.candidates[c].id, world.offers[o].id)
        for c, o in zip(world.pairs.candidates.tolist(), world.pairs.offers.tolist(), strict=True)
    }


@transaction.atomic
def accept_matching(
    programme: Programme, city: Organisation, choices: Mapping[int, int | None], *, by: User | None,
    now: datetime | None = None,
) -> list[Commitment]:  # fmt: skip
    """Accept the chosen lines (volunteer id → opportunity id; None: nobody) all at once: each a Commitment
    accepted by `by`. If any line is no longer valid (the volunteer gone or no longer eligible, the places taken
    meanwhile), nothing is accepted and every such line is named."""
    now = now or timezone.now()
    chosen = {volunteer: opportunity for volunteer, opportunity in choices.items() if opportunity is not None}
    # Lock the city's opportunities first, so that two acceptances (or an applicant's) take places one at a time.
    list(Opportunity.objects.select_for_update().filter(programme=programme, city=city).order_by("pk"))
    world = _world(programme, city, now=now)
    valid = _valid_pairs(world)
    by_id = {opportunity.pk: opportunity for opportunity in world.opportunities}
    room = {opportunity.pk: places_left(opportunity) for opportunity in world.opportunities}
    errors = []
    for volunteer_id, opportunity_id in sorted(chosen.items()):
        volunteer = world.volunteers.get(volunteer_id)
        if volunteer is None:
            errors.append(_("Volunteer %(number)d: no longer a volunteer this matching may place.") % {
                "number": volunteer_id})  # fmt: skip
        elif room.get(opportunity_id, 1) <= 0:
            errors.append(_("%(name)s: no place left in %(title)s.") % {
                "name": volunteer, "title": pick(by_id[opportunity_id].title)})  # fmt: skip
        elif (volunteer_id, opportunity_id) not in valid:
            title = pick(by_id[opportunity_id].title) if opportunity_id in by_id else str(opportunity_id)
            errors.append(_("%(name)s: %(title)s is not one of the opportunities they may take now.") % {
                "name": volunteer, "title": title})  # fmt: skip
        else:
            room[opportunity_id] -= 1
    if errors:
        raise ValidationError({"choice": errors})
    decided = timezone.now()
    existing = {
        c.volunteer_id: c
        for c in Commitment.objects.select_for_update().filter(
            volunteer__in=list(chosen), opportunity__in=set(chosen.values())
        )
        if chosen.get(c.volunteer_id) == c.opportunity_id
    }
    commitments = []
    for volunteer_id, opportunity_id in sorted(chosen.items()):
        commitment = existing.get(volunteer_id) or Commitment(volunteer_id=volunteer_id, opportunity_id=opportunity_id)
        commitment.status, commitment.decided_by, commitment.decided_at = CommitmentStatus.ACCEPTED, by, decided
        commitment.save()
        commitments.append(commitment)
    return commitments
