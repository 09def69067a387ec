"""A volunteer's own door: signing up (confirmed by the e-mailed link, as on the sign-up page), and, for the
volunteer tied to the calling account, their details, applications, shift bookings and hours: the same services
and rules as the volunteer's pages (`values.volunteering`)."""

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from values.api.callers import CallerAuth
from values.api.context import enter, require_signed_in
from values.api.openapi import PROBLEM_MEDIA, PUBLIC_MARK
from values.api.paging import Page, Paging, paged
from values.api.problems import rate_headers
from values.api.programmes import organisation_name
from values.api.schemas import Moment, OrganisationRef, Texts
from values.core.http import client_address
from values.programme.models import Programme
from values.programme.queries import city_partners
from values.volunteering.bookings import cancel_shift, take_shift
from values.volunteering.certificates import certificate_pdf
from values.volunteering.enums import BookingStatus, CommitmentStatus, HoursStatus
from values.volunteering.hours import hours_of_volunteer, log_hours, remove_hours
from values.volunteering.identity import account_volunteer
from values.volunteering.models import Commitment, HoursEntry, Opportunity, Shift, ShiftBooking, Volunteer
from values.volunteering.permissions import get_opportunity_for_view
from values.volunteering.queries import coming_bookings, commitments_of
from values.volunteering.volunteers import (
    CONFIRMATION_DAYS,
    apply,
    change_details,
    consent_language,
    consent_statement,
    consent_version,
    mail_link,
    may_withdraw,
    retention_months,
    sign_up,
    withdraw,
)

router = Router(tags=["volunteers"])
INT_RANGE = {"ge": -(2**31), "le": 2**31 - 1}  # what a database column holds: the services judge the rest
Language = Annotated[str, Field(max_length=20)]
Skill = Annotated[str, Field(max_length=800)]
Slot = Annotated[str, Field(max_length=20, examples=["0-morning"])]
Key = Annotated[str, Field(max_length=64, examples=["B"])]


def _problems(**described: str) -> dict:
    responses = {status: {"description": text, "content": PROBLEM_MEDIA} for status, text in described.items()}
    return {"responses": responses}


def _refused(refusal: ValidationError, *fields: str) -> HttpError | ValidationError:
    """A service's refusal on one of `fields` is a conflict with the state of things (409, saying why); any other
    stays a refusal of the input naming its field (422)."""
    messages = getattr(refusal, "message_dict", {})
    reasons = [message for field in fields for message in messages.get(field, [])]
    return HttpError(409, " ".join(reasons)) if reasons else refusal


def _change_mine(rows: QuerySet, row_id: int, field: str, change: Callable[[Model], object]) -> Model:
    """One of the caller's own rows (another's, or none, is 404), changed by its service; the service's refusal on
    `field` is a conflict with its state (409)."""
    row = rows.filter(pk=row_id).first()
    if row is None:
        raise Http404(f"no such {field} of yours")
    try:
        change(row)
    except ValidationError as refusal:
        raise _refused(refusal, field) from None
    return row


# -- signing up (anyone: no account, no token) ---------------------------------------------------
class ConsentOut(Schema):
    language: str = Field(examples=["en"], description="The language of this statement (as Accept-Language asks).")
    text: str = Field(description="What a volunteer agrees to: show it to them before they sign up.")
    version: str = Field(examples=["3f1c9a0be2d47a61"], description="Send it as `consent_version` with the sign-up.")
    retention_months: int = Field(examples=[24], description="Months after their last activity until anonymised.")


@router.get("{code}/volunteers/consent/", response=ConsentOut, openapi_extra={PUBLIC_MARK: True},
            summary="Read the consent statement a volunteer agrees to when signing up",
            description="In the language Accept-Language asks for (English unless the site has it). A sign-up names "
                        "the statement's `version`; the statement changes with the programme's retention.")  # fmt: skip
