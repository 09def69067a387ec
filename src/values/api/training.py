"""Volunteer training sessions: listed and read as on the training pages, offered, changed and translated by who may
offer them, seats taken and given back, attendance recorded: the same services and rules as
`values.volunteering.training`.

A seat is the caller's: the volunteer tied to their account (`Volunteer.user`) in a session open to volunteers, or
the signed-in person in one open to staff when their role takes such places (as the session page's button).
"""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StrictBool, StrictInt

from values.api.callers import Forbidden
from values.api.context import acting_for, enter, require_signed_in
from values.api.openapi import GUARDED_MARK, PROBLEM_MEDIA, PUBLIC_MARK
from values.api.paging import Page, Paging, paged
from values.api.programmes import organisation_name
from values.api.schemas import Moment, OrganisationRef, Texts
from values.api.translations import Translated
from values.core.templatetags.values_tags import person
from values.core.text import active_language, pick
from values.knowledge.enums import PracticeStatus
from values.knowledge.queries import practices_of
from values.publishing.translations import check_target_language
from values.volunteering.enums import TrainingAudience
from values.volunteering.identity import account_volunteer
from values.volunteering.models import MAX_PLACES, TrainingSeat, TrainingSession
from values.volunteering.permissions import (
    can_edit_training,
    get_training_for_edit,
    get_training_for_view,
    organising_organisations,
)
from values.volunteering.training import (
    cancel_seat,
    coming_sessions,
    has_seat,
    past_sessions,
    record_attendance,
    save_training_session,
    seat_holder_for,
    seats_of,
    take_seat,
    training_texts,
    training_time_zone,
    translate_training_session,
    with_zones,
)

router = Router(tags=["training"])
PUBLIC = {PUBLIC_MARK: True}
TRAINING = "{code}/training/{int:training_id}/"
INT_RANGE = {"ge": -(2**31), "le": 2**31 - 1}  # what a database column holds: the services judge the rest
ID = Annotated[StrictInt, Field(ge=1, le=2**31 - 1)]


class When(StrEnum):
    COMING = "coming"
    PAST = "past"


class HolderKind(StrEnum):
    VOLUNTEER = "volunteer"
    ACCOUNT = "account"


# -- reading ------------------------------------------------------------------------------------
class TrainingPracticeRef(Schema):
    id: int
    title: str = Field(examples=["Buddies for newcomers"], description="In the asked language, else the original.")


class TrainingOut(Schema):
    id: int
    organisation: OrganisationRef = Field(description="Who gives it.")
    original_language: str = Field(examples=["en"])
    language: str = Field(examples=["it"], description="The language asked for (Accept-Language).")
    translated: bool = Field(description="Whether its title is in the language asked for (else the original's).")
    title: str = Field(examples=["Welcoming newcomers"])
    audience: TrainingAudience
    theme: str | None = Field(examples=["B"], description="A theme's key, or none.")
    place: str = Field(examples=["Biblioteca Malatestiana"])
    starts_at: datetime = Field(examples=["2020-03-02T18:00:00+01:00"], description="In `time_zone`.")
    ends_at: datetime = Field(examples=["2020-03-02T20:00:00+01:00"])
    time_zone: str = Field(examples=["Europe/Rome"], description="Its city's (or the programme's first city's).")
    places: int
    places_left: int


class SeatOut(Schema):
    id: int
    kind: HolderKind = Field(description="A volunteer's place, or a person's with an account (staff, operators).")
    name: str = Field(examples=["Amira Haddad"])
    taken_at: datetime
    attended: bool | None = Field(description="Null: not recorded.")


class YourPlace(Schema):
    holder: HolderKind | None = Field(description="Whom you take a place as here; null: it is not open to you.")
    taken: bool = Field(description="Whether you have a place.")


class TrainingDetail(TrainingOut):
    syllabus: str = Field(description="Markdown, in the asked language, else the original.")
    practices: list[TrainingPracticeRef] = Field(description="The published good practices it uses.")
    started: bool = Field(description="Places are no longer taken or given back once it has started.")
    your_place: YourPlace
    can_edit: bool = Field(description="Whether the caller changes it, reads its seats and records attendance.")
    seats: list[SeatOut] | None = Field(description="Who has a place: only for who changes it (else null).")


