"""A volunteer's own door through the API, on the permission matrix's world: Cesena's published language café
(open to all, 8 places, a shift on 2 March 2020, 18:00–20:00 in Rome) and its draft, and the world's volunteer,
confirmed and accepted at the café, given an account here as their page gives it (`give_account`).

Signing up answers 202 the same way for a known address and a new one and mails the confirmation link; each
refusal names its field (422) or its reason (409) and leaves the rows as they were; the web pages and the API give
the same results because they call the same services.
"""

import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.permission_world import CESENA, VOLUNTEER_EMAIL
from values.network.models import Organisation
from values.programme.models import Theme
from values.volunteering.bookings import take_shift
from values.volunteering.enums import CommitmentStatus
from values.volunteering.hours import decide_hours, log_hours
from values.volunteering.models import Commitment, HoursEntry, Opportunity, Shift, ShiftBooking, Volunteer
from values.volunteering.services import close_opportunity, publish_opportunity, save_opportunity
from values.volunteering.volunteers import confirm_sign_up, consent_statement, consent_version

from .conftest import ApiClient, token_client
from .matrix_volunteers import volunteer_account

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("api_volunteers")]

BASE = "/api/v1/programmes/820885"
ME = f"{BASE}/volunteers/me/"
WEB = "/en/p/820885/volunteer"


def pointers(response) -> list[str]:
    return sorted({error.get("pointer") for error in response.json()["errors"]})


def rows() -> tuple:
    """What a refused change must leave as it was."""
    return (
        list(Volunteer.objects.order_by("pk").values_list("pk", "name", "pending", "max_km", "city_id")),
        list(Commitment.objects.order_by("pk").values_list("pk", "status", "message")),
        list(ShiftBooking.objects.order_by("pk").values_list("pk", "status")),
        list(HoursEntry.objects.order_by("pk").values_list("pk", "status", "minutes")),
    )


@pytest.fixture
def own(module_world):
    """The world's volunteer with a dedicated account (the matrix's), and a client with its token."""
    user = volunteer_account(module_world)
    return Volunteer.objects.get(pk=module_world.volunteer.pk), token_client(user)


def coming_shift(opportunity: Opportunity, *, days: int = 7, places: int | None = None) -> Shift:
    """A shift days from now: beyond the programme's dates (2021), so made as a row, not through `add_shift`."""
    start = timezone.localdate() + timedelta(days=days)
    starts_at = datetime(start.year, start.month, start.day, 18, tzinfo=opportunity.time_zone)
    return Shift.objects.create(opportunity=opportunity, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
                                places=places or opportunity.places)  # fmt: skip


def delete(client: ApiClient, path: str):
    return client.client.delete(path, headers=client.headers)


def role(world, *, publish: bool = True) -> Opportunity:
    """A volunteer role of Cesena's: the organisation accepts each volunteer before they take its shifts."""
    cesena = Organisation.objects.get(key="cesena")
    opportunity = save_opportunity(
        world.programme, organisation=cesena, by=world.people[CESENA], original_language="en", title="Mentor",
        kind="volunteer_role", theme=Theme.objects.get(key="B"), city=cesena, places=2, start_date=world.opportunity
        .start_date, end_date=None,
    )  # fmt: skip
    return publish_opportunity(opportunity, by=world.people[CESENA]) if publish else opportunity


# -- signing up ------------------------------------------------------------------------------------
def sign_up_body(world, **changes) -> dict:
    return {"name": "Luca Bianchi", "email": "luca@example.org", "consent": True,
            "consent_version": consent_version(world.programme), "language": "it", "languages": ["it", "en"],
            "skills": ["cooking"], "availability": ["0-morning"], "themes": ["B"], "city": "cesena",
            "area": "47521", "max_km": 15, "birth_year": 1990} | changes  # fmt: skip


def test_the_consent_statement_is_read_with_its_version(module_world):
    answer = ApiClient().get(f"{BASE}/volunteers/consent/")

    assert answer.status_code == 200, answer.content
    assert answer.json() == {"language": "en", "text": consent_statement(module_world.programme),
                             "version": consent_version(module_world.programme), "retention_months": 24}  # fmt: skip