def read_consent(request: HttpRequest, code: str):
    programme = enter(request, code)
    return {"language": translation.get_language(), "text": consent_statement(programme),
            "version": consent_version(programme), "retention_months": retention_months()}  # fmt: skip


class DetailsIn(Schema):
    """What a volunteer tells about themselves, as on the sign-up page and their details page."""

    name: str = Field(max_length=2_000, examples=["Amira Haddad"], description="At most 200 characters.")
    language: str = Field("", max_length=20, examples=["it"],
                          description="The language of our e-mails (ISO 639-1); empty: the request's.")  # fmt: skip
    languages: list[Language] = Field([], max_length=100, examples=[["ar", "it"]], description="ISO 639-1 codes.")
    skills: list[Skill] = Field([], max_length=200, examples=[["cooking", "first aid"]])
    availability: list[Slot] = Field([], max_length=100, examples=[["0-morning", "5-evening"]],
                                     description="`<weekday 0–6>-<morning|afternoon|evening>`.")  # fmt: skip
    themes: list[Key] = Field([], max_length=100, examples=[["B"]], description="The programme's themes' keys.")
    city: str | None = Field(None, max_length=64, examples=["cesena"], description="A partner city's key, or null.")
    area: str = Field("", max_length=2_000, examples=["47521"],
                      description="A postcode, neighbourhood or place (at most 200 characters).")  # fmt: skip
    max_km: int = Field(10, description="How far they will go: 1 to 500 km.", **INT_RANGE)
    birth_year: int | None = Field(None, description="Optional: some opportunities have a minimum age.", **INT_RANGE)


class SignUpIn(DetailsIn):
    email: str = Field(max_length=2_000, examples=["amira@example.org"],
                       description="Where the link that confirms the sign-up goes.")  # fmt: skip
    consent: bool = Field(description="They agree to the consent statement: without it nothing is kept.")
    consent_version: str = Field("", max_length=64, examples=["3f1c9a0be2d47a61"],
                                 description="The `version` of the statement shown to them.")  # fmt: skip
    opportunity: int | None = Field(None, description="An opportunity to offer to take part in, once confirmed.",
                                    **INT_RANGE)  # fmt: skip
    campaign: str = Field("", max_length=100, description="The campaign whose call brought them (its id).")
    channel: str = Field("", max_length=1_000, description="The channel the campaign's link named.")


class SignUpAccepted(Schema):
    detail: str = Field(examples=["If the address can receive it, a link to confirm the sign-up is on its way."])
    confirmation_days: int = Field(examples=[CONFIRMATION_DAYS], description="How long the link works.")


def _details(programme: Programme, payload: DetailsIn) -> dict:
    """The body as the service takes it: ids for the keys; a key that names nothing becomes an id that names
    nothing, which the service refuses naming its field."""
    themes = dict(programme.themes.values_list("key", "pk"))
    city = None
    if payload.city is not None:
        city = city_partners(programme).filter(key=payload.city).values_list("pk", flat=True).first() or 0
    return {
        "name": payload.name, "language": payload.language or translation.get_language(),
        "languages": payload.languages, "skills": payload.skills, "availability": payload.availability,
        "themes": [themes.get(key, 0) for key in payload.themes], "city": city, "area": payload.area,
        "max_km": payload.max_km, "birth_year": payload.birth_year,
    }  # fmt: skip


def _statement_language(programme: Programme, payload: SignUpIn) -> str:
    """The language of the statement the person agreed to: its fingerprint must be one of today's."""
    if not payload.consent:
        return translation.get_language()  # the service refuses the sign-up without consent
    language = consent_language(programme, payload.consent_version)
    if language is None:
        raise ValidationError({"consent_version": [_("Consent: this is not the version of today's statement; "
                                                     "read it again and send its version.")]})  # fmt: skip
    return language


