"""A practice's photos, videos and captions through the API, on the permission matrix's world (Cesena's published
practice with a photo and a captioned linked video, its proposal with a photo and an uncaptioned one): the media
page's services and rules, each upload checked and bounded before it is decoded, nothing stored when refused."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.core.test_uploads import CAPTIONS_TEXT, MP4_BYTES, photo_bytes
from tests.permission_world import ANONYMOUS, CESENA, CITY_LEADER, COORDINATOR, RIGA
from values.knowledge.models import PracticePhoto, PracticeVideo

from .conftest import ApiClient, token_client

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("api_media")]

BASE = "/api/v1/programmes/820885"


def api_of(world, identity: str) -> ApiClient:
    return ApiClient() if identity == ANONYMOUS else token_client(world.people[identity])


def media_of(practice) -> str:
    return f"{BASE}/practices/{practice.pk}/"


def send(api: ApiClient, address: str, form: dict):
    """A multipart form, as a system sends the media page's forms."""
    return api.client.post(address, data={k: v for k, v in form.items() if v is not None}, headers=api.headers)


def delete(api: ApiClient, address: str):
    return api.client.delete(address, headers=api.headers)


def jpeg(name: str = "garden.jpg", content: bytes | None = None, kind: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, photo_bytes() if content is None else content, kind)


