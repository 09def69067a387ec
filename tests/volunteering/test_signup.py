"""Signing up without an account: consent, the double opt-in, one person per address, the personal page and
link, applying and withdrawing, downloading and erasing one's data, and the purge and anonymisation rules."""

import json
import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tests.conftest import make_member
from tests.volunteering.conftest import make_volunteer, speak_as
from tests.volunteering.test_services import offer
from values.network.enums import AuditAction, Role
from values.network.models import AuditEntry, Organisation
from values.programme.models import Theme
from values.volunteering.enums import BookingStatus, CommitmentStatus, HoursStatus
from values.volunteering.identity import account_volunteer
from values.volunteering.models import Commitment, HoursEntry, Shift, ShiftBooking, Volunteer
from values.volunteering.services import publish_opportunity
from values.volunteering.volunteers import (
    anonymise_inactive,
    confirm_sign_up,
    consent_language,
    consent_version,
    digest,
    purge_unconfirmed,
    sign_up,
    withdraw,
)

pytestmark = pytest.mark.django_db
BASE = "/en/p/820885/volunteer/"
ROME = timezone.get_fixed_timezone(60)


def details(programme, **changes) -> dict:
    values = {
        "name": "Luca Bianchi", "language": "it", "languages": ["it", "EN"], "skills": ["football coaching"],
        "availability": ["5-morning", "2-evening"], "themes": [Theme.objects.get(programme=programme, key="B").pk],
        "city": Organisation.objects.get(key="cesena").pk, "area": "47521", "max_km": 8, "birth_year": 1990,
    }  # fmt: skip
    return values | changes


def form(programme, **changes) -> dict:
    data = {
        "name": "Luca Bianchi", "email": "Luca@Example.org", "language": "en", "languages": "it, en",
        "skills": "football coaching\nfirst aid", "availability": ["2-evening", "5-morning"],
        "themes": [str(Theme.objects.get(programme=programme, key="B").pk)],
        "city": str(Organisation.objects.get(key="cesena").pk), "area": "Oltresavio", "max_km": "8",
        "birth_year": "1990", "consent": "on",
    }  # fmt: skip
    return data | changes


def link_in(message) -> str:
    return re.search(r"http://testserver(\S+)", message.body).group(1)