def _opportunity_named(request: HttpRequest, programme: Programme, opportunity_id: int | None) -> Opportunity | None:
    if opportunity_id is None:
        return None
    try:
        return get_opportunity_for_view(request.user, programme, opportunity_id)
    except Http404:
        raise ValidationError({"opportunity": [_("Opportunity: one of the programme's opportunities.")]}) from None


@router.post("{code}/volunteers/", response={202: SignUpAccepted}, auth=CallerAuth(nobody_may_change=True),
             openapi_extra={PUBLIC_MARK: True}, summary="Sign up as a volunteer (anyone, no account)",
             description="As the sign-up page: the details wait until the link mailed to the address is followed "
                         "(within a week). The answer is the same whether the address is known or not, and when a "
                         "mail went to it moments ago (none is sent again then). Mails from one client address are "
                         "limited per hour.")  # fmt: skip
def sign_up_volunteer(request: HttpRequest, code: str, payload: SignUpIn):
    programme = enter(request, code)
    opportunity = _opportunity_named(request, programme, payload.opportunity)
    with translation.override(_statement_language(programme, payload)):  # the statement kept is the one agreed to
        issued = sign_up(
            programme, email=payload.email, details=_details(programme, payload), consent=payload.consent,
            campaign=payload.campaign, channel=payload.channel, opportunity=opportunity,
        )  # fmt: skip

    def link(key: str) -> str:
        return request.build_absolute_uri(reverse("volunteer_confirm", kwargs={"key": key}))

    mail_link(issued, client_address=client_address(request), language=issued.volunteer.pending["language"],
              template="confirm", link=link, days=CONFIRMATION_DAYS, programme=programme)  # fmt: skip
    detail = _("If the address can receive it, a link to confirm the sign-up is on its way: the sign-up counts "
               "once it is followed.")  # fmt: skip
    return Status(202, {"detail": detail, "confirmation_days": CONFIRMATION_DAYS})


# -- the volunteer tied to the calling account -----------------------------------------------------
def _volunteer(request: HttpRequest, programme: Programme) -> Volunteer:
    """The confirmed volunteer of the programme tied to the caller's account; 404 "no volunteer" otherwise."""
    volunteer = account_volunteer(request.user, programme)
    if volunteer is None:
        raise HttpError(404, _("No volunteer: no confirmed volunteer of this programme is tied to your account. "
                               "Sign up, then ask for an account from your volunteer page."))  # fmt: skip
    return volunteer


def _me(request: HttpRequest, code: str) -> Volunteer:
    require_signed_in(request)  # as the pages, whoever has no account is asked to sign in before anything else
    return _volunteer(request, enter(request, code))


def _ref(organisation) -> dict:
    return {"key": organisation.key, "name": organisation_name(organisation)}


class VolunteerOut(Schema):
    id: int
    email: str = Field(examples=["amira@example.org"], description="Who they are: it is not changed here.")
    name: str
    language: str = Field(examples=["it"])
    languages: list[str]
    skills: list[str]
    availability: list[str] = Field(examples=[["0-morning"]])
    themes: list[str] = Field(examples=[["B"]])
    city: OrganisationRef | None
    area: str
    max_km: int
    birth_year: int | None
    consent_text: str = Field(description="The statement they agreed to.")
    consented_at: datetime | None
    confirmed_at: datetime


def volunteer_out(volunteer: Volunteer) -> dict:
    return {
        "id": volunteer.pk, "email": volunteer.email, "name": volunteer.name, "language": volunteer.language,
        "languages": list(volunteer.languages), "skills": list(volunteer.skills),
        "availability": list(volunteer.availability),
        "themes": list(volunteer.themes.order_by("key").values_list("key", flat=True)),
        "city": _ref(volunteer.city) if volunteer.city_id else None, "area": volunteer.area,
        "max_km": volunteer.max_km, "birth_year": volunteer.birth_year, "consent_text": volunteer.consent_text,
        "consented_at": volunteer.consented_at, "confirmed_at": volunteer.confirmed_at,
    }  # fmt: skip


