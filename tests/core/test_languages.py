"""The interface's languages: which pages serve which, names from CLDR in the reader's language, a person's
remembered language, e-mails in the recipient's language, and the accessibility statement."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import translation

from tests.conftest import PASSWORD, make_member
from values.activities.services import answer_nomination, nominate_participant
from values.core.languages import (
    country_name,
    date_span,
    in_language,
    interface_language,
    language_choices,
    language_name,
    long_date,
    own_name,
)
from values.knowledge.services import save_practice
from values.network.enums import Role
from values.network.models import Organisation
from values.network.services import language_of
from values.programme.models import Theme
from values.reports.reminders import send_due_reminders

pytestmark = pytest.mark.django_db
BASE = "/{language}/p/820885/"
ITALIAN_MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
                  "ottobre", "novembre", "dicembre")  # fmt: skip


def switcher_languages(response) -> list[tuple[str, str]]:
    return response.context["interface_languages"]


# -- names from CLDR ------------------------------------------------------------------------------
@pytest.mark.unit
def test_names_come_from_cldr_in_the_readers_language():
    assert language_name("de", "it") == "tedesco"
    assert language_name("ar", "fr") == "arabe"
    assert language_name("ti", "en") == "Tigrinya"
    assert country_name("LV", "de") == "Lettland"
    assert own_name("nb") == "Norsk bokmål"
    assert own_name("ar") == "العربية"
    assert own_name("ti") == "ትግርኛ"
    with translation.override("el"):
        assert language_name("it") == "Ιταλικά"


@pytest.mark.unit
def test_a_code_cldr_does_not_know_is_shown_as_it_is():
    assert language_name("xx-unknown", "en") == "xx-unknown"
    assert country_name("ZZQ", "en") == "ZZQ"
    assert language_name(None, "en") == "None"  # type: ignore[arg-type]


@pytest.mark.unit
def test_choices_are_sorted_by_their_name_in_the_readers_language():
    with translation.override("de"):
        assert language_choices(["it", "de", "en"]) == [("de", "Deutsch"), ("en", "Englisch"), ("it", "Italienisch")]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("given", "supported"),
    [
        ("de-AT", "de"),
        ("no", "nb"),
        ("PT", None),
        ("", None),
        (None, None),
        ("ti", "ti"),
        (" EL ", "el"),
        (["it"], None),
    ],
)
def test_a_given_code_becomes_a_language_of_the_interface_or_nothing(given, supported):
    assert interface_language(given) == supported


@pytest.mark.unit
def test_an_address_changes_language_only_in_its_prefix():
    assert in_language("/it/p/820885/partners/?x=/it/", "de") == "/de/p/820885/partners/?x=/it/"
    assert in_language("/feeds/abc.ics", "de") == "/feeds/abc.ics"
    assert in_language("/italy/", "de") == "/italy/"


@pytest.mark.unit
def test_dates_in_sentences_are_written_the_readers_way():
    with translation.override("it"):
        assert long_date(date(2026, 12, 1)) == "1 dicembre 2026"
    with translation.override("de"):
        assert long_date(date(2026, 12, 1)) == "1. Dezember 2026"
    with translation.override("lv"):
        assert long_date(date(2026, 12, 1)) == "2026. gada 1. decembris"
    with translation.override("en"):
        assert long_date(date(2027, 5, 3)) == "May 3, 2027"


@pytest.mark.unit
def test_a_span_of_dates_says_what_they_share_once_in_the_order_of_the_readers_dates():
    with translation.override("en"):  # the order of long_date's "May 3, 2027"
        assert date_span(date(2027, 5, 3), date(2027, 5, 7)) == "May 3\u2009\u2013\u20097, 2027"
        assert date_span(date(2027, 5, 30), date(2027, 6, 2)) == "May 30\u2009\u2013\u2009Jun 2, 2027"
    with translation.override("de"):
        assert date_span(date(2027, 5, 3), date(2027, 5, 7)) == "3.\u20137. Mai 2027"
    with translation.override("it"):
        assert date_span(date(2027, 5, 3), date(2027, 5, 7)) == "03\u201307 mag 2027"


# -- which pages serve which languages --------------------------------------------------------------
def test_a_newcomers_page_is_served_in_arabic_and_offers_all_fifteen_languages(client, programme):
    response = client.get(BASE.format(language="ar") + "volunteer/")

    assert response.status_code == 200
    assert response.wsgi_request.LANGUAGE_CODE == "ar"
    codes = [code for code, _name in switcher_languages(response)]
    assert codes == ["en", "it", "nl", "cs", "de", "es", "ca", "nb", "lv", "el", "fr", "ar", "fa", "uk", "ti"]
    assert ("ti", "ትግርኛ") in switcher_languages(response)


def test_a_staff_page_offers_the_partner_languages_only(client, programme):
    response = client.get(BASE.format(language="lv") + "partners/")

    assert response.status_code == 200
    assert [code for code, _name in switcher_languages(response)] == [
        "en", "it", "nl", "cs", "de", "es", "ca", "nb", "lv", "el", "fr"
    ]  # fmt: skip
    assert ("de", "Deutsch") in switcher_languages(response)


def test_a_page_not_for_newcomers_asked_in_tigrinya_is_shown_in_english(client, programme):
    response = client.get(BASE.format(language="ti") + "partners/?page=2")

    assert response.status_code == 302
    assert response["Location"] == BASE.format(language="en") + "partners/?page=2"


def test_a_form_sent_from_a_newcomers_page_to_another_arrives_with_its_method(client, cesena_staff):
    client.force_login(cesena_staff)

    response = client.post("/fa/accounts/logout/")

    assert response.status_code == 307
    assert response["Location"] == "/en/accounts/logout/"


# -- names in forms and on pages ------------------------------------------------------------------
def test_the_sign_up_names_the_languages_of_its_emails_in_the_readers_language(client, programme):
    response = client.get(BASE.format(language="it") + "volunteer/join/")

    choices = dict(response.context["form"].fields["language"].choices)
    assert choices["de"] == "tedesco"
    assert choices["ti"] == "tigrino"
    assert len(choices) == 15


@pytest.mark.parametrize("language", ["en", "de", "ar"])
def test_the_sign_up_offers_to_write_in_the_language_the_page_is_read_in(client, programme, language):
    response = client.get(BASE.format(language=language) + "volunteer/join/")

    assert response.context["form"]["language"].value() == language


def test_the_practice_filters_name_countries_and_languages(client, programme):
    response = client.get(BASE.format(language="it") + "practices/")

    form = response.context["form"]
    assert ("LV", "Lettonia") in form.fields["country"].choices
    assert ("cs", "ceco") in form.fields["language"].choices


def test_a_practice_names_its_target_groups_in_the_readers_language(client, programme, cesena_staff):
    practice = save_practice(
        programme, organisation=Organisation.objects.get(key="cesena"), by=cesena_staff, original_language="en",
        texts={"title": "Buddies", "summary": "Buddies for newcomers."},
        themes=[Theme.objects.get(programme=programme, key="B")],
        target_groups=["young_migrants", "elderly"],
    )  # fmt: skip
    client.force_login(cesena_staff)

    response = client.get(BASE.format(language="en") + f"practices/{practice.pk}/")

    assert "young migrants, older people" in response.content.decode()
    assert "young_migrants" not in response.content.decode()


def test_djangos_blank_choice_is_translated(client, programme):
    with translation.override("it"):
        from django.db.models.fields import BLANK_CHOICE_LABEL

        assert str(BLANK_CHOICE_LABEL) == "- Scegli un'opzione -"


# -- a person's language ----------------------------------------------------------------------------
def test_the_language_a_signed_in_person_chooses_is_remembered_and_opens_their_next_sign_in(client, cesena_staff):
    client.force_login(cesena_staff)
    client.post("/i18n/setlang/", {"language": "de", "next": "/de/"})
    cesena_staff.refresh_from_db()
    client.logout()

    response = client.post("/en/accounts/login/?next=/en/p/820885/partners/", {
        "username": "cesena", "password": PASSWORD, "next": "/en/p/820885/partners/",
    })  # fmt: skip

    assert cesena_staff.language == "de"
    assert response.status_code == 302
    assert response["Location"] == "/de/p/820885/partners/"
    assert response.cookies["django_language"].value == "de"


def test_a_choice_that_is_no_language_of_the_interface_is_not_remembered(client, cesena_staff):
    client.force_login(cesena_staff)

    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/en/"})

    cesena_staff.refresh_from_db()
    assert response.status_code == 302
    assert cesena_staff.language == ""


def test_someone_not_signed_in_changes_language_without_an_account(client, programme):
    response = client.post("/i18n/setlang/", {"language": "ca", "next": "/ca/"})

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "ca"


def test_a_person_is_written_to_in_their_language_else_their_citys(programme):
    chosen = make_member("chosen", "cesena", Role.CITY_STAFF)
    chosen.language = "fr"
    chosen.save()
    riga = make_member("riga-staff", "riga", Role.CITY_STAFF)
    network = make_member("network-staff", "eurocities", Role.CITY_STAFF)

    assert [language_of(chosen), language_of(riga), language_of(network)] == ["fr", "lv", "en"]


def test_a_reminder_is_written_in_the_recipients_language(
    cesena_visit, cesena_staff, django_capture_on_commit_callbacks
):
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    organisation = leader.memberships.get().organisation
    participant = nominate_participant(
        cesena_visit, user=leader, organisation=organisation, by=cesena_staff, today=cesena_visit.start
    )
    answer_nomination(participant, confirm=True)

    with django_capture_on_commit_callbacks(execute=True):
        send_due_reminders(cesena_visit.start - timedelta(days=7))

    subject = mail.outbox[0].subject
    assert subject.startswith("A breve: ")
    assert subject.endswith(
        f" {cesena_visit.start.day} {ITALIAN_MONTHS[cesena_visit.start.month - 1]} {cesena_visit.start.year}"
    )


# -- the accessibility statement --------------------------------------------------------------------
def test_the_accessibility_statement_names_the_last_check_and_the_contact(client, settings):
    settings.ACCESSIBILITY_CHECKED_ON = "2026-11-30"
    settings.ACCESSIBILITY_CONTACT = "access@cesena.example"

    response = client.get("/en/accessibility/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Directive (EU) 2016/2102" in page
    assert "The website was last checked on Nov. 30, 2026." in page
    assert 'href="mailto:access@cesena.example"' in page


def test_the_accessibility_statement_is_a_newcomers_page(client):
    response = client.get("/ti/accessibility/")

    assert response.status_code == 200
    assert response.wsgi_request.LANGUAGE_CODE == "ti"


def test_a_person_who_chose_no_language_keeps_reading_in_the_one_they_signed_in_with(client, riga_staff):
    response = client.post("/en/accounts/login/", {"username": "riga", "password": PASSWORD, "next": "/en/p/820885/"})

    assert response["Location"] == "/en/p/820885/"
    assert language_of(riga_staff) == "lv"  # what is written to them is in their city's language


def test_a_person_of_no_city_who_chose_no_language_stays_in_the_one_they_read(client, programme):
    make_member("network-person", "eurocities", Role.CITY_STAFF)

    response = client.post(
        "/it/accounts/login/", {"username": "network-person", "password": PASSWORD, "next": "/it/p/820885/"}
    )

    assert response["Location"] == "/it/p/820885/"