def training_out(session: TrainingSession, zone, language: str) -> dict:
    return {
        "id": session.pk,
        "organisation": {"key": session.organisation.key, "name": organisation_name(session.organisation)},
        "original_language": session.original_language, "language": language,
        "translated": language in session.title, "title": pick(session.title, language),
        "audience": session.audience, "theme": session.theme.key if session.theme else None,
        "place": session.place, "starts_at": session.starts_at.astimezone(zone),
        "ends_at": session.ends_at.astimezone(zone), "time_zone": zone.key, "places": session.places,
        "places_left": max(session.places - session.taken, 0),
    }  # fmt: skip


def seat_out(seat: TrainingSeat) -> dict:
    kind = HolderKind.VOLUNTEER if seat.volunteer_id else HolderKind.ACCOUNT
    name = str(seat.volunteer) if seat.volunteer_id else person(seat.user)
    return {"id": seat.pk, "kind": kind, "name": name, "taken_at": seat.taken_at, "attended": seat.attended}


def _holder(request: HttpRequest, session: TrainingSession) -> dict | None:
    """Whom the caller takes a place as (training.seat_holder_for): their account's volunteer, or themselves."""
    volunteer = account_volunteer(request.user, request.programme)
    return seat_holder_for(session, user=request.user, volunteer=volunteer)


def training_detail(request: HttpRequest, session: TrainingSession) -> dict:
    language, holder = active_language(), _holder(request, session)
    editor = can_edit_training(request.user, session)
    zone = training_time_zone(session.programme, session.organisation)
    return training_out(session, zone, language) | {
        "syllabus": pick(session.syllabus, language),
        "practices": [{"id": p.pk, "title": pick(p.title, language)} for p in session.published_practices],
        "started": timezone.now() >= session.starts_at,
        "your_place": {"holder": _kind(holder), "taken": has_seat(session, holder)},
        "can_edit": editor, "seats": [seat_out(seat) for seat in seats_of(session)] if editor else None,
    }  # fmt: skip


def _kind(holder: dict | None) -> HolderKind | None:
    if holder is None:
        return None
    return HolderKind.VOLUNTEER if "volunteer" in holder else HolderKind.ACCOUNT


@router.get("{code}/training/", response=Page[TrainingOut], openapi_extra=PUBLIC, summary="List training sessions",
            description="The sessions to come (`when=coming`, soonest first: those not ended) or past (`when=past`, "
            "latest first), as the training page lists them; titles in the language asked for (Accept-Language), "
            "else the original's, and times in each session's city's time.")  # fmt: skip
def list_training(request: HttpRequest, code: str, paging: Query[Paging], when: When = When.COMING):
    programme = enter(request, code)
    sessions = (coming_sessions if when == When.COMING else past_sessions)(programme, now=timezone.now())
    language = active_language()
    return paged(request, sessions, paging,
                 lambda rows: [training_out(s, s.zone, language) for s in with_zones(rows, programme)])  # fmt: skip


@router.get(TRAINING, response=TrainingDetail, openapi_extra=PUBLIC, summary="Read a training session",
            description="As the session's page: its texts in the language asked for (Accept-Language), else the "
            "original's; its times in its city's time; its places and those left; the published good practices "
            "it uses; whether the caller may take a place, and has one. Who changes it also reads who has a place "
            "(`seats`).")  # fmt: skip
def read_training(request: HttpRequest, code: str, training_id: int):
    return training_detail(request, get_training_for_view(enter(request, code), training_id))


# -- offering and changing sessions (the edit page's form) --------------------------------------
class TrainingIn(Schema):
    """The edit page's fields; texts are in `original_language` (translations are added apart)."""

    organisation: str = Field(max_length=64, examples=["cesena"], description="Who gives it: one you organise for.")
    original_language: str = Field(max_length=8, examples=["it"])
    title: str = Field(max_length=2_000, examples=["Accogliere i nuovi arrivati"])
    syllabus: str = Field("", max_length=200_000, description="Markdown.")
    audience: TrainingAudience = TrainingAudience.EVERYONE
    theme: str | None = Field(None, max_length=64, examples=["B"], description="A theme's key, or null.")
    practices: list[ID] = Field([], max_length=100, description="Ids of published good practices of the programme.")
    place: str = Field("", max_length=2_000, examples=["Biblioteca Malatestiana"])
    starts_at: Moment = Field(examples=["2020-03-09T18:00:00+01:00"], description="Within the programme's dates.")
    ends_at: Moment = Field(examples=["2020-03-09T20:00:00+01:00"])
    places: int = Field(examples=[20], description="From 1 to 500, and not fewer than those taken.", **INT_RANGE)