def without_token(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


# -- the service -------------------------------------------------------------------------------
def test_a_sign_up_waits_for_its_confirmation_and_nobody_sees_it_before(programme):
    issued = sign_up(programme, email=" Luca@Example.org ", details=details(programme), consent=True)

    volunteer = Volunteer.objects.get()
    assert volunteer.email == "luca@example.org"
    assert (volunteer.name, volunteer.confirmed_at) == ("", None)
    assert volunteer.confirmation_digest == digest(issued.key) != issued.key

    confirmed = confirm_sign_up(programme, issued.key)

    assert confirmed.pk == volunteer.pk
    volunteer.refresh_from_db()
    assert volunteer.name == "Luca Bianchi"
    assert volunteer.languages == ["it", "en"]
    assert volunteer.availability == ["2-evening", "5-morning"]  # in the week's order
    assert volunteer.city.key == "cesena"
    # "47521" is no postcode the platform knows (none loaded): distances are measured from Cesena's centre.
    assert (volunteer.latitude, volunteer.longitude) == (44.139, 12.243)  # as data/values.yaml places Cesena
    assert volunteer.max_km == 8
    assert volunteer.birth_year == 1990
    assert [theme.key for theme in volunteer.themes.all()] == ["B"]
    assert "anonymised 24 months after my last activity" in volunteer.consent_text
    assert volunteer.confirmed_at is not None
    assert volunteer.pending == {}
    assert confirm_sign_up(programme, issued.key) is None  # a key serves once


def test_an_area_the_platform_knows_places_the_volunteer_there(programme):
    from values.volunteering.models import Postcode

    Postcode.objects.create(country="IT", code="47522", label="Cesena Sud", latitude=44.12, longitude=12.25)
    issued = sign_up(programme, email="a@example.org", details=details(programme, area="47522", city=None),
                     consent=True)  # fmt: skip

    volunteer = confirm_sign_up(programme, issued.key)

    assert (volunteer.latitude, volunteer.longitude, volunteer.area) == (44.12, 12.25, "47522")


def test_the_same_address_again_updates_the_one_person_once_confirmed(programme):
    first = sign_up(programme, email="luca@example.org", details=details(programme), consent=True)
    confirm_sign_up(programme, first.key)

    later = timezone.now() + timedelta(minutes=5)
    again = sign_up(programme, email="LUCA@example.org", details=details(programme, name="Someone Else"),
                    consent=True, now=later)  # fmt: skip

    assert Volunteer.objects.count() == 1
    assert Volunteer.objects.get().name == "Luca Bianchi"  # nothing changes before the owner confirms
    confirm_sign_up(programme, again.key, now=later)
    assert Volunteer.objects.get().name == "Someone Else"


def test_a_second_sign_up_within_two_minutes_sends_no_second_key(programme):
    first = sign_up(programme, email="luca@example.org", details=details(programme), consent=True)
    second = sign_up(programme, email="luca@example.org", details=details(programme, name="Luca B."), consent=True)

    assert first.key
    assert second.key is None
    confirm_sign_up(programme, first.key)
    assert Volunteer.objects.get().name == "Luca B."  # the latest details are the ones confirmed


@pytest.mark.parametrize(
    ("changes", "email", "consent", "field"),
    [
        ({}, "not-an-address", True, "email"),
        ({}, "", True, "email"),
        ({}, "luca@example.org", False, "consent"),
        ({"name": "  "}, "luca@example.org", True, "name"),
        ({"languages": ["it", "xx"]}, "luca@example.org", True, "languages"),
        ({"availability": ["8-morning"]}, "luca@example.org", True, "availability"),
        ({"max_km": 0}, "luca@example.org", True, "max_km"),
        ({"max_km": True}, "luca@example.org", True, "max_km"),
        ({"birth_year": 1800}, "luca@example.org", True, "birth_year"),
        ({"city": "riga-not-an-id"}, "luca@example.org", True, "city"),
        ({"skills": ["x" * 81]}, "luca@example.org", True, "skills"),
    ],
)
def test_bad_sign_ups_are_refused_naming_the_field_and_keep_nothing(programme, changes, email, consent, field):
    problems = refusal(lambda: sign_up(programme, email=email, details=details(programme, **changes), consent=consent))

    assert field in problems
    assert Volunteer.objects.count() == 0


def test_a_theme_or_city_of_another_programme_is_refused(programme, welcome):
    other_theme = Theme.objects.filter(programme=welcome).first()
    vilnius = Organisation.objects.filter(city__isnull=False).exclude(partnerships__programme=programme).first()

    wrong = details(programme, themes=[other_theme.pk], city=vilnius.pk)
    problems = refusal(lambda: sign_up(programme, email="a@example.org", consent=True, details=wrong))

    assert set(problems) == {"themes", "city"}


def test_unconfirmed_sign_ups_vanish_after_seven_days(programme):
    old = sign_up(programme, email="old@example.org", details=details(programme), consent=True)
    sign_up(programme, email="new@example.org", details=details(programme), consent=True)
    make_volunteer(programme)
    Volunteer.objects.filter(email="old@example.org").update(
        created_at=timezone.now() - timedelta(days=8), confirmation_sent_at=timezone.now() - timedelta(days=8)
    )
    Volunteer.objects.filter(email="new@example.org").update(created_at=timezone.now() - timedelta(days=6))

    assert purge_unconfirmed() == 1
    assert sorted(Volunteer.objects.values_list("email", flat=True)) == ["amina@example.org", "new@example.org"]
    assert confirm_sign_up(programme, old.key) is None


def _hours(volunteer, opportunity, day: int, minutes: int, status=HoursStatus.APPROVED) -> HoursEntry:
    start = datetime(2020, 4, day, 10, tzinfo=ROME)
    return HoursEntry.objects.create(
        volunteer=volunteer, opportunity=opportunity, starts_at=start, ends_at=start + timedelta(minutes=minutes),
        minutes=minutes, approved_minutes=minutes, status=status, note="brought my cousin Omar",
    )  # fmt: skip


def test_volunteers_inactive_past_the_retention_become_counts_with_their_hours(programme, amina):
    opportunity = publish_opportunity(offer(programme), by=None)
    Commitment.objects.create(volunteer=amina, opportunity=opportunity, status=CommitmentStatus.ACCEPTED,
                              message="I am Amina, call me on 333")  # fmt: skip
    _hours(amina, opportunity, 2, 150)
    _hours(amina, opportunity, 3, 75)
    recent = make_volunteer(programme, email="recent@example.org", name="Recent One")
    now = timezone.now()
    Volunteer.objects.filter(pk=amina.pk).update(last_active_at=now - timedelta(days=25 * 31))
    Volunteer.objects.filter(pk=recent.pk).update(last_active_at=now - timedelta(days=20 * 31))

    assert anonymise_inactive(now=now) == 1

    amina.refresh_from_db()
    assert (amina.name, amina.email, amina.languages, amina.latitude, amina.birth_year) == ("", "", [], None, None)
    assert amina.anonymised_at == now
    assert sum(entry.approved_minutes for entry in amina.hours.all()) == 225  # 2 h 30 + 1 h 15 stay
    assert {entry.note for entry in amina.hours.all()} == {""}
    assert amina.commitments.get().message == ""
    assert amina.commitments.get().status == CommitmentStatus.ACCEPTED
    assert Volunteer.objects.get(pk=recent.pk).name == "Recent One"


def test_a_volunteer_with_a_coming_shift_is_not_anonymised(programme, amina):
    opportunity = publish_opportunity(offer(programme, end_date=None), by=None)
    start = timezone.now() + timedelta(days=3)
    shift = Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + timedelta(hours=2), places=3)
    ShiftBooking.objects.create(shift=shift, volunteer=amina, confirmed_at=timezone.now())
    Volunteer.objects.filter(pk=amina.pk).update(last_active_at=timezone.now() - timedelta(days=800))

    assert anonymise_inactive() == 0


