"""Volunteer opportunities (found as on the list page, read with their shifts; offered, changed, published and
closed as on the edit page, their shifts added as on the shifts page), their applicants for who changes them,
decisions on applications and on the hours given, and the programme's volunteering indicators: the same queries,
services and rules as the volunteering pages (`values.volunteering`)."""

from datetime import date, datetime, time
from decimal import Decimal
from enum import IntEnum, StrEnum
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as SchemaValidationError
from pydantic import AfterValidator

from values.api.context import acting_for, enter, require_signed_in
from values.api.openapi import PROBLEM_MEDIA, PUBLIC_MARK
from values.api.paging import Page, Paging, paged
from values.api.problems import rate_headers
from values.api.programmes import organisation_name
from values.api.schemas import Moment, OrganisationRef, Texts
from values.core.problems import problem
from values.core.templatetags.values_tags import person
from values.programme.queries import city_partners, key_figures
from values.volunteering.bookings import shifts_with_places
from values.volunteering.enums import CommitmentStatus, HoursStatus, OpportunityKind, OpportunityStatus
from values.volunteering.forms import WITHIN_KM, OpportunityFilterForm
from values.volunteering.hours import StaleHours, decide_hours, hours_of_opportunity
from values.volunteering.indicators import Figures, programme_indicators
from values.volunteering.matchmaking import (
    Applicant,
    DecisionRefused,
    StaleDecision,
    applicants,
    decide_commitment,
    places_left,
    with_places,
)
from values.volunteering.models import Commitment, HoursEntry, Opportunity, Shift
from values.volunteering.permissions import (
    can_edit_opportunity,
    get_opportunity_for_edit,
    get_opportunity_for_hours,
    get_opportunity_for_view,
    offering_organisations,
)
from values.volunteering.queries import drafts_for, filter_opportunities, open_opportunities, with_next_shift
from values.volunteering.services import (
    add_shift,
    add_weekly_shifts,
    close_opportunity,
    publish_opportunity,
    save_opportunity,
)

router = Router(tags=["volunteering"])
PUBLIC = {PUBLIC_MARK: True}
Within = IntEnum("Within", {f"KM_{km}": km for km in WITHIN_KM})


class Listed(StrEnum):
    PUBLISHED = "published"
    DRAFT = "draft"


# -- opportunities ------------------------------------------------------------------------------
class OpportunityOut(Schema):
    id: int
    organisation: OrganisationRef = Field(description="Who offers it.")
    city: OrganisationRef = Field(description="The partner city where it happens.")
    kind: OpportunityKind
    original_language: str = Field(examples=["en"])
    title: Texts = Field(examples=[{"en": "Welcome walks", "it": "Passeggiate di benvenuto"}])
    theme: str = Field(examples=["B"], description="A theme's key.")
    neighbourhood: str
    latitude: float | None
    longitude: float | None
    languages: list[str] = Field(examples=[["it", "ar"]], description="The languages wanted (ISO 639-1).")
    places: int
    start_date: date
    end_date: date | None
    status: OpportunityStatus
    time_zone: str = Field(examples=["Europe/Rome"], description="The city's; times are given in it.")
    next_shift: datetime | None = Field(description="When its next shift starts; null when none is planned.")
    distance_km: float | None = Field(None, description="With `near`: how far it is from that place.")


class ShiftOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    places: int
    places_left: int


class OpportunityDetail(OpportunityOut):
    description: Texts = Field(description="Markdown.")
    skills: list[str]
    minimum_age: int
    vulnerable_people: bool = Field(description="It works with minors or vulnerable people: a background check.")
    accessibility: str
    places_left: int = Field(description="Its places less the volunteers accepted.")
    shifts: list[ShiftOut]
    can_edit: bool = Field(description="Whether the caller changes it (and reads its applicants).")


class OpportunityFilters(Schema):
    """The list page's filters; a value that names nothing is refused with its parameter."""

    status: Listed = Field(Listed.PUBLISHED, description="`draft`: the drafts you may change (none for the public).")
    city: str = Field("", max_length=64, description="A partner city's key.")
    theme: str = Field("", max_length=64, description="A theme's key.")
    kind: OpportunityKind | None = None
    language: str = Field("", max_length=2, description="A language wanted (ISO 639-1).")
    on: date | None = Field(None, description="It runs on this day.")
    near: str = Field("", max_length=100, description="A partner city, a neighbourhood or a postcode.")
    within: Within | None = Field(None, description="Kilometres from `near` (10 unless given).")


