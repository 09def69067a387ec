"""Whether a proposal exists is private: whoever may not see it gets exactly what a missing id gives."""

import re
from pathlib import Path

import pytest

from tests.conftest import make_member
from values.knowledge.models import Practice, PracticePhoto, PracticeVideo
from values.knowledge.services import publish_practice, save_practice
from values.network.enums import Role
from values.network.models import Organisation
from values.programme.models import Theme

pytestmark = pytest.mark.django_db

MISSING = 987654


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _practice(programme, by) -> Practice:
    return save_practice(
        programme, organisation=Organisation.objects.get(key="cesena"), by=by, original_language="en",
        texts={"title": "Secret language café", "summary": "Not public yet."}, themes=[Theme.objects.get(key="C")],
    )  # fmt: skip


@pytest.fixture
def proposal(programme, cesena_staff) -> Practice:
    """Cesena's proposal with a photo and a video: nothing of it is public."""
    practice = _practice(programme, cesena_staff)
    PracticePhoto.objects.create(practice=practice, image="practices/x.jpg", content_type="image/jpeg", alt_text={})
    PracticeVideo.objects.create(practice=practice, title={"en": "Film"}, url="https://example.org/film")
    return practice


# Every address of a practice, with {id} for its id and the method used.
ADDRESSES = [
    ("get", "/en/p/820885/practices/{id}/"),
    ("get", "/en/p/820885/practices/{id}/edit/"),
    ("post", "/en/p/820885/practices/{id}/edit/"),
    ("get", "/en/p/820885/practices/{id}/translate/"),
    ("post", "/en/p/820885/practices/{id}/translate/"),
    ("get", "/en/p/820885/practices/{id}/media/"),
    ("post", "/en/p/820885/practices/{id}/media/photos/"),
    ("post", "/en/p/820885/practices/{id}/media/videos/"),
    ("post", "/en/p/820885/practices/{id}/media/videos/{video}/captions/"),
    ("post", "/en/p/820885/practices/{id}/media/photo/{photo}/remove/"),
    ("post", "/en/p/820885/practices/{id}/media/video/{video}/remove/"),
    ("get", "/en/p/820885/practices/{id}/files/photo/{photo}/"),
]


def _normalised(response, practice_id: int) -> str:
    """The body without what differs by nature: the address asked for and the per-page CSRF token."""
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)
    return body.replace(f"/practices/{practice_id}/", "/practices/ID/")


def _normalised_location(response, practice_id: int) -> str:
    return response.get("Location", "").replace(f"/practices/{practice_id}/", "/practices/ID/")


@pytest.mark.parametrize("reader", ["riga-staff", "cesena-volunteer", "anonymous"])
@pytest.mark.parametrize(("method", "address"), ADDRESSES)
def test_a_hidden_proposal_answers_like_a_missing_one(client, proposal, reader, method, address):
    if reader == "riga-staff":
        client.force_login(make_member("ilze", "riga", Role.CITY_STAFF))
    elif reader == "cesena-volunteer":
        client.force_login(make_member("helper", "cesena", Role.VOLUNTEER))
    photo, video = PracticePhoto.objects.get(), PracticeVideo.objects.get()
    send = getattr(client, method)

    hidden = send(address.format(id=proposal.pk, photo=photo.pk, video=video.pk))
    missing = send(address.format(id=MISSING, photo=photo.pk, video=video.pk))

    assert hidden.status_code == missing.status_code
    assert hidden.status_code in (302, 404)  # anonymous readers of a page for editors are asked to sign in
    assert _normalised(hidden, proposal.pk) == _normalised(missing, MISSING)
    assert _normalised_location(hidden, proposal.pk) == _normalised_location(missing, MISSING)
    assert (PracticePhoto.objects.count(), PracticeVideo.objects.count()) == (1, 1)


def test_a_published_practice_of_another_city_is_visible_but_not_changeable(client, proposal, riga_staff):
    PracticeVideo.objects.all().delete()  # a video without captions would hold the publication back
    publish_practice(proposal)
    client.force_login(riga_staff)

    page = client.get(f"/en/p/820885/practices/{proposal.pk}/")
    edit = client.get(f"/en/p/820885/practices/{proposal.pk}/edit/")
    media = client.get(f"/en/p/820885/practices/{proposal.pk}/media/")

    assert (page.status_code, edit.status_code, media.status_code) == (200, 403, 403)


def test_the_proposing_city_and_the_coordinator_still_see_the_proposal(client, proposal, cesena_staff, coordinator):
    pages = []
    for user in (cesena_staff, coordinator):
        client.force_login(user)
        pages += [client.get(f"/en/p/820885/practices/{proposal.pk}/").status_code]
        pages += [client.get(f"/en/p/820885/practices/{proposal.pk}/edit/").status_code]

    assert pages == [200, 200, 200, 200]