def vtt(content: bytes = CAPTIONS_TEXT, name: str = "captions.vtt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "text/vtt")


def stored_media() -> set[Path]:
    return set((Path(settings.MEDIA_ROOT) / "practices").rglob("*"))


def pointers(response) -> list[str]:
    return sorted(error["pointer"] for error in response.json()["errors"])


def test_anyone_reads_a_published_practices_photos_and_videos_with_their_addresses(module_world):
    w = module_world

    answer = api_of(w, ANONYMOUS).get(f"{media_of(w.practice)}media/")

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["practice"] == w.practice.pk
    [photo] = body["photos"]
    assert (photo["id"], photo["alt_text"], photo["caption"], photo["content_type"]) == (
        w.photo.pk, {"en": "A volunteer and a newcomer"}, {}, "image/jpeg")  # fmt: skip
    assert photo["url"] == f"http://testserver/en/p/820885/practices/{w.practice.pk}/files/photo/{w.photo.pk}/"
    [video] = body["videos"]
    assert (video["id"], video["title"], video["link"], video["url"], video["captions_language"]) == (
        w.video.pk, {"en": "Buddies"}, "https://video.example/buddies", None, "en")  # fmt: skip
    # The addresses are the site's own: the web serves the file the API names.
    captions = Client().get(video["captions_url"])
    assert (captions.status_code, b"".join(captions.streaming_content)) == (200, CAPTIONS_TEXT)


def test_a_proposals_media_are_for_who_may_change_it(module_world):
    address = f"{media_of(module_world.proposal)}media/"

    assert api_of(module_world, RIGA).get(address).status_code == 404
    assert api_of(module_world, ANONYMOUS).get(address).status_code == 404
    assert [p["alt_text"] for p in api_of(module_world, CITY_LEADER).get(address).json()["photos"]] == [
        {"en": "The desk"}]  # fmt: skip


def test_an_editor_adds_a_photo_which_the_web_then_serves_without_its_metadata(module_world):
    w = module_world

    made = send(api_of(w, CESENA), f"{media_of(w.practice)}photos/",
                {"image": jpeg(), "alt_text": " Two volunteers in the garden ", "caption": "Spring"})  # fmt: skip

    assert made.status_code == 201, made.content
    photos = made.json()["photos"]
    assert [p["id"] for p in photos] == list(w.practice.photos.values_list("pk", flat=True))
    new = photos[-1]
    assert (new["alt_text"], new["caption"]) == ({"en": "Two volunteers in the garden"}, {"en": "Spring"})
    assert made["Location"] == new["url"]
    served = Client().get(new["url"])
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PracticePhoto.objects.get(pk=new["id"]).image.read()


def test_a_photo_without_alt_text_or_file_is_refused_naming_both_and_nothing_is_stored(module_world):
    w = module_world
    before, files = PracticePhoto.objects.count(), stored_media()

    empty = send(api_of(w, CESENA), f"{media_of(w.practice)}photos/", {"alt_text": "   "})
    renamed = send(api_of(w, CESENA), f"{media_of(w.practice)}photos/",
                   {"image": jpeg("garden.jpg", b"%PDF-1.4 not a photo"), "alt_text": "A garden"})  # fmt: skip

    assert empty.status_code == 422
    assert empty["Content-Type"] == "application/problem+json"
    assert pointers(empty) == ["#/alt_text", "#/image"]
    assert renamed.status_code == 422
    assert pointers(renamed) == ["#/image"]
    assert renamed.json()["errors"][0]["detail"] == "A photo must be JPEG, PNG, WebP; this file is PDF."
    assert (PracticePhoto.objects.count(), stored_media()) == (before, files)


def test_an_oversize_photo_is_refused_before_it_is_decoded_and_leaves_no_file_anywhere(module_world, settings,
                                                                                       tmp_path):  # fmt: skip
    w = module_world
    settings.MAX_PHOTO_MB = 1
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # spooled to disk, as a large upload is
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    before, files = PracticePhoto.objects.count(), stored_media()
    # A JPEG's first bytes and then 1.5 MB that are no image at all: decoding them would fail, size refuses first.
    big = jpeg(content=b"\xff\xd8\xff\xe0" + b"\x00" * (3 * 512 * 1024))

    refused = send(api_of(w, CESENA), f"{media_of(w.practice)}photos/", {"image": big, "alt_text": "Big"})

    assert refused.status_code == 422
    assert pointers(refused) == ["#/image"]
    assert refused.json()["errors"][0]["detail"] == "The photo is 1.5 MB; the limit is 1 MB."
    assert (PracticePhoto.objects.count(), stored_media(), list(tmp_path.iterdir())) == (before, files, [])


def test_a_request_over_the_sites_limit_is_refused_before_its_body_is_read(module_world, settings):
    w = module_world
    settings.MAX_REQUEST_MB = 1
    before, files = PracticePhoto.objects.count(), stored_media()
    big = jpeg(content=photo_bytes() + b"\x00" * (2 * 1024 * 1024))

    refused = send(api_of(w, CESENA), f"{media_of(w.practice)}photos/", {"image": big, "alt_text": "Big"})

    assert refused.status_code == 413
    assert refused["Content-Type"] == "application/problem+json"
    assert (PracticePhoto.objects.count(), stored_media()) == (before, files)


def test_a_photo_is_removed_by_an_editor_and_only_under_its_own_practice(module_world):
    w = module_world
    address = f"{media_of(w.practice)}photos/{w.photo.pk}/"

    by_riga = delete(api_of(w, RIGA), address)
    elsewhere = delete(api_of(w, CESENA), f"{media_of(w.practice)}photos/{w.proposal_photo.pk}/")
    removed = delete(api_of(w, CESENA), address)

    assert by_riga.status_code == 403
    assert elsewhere.status_code == 404
    assert PracticePhoto.objects.filter(pk=w.proposal_photo.pk).exists()
    assert removed.status_code == 200, removed.content
    assert removed.json()["photos"] == []
    assert not PracticePhoto.objects.filter(pk=w.photo.pk).exists()


def test_a_video_is_uploaded_or_linked_and_a_published_practices_needs_captions(module_world):
    w = module_world
    before = PracticeVideo.objects.count()
    cesena = api_of(w, CESENA)

    uncaptioned = send(cesena, f"{media_of(w.practice)}videos/", {"title": "Walks", "url": "https://v.example/w"})
    both = send(cesena, f"{media_of(w.proposal)}videos/", {"title": "Walks", "url": "https://v.example/w",
                                                           "file": SimpleUploadedFile("w.mp4", MP4_BYTES)})  # fmt: skip
    insecure = send(cesena, f"{media_of(w.proposal)}videos/", {"title": "", "url": "http://v.example/w"})
    assert (uncaptioned.status_code, pointers(uncaptioned)) == (422, ["#/captions"])
    assert (both.status_code, pointers(both)) == (422, ["#/file"])
    assert (insecure.status_code, pointers(insecure)) == (422, ["#/title", "#/url"])
    assert PracticeVideo.objects.count() == before

    made = send(cesena, f"{media_of(w.practice)}videos/",
                {"title": "Walks", "file": SimpleUploadedFile("walks.mp4", MP4_BYTES, "video/mp4"),
                 "captions": vtt(), "captions_language": "it"})  # fmt: skip

    assert made.status_code == 201, made.content
    new = made.json()["videos"][-1]
    assert (new["title"], new["link"], new["content_type"], new["captions_language"]) == (
        {"en": "Walks"}, None, "video/mp4", "it")  # fmt: skip
    assert made["Location"].endswith(f"{media_of(w.practice)}videos/{new['id']}/")
    assert PracticeVideo.objects.get(pk=new["id"]).file.read() == MP4_BYTES


def test_captions_are_given_to_the_proposals_video_as_webvtt_in_a_known_language(module_world):
    w = module_world
    address = f"{media_of(w.proposal)}videos/{w.proposal_video.pk}/captions/"
    cesena = api_of(w, CESENA)

    not_vtt = send(cesena, address, {"captions": vtt(b"Volunteers welcome newcomers.", "c.vtt")})
    unknown = send(cesena, address, {"captions": vtt(), "captions_language": "xx"})
    by_riga = send(api_of(w, RIGA), address, {"captions": vtt()})
    assert (not_vtt.status_code, pointers(not_vtt)) == (422, ["#/captions"])
    assert (unknown.status_code, pointers(unknown)) == (422, ["#/captions_language"])
    assert by_riga.status_code == 404  # the proposal is not Riga's to know of
    assert not PracticeVideo.objects.get(pk=w.proposal_video.pk).captions

    given = send(cesena, address, {"captions": vtt()})

    assert given.status_code == 200, given.content
    [video] = given.json()["videos"]
    assert video["captions_language"] == "en"  # the practice's language, when none is named
    assert PracticeVideo.objects.get(pk=w.proposal_video.pk).captions.read() == CAPTIONS_TEXT


def test_a_video_is_removed_with_its_captions_by_the_coordinator_too(module_world):
    w = module_world

    removed = delete(api_of(w, COORDINATOR), f"{media_of(w.practice)}videos/{w.video.pk}/")

    assert removed.status_code == 200, removed.content
    assert removed.json()["videos"] == []
    assert not PracticeVideo.objects.filter(pk=w.video.pk).exists()