def _local(moment: datetime | None, zone) -> datetime | None:
    return moment.astimezone(zone) if moment else None


def _ref(organisation) -> dict:
    return {"key": organisation.key, "name": organisation_name(organisation)}


def opportunity_out(opportunity: Opportunity) -> dict:
    zone = opportunity.time_zone
    return {
        "id": opportunity.pk, "organisation": _ref(opportunity.organisation), "city": _ref(opportunity.city),
        "kind": opportunity.kind, "original_language": opportunity.original_language, "title": opportunity.title,
        "theme": opportunity.theme.key, "neighbourhood": opportunity.neighbourhood,
        "latitude": opportunity.latitude, "longitude": opportunity.longitude,
        "languages": list(opportunity.languages), "places": opportunity.places,
        "start_date": opportunity.start_date, "end_date": opportunity.end_date, "status": opportunity.status,
        "time_zone": zone.key, "next_shift": _local(getattr(opportunity, "next_shift", None), zone),
        "distance_km": getattr(opportunity, "distance_km", None),
    }  # fmt: skip


def _filter_form(programme, filters: OpportunityFilters) -> OpportunityFilterForm:
    """The list page's form, bound to the filters given: the same lookups and the same refusals."""
    given = filters.dict(exclude={"status"})
    data = {name: str(getattr(value, "value", value)) for name, value in given.items() if value not in ("", None)}
    form = OpportunityFilterForm(data or None, programme=programme)
    if form.is_bound and not form.is_valid():
        raise SchemaValidationError([{"loc": ("query", name), "msg": " ".join(messages)}
                                     for name, messages in form.errors.items()])  # fmt: skip
    return form


@router.get("{code}/opportunities/", response=Page[OpportunityOut], openapi_extra=PUBLIC,
            summary="Find volunteer opportunities")  # fmt: skip
def list_opportunities(request: HttpRequest, code: str, filters: Query[OpportunityFilters], paging: Query[Paging]):
    programme = enter(request, code)
    form = _filter_form(programme, filters)
    if filters.status == Listed.DRAFT:  # shown apart on the page: the drafts of the caller's organisations
        opportunities = with_next_shift(drafts_for(request.user, programme))
    else:
        opportunities = open_opportunities(programme)
    if form.is_bound:
        opportunities = filter_opportunities(opportunities, **form.criteria())
    return paged(request, opportunities, paging, lambda rows: [opportunity_out(o) for o in rows])


def opportunity_detail(request: HttpRequest, opportunity: Opportunity) -> dict:
    zone, now = opportunity.time_zone, timezone.now()
    shifts = shifts_with_places(opportunity, None, now=now)
    counted = with_places(Opportunity.objects.filter(pk=opportunity.pk), now=now).get()
    return opportunity_out(opportunity) | {
        "next_shift": _local(next((item.shift.starts_at for item in shifts if item.upcoming), None), zone),
        "description": opportunity.description, "skills": list(opportunity.skills),
        "minimum_age": opportunity.minimum_age, "vulnerable_people": opportunity.vulnerable_people,
        "accessibility": opportunity.accessibility, "places_left": places_left(counted),
        "shifts": [shift_out(item.shift, zone, item.places_left) for item in shifts],
        "can_edit": can_edit_opportunity(request.user, opportunity),
    }  # fmt: skip


def shift_out(shift: Shift, zone, left: int) -> dict:
    return {"id": shift.pk, "starts_at": _local(shift.starts_at, zone), "ends_at": _local(shift.ends_at, zone),
            "places": shift.places, "places_left": left}  # fmt: skip


@router.get("{code}/opportunities/{int:opportunity_id}/", response=OpportunityDetail, openapi_extra=PUBLIC,
            summary="Read a volunteer opportunity with its shifts")  # fmt: skip
def read_opportunity(request: HttpRequest, code: str, opportunity_id: int):
    return opportunity_detail(request, get_opportunity_for_view(request.user, enter(request, code), opportunity_id))


