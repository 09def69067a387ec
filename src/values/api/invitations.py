"""Invitations to an activity by e-mail for people who have no account yet, as on the nomination page
(`values.activities.services.invite_participant`)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from values.activities.enums import ParticipantStatus
from values.activities.permissions import nominating_cities
from values.activities.services import NAME_MAX_CHARS, invite_participant
from values.api.activities import NO_NUL, visible_activity
from values.api.callers import Forbidden
from values.api.context import enter
from values.api.programmes import organisation_name
from values.api.schemas import OrganisationRef
from values.network.enums import Role

router = Router(tags=["activities"])
EMAIL_MAX_CHARS = 254  # the invitation form's bound (RFC 5321's longest address)


class InvitationIn(Schema):
    """The nomination page's invitation form."""

    name: str = Field(max_length=NAME_MAX_CHARS, pattern=NO_NUL, examples=["Giulia Bianchi"],
                      description="First and last name, as the invitation greets the person.")  # fmt: skip
    email: str = Field(max_length=EMAIL_MAX_CHARS, pattern=NO_NUL, examples=["giulia@example.org"],
                       description="Where the invitation goes; the account of this address, or a new one.")  # fmt: skip
    role: Role = Field(examples=["volunteer_leader"],
                       description="The person's role at the city: city staff or volunteer leader only (volunteers "
                                   "sign up themselves).")  # fmt: skip
    organisation: str | None = Field(None, max_length=64, pattern=NO_NUL, examples=["cesena"],
                                     description="The key of the city the person comes for; needed only when you "
                                                 "nominate for several cities (the coordinator).")  # fmt: skip


class InvitationOut(Schema):
    """What the nominator learns: the same whether the address had an account or not."""

    participant: int = Field(description="The place held for the person (GET …/participants/ lists it).")
    activity: int
    name: str = Field(examples=["Giulia Bianchi"], description="As you wrote it.")
    email: str = Field(examples=["giulia@example.org"], description="As you wrote it.")
    role: Role = Field(examples=["volunteer_leader"])
    organisation: OrganisationRef
    status: ParticipantStatus = Field(examples=["nominated"], description="Until the person confirms.")


def _city(cities, key: str | None):
    """The city the invitation is for, among those the caller nominates for (the form's choice of city)."""
    if key is None and cities.count() == 1:
        return cities.get()
    city = cities.filter(key=key).first() if key is not None else None
    if city is None:
        raise ValidationError({"organisation": [_("City: choose one of the cities you nominate for.")]})
    return city


@router.post("{code}/activities/{int:activity_id}/invitations/", response={201: InvitationOut},
             summary="Invite someone with no account to an activity, by e-mail")  # fmt: skip
def invite(request: HttpRequest, code: str, activity_id: int, payload: InvitationIn):
    """As the nomination page's invitation: the staff of a city taking part (or the coordinator) give a name, an
    e-mail address and a role; the person gets the role at that city, a place is held for them and an invitation
    is mailed (in the language of the request) with a link to set their password. The answer is the same whether
    or not the address already had an account. The deadline, the city's places, the address and the role are the
    page's rules: a refusal is 422 naming the field, and nothing is saved."""
    activity = visible_activity(request, enter(request, code), activity_id)
    cities = nominating_cities(request.user, activity)
    if not cities.exists():
        raise Forbidden(_("Only the staff of a city that takes part nominate its people (and the coordinator)."))
    city = _city(cities, payload.organisation)
    site = f"{request.scheme}://{request.get_host()}"
    language = translation.get_language() or settings.LANGUAGE_CODE
    participant = invite_participant(
        activity, name=payload.name, email=payload.email, role=str(payload.role), organisation=city,
        by=request.user, today=timezone.localdate(), language=language, site=site,
    )  # fmt: skip
    return Status(201, {
        "participant": participant.pk, "activity": activity.pk, "name": payload.name, "email": payload.email,
        "role": payload.role, "status": participant.status,
        "organisation": {"key": city.key, "name": organisation_name(city)},
    })  # fmt: skip