# -- the pages ------------------------------------------------------------------------------------
def test_a_resident_signs_up_confirms_by_the_mailed_link_and_lands_on_their_page(client, programme):
    response = client.post(f"{BASE}join/", form(programme))

    assert response.status_code == 302
    assert response["Location"] == f"{BASE}join/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["luca@example.org"]
    link = link_in(mail.outbox[0])
    assert link.startswith(f"{BASE}confirm/")
    assert client.get(f"{BASE}me/").context.get("volunteer") is None

    page = client.get(link)  # what a mail scanner does: it confirms nothing
    assert page.status_code == 200
    assert Volunteer.objects.get().confirmed_at is None

    confirmed = client.post(link)

    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"{BASE}me/"
    me = client.get(f"{BASE}me/")
    assert me.context["volunteer"].name == "Luca Bianchi"
    assert "luca@example.org" in me.content.decode()


def test_the_sign_up_mail_is_in_the_language_chosen_and_its_link_too(client, programme):
    client.post(f"{BASE}join/", form(programme, language="it"))

    assert link_in(mail.outbox[0]).startswith("/it/p/820885/volunteer/confirm/")
    assert "Conferma" in mail.outbox[0].subject


def test_a_bad_sign_up_form_is_a_400_naming_the_field_and_mails_nobody(client, programme):
    response = client.post(f"{BASE}join/", form(programme, email="luca@", consent=""))

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"email", "consent"}
    assert mail.outbox == []
    assert Volunteer.objects.count() == 0


def test_an_unknown_or_expired_confirmation_link_says_so(client, programme):
    issued = sign_up(programme, email="luca@example.org", details=details(programme), consent=True)
    Volunteer.objects.update(confirmation_sent_at=timezone.now() - timedelta(days=8))

    assert client.post(f"{BASE}confirm/{issued.key}/").status_code == 404
    assert client.post(f"{BASE}confirm/{'x' * 43}/").status_code == 404
    assert Volunteer.objects.get().confirmed_at is None


