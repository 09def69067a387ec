"""Visits and exchanges: the programme's activities as the caller may see them, one activity, its agenda (changed
together without lost updates: `ETag` and `If-Match`) and its participants, nominated by the cities' staff."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import AwareDatetime

from values.activities.enums import ActivityKind, Mode, ParticipantStatus, SessionKind
from values.activities.models import Activity, Participant, Session
from values.activities.permissions import (
    activities_visible_to,
    can_edit_activity,
    get_activity_for_view,
    nominating_cities,
    taking_part,
)
from values.activities.queries import (
    calendar_title,
    city_members,
    filter_activities,
    participants_of,
    people_to_nominate,
    practices_to_show,
    roles_of,
    with_activity_facts,
)
from values.activities.services import (
    closed_nominations_text,
    delete_session,
    nominate_participant,
    nominations_closed,
    read_agenda,
    save_session,
)
from values.api.callers import Forbidden
from values.api.context import enter, etag, if_match
from values.api.openapi import GUARDED_MARK, PUBLIC_MARK
from values.api.paging import Page, Paging, paged
from values.api.programmes import organisation_name
from values.api.schemas import OrganisationRef, Texts
from values.core.templatetags.values_tags import person
from values.core.versions import StaleVersion
from values.network.enums import Role
from values.network.models import Organisation

router = Router(tags=["activities"])
ACTIVITY = "{code}/activities/{int:activity_id}/"
GUARDED = {GUARDED_MARK: True}
# Anybody may ask for the list and gets what they may see (nobody: none); the other reads name an activity that
# who may not see it is told does not exist (404), with or without a token, as for a report.
LISTED = {PUBLIC_MARK: True}
LARGEST_ID = 2_147_483_647  # the databases' integer: a larger id names nothing
NO_NUL = r"^[^\x00]*$"  # PostgreSQL refuses a NUL in any text: refused here as input, not there as a server error


# -- what is answered ----------------------------------------------------------------------------------------------
class ActivityOut(Schema):
    id: int
    kind: ActivityKind = Field(examples=["visit"])
    title: str = Field(examples=["Mentoring visit to Cesena"], description="As the calendar names it.")
    host: OrganisationRef
    guest: OrganisationRef | None = Field(description="The city an exchange receives; none for a visit.")
    community: str = Field(examples=["B1"], description="The community of practice's key.")
    theme: str = Field(examples=["B"], description="The community's theme's key.")
    start: date = Field(description="The first day.")
    end: date = Field(description="The last day.")
    mode: Mode = Field(examples=["in_person"])
    capacity: int = Field(examples=[4], description="How many people each city may nominate.")
    nomination_deadline: date | None = Field(description="The last day on which cities nominate, if there is one.")
    nominations_open: bool = Field(description="Whether cities may nominate today.")


class AgendaSummary(Schema):
    sessions: int = Field(examples=[5], description="How many sessions the agenda holds.")
    first_starts_at: datetime | None = Field(description="When the first session starts (host city's time).")
    last_ends_at: datetime | None = Field(description="When the last session ends.")
    version: str = Field(description="The agenda's ETag (GET …/agenda/ for its sessions).")


class ActivityDetail(ActivityOut):
    venue: str
    video_link: str = Field(description="For an online or hybrid activity.")
    cities: list[OrganisationRef] = Field(description="Who takes part: the host and its community, or its guest.")
    time_zone: str = Field(examples=["Europe/Rome"], description="The host city's: the agenda's times are in it.")
    minutes: str
    outcomes: str = Field(description="What the host city takes into its action plan.")
    agenda: AgendaSummary


class PracticeRef(Schema):
    id: int
    title: Texts = Field(examples=[{"en": "Buddies for newcomers"}])


class SessionOut(Schema):
    id: int
    kind: SessionKind = Field(examples=["workshop"])
    title: str = Field(examples=["Volunteering with newcomers"])
    starts_at: datetime = Field(examples=["2019-09-09T10:00:00+02:00"], description="In the host city's time.")
    ends_at: datetime = Field(examples=["2019-09-09T11:30:00+02:00"])
    place: str
    speakers: str
    practice: PracticeRef | None = Field(description="The good practice the session shows, if any.")


class AgendaOut(Schema):
    activity: int
    time_zone: str = Field(examples=["Europe/Rome"])
    version: str = Field(description="The ETag: send it back as If-Match with a change.")
    sessions: list[SessionOut]


class ParticipantOut(Schema):
    id: int
    user: int = Field(description="The person's account (never their login).")
    name: str = Field(examples=["Giulia Rossi"], description="As the pages name the person.")
    organisation: OrganisationRef = Field(description="The city that nominated them.")
    role: Role | None = Field(examples=["volunteer_leader"], description="Their foremost role at that city.")
    status: ParticipantStatus = Field(examples=["confirmed"])
    attended: bool | None = Field(description="Present, absent, or not recorded yet.")


class CandidateOut(Schema):
    user: int = Field(description="The account to nominate (POST …/participants/).")
    name: str = Field(examples=["Giulia Rossi"])
    organisation: OrganisationRef
    role: Role = Field(examples=["volunteer_leader"])


def _ref(organisation: Organisation) -> dict:
    return {"key": organisation.key, "name": organisation_name(organisation)}


def activity_out(activity: Activity, today: date) -> dict:
    """An activity fetched `with_activity_facts`."""
    is_visit = activity.kind == ActivityKind.VISIT
    community = activity.visit.community if is_visit else activity.exchange.pair.community
    return {
        "id": activity.pk, "kind": activity.kind, "title": calendar_title(activity), "host": _ref(activity.host),
        "guest": None if is_visit else _ref(activity.exchange.guest), "community": community.key,
        "theme": community.theme.key, "start": activity.start, "end": activity.end, "mode": activity.mode,
        "capacity": activity.capacity, "nomination_deadline": activity.nomination_deadline,
        "nominations_open": not nominations_closed(activity, today),
    }  # fmt: skip


def activity_detail(activity: Activity) -> dict:
    activity = with_activity_facts(Activity.objects.filter(pk=activity.pk)).get()
    sessions, version = read_agenda(activity)
    zone = activity.time_zone
    moments = [(s.starts_at, s.ends_at) for s in sessions]
    summary = {
        "sessions": len(sessions), "version": version,
        "first_starts_at": min(start for start, _end in moments).astimezone(zone) if moments else None,
        "last_ends_at": max(end for _start, end in moments).astimezone(zone) if moments else None,
    }  # fmt: skip
    cities = taking_part(activity).order_by("key")
    return activity_out(activity, timezone.localdate()) | {
        "venue": activity.venue, "video_link": activity.video_link, "cities": [_ref(city) for city in cities],
        "time_zone": str(zone), "minutes": activity.minutes, "outcomes": activity.outcomes, "agenda": summary,
    }  # fmt: skip


def session_out(session: Session, zone) -> dict:
    practice = session.practice
    return {
        "id": session.pk, "kind": session.kind, "title": session.title,
        "starts_at": session.starts_at.astimezone(zone), "ends_at": session.ends_at.astimezone(zone),
        "place": session.place, "speakers": session.speakers,
        "practice": {"id": practice.pk, "title": practice.title} if practice else None,
    }  # fmt: skip


def agenda_out(activity: Activity) -> dict:
    """The agenda as it stands, with its version."""
    sessions, version = read_agenda(activity)
    zone = activity.time_zone
    return {"activity": activity.pk, "time_zone": str(zone), "version": version,
            "sessions": [session_out(session, zone) for session in sessions]}  # fmt: skip


def participants_out(participants: list[Participant], activity: Activity) -> list[dict]:
    roles = roles_of(participants, activity.programme_id)
    return [
        {"id": p.pk, "user": p.user_id, "name": person(p.user), "organisation": _ref(p.organisation),
         "role": roles.get((p.user_id, p.organisation_id)), "status": p.status, "attended": p.attended}
        for p in participants
    ]  # fmt: skip


# -- which activity, for whom --------------------------------------------------------------------------------------
def visible_activity(request: HttpRequest, programme, activity_id: int) -> Activity:
    """The activity, if the caller may see it; else 404, as for an id that names nothing: a list never shows it to
    them either (the pages answer 403 to a signed-in person there). Reports name their activity the same way."""
    try:
        return get_activity_for_view(request.user, programme, activity_id)
    except PermissionDenied:
        raise Http404("no such activity") from None


def _visible(request: HttpRequest, code: str, activity_id: int) -> Activity:
    return visible_activity(request, enter(request, code), activity_id)


def _editable(request: HttpRequest, code: str, activity_id: int) -> Activity:
    """The activity, if the caller may change it (the host city's staff, the coordinator); 403 if they only see it."""
    activity = _visible(request, code, activity_id)
    if not can_edit_activity(request.user, activity):
        raise Forbidden(_("Only the host city's staff and the coordinator change an activity."))
    return activity


# -- the programme's activities ------------------------------------------------------------------------------------
class ActivityFilters(Schema):
    kind: ActivityKind | None = Field(None, description="Visits or exchanges only.")
    city: str = Field("", max_length=64, description="A city's key: the activities it takes part in.")
    theme: str = Field("", max_length=64, description="A theme's key: the activities of its communities.")
    on_or_after: date | None = Field(None, alias="from", description="Taking place on this day or later.")
    on_or_before: date | None = Field(None, alias="to", description="Taking place on this day or earlier.")


@router.get("{code}/activities/", response=Page[ActivityOut], openapi_extra=LISTED,
            summary="List the visits and exchanges the caller may see")  # fmt: skip
def list_activities(request: HttpRequest, code: str, filters: Query[ActivityFilters], paging: Query[Paging]):
    programme = enter(request, code)
    activities = activities_visible_to(request.user, programme)
    city = Organisation.objects.filter(key=filters.city).first() if filters.city else None
    theme = programme.themes.filter(key=filters.theme).first() if filters.theme else None
    if (filters.city and city is None) or (filters.theme and theme is None):
        activities = activities.none()
    activities = filter_activities(activities, kind=filters.kind or "", city=city, theme=theme,
                                   first=filters.on_or_after, last=filters.on_or_before)  # fmt: skip
    today = timezone.localdate()
    return paged(request, with_activity_facts(activities), paging, lambda rows: [activity_out(a, today) for a in rows])


@router.get(ACTIVITY, response=ActivityDetail, summary="Read a visit or an exchange, with its agenda's summary")
def read_activity(request: HttpRequest, code: str, activity_id: int):
    return activity_detail(_visible(request, code, activity_id))


# -- the agenda ----------------------------------------------------------------------------------------------------
class SessionIn(Schema):
    kind: SessionKind
    title: str = Field(min_length=1, max_length=200, pattern=NO_NUL, examples=["Volunteering with newcomers"])
    starts_at: AwareDatetime = Field(
        examples=["2019-09-09T10:00:00+02:00"], description="With its offset; on the activity's days (host's time)."
    )
    ends_at: AwareDatetime = Field(examples=["2019-09-09T11:30:00+02:00"])
    place: str = Field("", max_length=300, pattern=NO_NUL)
    speakers: str = Field("", max_length=500, pattern=NO_NUL)
    practice: int | None = Field(None, ge=1, le=LARGEST_ID, description="A published good practice's id.")


def _answer_agenda(activity: Activity, response: HttpResponse) -> dict:
    answer = agenda_out(activity)
    response["ETag"] = etag(answer["version"])
    return answer


def _stale(activity: Activity) -> StaleVersion:
    """The refusal of a change made from an old version, with the agenda as it stands now (read again: the service's
    state is its own, the API answers its own shape)."""
    answer = agenda_out(activity)
    return StaleVersion(answer["version"], answer)


def _save(request: HttpRequest, activity: Activity, payload: SessionIn, session: Session | None) -> Session:
    seen = if_match(request)
    data = payload.dict()
    if payload.practice is not None:
        data["practice"] = practices_to_show(activity).filter(pk=payload.practice).first()
        if data["practice"] is None:
            raise ValidationError({"practice": [_("No published good practice of the programme has this id.")]})
    try:
        return save_session(activity, session=session, version=seen, **data)
    except StaleVersion:
        raise _stale(activity) from None


@router.get(f"{ACTIVITY}agenda/", response=AgendaOut, summary="Read an activity's agenda (with its ETag)")
def read_agenda_of(request: HttpRequest, code: str, activity_id: int, response: HttpResponse):
    return _answer_agenda(_visible(request, code, activity_id), response)


@router.post(f"{ACTIVITY}agenda/", response={201: AgendaOut}, openapi_extra=GUARDED,
             summary="Add a session to the agenda (If-Match: the agenda's ETag)")  # fmt: skip
def add_session(request: HttpRequest, code: str, activity_id: int, payload: SessionIn, response: HttpResponse):
    activity = _editable(request, code, activity_id)
    session = _save(request, activity, payload, None)
    response["Location"] = request.build_absolute_uri(f"{request.path}{session.pk}/")
    return Status(201, _answer_agenda(activity, response))


@router.put(f"{ACTIVITY}agenda/{{int:session_id}}/", response=AgendaOut, openapi_extra=GUARDED,
            summary="Change a session of the agenda (If-Match: the agenda's ETag)")  # fmt: skip
def change_session(request: HttpRequest, code: str, activity_id: int, session_id: int, payload: SessionIn,
                   response: HttpResponse):  # fmt: skip
    activity = _editable(request, code, activity_id)
    _save(request, activity, payload, get_object_or_404(Session, pk=session_id, activity=activity))
    return _answer_agenda(activity, response)


@router.delete(f"{ACTIVITY}agenda/{{int:session_id}}/", response=AgendaOut, openapi_extra=GUARDED,
               summary="Remove a session from the agenda (If-Match: the agenda's ETag)")  # fmt: skip
def remove_session(request: HttpRequest, code: str, activity_id: int, session_id: int, response: HttpResponse):
    activity = _editable(request, code, activity_id)
    session = get_object_or_404(Session, pk=session_id, activity=activity)
    seen = if_match(request)
    try:
        delete_session(session, version=seen)
    except StaleVersion:
        raise _stale(activity) from None
    return _answer_agenda(activity, response)


# -- participants --------------------------------------------------------------------------------------------------
@router.get(f"{ACTIVITY}participants/", response=Page[ParticipantOut], summary="List who takes part in an activity")
def list_participants(request: HttpRequest, code: str, activity_id: int, paging: Query[Paging]):
    activity = _visible(request, code, activity_id)
    return paged(request, participants_of(activity), paging, lambda rows: participants_out(rows, activity))


def _nominating(request: HttpRequest, code: str, activity_id: int):
    """The activity and the cities for which the caller nominates people to it; 403 for who nominates for none."""
    activity = _visible(request, code, activity_id)
    cities = nominating_cities(request.user, activity)
    if not cities.exists():
        raise Forbidden(_("Only the staff of a city that takes part nominate its people (and the coordinator)."))
    return activity, cities


@router.get(f"{ACTIVITY}participants/candidates/", response=Page[CandidateOut],
            summary="List the people the caller may nominate to an activity")  # fmt: skip
def list_candidates(request: HttpRequest, code: str, activity_id: int, paging: Query[Paging]):
    activity, cities = _nominating(request, code, activity_id)
    return paged(request, people_to_nominate(activity, cities), paging, lambda rows: [
        {"user": m.user_id, "name": person(m.user), "organisation": _ref(m.organisation), "role": m.role}
        for m in rows])  # fmt: skip


class NominationIn(Schema):
    user: int = Field(ge=1, le=LARGEST_ID, description="The account of one of your city's people (…/candidates/).")
    organisation: str | None = Field(None, max_length=64, pattern=NO_NUL,
                                     description="The key of the city you nominate for; needed only when the person "
                                                 "belongs to several of yours.")  # fmt: skip


def _member(activity: Activity, cities, payload: NominationIn):
    """The membership the nomination names: a person of one of the caller's cities (the person is named only to
    who may nominate them: an unknown id tells nothing of whose it is)."""
    if payload.organisation is not None:
        city = cities.filter(key=payload.organisation).first()
        if city is None:
            raise Forbidden(_("You nominate only for a city of yours that takes part; “%(key)s” is not one.")
                            % {"key": payload.organisation})  # fmt: skip
        cities = [city]
    members = {m.organisation_id: m for m in city_members(activity, cities).filter(user=payload.user)}
    if not members:
        raise ValidationError({"user": [_("Nobody of the cities you nominate for has this id.")]})
    if len(members) > 1:
        raise ValidationError({"organisation": [_("This person belongs to several of your cities: name one.")]})
    return next(iter(members.values()))


@router.post(f"{ACTIVITY}participants/", response={201: ParticipantOut},
             summary="Nominate a person of your city to an activity")  # fmt: skip
def nominate(request: HttpRequest, code: str, activity_id: int, payload: NominationIn):
    activity, cities = _nominating(request, code, activity_id)
    today = timezone.localdate()
    if nominations_closed(activity, today):
        raise ValidationError(closed_nominations_text(activity))
    member = _member(activity, cities, payload)
    participant = nominate_participant(activity, user=member.user, organisation=member.organisation,
                                       by=request.user, today=today)  # fmt: skip
    return Status(201, participants_out([participant], activity)[0])