def test_anyone_signs_up_and_the_mailed_link_confirms_it(module_world):
    answer = ApiClient().post(f"{BASE}/volunteers/", sign_up_body(module_world))

    assert answer.status_code == 202, answer.content
    assert answer.json()["confirmation_days"] == 7
    volunteer = Volunteer.objects.get(email="luca@example.org")
    assert (volunteer.confirmed_at, volunteer.name) == (None, "")  # nothing counts before the link is followed
    assert volunteer.pending["consent_text"] == consent_statement(module_world.programme)
    [message] = mail.outbox
    assert message.to == ["luca@example.org"]
    key = re.search(r"/it/p/820885/volunteer/confirm/([\w-]+)/", message.body).group(1)
    confirmed = confirm_sign_up(module_world.programme, key)
    assert (confirmed.pk, confirmed.name, confirmed.max_km, confirmed.birth_year) == (volunteer.pk, "Luca Bianchi",
                                                                                      15, 1990)  # fmt: skip
    assert (confirmed.city.key, list(confirmed.themes.values_list("key", flat=True))) == ("cesena", ["B"])


def test_a_known_address_gets_the_same_answer_and_nothing_of_theirs_changes(module_world):
    new = ApiClient().post(f"{BASE}/volunteers/", sign_up_body(module_world))
    known = ApiClient().post(f"{BASE}/volunteers/", sign_up_body(module_world, email=VOLUNTEER_EMAIL.upper(),
                                                                 name="Someone Else"))  # fmt: skip

    assert (new.status_code, known.status_code) == (202, 202)
    assert new.content == known.content
    assert VOLUNTEER_EMAIL not in known.content.decode()
    volunteer = Volunteer.objects.get(pk=module_world.volunteer.pk)
    assert (volunteer.name, volunteer.pending["name"]) == ("Matrix Volunteer", "Someone Else")
    assert [message.to for message in mail.outbox] == [["luca@example.org"], [VOLUNTEER_EMAIL]]


def test_the_mail_limit_per_client_address_holds_as_on_the_page(module_world, monkeypatch):
    monkeypatch.setattr("values.volunteering.volunteers.MAILS_PER_HOUR_PER_ADDRESS", 1)

    answers = [ApiClient().post(f"{BASE}/volunteers/", sign_up_body(module_world, email=f"{who}@example.org"))
               for who in ("one", "two")]  # fmt: skip

    assert [answer.status_code for answer in answers] == [202, 202]
    assert answers[0].content == answers[1].content
    assert [message.to for message in mail.outbox] == [["one@example.org"]]
    assert Volunteer.objects.filter(email="two@example.org").exists()  # kept; its mail waits for the next hour


@pytest.mark.parametrize(
    ("changes", "pointer"),
    [
        ({"consent": False}, "#/consent"),
        ({"consent_version": "0123456789abcdef"}, "#/consent_version"),
        ({"email": "not-an-address"}, "#/email"),
        ({"name": ""}, "#/name"),
        ({"themes": ["Z"]}, "#/themes"),
        ({"city": "atlantis"}, "#/city"),
        ({"max_km": 0}, "#/max_km"),
        ({"availability": ["8-night"]}, "#/availability"),
        ({"birth_year": 1800}, "#/birth_year"),
        ({"opportunity": 2**31 - 1}, "#/opportunity"),
        ({"max_km": "far"}, "#/max_km"),
    ],
)
def test_a_bad_sign_up_is_refused_naming_its_field_and_keeps_nothing(module_world, changes, pointer):
    before = rows()

    answer = ApiClient().post(f"{BASE}/volunteers/", sign_up_body(module_world) | changes)

    assert answer.status_code == 422, answer.content
    assert answer["Content-Type"] == "application/problem+json"
    assert pointer in pointers(answer)
    assert rows() == before
    assert mail.outbox == []


def test_a_token_that_may_only_read_signs_nobody_up(module_world):
    answer = token_client(module_world.people[CESENA], scope="read").post(f"{BASE}/volunteers/",
                                                                          sign_up_body(module_world))  # fmt: skip

    assert answer.status_code == 403
    assert not Volunteer.objects.filter(email="luca@example.org").exists()


# -- the volunteer's own record --------------------------------------------------------------------
def test_whoever_is_no_volunteer_is_told_so(module_world):
    stranger = token_client(module_world.people[CESENA]).get(ME)
    nobody = ApiClient().get(ME)

    assert stranger.status_code == 404
    assert stranger.json()["detail"].startswith("No volunteer:")
    assert nobody.status_code == 401


def test_an_anonymised_volunteer_is_nobody_s(module_world, own):
    volunteer, client = own
    Volunteer.objects.filter(pk=volunteer.pk).update(anonymised_at=timezone.now())

    assert client.get(ME).status_code == 404


