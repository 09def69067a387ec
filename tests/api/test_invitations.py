"""Inviting someone with no account to an activity through the API, as the nomination page's invitation form does
(`invite_participant`): one account, one role, one place and one mail; the same answer whether the address had an
account; each refusal 422 naming the field, with nothing saved.

Cesena's visit of the accepted plan (seed 1) is on 9–10 September 2019 with 4 places per city, no deadline.
"""

from datetime import date, timedelta

import pytest
from django.core import mail

from tests.conftest import make_member
from values.activities.models import Activity, Exchange, Participant
from values.activities.services import nominate_participant
from values.network.enums import Role
from values.network.models import Organisation, User
from values.programme.models import Membership

from .conftest import token_client

pytestmark = pytest.mark.django_db

BASE = "/api/v1/programmes/820885/activities/"
GIULIA = {"name": "Giulia Bianchi", "email": "giulia@example.org", "role": "volunteer_leader"}


def address(activity: Activity) -> str:
    return f"{BASE}{activity.pk}/invitations/"


def counts() -> tuple[int, int, int, int]:
    return User.objects.count(), Membership.objects.count(), Participant.objects.count(), len(mail.outbox)


def named(user: User, first: str, last: str) -> User:
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])
    return user


@pytest.fixture
def cesena_api(cesena_staff):
    return token_client(cesena_staff)


def test_an_invitation_makes_an_account_a_role_a_place_and_a_mail(
    cesena_api, cesena_staff, cesena_visit, django_capture_on_commit_callbacks
):
    named(cesena_staff, "Marco", "Neri")
    before = counts()

    with django_capture_on_commit_callbacks(execute=True):
        made = cesena_api.post(address(cesena_visit), GIULIA)

    assert made.status_code == 201, made.content
    assert tuple(after - b for after, b in zip(counts(), before, strict=True)) == (1, 1, 1, 1)
    giulia = User.objects.get(email="giulia@example.org")
    participant = giulia.participations.get()
    assert made.json() == {
        "participant": participant.pk, "activity": cesena_visit.pk, "name": "Giulia Bianchi",
        "email": "giulia@example.org", "role": "volunteer_leader", "status": "nominated",
        "organisation": {"key": "cesena", "name": "City of Cesena"},
    }  # fmt: skip
    assert (giulia.first_name, giulia.last_name, giulia.username) == ("Giulia", "Bianchi", "giulia@example.org")
    membership = giulia.memberships.get()
    assert (membership.organisation.key, membership.role, membership.programme.code) == (
        "cesena", "volunteer_leader", "820885")  # fmt: skip
    assert (participant.organisation.key, participant.nominated_by) == ("cesena", cesena_staff)
    message = mail.outbox[0]
    assert message.to == ["giulia@example.org"]
    assert message.subject == f"You are nominated to {cesena_visit}"
    assert message.body.startswith("Hello Giulia Bianchi,\n\nMarco Neri of City of Cesena nominated you")
    assert "http://testserver/en/accounts/password-reset/" in message.body
    assert f"http://testserver/en/p/820885/activities/{cesena_visit.pk}/" in message.body


def test_the_mail_is_written_in_the_language_of_the_request(cesena_staff, cesena_visit,
                                                           django_capture_on_commit_callbacks):  # fmt: skip
    api = token_client(cesena_staff)
    api.headers["Accept-Language"] = "it"

    with django_capture_on_commit_callbacks(execute=True):
        made = api.post(address(cesena_visit), GIULIA)

    assert made.status_code == 201
    assert "/it/accounts/password-reset/" in mail.outbox[0].body


def test_the_answer_is_the_same_whether_the_address_had_an_account(
    cesena_api, riga_staff, cesena_visit, django_capture_on_commit_callbacks
):
    named(riga_staff, "Ilze", "Ozola")
    new = {"name": "Luca Verdi", "email": "luca@example.org", "role": "city_staff"}
    known = {"name": "Luca Verdi", "email": "RIGA@example.org", "role": "city_staff"}
    users = User.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        for_new = cesena_api.post(address(cesena_visit), new)
        for_known = cesena_api.post(address(cesena_visit), known)

    assert (for_new.status_code, for_known.status_code) == (201, 201)
    assert sorted(for_new.json()) == sorted(for_known.json())
    assert {key: value for key, value in for_known.json().items() if key not in ("participant", "email")} == {
        key: value for key, value in for_new.json().items() if key not in ("participant", "email")}  # fmt: skip
    assert b"Ilze" not in for_known.content
    assert b"Ozola" not in for_known.content
    assert str(riga_staff.pk).encode() not in for_known.content.replace(str(for_known.json()["participant"]).encode(),
                                                                        b"")  # fmt: skip
    assert User.objects.count() == users + 1  # the known address keeps its account (and its name)
    assert Participant.objects.get(pk=for_known.json()["participant"]).user == riga_staff
    assert len(mail.outbox) == 2


def test_the_api_and_the_page_make_the_same_invitation(client, cesena_api, cesena_staff, cesena_visit):
    client.force_login(cesena_staff)
    cesena = Organisation.objects.get(key="cesena")
    page = client.post(f"/en/p/820885/activities/{cesena_visit.pk}/nominate/", {
        "action": "invite", "invite-name": "Sara Conti", "invite-email": "sara@example.org",
        "invite-role": "city_staff", "invite-organisation": cesena.pk})  # fmt: skip

    api = cesena_api.post(address(cesena_visit), {"name": "Luca Verdi", "email": "luca@example.org",
                                                  "role": "city_staff"})  # fmt: skip

    assert (page.status_code, api.status_code) == (302, 201)
    made = Participant.objects.select_related("user", "organisation").order_by("pk")
    assert [(p.user.get_full_name(), p.organisation.key, p.status, p.nominated_by) for p in made] == [
        ("Sara Conti", "cesena", "nominated", cesena_staff),
        ("Luca Verdi", "cesena", "nominated", cesena_staff),
    ]
    roles = Membership.objects.filter(user__email__in=["sara@example.org", "luca@example.org"])
    assert sorted(roles.values_list("role", "organisation__key")) == [("city_staff", "cesena")] * 2