@router.get("{code}/volunteers/me/", response=VolunteerOut,
            summary="Read your own volunteer record (the volunteer tied to your account)")  # fmt: skip
def read_me(request: HttpRequest, code: str):
    return volunteer_out(_me(request, code))


@router.put("{code}/volunteers/me/", response=VolunteerOut, summary="Change your volunteer details",
            description="As your details page: every field at once; the e-mail address stays.")  # fmt: skip
def change_me(request: HttpRequest, code: str, payload: DetailsIn):
    volunteer = _me(request, code)
    return volunteer_out(change_details(volunteer, _details(volunteer.programme, payload)))


# -- applying and withdrawing ---------------------------------------------------------------------
class OpportunityRef(Schema):
    id: int
    title: Texts = Field(examples=[{"en": "Welcome walks"}])
    organisation: OrganisationRef
    city: OrganisationRef
    time_zone: str = Field(examples=["Europe/Rome"])


def opportunity_ref(opportunity: Opportunity) -> dict:
    return {"id": opportunity.pk, "title": opportunity.title, "organisation": _ref(opportunity.organisation),
            "city": _ref(opportunity.city), "time_zone": opportunity.time_zone.key}  # fmt: skip


class MyCommitmentOut(Schema):
    id: int
    opportunity: OpportunityRef
    status: CommitmentStatus
    message: str
    applied_at: datetime
    decided_at: datetime | None
    may_withdraw: bool = Field(description="Waiting for an answer, or accepted: it may be withdrawn.")


def commitment_out(commitment: Commitment) -> dict:
    return {"id": commitment.pk, "opportunity": opportunity_ref(commitment.opportunity), "status": commitment.status,
            "message": commitment.message, "applied_at": commitment.created_at,
            "decided_at": commitment.decided_at, "may_withdraw": may_withdraw(commitment)}  # fmt: skip


@router.get("{code}/volunteers/me/commitments/", response=Page[MyCommitmentOut],
            summary="Your offers to take part, newest first")  # fmt: skip
def list_my_commitments(request: HttpRequest, code: str, paging: Query[Paging]):
    volunteer = _me(request, code)
    return paged(request, commitments_of(volunteer), paging, lambda rows: [commitment_out(c) for c in rows])


class ApplyIn(Schema):
    message: str = Field("", max_length=20_000, description="To the organisation (at most 2,000 characters).")


@router.post("{code}/opportunities/{int:opportunity_id}/apply/", response=MyCommitmentOut,
             openapi_extra=_problems(**{"409": "Not open for volunteers, or the organisation answered already."}),
             summary="Offer to take part in an opportunity (as your volunteer)",
             description="Accepted at once where the opportunity is open to all (meet-ups, language cafés and "
                         "welcome events without vulnerable people); else it waits for the organisation's answer. "
                         "Asked again, it answers the offer as it stands.")  # fmt: skip
def apply_to(request: HttpRequest, code: str, opportunity_id: int, payload: ApplyIn):
    programme = enter(request, code)
    opportunity = get_opportunity_for_view(request.user, programme, opportunity_id)
    volunteer = _volunteer(request, programme)
    try:
        commitment = apply(volunteer, opportunity, message=payload.message)
    except ValidationError as refusal:
        raise _refused(refusal, "opportunity") from None
    return commitment_out(commitments_of(volunteer).get(pk=commitment.pk))


@router.post("{code}/volunteers/me/commitments/{int:commitment_id}/withdraw/", response=MyCommitmentOut,
             openapi_extra=_problems(**{"409": "Declined or withdrawn already: nothing to withdraw."}),
             summary="Withdraw an offer or an acceptance; your coming shifts there are freed")  # fmt: skip
def withdraw_from(request: HttpRequest, code: str, commitment_id: int):
    volunteer = _me(request, code)
    change = partial(withdraw, volunteer)
    return commitment_out(_change_mine(commitments_of(volunteer), commitment_id, "commitment", change))