def test_the_volunteer_reads_and_changes_their_details(module_world, own):
    volunteer, client = own

    read = client.get(ME)
    changed = client.put(ME, {"name": "Matrix V.", "languages": ["ar", "it"], "city": "cesena", "themes": ["B"],
                              "availability": ["5-evening"], "max_km": 5, "language": "it"})  # fmt: skip

    assert read.status_code == 200, read.content
    me = read.json()
    assert (me["email"], me["name"], me["city"]["key"]) == (VOLUNTEER_EMAIL, "Matrix Volunteer", "cesena")
    assert changed.status_code == 200, changed.content
    volunteer.refresh_from_db()
    assert (volunteer.name, volunteer.languages, volunteer.max_km, volunteer.language) == ("Matrix V.", ["ar", "it"],
                                                                                           5, "it")  # fmt: skip
    assert changed.json()["themes"] == ["B"]


@pytest.mark.parametrize(
    ("changes", "pointer"),
    [({"name": ""}, "#/name"), ({"max_km": 501}, "#/max_km"), ({"themes": ["Z"]}, "#/themes"),
     ({"languages": ["xx"]}, "#/languages")],
)  # fmt: skip
def test_bad_details_are_refused_naming_the_field_and_change_nothing(module_world, own, changes, pointer):
    _volunteer, client = own
    before = rows()

    answer = client.put(ME, {"name": "Matrix V."} | changes)

    assert answer.status_code == 422, answer.content
    assert pointer in pointers(answer)
    assert rows() == before


# -- applying and withdrawing ----------------------------------------------------------------------
def test_applying_to_a_role_waits_for_the_organisation_and_a_cafe_accepts_at_once(module_world, own):
    _volunteer, client = own
    mentor = role(module_world)

    applied = client.post(f"{BASE}/opportunities/{mentor.pk}/apply/", {"message": "I mentor students."})
    again = client.post(f"{BASE}/opportunities/{module_world.opportunity.pk}/apply/", {})
    listed = client.get(f"{ME}commitments/")

    assert applied.status_code == 200, applied.content
    assert (applied.json()["status"], applied.json()["message"], applied.json()["may_withdraw"]) == (
        "applied", "I mentor students.", True)  # fmt: skip
    assert again.json()["status"] == "accepted"
    assert [(item["opportunity"]["id"], item["status"]) for item in listed.json()["results"]] == [
        (mentor.pk, "applied"), (module_world.opportunity.pk, "accepted")]  # fmt: skip


def test_applying_is_refused_where_the_page_refuses_it(module_world, own):
    volunteer, client = own
    mentor = role(module_world)
    Commitment.objects.create(volunteer=volunteer, opportunity=mentor, status=CommitmentStatus.DECLINED)
    closed = role(module_world)
    close_opportunity(closed, by=module_world.people[CESENA])
    before = rows()

    declined = client.post(f"{BASE}/opportunities/{mentor.pk}/apply/", {})
    shut = client.post(f"{BASE}/opportunities/{closed.pk}/apply/", {})
    long = client.post(f"{BASE}/opportunities/{module_world.opportunity.pk}/apply/", {"message": "x" * 2001})
    draft = client.post(f"{BASE}/opportunities/{module_world.draft_opportunity.pk}/apply/", {})

    assert (declined.status_code, declined.json()["detail"]) == (409, "The organisation has already answered your "
                                                                      "offer for this one.")  # fmt: skip
    assert (shut.status_code, shut.json()["detail"]) == (409, "This opportunity is not open for volunteers.")
    assert (long.status_code, pointers(long)) == (422, ["#/message"])
    assert draft.status_code == 404
    assert rows() == before


def test_withdrawing_frees_the_coming_shifts_and_is_refused_twice(module_world, own):
    volunteer, client = own
    shift = coming_shift(module_world.opportunity)
    take_shift(shift, volunteer=volunteer)
    address = f"{ME}commitments/{module_world.commitment.pk}/withdraw/"

    withdrawn = client.post(address)
    before = rows()
    again = client.post(address)

    assert withdrawn.status_code == 200, withdrawn.content
    assert (withdrawn.json()["status"], withdrawn.json()["may_withdraw"]) == ("withdrawn", False)
    assert ShiftBooking.objects.get(shift=shift, volunteer=volunteer).status == "cancelled"
    assert (again.status_code, again.json()["detail"]) == (409, "Only an offer waiting for an answer, or accepted, "
                                                                "is withdrawn.")  # fmt: skip
    assert rows() == before