@pytest.mark.parametrize(
    ("changes", "pointer", "detail"),
    [
        ({"name": "   "}, "#/name", "Name: write the person's name."),
        ({"email": "giulia@"}, "#/email", "E-mail address: enter a valid address, such as name@example.org."),
        ({"role": "coordinator"}, "#/role", "Role: choose city staff or volunteer leader."),
        ({"role": "volunteer"}, "#/role", "Role: choose city staff or volunteer leader."),
        ({"organisation": "madrid"}, "#/organisation", "City: choose one of the cities you nominate for."),
        ({"organisation": "riga"}, "#/organisation", "City: choose one of the cities you nominate for."),
    ],
)
def test_a_refused_invitation_names_the_field_and_saves_nothing(cesena_api, cesena_visit, changes, pointer, detail):
    before = counts()

    refused = cesena_api.post(address(cesena_visit), GIULIA | changes)

    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"pointer": pointer, "detail": detail}]
    assert counts() == before


@pytest.mark.parametrize(
    ("changes", "pointer"),
    [({"name": "x" * 151}, "#/name"), ({"email": "a" * 250 + "@x.org"}, "#/email"), ({"role": "mayor"}, "#/role"),
     ({"name": "Giulia\x00"}, "#/name")],
)  # fmt: skip
def test_a_malformed_invitation_names_the_field(cesena_api, cesena_visit, changes, pointer):
    before = counts()

    refused = cesena_api.post(address(cesena_visit), GIULIA | changes)

    assert refused.status_code in (400, 422)  # a NUL is refused before the body is read (400)
    if refused.status_code == 422:
        assert [error["pointer"] for error in refused.json()["errors"]] == [pointer]
    assert counts() == before


def test_an_invitation_after_the_deadline_is_refused(cesena_api, cesena_visit):
    Activity.objects.filter(pk=cesena_visit.pk).update(nomination_deadline=date(2019, 9, 1))
    before = counts()

    refused = cesena_api.post(address(cesena_visit), GIULIA)

    assert refused.status_code == 422
    closed = "Nominations for this activity are closed since 1 September 2019; cities can no longer nominate."
    assert refused.json()["errors"] == [{"pointer": "#/email", "detail": closed}]
    assert counts() == before


def test_an_invitation_beyond_the_citys_places_is_refused(cesena_api, cesena_staff, volunteer, cesena_visit):
    Activity.objects.filter(pk=cesena_visit.pk).update(capacity=1)
    nominate_participant(cesena_visit, user=volunteer, organisation=Organisation.objects.get(key="cesena"),
                         by=cesena_staff, today=cesena_visit.start - timedelta(days=1))  # fmt: skip
    before = counts()

    refused = cesena_api.post(address(cesena_visit), GIULIA)

    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"pointer": "#/email", "detail": "City of Cesena has used all its 1 places."}]
    assert counts() == before


def test_someone_already_nominated_is_not_invited_again(cesena_api, cesena_visit):
    cesena_api.post(address(cesena_visit), GIULIA)
    before = counts()

    again = cesena_api.post(address(cesena_visit), GIULIA | {"email": "GIULIA@example.org"})

    assert again.status_code == 422
    assert again.json()["errors"] == [
        {"pointer": "#/email", "detail": "E-mail address: the person of this address is already nominated."}
    ]
    assert counts() == before


def test_the_coordinator_names_the_city_among_those_taking_part(coordinator, cesena_visit):
    api = token_client(coordinator)

    unnamed = api.post(address(cesena_visit), GIULIA)
    not_taking_part = api.post(address(cesena_visit), GIULIA | {"organisation": "madrid"})
    for_riga = api.post(address(cesena_visit), GIULIA | {"organisation": "riga"})

    assert unnamed.status_code == 422
    assert [error["pointer"] for error in unnamed.json()["errors"]] == ["#/organisation"]
    assert not_taking_part.status_code == 422
    assert [error["pointer"] for error in not_taking_part.json()["errors"]] == ["#/organisation"]
    assert for_riga.status_code == 201
    assert for_riga.json()["organisation"] == {"key": "riga", "name": "City of Riga"}
    assert Participant.objects.get().organisation.key == "riga"


def test_who_may_not_nominate_is_refused_and_who_may_not_see_learns_nothing(volunteer, riga_staff, cesena_visit):
    cesena_exchange = Exchange.objects.get(host__key="cesena")
    outsider = make_member("madrid", "madrid", Role.CITY_STAFF)

    by_volunteer = token_client(volunteer).post(address(cesena_visit), GIULIA)
    by_riga_to_exchange = token_client(riga_staff).post(address(cesena_exchange), GIULIA)
    by_outsider = token_client(outsider).post(address(cesena_visit), GIULIA)
    by_nobody = token_client(volunteer, scope="read").post(address(cesena_visit), GIULIA)

    assert (by_volunteer.status_code, by_riga_to_exchange.status_code, by_outsider.status_code) == (403, 404, 404)
    assert by_nobody.status_code == 403
    assert Participant.objects.count() == 0
    assert len(mail.outbox) == 0