def _save(request: HttpRequest, programme, payload: TrainingIn, session: TrainingSession | None) -> TrainingSession:
    """The edit page's form: organisations the caller organises for (none: 403), then the service's checks."""
    data = payload.dict()
    organisation = acting_for(organising_organisations(request.user, programme), data.pop("organisation"),
                              none=_("Only partner city staff and the coordinator plan training sessions."),
                              not_one=_("Choose one of the organisations you plan training for."))  # fmt: skip
    key = data.pop("theme")
    theme = programme.themes.filter(key=key).first() if key else None
    if key and theme is None:
        raise ValidationError({"theme": [_("Theme: choose one of the programme's themes, or none.")]})
    wanted = set(data.pop("practices"))
    # As the form's choices: the programme's published practices only (a draft's title is not the caller's to read);
    # how many a session takes is the service's rule.
    practices = list(practices_of(programme).filter(status=PracticeStatus.PUBLISHED, pk__in=wanted).order_by("pk"))
    if missing := sorted(wanted - {practice.pk for practice in practices}):
        raise ValidationError({"practices": [_("Good practices: %(value)s is not a published practice of this "
                                               "programme.") % {"value": missing[0]}]})  # fmt: skip
    data["audience"] = str(data["audience"])
    return save_training_session(programme, session=session, organisation=organisation, by=request.user,
                                 theme=theme, practices=practices, **data)  # fmt: skip


@router.post("{code}/training/", response={201: TrainingDetail}, summary="Plan a training session",
             description="For the coordinator (any partner's session) and partner city staff (their own "
             "organisation's); times with their offset, within the programme's dates.")  # fmt: skip
def create_training(request: HttpRequest, code: str, payload: TrainingIn, response: HttpResponse):
    programme = enter(request, code)
    session = _save(request, programme, payload, None)
    response["Location"] = request.build_absolute_uri(f"{request.path}{session.pk}/")
    return Status(201, training_detail(request, get_training_for_view(programme, session.pk)))


@router.put(
    TRAINING,
    response=TrainingDetail,
    summary="Change a training session (who changes it)",
    description="Its organisation's city staff and the coordinator; places are never cut below those taken.",
)
def change_training(request: HttpRequest, code: str, training_id: int, payload: TrainingIn):
    programme = enter(request, code)
    session = _save(request, programme, payload, get_training_for_edit(request.user, programme, training_id))
    return training_detail(request, get_training_for_view(programme, session.pk))


# -- translations (the side-by-side translation page) -------------------------------------------
class TrainingTranslationIn(Schema):
    title: str = Field(max_length=2_000, examples=["Accogliere i nuovi arrivati"])
    syllabus: str = Field("", max_length=200_000, description="Markdown.")


class TrainingTranslationOut(Schema):
    language: str = Field(examples=["it"])
    texts: Texts = Field(examples=[{"title": "Accogliere i nuovi arrivati", "syllabus": ""}],
                         description="The session's texts in this language (empty where there are none).")  # fmt: skip


TRANSLATED = Translated(texts_of=training_texts, save=translate_training_session)


def _translatable(request: HttpRequest, code: str, training_id: int, language: str, *, edit: bool):
    """The session, and the language if it is one of the programme's other than the original's: else 404, as the
    translation page answers (publishing.translation_views)."""
    programme = enter(request, code)
    session = (get_training_for_edit(request.user, programme, training_id) if edit
               else get_training_for_view(programme, training_id))  # fmt: skip
    check_target_language(programme, session, language)
    return session


LANGUAGE_404 = "A language that is not one of the programme's, or is the session's original: 404."


@router.get(f"{TRAINING}translations/{{language}}/", response=TrainingTranslationOut, openapi_extra=PUBLIC,
            summary="Read a training session's texts in one language (with the ETag)",
            description=f"Send the ETag back as If-Match with the translation. {LANGUAGE_404}")  # fmt: skip
def read_translation(request: HttpRequest, code: str, training_id: int, language: str, response: HttpResponse):
    session = _translatable(request, code, training_id, language, edit=False)
    return TRANSLATED.read(session, language, response)