def test_someone_else_s_commitment_is_nothing_to_the_volunteer(module_world, own):
    _volunteer, client = own
    other = Volunteer.objects.create(programme=module_world.programme, email="o@example.org", name="Other",
                                     confirmed_at=timezone.now())  # fmt: skip
    theirs = Commitment.objects.create(volunteer=other, opportunity=module_world.opportunity, status="accepted")

    assert client.post(f"{ME}commitments/{theirs.pk}/withdraw/").status_code == 404
    assert Commitment.objects.get(pk=theirs.pk).status == "accepted"


# -- places on shifts ------------------------------------------------------------------------------
def test_the_volunteer_takes_and_gives_back_a_place(module_world, own):
    _volunteer, client = own
    shift = coming_shift(module_world.opportunity)

    taken = client.post(f"{BASE}/shifts/{shift.pk}/booking/")
    listed = client.get(f"{ME}bookings/")
    given_back = delete(client, f"{BASE}/shifts/{shift.pk}/booking/")

    assert taken.status_code == 200, taken.content
    assert (taken.json()["status"], taken.json()["shift"]["id"]) == ("confirmed", shift.pk)
    assert taken.json()["shift"]["starts_at"].endswith("18:00:00+01:00") or taken.json()["shift"][
        "starts_at"].endswith("18:00:00+02:00")  # fmt: skip
    assert [item["shift"]["id"] for item in listed.json()["results"]] == [shift.pk]
    assert (given_back.status_code, given_back.json()["status"]) == (200, "cancelled")
    assert client.get(f"{ME}bookings/").json()["count"] == 0


def test_a_place_is_refused_where_the_page_refuses_it(module_world, own):
    _volunteer, client = own
    full = coming_shift(module_world.opportunity, places=1)
    other = Volunteer.objects.create(programme=module_world.programme, email="o@example.org", name="Other",
                                     confirmed_at=timezone.now())  # fmt: skip
    take_shift(full, volunteer=other)
    mentor = role(module_world)
    mentor_shift = coming_shift(mentor, days=8)
    before = rows()

    answers = {
        "full": client.post(f"{BASE}/shifts/{full.pk}/booking/"),
        "begun": client.post(f"{BASE}/shifts/{module_world.opportunity_shift.pk}/booking/"),
        "not accepted": client.post(f"{BASE}/shifts/{mentor_shift.pk}/booking/"),
        "no place": delete(client, f"{BASE}/shifts/{full.pk}/booking/"),
    }

    assert {why: (answer.status_code, answer.json()["detail"]) for why, answer in answers.items()} == {
        "full": (409, "Every place on this shift is taken."),
        "begun": (409, "This shift has already begun."),
        "not accepted": (409, "The organisation accepts you for this opportunity before you take its shifts."),
        "no place": (409, "You have no place on this shift."),
    }
    assert rows() == before


def test_a_draft_s_shift_is_nothing_to_the_volunteer(module_world, own):
    _volunteer, client = own

    assert client.post(f"{BASE}/shifts/{module_world.draft_opportunity_shift.pk}/booking/").status_code == 404
    assert client.post(f"{BASE}/shifts/{2**31 - 1}/booking/").status_code == 404


# -- hours -----------------------------------------------------------------------------------------
HOURS = {"starts_at": "2020-03-02T18:00:00+01:00", "ends_at": "2020-03-02T20:15:00+01:00", "note": "Walks"}


def test_the_volunteer_logs_lists_and_takes_back_hours(module_world, own):
    _volunteer, client = own

    logged = client.post(f"{ME}hours/", HOURS | {"opportunity": module_world.opportunity.pk})
    listed = client.get(f"{ME}hours/")
    removed = delete(client, f"{ME}hours/{logged.json()['id']}/")

    assert logged.status_code == 201, logged.content
    assert (logged.json()["minutes"], logged.json()["status"], logged.json()["starts_at"]) == (
        135, "logged", "2020-03-02T18:00:00+01:00")  # fmt: skip
    assert [item["id"] for item in listed.json()["results"]] == [logged.json()["id"]]
    assert removed.status_code == 204
    assert HoursEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "pointer"),
    [
        ({"ends_at": "2020-03-02T17:00:00+01:00"}, "#/ends_at"),
        ({"starts_at": "2020-03-02T01:00:00+01:00", "ends_at": "2020-03-02T20:00:00+01:00"}, "#/ends_at"),
        ({"starts_at": "2019-03-02T18:00:00+01:00", "ends_at": "2019-03-02T20:00:00+01:00"}, "#/starts_at"),
        ({"note": "x" * 501}, "#/note"),
        ({"shift": 2**31 - 1}, "#/shift"),
        ({"opportunity": 2**31 - 1}, "#/opportunity"),
        ({"starts_at": "2020-03-02T18:00:00"}, "#/starts_at"),
    ],
)
def test_bad_hours_are_refused_naming_the_field_and_save_nothing(module_world, own, changes, pointer):
    _volunteer, client = own
    before = rows()

    answer = client.post(f"{ME}hours/", HOURS | {"opportunity": module_world.opportunity.pk} | changes)

    assert answer.status_code == 422, answer.content
    assert pointer in pointers(answer)
    assert rows() == before


