"""The API permission matrix's rows for volunteers (joined in tests/api/matrix.py).

The sign-up and its consent statement are for anyone, as the sign-up page (202 whoever asks, nobody included).
The rest speaks for the volunteer tied to the calling account: none of the world's identities is a volunteer (as
the web matrix's SIGNUP_ROWS, where their pages answer them 403 "follow your link"), so each signed-in identity
is told 404 "no volunteer" and nobody 401, before anything is changed.

The world's volunteer has no account, and the page's `give_account` would tie them to the account of their
address, which is the VOLUNTEER identity's (make_member's addresses): that identity would then be a volunteer for
every other row too. So the rows of case "own" make a dedicated account tied to the volunteer and call with that
account's own token, which replaces the identity's: every identity then gets what the volunteer gets. This is
done inside each request's rolled-back transaction, so it writes; the reads of one's own (GET) therefore are not
here but in tests/api/test_volunteers.py, with the same account made once per test.
"""

import secrets
from datetime import datetime, timedelta

from django.utils import timezone

from tests.api.matrix_base import NOBODY, PREFIX, PUBLIC, Row, Secret, by, code
from tests.api.matrix_volunteering import hours_entry
from tests.permission_world import VOLUNTEER_EMAIL, World
from values.api.services import create_token
from values.network.models import User
from values.network.services import create_account
from values.volunteering.bookings import take_shift
from values.volunteering.models import Shift, Volunteer
from values.volunteering.volunteers import consent_version

OWN_ACCOUNT = "matrix-volunteer-own"
NO_VOLUNTEER = by(404) | dict.fromkeys(NOBODY, 401)  # signed in without a volunteer: 404; nobody: 401
NO_EMAIL = Secret(lambda w: VOLUNTEER_EMAIL, ())
ME = f"{PREFIX}/volunteers/me/"
BOOKING = f"{PREFIX}/shifts/{{shift_id}}/booking/"


def volunteer_account(w: World) -> User:
    """A dedicated account of the world's volunteer (no role anywhere), tied to them; made once per transaction."""
    user = User.objects.filter(username=OWN_ACCOUNT).first() or create_account(
        username=OWN_ACCOUNT, email=f"{OWN_ACCOUNT}@example.org", password=secrets.token_urlsafe(32)
    )
    Volunteer.objects.filter(pk=w.volunteer.pk).update(user=user)  # not the world's object: this is rolled back
    return user


def volunteer_token(w: World) -> dict:
    """The world's volunteer's own account and a token of it, for this request."""
    secret = create_token(volunteer_account(w), name="matrix volunteer", scope="write", days=1)[1]
    return {"Authorization": f"Bearer {secret}"}


def coming_shift(w: World) -> Shift:
    """A shift of the published opportunity a week from now (made for the request, rolled back with it): beyond the
    programme's dates (2021), so made as a row, not through `add_shift`."""
    start = timezone.localdate() + timedelta(days=7)
    starts_at = datetime(start.year, start.month, start.day, 18, tzinfo=w.opportunity.time_zone)
    return Shift.objects.filter(opportunity=w.opportunity, starts_at__gt=timezone.now()).first() or (
        Shift.objects.create(opportunity=w.opportunity, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
                             places=8)
    )  # fmt: skip


def booked_shift(w: World) -> Shift:
    shift = coming_shift(w)
    take_shift(shift, volunteer=w.volunteer)
    return shift


def opportunity(w: World) -> dict:
    return code(w) | {"opportunity_id": w.opportunity.pk}


def sign_up_body(w: World, identity: str) -> dict:
    return {"name": "Matrix Newcomer", "email": f"matrix-newcomer-{identity}@example.org", "consent": True,
            "consent_version": consent_version(w.programme), "languages": ["it"], "themes": ["B"],
            "city": "cesena"}  # fmt: skip


def details(w: World, identity: str) -> dict:
    return {"name": "Matrix Volunteer", "languages": ["ar", "it"], "city": "cesena", "max_km": 5}


def message(w: World, identity: str) -> dict:
    return {"message": "Count me in."}


def hours(w: World, identity: str) -> dict:
    return {"opportunity": w.opportunity.pk, "starts_at": "2020-03-02T18:00:00+01:00",
            "ends_at": "2020-03-02T20:00:00+01:00"}  # fmt: skip