# -- places on shifts -----------------------------------------------------------------------------
class ShiftRef(Schema):
    id: int
    starts_at: datetime = Field(description="In the city's time.")
    ends_at: datetime


class BookingOut(Schema):
    id: int
    status: BookingStatus
    shift: ShiftRef
    opportunity: OpportunityRef
    confirmed_at: datetime
    cancelled_at: datetime | None


def booking_out(booking: ShiftBooking) -> dict:
    shift = booking.shift
    opportunity = shift.opportunity
    zone = opportunity.time_zone
    return {
        "id": booking.pk, "status": booking.status, "opportunity": opportunity_ref(opportunity),
        "shift": {"id": shift.pk, "starts_at": shift.starts_at.astimezone(zone),
                  "ends_at": shift.ends_at.astimezone(zone)},
        "confirmed_at": booking.confirmed_at, "cancelled_at": booking.cancelled_at,
    }  # fmt: skip


@router.get("{code}/volunteers/me/bookings/", response=Page[BookingOut],
            summary="Your places on shifts that have not ended, soonest first")  # fmt: skip
def list_my_bookings(request: HttpRequest, code: str, paging: Query[Paging]):
    volunteer = _me(request, code)
    return paged(request, coming_bookings(volunteer), paging, lambda rows: [booking_out(b) for b in rows])


def _book(request: HttpRequest, code: str, shift_id: int, service) -> dict:
    """As the opportunity page's buttons: the shift of an opportunity the caller sees, then their volunteer."""
    programme = enter(request, code)
    shift = Shift.objects.filter(opportunity__programme=programme, pk=shift_id).first()
    if shift is None:
        raise Http404("no such shift")
    get_opportunity_for_view(request.user, programme, shift.opportunity_id)  # a draft's shifts are its editors'
    volunteer = _volunteer(request, programme)
    try:
        booking = service(shift, volunteer=volunteer)
    except ValidationError as refusal:
        raise _refused(refusal, "shift") from None
    return booking_out(ShiftBooking.objects.select_related("shift__opportunity__city").get(pk=booking.pk))


SHIFT_PROBLEMS = _problems(**{"409": "The place is refused: `detail` says why (full, begun, not accepted, too "
                                     "young, another shift at that time, already yours …)."})  # fmt: skip


@router.post("{code}/shifts/{int:shift_id}/booking/", response=BookingOut, openapi_extra=SHIFT_PROBLEMS,
             summary="Take a place on a shift (as your volunteer)",
             description="As the opportunity page's button: an opportunity open to all accepts you now; a role "
                         "asks for the organisation's acceptance first.")  # fmt: skip
def book_shift(request: HttpRequest, code: str, shift_id: int):
    return _book(request, code, shift_id, take_shift)


@router.delete("{code}/shifts/{int:shift_id}/booking/", response=BookingOut,
               openapi_extra=_problems(**{"409": "No place of yours on it, or it has begun."}),
               summary="Give your place on a shift back, before it begins")  # fmt: skip
def unbook_shift(request: HttpRequest, code: str, shift_id: int):
    return _book(request, code, shift_id, cancel_shift)


# -- hours given -----------------------------------------------------------------------------------
class MyHoursOut(Schema):
    id: int
    opportunity: OpportunityRef
    shift: int | None = Field(description="The shift's id, when one was named.")
    starts_at: datetime = Field(description="In the city's time.")
    ends_at: datetime
    minutes: int = Field(description="As logged.")
    note: str
    status: HoursStatus
    approved_minutes: int | None
    decision_note: str
    decided_at: datetime | None


