"""What core's middleware does for every page: the language switch after a refused form, a form's address opened
as a page, and a request too large to read."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from values.knowledge.models import Theme
from values.knowledge.services import save_practice
from values.network.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(programme, cesena_staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return save_practice(
        programme, organisation=Organisation.objects.get(key="cesena"), by=cesena_staff, original_language="it",
        texts={"title": "Caffè linguistico", "summary": "Volontari e nuovi arrivati."},
        themes=[Theme.objects.get(key="C")],
    )  # fmt: skip


def _language_next(html: str) -> str:
    return re.search(r'<input name="next" type="hidden" value="([^"]*)">', html).group(1)


def test_after_a_failed_upload_the_language_switch_returns_to_the_page_with_the_form(client, practice, cesena_staff):
    client.force_login(cesena_staff)
    media_page = f"/en/p/820885/practices/{practice.pk}/media/"
    refused = client.post(
        f"/en/p/820885/practices/{practice.pk}/media/photos/",
        {"image": SimpleUploadedFile("x.png", b"not an image", content_type="image/png"), "alt_text": "A café"},
        HTTP_REFERER=f"http://testserver{media_page}",
    )

    switched = client.post("/i18n/setlang/", {"language": "it", "next": _language_next(refused.text)}, follow=True)

    assert refused.status_code == 400
    assert _language_next(refused.text) == media_page
    assert switched.redirect_chain == [(f"/it/p/820885/practices/{practice.pk}/media/", 302)]
    assert switched.status_code == 200


def test_without_a_referrer_the_language_switch_after_a_form_goes_home(client, practice, cesena_staff):
    client.force_login(cesena_staff)

    refused = client.post(f"/en/p/820885/practices/{practice.pk}/media/photos/", {"alt_text": ""})

    assert _language_next(refused.text) == "/en/"


def test_a_forms_address_opened_as_a_page_says_so_with_the_layout(client, practice, cesena_staff):
    client.force_login(cesena_staff)

    response = client.get(f"/en/p/820885/practices/{practice.pk}/media/photos/")

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "<h1>This address takes a form</h1>" in response.text
    assert response.text.count('<main id="main"') == 1


def test_a_request_larger_than_any_upload_is_refused_before_its_body_is_read(client, practice, cesena_staff, settings):
    client.force_login(cesena_staff)
    settings.MAX_REQUEST_MB = 1

    response = client.generic(
        "POST",
        f"/en/p/820885/practices/{practice.pk}/media/photos/",
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(3 * 1024 * 1024),
    )

    assert response.status_code == 413
    assert "What was sent is 3.0 MB; the platform takes at most 1 MB at once." in response.text


@pytest.mark.parametrize(
    ("method", "address", "data"),
    [
        ("get", "/feeds/%00.ics", {}),
        ("get", "/en/p/820885/reports/export.csv", {"theme": "A\x00"}),
        ("get", "/en/accounts/audit/", {"actor\x00": "x"}),
        ("post", "/en/accounts/login/", {"username": "cesena\x00", "password": "x"}),
    ],
)
def test_a_nul_character_anywhere_in_a_request_is_a_bad_request(client, coordinator, method, address, data):
    client.force_login(coordinator)

    response = getattr(client, method)(address, data)

    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.text
