"""Which volunteer a request speaks for: the one whose personal link was followed in this browser (kept in the
session, per programme), or the one tied to the signed-in account. Volunteers need no account."""

from django.http import HttpRequest

from values.network.permissions import AnyUser
from values.programme.models import Programme
from values.volunteering.models import Volunteer
from values.volunteering.volunteers import campaign_reference


def _session_key(programme: Programme) -> str:
    return f"volunteer:{programme.pk}"


def _active(programme: Programme):
    return Volunteer.objects.filter(programme=programme, confirmed_at__isnull=False, anonymised_at__isnull=True)


def account_volunteer(user: AnyUser, programme: Programme) -> Volunteer | None:
    """The confirmed, not anonymised volunteer of `programme` tied to this account (`Volunteer.user`), or None:
    whom the account speaks for on the volunteer's pages and in the API."""
    if not user.is_authenticated:
        return None
    return _active(programme).filter(user=user).first()


def current_volunteer(request: HttpRequest) -> Volunteer | None:
    """The confirmed, not anonymised volunteer of `request.programme` this request speaks for, or None."""
    programme = getattr(request, "programme", None)
    if programme is None:
        return None
    volunteer_id = request.session.get(_session_key(programme))
    if volunteer_id is not None:
        volunteer = _active(programme).filter(pk=volunteer_id).first()
        if volunteer is not None:
            return volunteer
    return account_volunteer(request.user, programme)


def remember_volunteer(request: HttpRequest, volunteer: Volunteer) -> None:
    """This browser speaks for `volunteer` from now on; a new session key, so a planted one is worth nothing."""
    request.session.cycle_key()
    request.session[_session_key(volunteer.programme)] = volunteer.pk


def forget_volunteer(request: HttpRequest, programme: Programme) -> None:
    request.session.pop(_session_key(programme), None)


def _call_key(programme: Programme) -> str:
    return f"volunteer-call:{programme.pk}"


def remember_call(request: HttpRequest) -> None:
    """Keep the campaign and channel a call to volunteer named (`?campaign=…&channel=…`) until the sign-up."""
    campaign, channel = campaign_reference(request.GET.get("campaign", ""), request.GET.get("channel", ""))
    if campaign:
        request.session[_call_key(request.programme)] = [campaign, channel]


def call_heard(request: HttpRequest) -> tuple[str, str]:
    """The campaign and channel whose call brought this browser here, if one did."""
    campaign, channel = request.session.get(_call_key(request.programme), ["", ""])
    return campaign, channel