def test_hours_in_advance_overlapping_or_where_not_accepted_are_refused(module_world, own):
    volunteer, client = own
    mentor = role(module_world)
    soon = timezone.now() + timedelta(hours=2)
    log_hours(module_world.opportunity, volunteer=volunteer, starts_at=datetime.fromisoformat(HOURS["starts_at"]),
              ends_at=datetime.fromisoformat(HOURS["ends_at"]))  # fmt: skip
    before = rows()

    advance = client.post(f"{ME}hours/", {"opportunity": module_world.opportunity.pk,
                                          "starts_at": soon.isoformat(), "ends_at": (soon + timedelta(hours=1))
                                          .isoformat()})  # fmt: skip
    overlap = client.post(f"{ME}hours/", HOURS | {"opportunity": module_world.opportunity.pk})
    not_accepted = client.post(f"{ME}hours/", HOURS | {"opportunity": mentor.pk})

    assert (advance.status_code, pointers(advance)) == (422, ["#/starts_at"])
    assert (overlap.status_code, pointers(overlap)) == (422, ["#/starts_at"])
    assert (not_accepted.status_code, pointers(not_accepted)) == (422, ["#/opportunity"])
    assert rows() == before


def test_decided_hours_stay_and_another_s_are_nothing(module_world, own):
    volunteer, client = own
    entry = log_hours(module_world.opportunity, volunteer=volunteer,
                      starts_at=datetime.fromisoformat(HOURS["starts_at"]),
                      ends_at=datetime.fromisoformat(HOURS["ends_at"]))  # fmt: skip
    decide_hours(entry, decision="approve", seen_status="logged", by=module_world.people[CESENA])
    before = rows()

    decided = delete(client, f"{ME}hours/{entry.pk}/")
    stranger = delete(token_client(module_world.people[CESENA]), f"{ME}hours/{entry.pk}/")

    assert (decided.status_code, decided.json()["detail"]) == (409, "Entry: the organisation has decided it; it is "
                                                                    "no longer changed.")  # fmt: skip
    assert stranger.status_code == 404
    assert rows() == before


def test_the_certificate_is_the_page_s(module_world, own):
    volunteer, client = own
    entry = log_hours(module_world.opportunity, volunteer=volunteer,
                      starts_at=datetime.fromisoformat(HOURS["starts_at"]),
                      ends_at=datetime.fromisoformat(HOURS["ends_at"]))  # fmt: skip
    decide_hours(entry, decision="approve", seen_status="logged", by=module_world.people[CESENA])
    web = Client()
    web.force_login(volunteer.user)

    api_pdf = client.get(f"{ME}certificate.pdf")
    web_pdf = web.get(f"{WEB}/me/certificate.pdf")

    assert api_pdf.status_code == 200
    assert (api_pdf["Content-Type"], web_pdf["Content-Type"]) == ("application/pdf", "application/pdf")
    assert api_pdf.content[:4] == web_pdf.content[:4] == b"%PDF"
    assert api_pdf["Content-Disposition"] == web_pdf["Content-Disposition"]


# -- one rule, two doors ---------------------------------------------------------------------------
def test_the_page_and_the_api_speak_for_the_same_volunteer(module_world, own):
    volunteer, client = own
    shift = coming_shift(module_world.opportunity)
    web = Client()
    web.force_login(volunteer.user)

    took = web.post(f"{WEB}/{module_world.opportunity.pk}/shifts/{shift.pk}/take/")
    seen = client.get(f"{ME}bookings/")
    withdrew = client.post(f"{ME}commitments/{module_world.commitment.pk}/withdraw/")
    page = web.get(f"{WEB}/me/")
    again = web.post(f"{WEB}/me/commitments/{module_world.commitment.pk}/withdraw/", follow=True)

    assert took.status_code == 302
    assert [item["shift"]["id"] for item in seen.json()["results"]] == [shift.pk]
    assert withdrew.status_code == 200
    assert [commitment.status for commitment in page.context["commitments"]] == ["withdrawn"]
    assert list(page.context["bookings"]) == []
    assert "Only an offer waiting for an answer, or accepted, is withdrawn." in again.content.decode()