OWN = {"headers": volunteer_token, "case": "own"}
# fmt: off
ROWS = [
    Row(f"GET {PREFIX}/volunteers/consent/", PUBLIC, at=code),
    # Whether the address is known or not, the answer is the same and shows nobody's address.
    Row(f"POST {PREFIX}/volunteers/", by(202), at=code, body=sign_up_body, secrets=(NO_EMAIL,)),
    Row(f"POST {PREFIX}/volunteers/", by(202), at=code, case="known-address", secrets=(NO_EMAIL,),
        body=lambda w, identity: sign_up_body(w, identity) | {"email": VOLUNTEER_EMAIL.upper()}),
    Row(f"GET {ME}", NO_VOLUNTEER, at=code, secrets=(NO_EMAIL,)),
    Row(f"PUT {ME}", NO_VOLUNTEER, at=code, body=details, secrets=(NO_EMAIL,)),
    Row(f"PUT {ME}", by(200), at=code, body=details, **OWN),
    Row(f"GET {ME}commitments/", NO_VOLUNTEER, at=code),
    Row(f"POST {ME}commitments/{{commitment_id}}/withdraw/", NO_VOLUNTEER,
        at=lambda w: code(w) | {"commitment_id": w.commitment.pk}),
    Row(f"POST {ME}commitments/{{commitment_id}}/withdraw/", by(200),
        at=lambda w: code(w) | {"commitment_id": w.commitment.pk}, **OWN),
    Row(f"POST {PREFIX}/opportunities/{{opportunity_id}}/apply/", NO_VOLUNTEER, at=opportunity, body=message,
        case="published"),
    # A draft is its editors' alone: to anyone else it is nothing, whoever they speak for.
    Row(f"POST {PREFIX}/opportunities/{{opportunity_id}}/apply/", NO_VOLUNTEER, body=message, case="draft",
        at=lambda w: code(w) | {"opportunity_id": w.draft_opportunity.pk}),
    Row(f"POST {PREFIX}/opportunities/{{opportunity_id}}/apply/", by(200), at=opportunity, body=message, **OWN),
    Row(f"POST {PREFIX}/opportunities/{{opportunity_id}}/apply/", by(404), body=message, case="own-draft",
        at=lambda w: code(w) | {"opportunity_id": w.draft_opportunity.pk}, headers=volunteer_token),
    Row(f"GET {ME}bookings/", NO_VOLUNTEER, at=code),
    Row(f"POST {BOOKING}", NO_VOLUNTEER, at=lambda w: code(w) | {"shift_id": w.opportunity_shift.pk}),
    Row(f"POST {BOOKING}", NO_VOLUNTEER, case="draft",
        at=lambda w: code(w) | {"shift_id": w.draft_opportunity_shift.pk}),
    Row(f"POST {BOOKING}", by(200), at=lambda w: code(w) | {"shift_id": coming_shift(w).pk}, **OWN),
    # The world's shift was in March 2020: it has begun, and the place is refused saying so.
    Row(f"POST {BOOKING}", by(409), case="own-begun", at=lambda w: code(w) | {"shift_id": w.opportunity_shift.pk},
        headers=volunteer_token),
    Row(f"POST {BOOKING}", by(404), case="own-draft", headers=volunteer_token,
        at=lambda w: code(w) | {"shift_id": w.draft_opportunity_shift.pk}),
    Row(f"DELETE {BOOKING}", NO_VOLUNTEER, at=lambda w: code(w) | {"shift_id": w.opportunity_shift.pk}),
    Row(f"DELETE {BOOKING}", by(200), at=lambda w: code(w) | {"shift_id": booked_shift(w).pk}, **OWN),
    Row(f"GET {ME}hours/", NO_VOLUNTEER, at=code),
    Row(f"POST {ME}hours/", NO_VOLUNTEER, at=code, body=hours),
    Row(f"POST {ME}hours/", by(201), at=code, body=hours, **OWN),
    Row(f"DELETE {ME}hours/{{entry_id}}/", NO_VOLUNTEER, at=lambda w: code(w) | {"entry_id": hours_entry(w).pk}),
    Row(f"DELETE {ME}hours/{{entry_id}}/", by(204), at=lambda w: code(w) | {"entry_id": hours_entry(w).pk}, **OWN),
    Row(f"GET {ME}certificate.pdf", NO_VOLUNTEER, at=code),
]
# fmt: on


def path_values(w: World) -> dict:
    """A real value for each path parameter these operations name, for the schema fuzzer."""
    return {"shift_id": w.opportunity_shift.pk}
