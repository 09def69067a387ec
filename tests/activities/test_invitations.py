"""Nominating people who have no account yet, the nomination deadline's warning and refusal, people by name."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tests.conftest import make_member
from values.activities.models import Participant, Visit
from values.activities.services import invite_participant, nominate_participant
from values.network.enums import Role
from values.network.models import Organisation, User
from values.programme.models import Membership

pytestmark = pytest.mark.django_db

SITE = "https://values.example.org"


@pytest.fixture
def visit(cesena_visit) -> Visit:
    return cesena_visit


def named(user: User, first: str, last: str) -> User:
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])
    return user


def invite(visit: Visit, by: User, **fields) -> Participant:
    values = {"name": "Giulia Bianchi", "email": "giulia@example.org", "role": Role.VOLUNTEER_LEADER}
    return invite_participant(
        visit,
        **(values | fields),
        organisation=Organisation.objects.get(key="cesena"),
        by=by,
        today=visit.start - timedelta(days=30),
        language="en",
        site=SITE,
    )


def counts() -> tuple[int, int, int, int]:
    return User.objects.count(), Membership.objects.count(), Participant.objects.count(), len(mail.outbox)


def test_an_invitation_makes_one_account_one_role_one_place_and_one_mail_that_lets_them_in(
    client, visit, cesena_staff, django_capture_on_commit_callbacks
):
    named(cesena_staff, "Marco", "Neri")
    before = counts()
    client.force_login(cesena_staff)
    cesena = Organisation.objects.get(key="cesena")
    data = {"action": "invite", "invite-name": " Giulia  Bianchi ", "invite-email": "giulia@example.org",
            "invite-role": "volunteer_leader", "invite-organisation": cesena.pk}  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/p/820885/activities/{visit.pk}/nominate/", data)

    assert response.status_code == 302
    assert tuple(after - b for after, b in zip(counts(), before, strict=True)) == (1, 1, 1, 1)
    giulia = User.objects.get(email="giulia@example.org")
    assert (giulia.first_name, giulia.last_name, giulia.username) == ("Giulia", "Bianchi", "giulia@example.org")
    membership = giulia.memberships.get()
    assert (membership.organisation.key, membership.role, membership.programme.code) == (
        "cesena", "volunteer_leader", "820885")  # fmt: skip
    participant = giulia.participations.get()
    assert (participant.activity_id, participant.organisation.key, participant.nominated_by) == (
        visit.pk, "cesena", cesena_staff)  # fmt: skip
    message = mail.outbox[0]
    assert message.to == ["giulia@example.org"]
    assert message.body.startswith("Hello Giulia Bianchi,\n\nMarco Neri of City of Cesena nominated you")
    link = re.search(r"http://testserver(/en/accounts/password-reset/\S+)", message.body).group(1)
    client.logout()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    chosen = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Tr3es-in-Cesena!", "new_password2": "Tr3es-in-Cesena!"}
    )
    assert chosen.status_code == 302
    assert client.login(username="giulia@example.org", password="Tr3es-in-Cesena!")
    page = client.get(f"/en/p/820885/activities/{visit.pk}/")
    assert page.status_code == 200
    assert "You are nominated for this activity." in page.content.decode()


def test_the_invited_place_counts_against_the_citys_places(visit, cesena_staff, django_capture_on_commit_callbacks):
    visit.capacity = 3
    visit.save(update_fields=["capacity"])
    cesena = Organisation.objects.get(key="cesena")
    for username in ("one", "two"):
        member = make_member(username, "cesena", Role.CITY_STAFF)
        nominate_participant(visit, user=member, organisation=cesena, by=cesena_staff, today=visit.start)
    with django_capture_on_commit_callbacks(execute=True):
        invite(visit, cesena_staff)
    before = counts()

    with pytest.raises(ValidationError) as refused, django_capture_on_commit_callbacks(execute=True):
        invite(visit, cesena_staff, name="Luca Verdi", email="luca@example.org")

    assert refused.value.message_dict == {"email": ["City of Cesena has used all its 3 places."]}
    assert counts() == before
    assert before[2] == 3


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"name": "  "}, {"name": ["Name: write the person's name."]}),
        ({"name": "x" * 151}, {"name": ["Name: at most 150 characters."]}),
        ({"email": "giulia@"}, {"email": ["E-mail address: enter a valid address, such as name@example.org."]}),
        ({"role": Role.COORDINATOR}, {"role": ["Role: choose city staff or volunteer leader."]}),
        ({"role": Role.VOLUNTEER}, {"role": ["Role: choose city staff or volunteer leader."]}),
    ],
)
def test_bad_invitations_are_refused_naming_the_field_and_nothing_is_made(visit, cesena_staff, fields, errors):
    before = counts()

    with pytest.raises(ValidationError) as refused:
        invite(visit, cesena_staff, **fields)

    assert refused.value.message_dict == errors
    assert counts() == before


def test_an_invitation_after_the_deadline_or_of_someone_nominated_is_refused(visit, cesena_staff, volunteer):
    cesena = Organisation.objects.get(key="cesena")
    nominate_participant(visit, user=volunteer, organisation=cesena, by=cesena_staff, today=visit.start)
    before = counts()

    with pytest.raises(ValidationError) as twice:
        invite(visit, cesena_staff, email="VOLUNTEER@example.org")
    visit.nomination_deadline = visit.start - timedelta(days=31)
    with pytest.raises(ValidationError) as late:
        invite(visit, cesena_staff)

    assert twice.value.message_dict == {"email": ["E-mail address: the person of this address is already nominated."]}
    day = visit.nomination_deadline
    assert late.value.message_dict == {
        "email": [
            f"Nominations for this activity are closed since {day.day} {day:%B %Y}; cities can no longer nominate."
        ]
    }
    assert counts() == before


def test_an_existing_account_is_reused_and_keeps_its_name(
    visit, cesena_staff, riga_staff, django_capture_on_commit_callbacks
):
    named(riga_staff, "Ilze", "Ozola")
    users = User.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        participant = invite(visit, cesena_staff, name="Someone Else", email="riga@example.org")

    assert (User.objects.count(), participant.user, participant.user.get_full_name()) == (
        users,
        riga_staff,
        "Ilze Ozola",
    )
    assert len(mail.outbox) == 1


def test_saving_a_past_deadline_warns(client, visit, cesena_staff):
    client.force_login(cesena_staff)
    data = {"start": visit.start, "end": visit.end, "mode": "in_person", "venue": "", "video_link": "",
            "capacity": 4, "nomination_deadline": date(2019, 2, 1)}  # fmt: skip

    response = client.post(f"/en/p/820885/activities/{visit.pk}/edit/", data, follow=True)

    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert shown == [
        "The details were saved.",
        "Nominations for this activity are closed since 1 February 2019; cities can no longer nominate.",
    ]


def test_the_closed_nomination_page_names_who_can_extend_it(client, visit, cesena_staff, riga_staff, coordinator):
    named(cesena_staff, "Marco", "Neri")
    named(coordinator, "Anna", "Lisi")
    named(riga_staff, "Ilze", "Ozola")
    visit.nomination_deadline = date(2019, 2, 1)
    visit.save(update_fields=["nomination_deadline"])
    client.force_login(riga_staff)

    response = client.get(f"/en/p/820885/activities/{visit.pk}/nominate/")
    refused = client.post(f"/en/p/820885/activities/{visit.pk}/nominate/", {"action": "invite"})

    assert response.status_code == 200
    assert [u.get_full_name() for u in response.context["extenders"]] == ["Anna Lisi", "Marco Neri"]
    page = response.content.decode()
    assert "closed since 1 February 2019" in page
    assert "<li>Anna Lisi</li>" in page
    assert "<li>Marco Neri</li>" in page
    assert f"/activities/{visit.pk}/edit/" not in page
    assert refused.status_code == 400
    assert Participant.objects.count() == 0
    client.force_login(cesena_staff)
    assert (
        f"/activities/{visit.pk}/edit/" in client.get(f"/en/p/820885/activities/{visit.pk}/nominate/").content.decode()
    )


def test_pages_show_people_by_name_never_by_login(client, visit, cesena_staff, riga_staff, coordinator):
    named(cesena_staff, "Marco", "Neri")
    named(riga_staff, "Ilze", "Ozola")
    named(coordinator, "Anna", "Lisi")
    leader = named(make_member("leader-login", "cesena", Role.VOLUNTEER_LEADER), "Sara", "Conti")
    cesena, riga = Organisation.objects.get(key="cesena"), Organisation.objects.get(key="riga")
    nominate_participant(visit, user=leader, organisation=cesena, by=cesena_staff, today=visit.start)
    nominate_participant(visit, user=riga_staff, organisation=riga, by=riga_staff, today=visit.start)
    logins = {"leader-login", "riga"}

    client.force_login(coordinator)
    pages = [client.get(f"/en/p/820885/activities/{visit.pk}/{tail}") for tail in ("", "nominate/")]

    assert "Sara Conti" in pages[0].content.decode()
    assert "Marco Neri (City of Cesena)" in pages[1].content.decode()
    for page in pages:
        text = page.content.decode()
        assert page.status_code == 200
        assert [login for login in logins if re.search(rf"[>\s(]{re.escape(login)}[<\s)]", text)] == []
