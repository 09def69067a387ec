"""Translations side by side (issue #16): which texts lack a translation into the programme's languages, the
page that fills one in beside its original, and no lost work when two people translate at once."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.conftest import PASSWORD, make_member
from values.core.text import TranslationConflict, missing_fields, translation_fingerprint
from values.knowledge.models import Practice
from values.knowledge.queries import practices_to_translate
from values.knowledge.services import practice_texts, save_practice, translate_practice
from values.network.enums import Role
from values.network.models import Organisation
from values.programme.models import Theme
from values.volunteering.models import Opportunity, TrainingSession
from values.volunteering.queries import opportunities_to_translate, training_sessions_to_translate
from values.volunteering.services import save_opportunity, translate_opportunity
from values.volunteering.training import save_training_session, translate_training_session

pytestmark = pytest.mark.django_db

BASE = "/en/p/820885"
ROME = ZoneInfo("Europe/Rome")


def _practice(programme, title="Un amico per ogni nuovo arrivato", organisation="cesena", **texts) -> Practice:
    return save_practice(
        programme, organisation=Organisation.objects.get(key=organisation), by=None, original_language="it",
        texts={"title": title, "summary": "Ogni martedì in biblioteca.", **texts},
        themes=[Theme.objects.get(programme=programme, key="B")],
    )  # fmt: skip


def _opportunity(programme, title="Caffè linguistico", organisation="cesena") -> Opportunity:
    cesena = Organisation.objects.get(key=organisation)
    return save_opportunity(
        programme, organisation=cesena, by=None, original_language="it", title=title, description="Ogni giovedì.",
        kind="language_cafe", theme=Theme.objects.get(programme=programme, key="B"), city=cesena, places=8,
        start_date=date(2020, 3, 1),
    )  # fmt: skip


def _session(programme, title="Accogliere i nuovi arrivati") -> TrainingSession:
    return save_training_session(
        programme, organisation=Organisation.objects.get(key="cesena"), by=None, original_language="it",
        title=title, syllabus="Due ore.", starts_at=datetime(2020, 3, 2, 18, tzinfo=ROME),
        ends_at=datetime(2020, 3, 2, 20, tzinfo=ROME), places=10,
    )  # fmt: skip


def _client(user) -> Client:
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def _url(kind: str, pk: int, language: str = "en") -> str:
    return f"{BASE}/translations/{kind}/{pk}/{language}/"


# -- the rule ------------------------------------------------------------------------------------
def test_a_text_is_translated_when_its_title_and_every_field_of_the_original_have_text():
    texts = {"title": {"it": "Titolo", "en": "Title"}, "summary": {"it": "Sommario"}, "body": {}}

    assert missing_fields(texts, original="it", language="en") == ["summary"]
    assert missing_fields(texts, original="it", language="de") == ["title", "summary"]
    assert missing_fields({"title": {"it": "T"}, "body": {"en": "B"}}, original="it", language="en") == ["title"]


# -- the queries ---------------------------------------------------------------------------------
def test_an_italian_practice_without_its_english_title_is_listed_as_missing_english(programme, cesena_staff):
    practice = _practice(programme, body="Come funziona.")

    found = practices_to_translate(cesena_staff, programme)

    assert [(gap.item.pk, gap.missing) for gap in found] == [(practice.pk, {"en": ["title", "summary", "body"]})]


def test_a_translated_practice_is_no_longer_listed(programme, cesena_staff):
    practice = _practice(programme)

    translate_practice(practice, language="en", texts={"title": "A buddy", "summary": "Every Tuesday."})

    assert practices_to_translate(cesena_staff, programme) == []


def test_a_practice_missing_a_field_of_the_original_is_still_listed_with_that_field(programme, cesena_staff):
    practice = _practice(programme)

    translate_practice(practice, language="en", texts={"title": "A buddy"})

    assert [gap.missing for gap in practices_to_translate(cesena_staff, programme)] == [{"en": ["summary"]}]


def test_partners_see_their_own_texts_and_the_coordinator_every_partners(
    programme, cesena_staff, riga_staff, coordinator
):
    cesena, riga = _opportunity(programme, "Cesena"), _opportunity(programme, "Riga", organisation="riga")

    assert [gap.item.pk for gap in opportunities_to_translate(cesena_staff, programme)] == [cesena.pk]
    assert [gap.item.pk for gap in opportunities_to_translate(riga_staff, programme)] == [riga.pk]
    assert [gap.item.pk for gap in opportunities_to_translate(coordinator, programme)] == [cesena.pk, riga.pk]
    riga_org = Organisation.objects.get(key="riga")
    assert [gap.item.pk for gap in opportunities_to_translate(coordinator, programme, organisation=riga_org)] == [
        riga.pk
    ]


def test_training_sessions_lacking_english_are_listed_for_their_organisers(programme, cesena_staff, riga_staff):
    session = _session(programme)

    assert [(g.item.pk, g.missing) for g in training_sessions_to_translate(cesena_staff, programme)] == [
        (session.pk, {"en": ["title", "syllabus"]})
    ]
    assert training_sessions_to_translate(riga_staff, programme) == []


# -- the services --------------------------------------------------------------------------------
def test_translating_an_opportunity_and_a_session_keeps_the_original(programme):
    opportunity, session = _opportunity(programme), _session(programme)

    translate_opportunity(opportunity, language="en", texts={"title": "Language café", "description": ""})
    translate_training_session(session, language="en", texts={"title": "Welcoming", "syllabus": "Two hours."})

    opportunity.refresh_from_db()
    session.refresh_from_db()
    assert opportunity.title == {"it": "Caffè linguistico", "en": "Language café"}
    assert opportunity.description == {"it": "Ogni giovedì."}
    assert session.syllabus == {"it": "Due ore.", "en": "Two hours."}


def test_an_over_long_title_is_refused_with_the_fields_message_and_nothing_changes(programme):
    opportunity = _opportunity(programme)

    with pytest.raises(ValidationError) as refused:
        translate_opportunity(opportunity, language="en", texts={"title": "x" * 201})

    assert refused.value.message_dict == {"title": ["Title: at most 200 characters, not 201."]}
    opportunity.refresh_from_db()
    assert opportunity.title == {"it": "Caffè linguistico"}


def test_the_original_language_is_not_translated_into(programme):
    session = _session(programme)

    with pytest.raises(ValidationError) as refused:
        translate_training_session(session, language="it", texts={"title": "Altro"})

    assert refused.value.message_dict == {"language": ["This is the original language: change it on the edit page."]}


def test_a_save_over_a_translation_saved_since_is_refused_and_the_first_kept(programme):
    practice = _practice(programme)
    seen = translation_fingerprint(practice_texts(practice), original="it", language="en")
    translate_practice(practice, language="en", texts={"title": "First", "summary": "Kept."}, seen=seen)

    with pytest.raises(TranslationConflict) as refused:
        translate_practice(Practice.objects.get(pk=practice.pk), language="en", texts={"title": "Second"}, seen=seen)

    assert (refused.value.original_changed, refused.value.translation_changed) == (False, True)
    assert Practice.objects.get(pk=practice.pk).title == {"it": "Un amico per ogni nuovo arrivato", "en": "First"}


# -- the list page -------------------------------------------------------------------------------
def test_the_list_shows_the_practice_with_its_original_language_and_the_missing_language(programme, cesena_staff):
    practice = _practice(programme)

    response = _client(cesena_staff).get(f"{BASE}/translations/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Un amico per ogni nuovo arrivato" in page
    assert f'<a href="{_url("practice", practice.pk)}">English</a>' in page
    assert "<td>Italian</td>" in page
    assert "English: 1 text to translate" in page


def test_a_partner_never_sees_another_partners_drafts(programme, riga_staff):
    _opportunity(programme, "Bozza di Cesena")

    page = _client(riga_staff).get(f"{BASE}/translations/").content.decode()

    assert "Bozza di Cesena" not in page


def test_the_coordinator_filters_by_partner_and_an_unknown_partner_is_refused(programme, coordinator):
    _opportunity(programme, "Di Cesena")
    _opportunity(programme, "Di Riga", organisation="riga")
    client = _client(coordinator)

    riga = client.get(f"{BASE}/translations/?partner=riga").content.decode()
    unknown = client.get(f"{BASE}/translations/?partner=atlantis")

    assert ("Di Riga" in riga, "Di Cesena" in riga) == (True, False)
    assert unknown.status_code == 400
    assert "Partner: choose one of the programme&#x27;s partners." in unknown.content.decode()


def test_the_list_asks_the_anonymous_to_sign_in_and_refuses_a_volunteer(programme, volunteer):
    assert Client().get(f"{BASE}/translations/").status_code == 302
    assert _client(volunteer).get(f"{BASE}/translations/").status_code == 403


# -- the side-by-side page -----------------------------------------------------------------------
def test_the_page_shows_the_italian_original_with_its_language_beside_english_inputs(programme, cesena_staff):
    practice = _practice(programme)

    response = _client(cesena_staff).get(_url("practice", practice.pk))

    page = response.content.decode()
    assert response.status_code == 200
    assert '<div class="prose" lang="it" dir="ltr">Un amico per ogni nuovo arrivato</div>' in page
    assert 'lang="en" dir="ltr" maxlength="200"' in page


def test_saving_the_translation_removes_the_practice_from_the_list(programme, cesena_staff):
    practice = _practice(programme)
    client = _client(cesena_staff)
    seen = client.get(_url("practice", practice.pk)).context["form"]["seen"].value()

    response = client.post(
        _url("practice", practice.pk), {"seen": seen, "title": "A buddy", "summary": "Every Tuesday."}
    )

    assert response.status_code == 302
    assert Practice.objects.get(pk=practice.pk).title["en"] == "A buddy"
    assert client.get(f"{BASE}/translations/").context["found"] == []


def test_two_translators_save_the_same_page_and_the_second_gets_the_conflict(programme, cesena_staff, coordinator):
    practice = _practice(programme)
    first, second = _client(cesena_staff), _client(coordinator)
    first_seen = first.get(_url("practice", practice.pk)).context["form"]["seen"].value()
    second_seen = second.get(_url("practice", practice.pk)).context["form"]["seen"].value()

    saved = first.post(_url("practice", practice.pk), {"seen": first_seen, "title": "A buddy", "summary": "Mine."})
    refused = second.post(_url("practice", practice.pk), {"seen": second_seen, "title": "A friend", "summary": "X"})

    page = refused.content.decode()
    assert (saved.status_code, refused.status_code) == (302, 409)
    assert "someone else saved a translation" in page
    assert 'value="A friend"' in page  # the typed text stays in the form
    assert '<div class="prose" lang="en" dir="ltr">A buddy</div>' in page  # the current translation beside it
    assert Practice.objects.get(pk=practice.pk).title["en"] == "A buddy"


def test_a_save_after_the_author_changed_the_original_is_refused_naming_the_original(programme, cesena_staff):
    opportunity = _opportunity(programme)
    client = _client(cesena_staff)
    seen = client.get(_url("opportunity", opportunity.pk)).context["form"]["seen"].value()
    Opportunity.objects.filter(pk=opportunity.pk).update(title={"it": "Caffè delle lingue"})

    refused = client.post(_url("opportunity", opportunity.pk), {"seen": seen, "title": "Language café"})

    assert refused.status_code == 409
    assert "the original texts were changed" in refused.content.decode()
    assert Opportunity.objects.get(pk=opportunity.pk).title == {"it": "Caffè delle lingue"}


def test_the_existing_practice_translation_form_has_the_same_guard(programme, cesena_staff):
    practice = _practice(programme)
    client = _client(cesena_staff)
    address = f"{BASE}/practices/{practice.pk}/translate/"
    seen = client.get(address).context["form"]["seen"].value()
    translate_practice(practice, language="de", texts={"title": "Ein Freund"})

    refused = client.post(address, {"seen": seen, "language": "en", "title": "A buddy"})

    assert refused.status_code == 409
    assert 'value="A buddy"' in refused.content.decode()
    assert "en" not in Practice.objects.get(pk=practice.pk).title


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("/translations/poem/1/en/", 404),  # no such kind
        ("/translations/practice/999999/en/", 404),  # no such text
        ("/translations/practice/{pk}/de/", 404),  # not a language of the programme
        ("/translations/practice/{pk}/it/", 404),  # the original's own language
    ],
)
def test_unknown_kinds_texts_and_languages_answer_404(programme, cesena_staff, address, status):
    practice = _practice(programme)

    response = _client(cesena_staff).get(BASE + address.format(pk=practice.pk))

    assert response.status_code == status


def test_over_long_text_and_nul_are_refused_and_nothing_changes(programme, cesena_staff):
    session = _session(programme)
    client = _client(cesena_staff)
    seen = client.get(_url("training", session.pk)).context["form"]["seen"].value()

    too_long = client.post(_url("training", session.pk), {"seen": seen, "title": "x" * 201})
    nul = client.post(_url("training", session.pk), {"seen": seen, "title": "Wel\x00come"})

    assert too_long.status_code == 400
    assert "Title: at most 200 characters, not 201." in too_long.content.decode()
    assert nul.status_code == 400
    assert TrainingSession.objects.get(pk=session.pk).title == {"it": "Accogliere i nuovi arrivati"}


def test_another_partners_published_opportunity_is_403_and_its_draft_404(programme, riga_staff):
    from values.volunteering.services import publish_opportunity

    draft, published = _opportunity(programme, "Bozza"), _opportunity(programme, "Pubblica")
    publish_opportunity(published, by=None)
    client = _client(riga_staff)

    assert client.get(_url("opportunity", draft.pk)).status_code == 404
    assert client.get(_url("opportunity", published.pk)).status_code == 403


def test_the_practice_page_notes_the_language_it_is_shown_in(programme, cesena_staff):
    practice = _practice(programme)

    page = _client(cesena_staff).get(f"{BASE}/practices/{practice.pk}/").content.decode()

    assert "This practice is not translated into English yet: it is shown in Italian." in page


def test_the_home_page_links_the_translations_for_a_partner_only(programme, cesena_staff):
    assert f'href="{BASE}/translations/"' in _client(cesena_staff).get(f"{BASE}/").content.decode()
    assert f'href="{BASE}/translations/"' not in Client().get(f"{BASE}/").content.decode()


def test_a_volunteer_leader_of_another_organisation_may_not_translate_cesenas_session(programme):
    leader = make_member("leader", "evc", Role.VOLUNTEER_LEADER)
    session = _session(programme)

    assert _client(leader).get(_url("training", session.pk)).status_code == 403