# -- offering and changing opportunities (the edit page's form and its status buttons) ----------
INT_RANGE = {"ge": -(2**31), "le": 2**31 - 1}  # what a database column holds: the services judge the rest
Language = Annotated[str, Field(max_length=20)]
Skill = Annotated[str, Field(max_length=800)]


class OpportunityIn(Schema):
    """The edit page's fields; texts are in `original_language` (translations are added apart)."""

    organisation: str = Field(max_length=64, examples=["cesena"], description="Who offers it: one you offer for.")
    kind: OpportunityKind
    original_language: str = Field(max_length=8, examples=["it"])
    title: str = Field(max_length=2_000, examples=["Passeggiate di benvenuto"])
    description: str = Field("", max_length=200_000, description="Markdown.")
    theme: str = Field(max_length=64, examples=["B"], description="A theme's key.")
    city: str = Field(max_length=64, examples=["cesena"], description="The partner city where it happens.")
    neighbourhood: str = Field("", max_length=2_000)
    latitude: float | None = None
    longitude: float | None = None
    languages: list[Language] = Field([], max_length=100, examples=[["it", "ar"]], description="ISO 639-1.")
    skills: list[Skill] = Field([], max_length=200)
    places: int = Field(examples=[8], description="From 1 to 500.", **INT_RANGE)
    minimum_age: int = Field(0, description="From 0 to 99.", **INT_RANGE)
    vulnerable_people: bool = Field(False, description="It works with minors or vulnerable people.")
    background_check_seen: bool = Field(False, description="The background check was seen (no document is "
                                        "stored): needed to publish when `vulnerable_people`.")  # fmt: skip
    accessibility: str = Field("", max_length=20_000)
    start_date: date = Field(examples=["2020-03-01"], description="Within the programme's dates.")
    end_date: date | None = None


def _save(request: HttpRequest, programme, payload: OpportunityIn, opportunity: Opportunity | None) -> Opportunity:
    """The edit page's form: organisations the caller offers for (none: 403), then the service's checks."""
    data = payload.dict()
    organisation = acting_for(offering_organisations(request.user, programme), data.pop("organisation"),
                              none=_("Only a partner's city staff, volunteer leaders and the coordinator offer "
                                     "opportunities."),
                              not_one=_("Choose one of the organisations you offer opportunities for."))  # fmt: skip
    data |= {"kind": str(data["kind"]), "city": city_partners(programme).filter(key=data["city"]).first(),
             "theme": programme.themes.filter(key=data["theme"]).first()}  # fmt: skip
    return save_opportunity(programme, opportunity=opportunity, organisation=organisation, by=request.user, **data)


@router.post("{code}/opportunities/", response={201: OpportunityDetail},
             summary="Offer a volunteer opportunity (a draft, until published)")  # fmt: skip
def create_opportunity(request: HttpRequest, code: str, payload: OpportunityIn, response: HttpResponse):
    opportunity = _save(request, enter(request, code), payload, None)
    response["Location"] = request.build_absolute_uri(f"{request.path}{opportunity.pk}/")
    return Status(201, opportunity_detail(request, opportunity))


@router.put("{code}/opportunities/{int:opportunity_id}/", response=OpportunityDetail,
            summary="Change a volunteer opportunity (who changes it)")  # fmt: skip
def change_opportunity(request: HttpRequest, code: str, opportunity_id: int, payload: OpportunityIn):
    programme = enter(request, code)
    opportunity = get_opportunity_for_edit(request.user, programme, opportunity_id)
    return opportunity_detail(request, _save(request, programme, payload, opportunity))


STATUS_PROBLEMS = {"responses": {
    "409": {"description": "Not in the status this change is for: `detail` says why.", "content": PROBLEM_MEDIA},
}}  # fmt: skip


def _change_status(request: HttpRequest, code: str, opportunity_id: int, service) -> dict:
    opportunity = get_opportunity_for_edit(request.user, enter(request, code), opportunity_id)
    try:
        service(opportunity, by=request.user)
    except ValidationError as refused:
        if "status" in refused.message_dict:  # published already, or not published: a conflict with its state
            raise HttpError(409, " ".join(refused.message_dict["status"])) from None
        raise
    return opportunity_detail(request, opportunity)


@router.post("{code}/opportunities/{int:opportunity_id}/publish/", response=OpportunityDetail,
             openapi_extra=STATUS_PROBLEMS, summary="Publish a draft opportunity (who changes it)")  # fmt: skip