def test_the_campaign_and_channel_of_the_call_are_kept_with_the_sign_up(client, programme):
    client.get(f"{BASE}?campaign=7&channel=Instagram")
    client.post(f"{BASE}join/", form(programme))
    client.post(link_in(mail.outbox[0]))

    volunteer = Volunteer.objects.get()
    assert (volunteer.campaign, volunteer.channel) == ("7", "Instagram")


def test_the_personal_link_is_mailed_only_to_a_confirmed_volunteer_and_the_page_says_the_same(client, programme, amina):
    known = client.post(f"{BASE}me/link/", {"email": "AMINA@example.org"})
    unknown = client.post(f"{BASE}me/link/", {"email": "nobody@example.org"})

    assert without_token(known) == without_token(unknown)
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
    link = link_in(mail.outbox[0])
    assert client.get(link)["Location"] == f"{BASE}me/"
    assert client.get(f"{BASE}me/").context["volunteer"] == amina


def test_a_personal_link_older_than_thirty_days_opens_nothing(client, programme, amina):
    client.post(f"{BASE}me/link/", {"email": "amina@example.org"})
    Volunteer.objects.update(page_link_sent_at=timezone.now() - timedelta(days=31))

    response = client.get(link_in(mail.outbox[0]))

    assert response.status_code == 404
    assert client.get(f"{BASE}me/").context.get("volunteer") is None


def test_a_page_of_ones_own_without_a_volunteer_asks_for_the_link(client, programme):
    for page in ("details/", "data.json", "erase/", "shifts.ics"):
        assert client.get(f"{BASE}me/{page}").status_code == 403


def test_changing_ones_details_keeps_the_address_and_refuses_bad_input(client, programme, amina):
    speak_as(client, amina)

    refused = client.post(f"{BASE}me/details/", form(programme, name="Amina H.", languages="ar, zz"))
    assert refused.status_code == 400
    assert "languages" in refused.context["form"].errors
    assert Volunteer.objects.get(pk=amina.pk).name == "Amina Haddad"

    saved = client.post(f"{BASE}me/details/", form(programme, name="Amina H.", email="evil@example.org"))
    assert saved.status_code == 302
    amina.refresh_from_db()
    assert (amina.name, amina.email) == ("Amina H.", "amina@example.org")


def test_applying_to_an_open_meetup_accepts_and_to_a_role_waits_for_the_organisation(client, programme, amina):
    cafe = publish_opportunity(offer(programme), by=None)
    role = publish_opportunity(offer(programme, kind="volunteer_role", title="Homework help"), by=None)
    speak_as(client, amina)

    client.post(f"{BASE}{cafe.pk}/apply/", {"message": "I make tea"})
    client.post(f"{BASE}{role.pk}/apply/")

    statuses = dict(Commitment.objects.values_list("opportunity__kind", "status"))
    assert statuses == {"language_cafe": CommitmentStatus.ACCEPTED, "volunteer_role": CommitmentStatus.APPLIED}


def test_applying_without_a_volunteer_leads_to_the_sign_up_and_the_confirmation_applies(client, programme):
    cafe = publish_opportunity(offer(programme), by=None)

    response = client.post(f"{BASE}{cafe.pk}/apply/")
    assert response["Location"] == f"{BASE}join/?opportunity={cafe.pk}"

    client.post(response["Location"], form(programme))
    client.post(link_in(mail.outbox[0]))

    assert Commitment.objects.get().opportunity == cafe