@router.put(f"{TRAINING}translations/{{language}}/", response=TrainingTranslationOut,
            openapi_extra={GUARDED_MARK: True},
            summary="Translate a training session (who changes it; If-Match: the ETag read)",
            description="As the translation page: refused (412, with the texts now) when the original or this "
            f"translation changed since the version in If-Match. {LANGUAGE_404}")  # fmt: skip
def translate(request: HttpRequest, code: str, training_id: int, language: str, payload: TrainingTranslationIn,
              response: HttpResponse):  # fmt: skip
    session = _translatable(request, code, training_id, language, edit=True)
    return TRANSLATED.change(request, response, session, language, payload.dict())


# -- places -------------------------------------------------------------------------------------
SEAT_PROBLEMS = {"responses": {
    "409": {"description": "Refused by the session's state: started, every place taken, a place already held or "
            "none to give back. `detail` says which.", "content": PROBLEM_MEDIA},
}}  # fmt: skip


def _seat_change(request: HttpRequest, code: str, training_id: int, service):
    """The session page's button: the caller's place (a 403 when the session is not open to them)."""
    session = get_training_for_view(enter(request, code), training_id)
    holder = _holder(request, session)
    if holder is None:
        raise Forbidden(_("This session is not open to you."))
    try:
        return service(session, **holder)
    except ValidationError as refused:
        if "session" in refused.message_dict:  # the session's state, not the request's input
            raise HttpError(409, " ".join(refused.message_dict["session"])) from None
        raise


@router.post(f"{TRAINING}seat/", response={201: SeatOut}, openapi_extra=SEAT_PROBLEMS,
             summary="Take a place in a training session",
             description="For the volunteer tied to the caller's account in a session open to volunteers, or for "
             "the caller in one open to staff (a role in the programme but a volunteer's); before it starts, while "
             "places are left.")  # fmt: skip
def take_place(request: HttpRequest, code: str, training_id: int):
    return Status(201, seat_out(_seat_change(request, code, training_id, take_seat)))


@router.delete(f"{TRAINING}seat/", response={204: None}, openapi_extra=SEAT_PROBLEMS,
               summary="Give back one's place in a training session", description="Before it starts.")  # fmt: skip
def give_back_place(request: HttpRequest, code: str, training_id: int):
    _seat_change(request, code, training_id, cancel_seat)
    return Status(204, None)


@router.get(f"{TRAINING}seats/", response=Page[SeatOut], summary="Who has a place (who changes the session)",
            description="In the order the places were taken, with whether each attended.")  # fmt: skip
def list_seats(request: HttpRequest, code: str, training_id: int, paging: Query[Paging]):
    require_signed_in(request)  # as the attendance page, behind the sign-in before anything is looked up
    session = get_training_for_edit(request.user, enter(request, code), training_id)
    return paged(request, seats_of(session), paging, lambda rows: [seat_out(seat) for seat in rows])


class SeatAttendance(Schema):
    id: ID = Field(description="A seat's id (see `seats/`).")
    attended: StrictBool | None = Field(description="Null: not known.")


class AttendanceIn(Schema):
    seats: list[SeatAttendance] = Field(
        max_length=MAX_PLACES,
        examples=[[{"id": 7, "attended": True}]],
        description="The seats to record; those not named stay as they are.",
    )


class AttendanceOut(Schema):
    changed: int = Field(description="How many seats this changed.")
    seats: list[SeatOut] = Field(description="Every seat of the session, as it is now.")


ATTENDANCE_PROBLEMS = {"responses": {
    "409": {"description": "The session has not started yet.", "content": PROBLEM_MEDIA},
}}  # fmt: skip


@router.put(
    f"{TRAINING}attendance/",
    response=AttendanceOut,
    openapi_extra=ATTENDANCE_PROBLEMS,
    summary="Record who attended (who changes the session)",
    description="Once the session has started; a seat of another session is refused (422, `seats`).",
)
def record(request: HttpRequest, code: str, training_id: int, payload: AttendanceIn):
    session = get_training_for_edit(request.user, enter(request, code), training_id)
    try:
        changed = record_attendance(session, {seat.id: seat.attended for seat in payload.seats})
    except ValidationError as refused:
        if "session" in refused.message_dict:
            raise HttpError(409, " ".join(refused.message_dict["session"])) from None
        raise
    return {"changed": changed, "seats": [seat_out(seat) for seat in seats_of(session)]}