def hours_out(entry: HoursEntry) -> dict:
    zone = entry.opportunity.time_zone
    return {
        "id": entry.pk, "opportunity": opportunity_ref(entry.opportunity), "shift": entry.shift_id,
        "starts_at": entry.starts_at.astimezone(zone), "ends_at": entry.ends_at.astimezone(zone),
        "minutes": entry.minutes, "note": entry.note, "status": entry.status,
        "approved_minutes": entry.approved_minutes, "decision_note": entry.decision_note,
        "decided_at": entry.decided_at,
    }  # fmt: skip


@router.get("{code}/volunteers/me/hours/", response=Page[MyHoursOut], summary="The hours you gave, newest first")
def list_my_hours(request: HttpRequest, code: str, paging: Query[Paging]):
    volunteer = _me(request, code)
    entries = hours_of_volunteer(volunteer).select_related("opportunity__organisation")
    return paged(request, entries, paging, lambda rows: [hours_out(entry) for entry in rows])


class HoursIn(Schema):
    opportunity: int = Field(examples=[12], description="One you are accepted in.", **INT_RANGE)
    starts_at: Moment = Field(examples=["2020-03-02T18:00:00+01:00"])
    ends_at: Moment = Field(examples=["2020-03-02T20:00:00+01:00"], description="Given already; at most 16 hours.")
    shift: int | None = Field(None, description="One of your shifts of this opportunity, or null.", **INT_RANGE)
    note: str = Field("", max_length=5_000, description="At most 500 characters.")


# The service names the hours page's fields: the body's are these.
HOURS_FIELDS = {"day": "starts_at", "starts": "starts_at", "ends": "ends_at"}


@router.post("{code}/volunteers/me/hours/", response={201: MyHoursOut},
             summary="Log hours you gave to an opportunity, for its organisation to approve")  # fmt: skip
def log_my_hours(request: HttpRequest, code: str, payload: HoursIn):
    volunteer = _me(request, code)
    try:
        opportunity = get_opportunity_for_view(request.user, volunteer.programme, payload.opportunity)
    except Http404:
        raise ValidationError({"opportunity": [_("Opportunity: one of the programme's opportunities.")]}) from None
    shift = None
    if payload.shift is not None:  # one that names nothing of theirs is refused by the service, naming `shift`
        shift = Shift.objects.filter(pk=payload.shift).first() or Shift(pk=payload.shift)
    try:
        entry = log_hours(opportunity, volunteer=volunteer, starts_at=payload.starts_at, ends_at=payload.ends_at,
                          note=payload.note, shift=shift)  # fmt: skip
    except ValidationError as refusal:
        errors: dict[str, list[str]] = {}
        for field, messages in refusal.message_dict.items():
            errors.setdefault(HOURS_FIELDS.get(field, field), []).extend(messages)
        raise ValidationError(errors) from None
    return Status(201, hours_out(hours_of_volunteer(volunteer).select_related("opportunity__organisation")
                                 .get(pk=entry.pk)))  # fmt: skip


@router.delete("{code}/volunteers/me/hours/{int:entry_id}/", response={204: None},
               openapi_extra=_problems(**{"409": "The organisation has decided them: they stay."}),
               summary="Take back hours the organisation has not decided yet")  # fmt: skip
def remove_my_hours(request: HttpRequest, code: str, entry_id: int):
    volunteer = _me(request, code)
    _change_mine(hours_of_volunteer(volunteer), entry_id, "entry", partial(remove_hours, volunteer=volunteer))
    return Status(204, None)


PDF_ANSWER = {
    "responses": {
        200: {
            "description": "The certificate, in your language (English when the site has not yours).",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get("{code}/volunteers/me/certificate.pdf", openapi_extra=PDF_ANSWER,
            summary="Your certificate of approved hours and training attended (PDF)")  # fmt: skip
def my_certificate(request: HttpRequest, code: str):
    volunteer = _me(request, code)
    response = HttpResponse(certificate_pdf(volunteer), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="volunteering-certificate.pdf"'
    for name, value in rate_headers(request).items():  # ninja adds them only to what it renders itself
        response[name] = value
    return response