def test_withdrawing_frees_the_volunteers_coming_shifts_only(client, programme, amina):
    cafe = publish_opportunity(offer(programme, end_date=None), by=None)
    commitment = Commitment.objects.create(volunteer=amina, opportunity=cafe, status=CommitmentStatus.ACCEPTED)
    now = timezone.now()
    past = Shift.objects.create(opportunity=cafe, starts_at=now - timedelta(days=2),
                                ends_at=now - timedelta(days=2, hours=-2), places=2)  # fmt: skip
    coming = Shift.objects.create(opportunity=cafe, starts_at=now + timedelta(days=2),
                                  ends_at=now + timedelta(days=2, hours=2), places=2)  # fmt: skip
    for shift in (past, coming):
        ShiftBooking.objects.create(shift=shift, volunteer=amina, confirmed_at=now)
    speak_as(client, amina)

    client.post(f"{BASE}me/commitments/{commitment.pk}/withdraw/")

    assert Commitment.objects.get().status == CommitmentStatus.WITHDRAWN
    statuses = dict(ShiftBooking.objects.values_list("shift_id", "status"))
    assert statuses == {past.pk: BookingStatus.CONFIRMED, coming.pk: BookingStatus.CANCELLED}


def test_nobody_withdraws_anothers_commitment(client, programme, amina):
    cafe = publish_opportunity(offer(programme), by=None)
    theirs = Commitment.objects.create(volunteer=amina, opportunity=cafe, status=CommitmentStatus.ACCEPTED)
    speak_as(client, make_volunteer(programme, email="other@example.org"))

    assert client.post(f"{BASE}me/commitments/{theirs.pk}/withdraw/").status_code == 404
    assert Commitment.objects.get().status == CommitmentStatus.ACCEPTED


@pytest.mark.parametrize("status", [CommitmentStatus.DECLINED, CommitmentStatus.WITHDRAWN])
def test_a_declined_or_withdrawn_commitment_is_not_withdrawn_and_the_page_says_why(client, programme, amina, status):
    cafe = publish_opportunity(offer(programme), by=None)
    commitment = Commitment.objects.create(volunteer=amina, opportunity=cafe, status=status)
    speak_as(client, amina)

    page = client.post(f"{BASE}me/commitments/{commitment.pk}/withdraw/", follow=True)

    assert "Only an offer waiting for an answer, or accepted, is withdrawn." in page.content.decode()
    assert Commitment.objects.get().status == status
    with pytest.raises(ValidationError):
        withdraw(amina, commitment)


def test_an_account_speaks_for_its_confirmed_volunteer_of_that_programme_only(programme, amina):
    staff = make_member("giulia", "cesena", Role.CITY_STAFF)

    assert account_volunteer(staff, programme) is None
    Volunteer.objects.filter(pk=amina.pk).update(user=staff)
    assert account_volunteer(staff, programme) == amina
    Volunteer.objects.filter(pk=amina.pk).update(anonymised_at=timezone.now())
    assert account_volunteer(staff, programme) is None


def test_the_consent_statement_s_version_names_its_language(programme):
    with translation.override("it"):
        italian = consent_version(programme)

    assert consent_language(programme, italian) == "it"
    assert consent_language(programme, consent_version(programme)) == "en"
    assert consent_language(programme, "0123456789abcdef") is None