def publish(request: HttpRequest, code: str, opportunity_id: int):
    return _change_status(request, code, opportunity_id, publish_opportunity)


@router.post("{code}/opportunities/{int:opportunity_id}/close/", response=OpportunityDetail,
             openapi_extra=STATUS_PROBLEMS, summary="Close a published opportunity (who changes it)")  # fmt: skip
def close(request: HttpRequest, code: str, opportunity_id: int):
    return _change_status(request, code, opportunity_id, close_opportunity)


# -- shifts -------------------------------------------------------------------------------------
def _without_offset(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError(_("A time in the city's time, without an offset."))
    return value


class OneShiftIn(Schema):
    starts_at: Moment = Field(examples=["2020-03-09T18:00:00+01:00"])
    ends_at: Moment = Field(examples=["2020-03-09T20:00:00+01:00"])
    places: int | None = Field(None, description="Null: the opportunity's places.", **INT_RANGE)


class WeeklyShiftsIn(Schema):
    weekday: int = Field(ge=0, le=6, examples=[1], description="0 Monday … 6 Sunday.")
    starts: Annotated[time, AfterValidator(_without_offset)] = Field(examples=["18:00"], description="City's time.")
    ends: Annotated[time, AfterValidator(_without_offset)] = Field(examples=["20:00"], description="City's time.")
    first_date: date = Field(examples=["2020-03-01"])
    last_date: date = Field(examples=["2020-03-31"])
    places: int | None = Field(None, description="Null: the opportunity's places.", **INT_RANGE)


# The page's two forms, as two operations: each body is exact, and a refusal names its own field.
@router.post("{code}/opportunities/{int:opportunity_id}/shifts/", response={201: list[ShiftOut]},
             summary="Add one shift (times with their offset)")  # fmt: skip
def add_one_shift(request: HttpRequest, code: str, opportunity_id: int, payload: OneShiftIn, response: HttpResponse):
    return _add_shifts(request, code, opportunity_id, response, lambda o: [add_shift(o, **payload.dict())])


@router.post("{code}/opportunities/{int:opportunity_id}/shifts/weekly/", response={201: list[ShiftOut]},
             summary="Add a shift every week on one day between two dates, at most 200 at once")  # fmt: skip
def add_shifts_weekly(request: HttpRequest, code: str, opportunity_id: int, payload: WeeklyShiftsIn,
                      response: HttpResponse):  # fmt: skip
    return _add_shifts(request, code, opportunity_id, response, lambda o: add_weekly_shifts(o, **payload.dict()))


def _add_shifts(request: HttpRequest, code: str, opportunity_id: int, response: HttpResponse, add) -> Status:
    opportunity = get_opportunity_for_edit(request.user, enter(request, code), opportunity_id)
    added = add(opportunity)
    response["Location"] = request.build_absolute_uri(f"{request.path.split('/shifts/')[0]}/")
    return Status(201, [shift_out(shift, opportunity.time_zone, shift.places) for shift in added])


# -- applicants and decisions -------------------------------------------------------------------
class VolunteerContact(Schema):
    name: str = Field(examples=["Amira Haddad"])
    email: str | None = Field(description="For this opportunity only; null once the volunteer is anonymised.")


class CommitmentOut(Schema):
    id: int
    status: CommitmentStatus
    volunteer: VolunteerContact
    message: str = Field(description="What the volunteer wrote when applying.")
    applied_at: datetime
    decided_at: datetime | None
    decided_by: str | None = Field(description="The name of who decided.")


class ApplicantOut(CommitmentOut):
    eligible: bool = Field(description="Whether the opportunity suits them (languages, times, distance, age).")
    score: int = Field(description="Their fit: higher suits better; 0 when not eligible.")
    reasons: list[str] = Field(description="Why they fit, or why not, in the caller's language.")


def commitment_out(commitment: Commitment) -> dict:
    volunteer = commitment.volunteer
    return {
        "id": commitment.pk, "status": commitment.status,
        "volunteer": {"name": str(volunteer), "email": volunteer.email or None},
        "message": commitment.message, "applied_at": commitment.created_at, "decided_at": commitment.decided_at,
        "decided_by": person(commitment.decided_by) or None,
    }  # fmt: skip


def applicant_out(applicant: Applicant) -> dict:
    return commitment_out(applicant.commitment) | {
        "eligible": applicant.fit.eligible, "score": applicant.fit.score, "reasons": applicant.reasons,
    }  # fmt: skip


@router.get("{code}/opportunities/{int:opportunity_id}/commitments/", response=Page[ApplicantOut],
            summary="An opportunity's applicants and accepted volunteers, best fit first (who changes it)")  # fmt: skip
def list_commitments(request: HttpRequest, code: str, opportunity_id: int, paging: Query[Paging]):
    require_signed_in(request)  # as the page, behind the sign-in before anything is looked up
    opportunity = get_opportunity_for_edit(request.user, enter(request, code), opportunity_id)
    return paged(request, applicants(opportunity), paging, lambda rows: [applicant_out(a) for a in rows])


class Answer(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"


class CommitmentDecisionIn(Schema):
    decision: Answer = Field(description="`decline` also withdraws an acceptance.")
    seen: CommitmentStatus = Field(examples=["applied"], description="The status you saw: changed since, it is a 412.")


DECISION_PROBLEMS = {"responses": {
    "409": {"description": "Decided already, or no place is left: `detail` says which.", "content": PROBLEM_MEDIA},
    "412": {"description": "Someone decided since you saw it: `current` is the commitment as it is now.",
            "content": PROBLEM_MEDIA},
}}  # fmt: skip


@router.post("{code}/opportunities/{int:opportunity_id}/commitments/{int:commitment_id}/decision/",
             response=CommitmentOut, openapi_extra=DECISION_PROBLEMS,
             summary="Accept or decline an application (who changes the opportunity)")  # fmt: skip
def decide(request: HttpRequest, code: str, opportunity_id: int, commitment_id: int, payload: CommitmentDecisionIn):
    opportunity = get_opportunity_for_edit(request.user, enter(request, code), opportunity_id)
    commitment = opportunity.commitments.select_related("volunteer", "decided_by").filter(pk=commitment_id).first()
    if commitment is None:
        raise Http404("no such commitment to this opportunity")
    try:
        decided = decide_commitment(commitment, accept=payload.decision == Answer.ACCEPT, seen=payload.seen,
                                    by=request.user)  # fmt: skip
    except StaleDecision as stale:  # a 412 as for a stale If-Match, with the service's reason and the current one
        commitment.refresh_from_db()
        return problem(412, kind="stale", detail=" ".join(stale.messages), current=commitment_out(commitment),
                       headers=rate_headers(request))  # fmt: skip
    except DecisionRefused as refused:
        raise HttpError(409, " ".join(refused.messages)) from None
    return commitment_out(decided)


# -- hours given, for the organisation to decide -------------------------------------------------
class HoursOut(Schema):
    id: int
    volunteer: str = Field(examples=["Amira Haddad"], description="Who gave them.")
    shift: int | None = Field(description="The shift's id, when the volunteer named one.")
    starts_at: datetime
    ends_at: datetime
    minutes: int = Field(description="As logged.")
    note: str
    status: HoursStatus
    approved_minutes: int | None
    decision_note: str
    decided_at: datetime | None
    decided_by: str | None = Field(description="The name of who decided.")


def hours_out(entry: HoursEntry, zone) -> dict:
    return {
        "id": entry.pk, "volunteer": str(entry.volunteer), "shift": entry.shift_id,
        "starts_at": _local(entry.starts_at, zone), "ends_at": _local(entry.ends_at, zone), "minutes": entry.minutes,
        "note": entry.note, "status": entry.status, "approved_minutes": entry.approved_minutes,
        "decision_note": entry.decision_note, "decided_at": entry.decided_at,
        "decided_by": person(entry.decided_by) or None,
    }  # fmt: skip


@router.get("{code}/opportunities/{int:opportunity_id}/hours/", response=Page[HoursOut],
            summary="The hours volunteers gave to an opportunity (who changes it)")  # fmt: skip
def list_hours(request: HttpRequest, code: str, opportunity_id: int, paging: Query[Paging]):
    require_signed_in(request)  # as the page, behind the sign-in before anything is looked up
    opportunity = get_opportunity_for_hours(request.user, enter(request, code), opportunity_id)
    zone = opportunity.time_zone
    return paged(request, hours_of_opportunity(opportunity), paging, lambda rows: [hours_out(e, zone) for e in rows])


class HoursDecision(StrEnum):
    APPROVE = "approve"
    CORRECT = "correct"
    REJECT = "reject"


class HoursDecisionIn(Schema):
    decision: HoursDecision = Field(description="`correct`: approve `approved_minutes` instead of those logged.")
    seen_status: HoursStatus = Field(examples=["logged"],
                                     description="The status you saw: changed since, it is a 412.")  # fmt: skip
    approved_minutes: int | None = Field(None, description="With `correct`: 0 to 960; more than logged needs a "
                                         "`decision_note`.", **INT_RANGE)  # fmt: skip
    decision_note: str = Field("", max_length=5_000, description="Why (at most 500 characters).")


HOURS_PROBLEMS = {"responses": {
    "412": {"description": "Someone decided since you saw them: `current` is the entry as it is now.",
            "content": PROBLEM_MEDIA},
}}  # fmt: skip


@router.post("{code}/opportunities/{int:opportunity_id}/hours/{int:entry_id}/decision/", response=HoursOut,
             openapi_extra=HOURS_PROBLEMS,
             summary="Approve, correct or reject the hours given (who changes the opportunity)")  # fmt: skip
def decide_on_hours(request: HttpRequest, code: str, opportunity_id: int, entry_id: int, payload: HoursDecisionIn):
    opportunity = get_opportunity_for_hours(request.user, enter(request, code), opportunity_id)
    entry = hours_of_opportunity(opportunity).filter(pk=entry_id).first()
    if entry is None:
        raise Http404("no such hours entry of this opportunity")
    zone = opportunity.time_zone
    try:
        decided = decide_hours(entry, by=request.user, **payload.dict())
    except StaleHours as stale:  # a 412 as for a stale If-Match, with the service's reason and the current entry
        entry = hours_of_opportunity(opportunity).get(pk=entry.pk)
        return problem(412, kind="stale", detail=" ".join(stale.messages), current=hours_out(entry, zone),
                       headers=rate_headers(request))  # fmt: skip
    return hours_out(hours_of_opportunity(opportunity).get(pk=decided.pk), zone)


# -- indicators ---------------------------------------------------------------------------------
class FiguresOut(Schema):
    engaged: int = Field(description="Volunteers with an accepted commitment.")
    confirmed_shifts: int = Field(description="Places taken on shifts and not cancelled.")
    approved_hours: Decimal = Field(examples=["12.50"], description="Hours approved by the organisations.")
    retained_after_3: Decimal | None = Field(examples=["0.5000"], description="Share active 3 months on (0–1).")
    retained_after_6: Decimal | None = Field(description="Share active 6 months on (0–1); null: nobody yet.")


class GroupOut(FiguresOut):
    group: str = Field(examples=["Cesena"], description="A city, a theme's key, a month (2020-03) or a channel.")


class KeyFigures(Schema):
    cities: int
    partners: int
    countries: int
    themes: int
    communities: int
    months: int


class IndicatorsOut(Schema):
    total: FiguresOut
    by_city: list[GroupOut]
    by_theme: list[GroupOut]
    by_month: list[GroupOut] = Field(description="Retention here is that of the volunteers engaged that month.")
    by_channel: list[GroupOut] = Field(description="The campaign channel that brought them (empty: none).")
    key_figures: KeyFigures = Field(description="The counts the programme's home page shows.")


def figures_out(figures: Figures) -> dict:
    return {"engaged": figures.engaged, "confirmed_shifts": figures.confirmed_shifts,
            "approved_hours": figures.approved_hours, "retained_after_3": figures.retained_after_3,
            "retained_after_6": figures.retained_after_6}  # fmt: skip


@router.get("{code}/indicators/", response=IndicatorsOut, openapi_extra=PUBLIC,
            summary="The programme's volunteering in figures, and its key figures")  # fmt: skip
def read_indicators(request: HttpRequest, code: str):
    programme = enter(request, code)
    indicators = programme_indicators(programme)
    groups = {
        f"by_{grouping}": [figures_out(figures) | {"group": label} for label, figures in rows.items()]
        for grouping, rows in indicators.groups.items()
    }
    return {"total": figures_out(indicators.total), **groups,
            "key_figures": key_figures(programme)}  # fmt: skip