def test_the_coming_shifts_download_as_a_calendar_in_the_citys_time(client, programme, amina):
    cafe = publish_opportunity(offer(programme, end_date=None), by=None)
    start = (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    shift = Shift.objects.create(opportunity=cafe, starts_at=start, ends_at=start + timedelta(hours=2), places=2)
    ShiftBooking.objects.create(shift=shift, volunteer=amina, confirmed_at=timezone.now())
    speak_as(client, amina)

    calendar = client.get(f"{BASE}me/shifts.ics").content.decode()

    assert "SUMMARY:Language café at the library" in calendar
    assert "DTSTART;TZID=Europe/Rome:" in calendar
    assert calendar.count("BEGIN:VEVENT") == 1


def test_a_volunteer_downloads_everything_kept_about_them(client, programme, amina):
    cafe = publish_opportunity(offer(programme), by=None)
    Commitment.objects.create(volunteer=amina, opportunity=cafe, status=CommitmentStatus.ACCEPTED, message="hi")
    speak_as(client, amina)

    response = client.get(f"{BASE}me/data.json")

    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="my-volunteer-data.json"'
    assert (data["name"], data["email"], data["languages"]) == ("Amina Haddad", "amina@example.org", ["ar", "it"])
    assert data["commitments"][0]["message"] == "hi"
    assert data["consent"]["text"] == "test consent"


def test_erasing_ones_data_needs_the_box_ticked_and_then_forgets_the_person(client, programme, amina):
    speak_as(client, amina)

    assert client.post(f"{BASE}me/erase/", {}).status_code == 400
    assert Volunteer.objects.get().name == "Amina Haddad"

    response = client.post(f"{BASE}me/erase/", {"confirm": "on"})

    assert response.status_code == 302
    erased = Volunteer.objects.get()
    assert (erased.name, erased.email, erased.anonymised_at is not None) == ("", "", True)
    assert client.get(f"{BASE}me/").context.get("volunteer") is None
    assert AuditEntry.objects.filter(action=AuditAction.PERSONAL_DATA_ERASED).count() == 1
    # The address is free again: signing up anew makes a new person.
    sign_up(programme, email="amina@example.org", details=details(programme), consent=True)
    assert Volunteer.objects.count() == 2


def test_the_coordinator_finds_confirmed_volunteers_downloads_and_erases_on_request(client, programme, coordinator):
    amina = make_volunteer(programme)
    sign_up(programme, email="unconfirmed@example.org", details=details(programme, name="Not Yet"), consent=True)
    client.force_login(coordinator)

    listed = client.get(f"{BASE}people/")
    assert [person.name for person in listed.context["volunteers"]] == ["Amina Haddad"]
    assert "Not Yet" not in listed.content.decode()

    data = client.get(f"{BASE}people/{amina.pk}/data.json")
    assert json.loads(data.content)["email"] == "amina@example.org"
    client.post(f"{BASE}people/{amina.pk}/erase/", {"confirm": "on"})

    assert Volunteer.objects.get(pk=amina.pk).email == ""
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {AuditAction.PERSONAL_DATA_EXPORTED, AuditAction.PERSONAL_DATA_ERASED} <= actions


def test_city_staff_and_the_public_get_no_list_of_volunteers(client, programme, amina):
    assert client.get(f"{BASE}people/")["Location"].startswith("/en/accounts/login/")
    client.force_login(make_member("cesena-staff-v", "cesena", Role.CITY_STAFF))
    assert client.get(f"{BASE}people/").status_code == 403
    assert client.post(f"{BASE}people/{amina.pk}/erase/", {"confirm": "on"}).status_code == 403
    assert Volunteer.objects.get().email == "amina@example.org"


def test_a_volunteer_of_one_programme_is_nobody_in_another(client, programme, welcome, amina):
    speak_as(client, amina)

    assert client.get("/en/p/101010/volunteer/me/").context.get("volunteer") is None


def test_a_volunteer_who_asks_gets_an_account_whose_password_they_set_by_mail(client, programme, amina):
    speak_as(client, amina)

    client.post(f"{BASE}me/account/")

    amina.refresh_from_db()
    assert amina.user.username == "amina@example.org"
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
    assert "/accounts/password-reset/" in mail.outbox[0].body
    signed_in = type(client)()
    signed_in.force_login(amina.user)
    assert signed_in.get(f"{BASE}me/").context["volunteer"] == amina


def test_erasing_a_volunteer_removes_the_account_made_for_them_but_not_a_staff_account(programme, amina):
    from values.volunteering.volunteers import erase, give_account

    give_account(amina)
    staff = make_member("omar-staff", "cesena", Role.CITY_STAFF)
    omar = make_volunteer(programme, email=staff.email or "omar-staff@example.org")
    omar.user = staff
    omar.save()

    erase(amina)
    erase(omar)

    from values.network.models import User

    assert not User.objects.filter(username="amina@example.org").exists()
    assert User.objects.filter(pk=staff.pk).exists()


def test_one_client_address_sends_at_most_twenty_mails_an_hour_and_the_page_says_the_same(client, programme):
    answers = [
        client.post(f"{BASE}join/", form(programme, email=f"person-{n}@example.org"), REMOTE_ADDR="198.51.100.77")
        for n in range(21)
    ]

    assert {answer["Location"] for answer in answers} == {f"{BASE}join/sent/"}
    assert len(mail.outbox) == 20
