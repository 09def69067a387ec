"""Photos need alt text, videos need captions before publishing, and files are shown only to who may see them."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.core.test_uploads import CAPTIONS_TEXT, FTYP, MP4_BYTES, photo_bytes, png_header
from values.knowledge.models import Practice, PracticePhoto, PracticeVideo
from values.knowledge.services import add_photo, add_video, publish_practice, remove_photo, save_practice
from values.network.models import Organisation
from values.programme.models import Theme


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def practice(programme, cesena_staff) -> Practice:
    return save_practice(
        programme, organisation=Organisation.objects.get(key="cesena"), by=cesena_staff, original_language="it",
        texts={"title": "Caffè linguistico", "summary": "Volontari e nuovi arrivati."},
        themes=[Theme.objects.get(key="C")],
    )  # fmt: skip


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _photo(name="cafe.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, photo_bytes() if content is None else content, content_type=content_type)


@pytest.mark.django_db
def test_a_photo_with_alt_text_is_shown_on_the_practice(client, practice, cesena_staff, coordinator, media_root):
    client.force_login(cesena_staff)
    added = client.post(
        f"/en/p/820885/practices/{practice.pk}/media/photos/",
        {"photo-image": _photo(), "photo-alt_text": "Two volunteers serve coffee", "photo-caption": ""},
    )
    photo = PracticePhoto.objects.get()
    client.force_login(coordinator)
    client.post(f"/en/p/820885/practices/{practice.pk}/publish/")
    client.logout()

    page = client.get(f"/en/p/820885/practices/{practice.pk}/")
    served = client.get(f"/en/p/820885/practices/{practice.pk}/files/photo/{photo.pk}/")

    assert added.status_code == 302
    assert photo.alt_text == {"it": "Two volunteers serve coffee"}
    assert (
        f'src="/en/p/820885/practices/{practice.pk}/files/photo/{photo.pk}/" alt="Two volunteers serve coffee"'
        in page.text
    )
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content).startswith(b"\xff\xd8\xff")
    assert [p.suffix for p in _files(media_root)] == [".jpg"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"photo-alt_text": ""}, "alt_text", "This field is required."),
        ({"photo-image": "png"}, "image", "named “cafe.png” but its content is JPEG"),
        ({"photo-image": "html"}, "image", "this file is an unknown format"),
        # The audit's upload that took the demo down: a PNG of 13,000 × 13,000 pixels, refused from its header.
        ({"photo-image": "huge"}, "image", "The image is 13000 × 13000 pixels (169.0 megapixels); the limit is 40"),
    ],
)
def test_a_bad_photo_is_refused_naming_the_field_and_nothing_is_kept(
    client, practice, cesena_staff, media_root, data, field, message
):  # fmt: skip
    image = {
        "png": _photo("cafe.png"), "html": _photo(content=b"<script>x</script>"),
        "huge": _photo("huge.png", png_header(13000, 13000), "image/png"),
    }.get(data.get("photo-image"))  # fmt: skip
    post = {
        "photo-image": image or _photo(),
        "photo-alt_text": "A café",
        **{k: v for k, v in data.items() if k != "photo-image"},
    }
    client.force_login(cesena_staff)

    response = client.post(f"/en/p/820885/practices/{practice.pk}/media/photos/", post)

    assert response.status_code == 400
    errors = response.context["photo_form"].errors
    assert message in " ".join(errors[field])
    assert PracticePhoto.objects.count() == 0
    assert _files(media_root) == []


@pytest.mark.django_db
def test_a_video_without_captions_blocks_publishing_until_captions_are_added(
    client, practice, cesena_staff, coordinator
):
    client.force_login(cesena_staff)
    client.post(
        f"/en/p/820885/practices/{practice.pk}/media/videos/",
        {"video-title": "Il caffè in video", "video-file": SimpleUploadedFile("cafe.mp4", MP4_BYTES, "video/mp4")},
    )
    video = PracticeVideo.objects.get()
    client.force_login(coordinator)

    refused = client.post(f"/en/p/820885/practices/{practice.pk}/publish/", follow=True)
    practice.refresh_from_db()
    still_proposed = practice.status
    client.force_login(cesena_staff)
    client.post(
        f"/en/p/820885/practices/{practice.pk}/media/videos/{video.pk}/captions/",
        {
            f"v{video.pk}-captions": SimpleUploadedFile("it.vtt", CAPTIONS_TEXT, "text/vtt"),
            f"v{video.pk}-captions_language": "it",
        },
    )
    client.force_login(coordinator)
    client.post(f"/en/p/820885/practices/{practice.pk}/publish/")
    practice.refresh_from_db()
    client.logout()
    page = client.get(f"/en/p/820885/practices/{practice.pk}/")
    captions = client.get(f"/en/p/820885/practices/{practice.pk}/files/captions/{video.pk}/")

    assert still_proposed == "proposed"
    assert "Add WebVTT captions to these videos before publishing: Il caffè in video." in refused.text
    assert practice.status == "published"
    assert (
        f'<track kind="captions" src="/en/p/820885/practices/{practice.pk}/files/captions/{video.pk}/" srclang="it"'
        in page.text
    )
    assert captions["Content-Type"] == "text/vtt; charset=utf-8"
    assert b"".join(captions.streaming_content) == CAPTIONS_TEXT


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"video-title": "Both", "video-url": "https://video.example/1", "video-file": "mp4"}, "file", "not both"),
        ({"video-title": "Neither"}, "file", "Upload a video file or give a link, not both."),
        ({"video-title": "Plain", "video-url": "http://video.example/1"}, "url", "starts with https://"),
        ({"video-title": "Script", "video-url": "javascript:alert(1)"}, "url", "starts with https://"),
        ({"video-title": "Photo", "video-file": "jpg-as-mp4"}, "file", "A video must be MP4, WebM; this file is JPEG"),
        ({"video-title": "Fake", "video-file": "ftyp-only"}, "file", "not a valid MP4 file: the box at byte 24"),
        (
            {"video-title": "Bad captions", "video-url": "https://video.example/1", "video-captions": "srt"},
            "captions", "this file is an unknown format",
        ),
        (
            {"video-title": "x", "video-url": "https://video.example/1", "video-captions": "vtt",
             "video-captions_language": "xx"},
            "captions_language", "Not an ISO 639-1 language code.",
        ),
    ],
)  # fmt: skip
def test_a_bad_video_is_refused_naming_the_field(client, practice, cesena_staff, media_root, data, field, message):
    uploads = {
        "mp4": SimpleUploadedFile("v.mp4", MP4_BYTES, "video/mp4"),
        "jpg-as-mp4": SimpleUploadedFile("v.mp4", photo_bytes(), "video/mp4"),
        "ftyp-only": SimpleUploadedFile("v.mp4", FTYP + b"\x00" * 64, "video/mp4"),  # the audit's fake MP4
        "srt": SimpleUploadedFile("c.vtt", b"1\n00:00:01,000 --> 00:00:02,000\nHi\n"),
        "vtt": SimpleUploadedFile("c.vtt", CAPTIONS_TEXT),
    }
    post = {key: uploads.get(value, value) for key, value in data.items()}
    client.force_login(cesena_staff)

    response = client.post(f"/en/p/820885/practices/{practice.pk}/media/videos/", post)

    assert response.status_code == 400
    assert message in " ".join(response.context["video_form"].errors[field])
    assert PracticeVideo.objects.count() == 0
    assert _files(media_root) == []


@pytest.mark.django_db
def test_a_published_practice_takes_a_linked_video_only_with_its_captions(practice, cesena_staff):
    publish_practice(practice)
    client_data = {"title": "Link", "url": "https://video.example/cafe", "by": cesena_staff}
    with pytest.raises(ValidationError) as refused:
        add_video(practice, **client_data)
    video = add_video(practice, captions=SimpleUploadedFile("c.vtt", CAPTIONS_TEXT), **client_data)

    assert refused.value.message_dict == {"captions": ["The practice is published: a video needs its WebVTT captions."]}
    assert (video.url, video.captions_language, video.file.name) == ("https://video.example/cafe", "it", "")


@pytest.mark.django_db
def test_files_of_a_proposal_are_hidden_and_only_its_editors_change_them(client, practice, cesena_staff, riga_staff):
    client.force_login(cesena_staff)
    client.post(
        f"/en/p/820885/practices/{practice.pk}/media/photos/", {"photo-image": _photo(), "photo-alt_text": "Coffee"}
    )
    photo = PracticePhoto.objects.get()
    address = f"/en/p/820885/practices/{practice.pk}/files/photo/{photo.pk}/"
    own = client.get(address)
    client.force_login(riga_staff)

    other_city = client.get(address)
    other_city_removes = client.post(f"/en/p/820885/practices/{practice.pk}/media/photo/{photo.pk}/remove/")
    client.logout()
    anonymous = client.get(address)

    assert own.status_code == 200
    assert own["Cache-Control"] == "private, no-store"
    assert (other_city.status_code, other_city_removes.status_code, anonymous.status_code) == (404, 404, 404)
    assert PracticePhoto.objects.count() == 1


@pytest.mark.django_db
def test_removing_a_photo_deletes_its_file(
    client, practice, cesena_staff, media_root, django_capture_on_commit_callbacks
):
    client.force_login(cesena_staff)
    client.post(
        f"/en/p/820885/practices/{practice.pk}/media/photos/", {"photo-image": _photo(), "photo-alt_text": "Coffee"}
    )
    photo = PracticePhoto.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        removed = client.post(f"/en/p/820885/practices/{practice.pk}/media/photo/{photo.pk}/remove/")

    assert removed.status_code == 302
    assert PracticePhoto.objects.count() == 0
    assert _files(media_root) == []


@pytest.mark.django_db
def test_the_photo_service_refuses_blank_alt_text_whoever_calls_it(practice, media_root):
    with pytest.raises(ValidationError) as refused:
        add_photo(practice, image=_photo(), alt_text="   ", by=None)

    assert refused.value.message_dict == {"alt_text": ["Describe the photo for people who cannot see it."]}
    assert _files(media_root) == []


# An MP4 of 96 bytes whose index (moov) holds 64 different bytes, so that every part is told from every other.
VIDEO_BYTES = FTYP + b"\x00\x00\x00\x48moov" + bytes(range(64))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("range_header", "status", "content_range", "body"),
    [
        ("bytes=0-7", 206, "bytes 0-7/96", VIDEO_BYTES[0:8]),
        ("bytes=90-", 206, "bytes 90-95/96", VIDEO_BYTES[90:]),
        ("bytes=-4", 206, "bytes 92-95/96", VIDEO_BYTES[-4:]),
        ("bytes=80-200", 206, "bytes 80-95/96", VIDEO_BYTES[80:]),
        ("bytes=96-", 416, "bytes */96", b""),
        ("bytes=9-3", 416, "bytes */96", b""),
        ("items=0-3", 200, None, VIDEO_BYTES),
    ],
)
def test_a_video_is_served_in_parts_so_players_can_seek(client, practice, cesena_staff, range_header, status,
                                                        content_range, body):  # fmt: skip
    client.force_login(cesena_staff)
    client.post(
        f"/en/p/820885/practices/{practice.pk}/media/videos/",
        {"video-title": "Café", "video-file": SimpleUploadedFile("cafe.mp4", VIDEO_BYTES, "video/mp4")},
    )
    video = PracticeVideo.objects.get()

    response = client.get(f"/en/p/820885/practices/{practice.pk}/files/video/{video.pk}/", HTTP_RANGE=range_header)

    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert (response.status_code, response.get("Content-Range"), content) == (status, content_range, body)
    assert response["Accept-Ranges"] == "bytes"


@pytest.mark.django_db
def test_a_photo_whose_file_is_gone_is_not_found_not_a_server_error(client, practice, cesena_staff, media_root):
    photo = add_photo(practice, image=_photo(), alt_text="Two volunteers serve coffee", by=cesena_staff)
    client.force_login(cesena_staff)
    Path(photo.image.path).unlink()

    assert client.get(f"/en/p/820885/practices/{practice.pk}/files/photo/{photo.pk}/").status_code == 404
    assert (
        client.get(f"/en/p/820885/practices/{practice.pk}/files/photo/{photo.pk}/", HTTP_RANGE="bytes=0-9").status_code
        == 404
    )


@pytest.mark.django_db
def test_a_range_is_streamed_in_chunks_not_read_whole(client, practice, cesena_staff, media_root, monkeypatch):
    monkeypatch.setattr("values.core.ranges.CHUNK", 10)
    client.force_login(cesena_staff)
    client.post(
        f"/en/p/820885/practices/{practice.pk}/media/videos/",
        {"video-title": "Café", "video-file": SimpleUploadedFile("cafe.mp4", VIDEO_BYTES, "video/mp4")},
    )
    video = PracticeVideo.objects.get()

    response = client.get(f"/en/p/820885/practices/{practice.pk}/files/video/{video.pk}/", HTTP_RANGE="bytes=5-")

    chunks = list(response.streaming_content)
    # 91 bytes from offset 5 of 96, ten at a time: nine chunks of 10 and one of 1.
    assert [len(chunk) for chunk in chunks] == [10] * 9 + [1]
    assert b"".join(chunks) == VIDEO_BYTES[5:]
    assert response["Content-Length"] == "91"


@pytest.mark.django_db
def test_a_bad_captions_language_is_told_on_its_own_field(client, practice, cesena_staff, media_root):
    client.force_login(cesena_staff)
    client.post(
        f"/en/p/820885/practices/{practice.pk}/media/videos/",
        {"video-title": "Il caffè in video", "video-file": SimpleUploadedFile("cafe.mp4", MP4_BYTES, "video/mp4")},
    )
    video = PracticeVideo.objects.get()

    response = client.post(
        f"/en/p/820885/practices/{practice.pk}/media/videos/{video.pk}/captions/",
        {f"v{video.pk}-captions": SimpleUploadedFile("it.vtt", CAPTIONS_TEXT, "text/vtt"),
         f"v{video.pk}-captions_language": "xx"},
    )  # fmt: skip

    assert response.status_code == 400
    form = dict(response.context["videos"])[video]
    assert form.errors["captions_language"] == ["Not an ISO 639-1 language code."]
    video.refresh_from_db()
    assert not video.has_captions


@pytest.mark.django_db
def test_a_photo_added_after_removals_comes_after_the_photos_that_stay(practice, cesena_staff, media_root):
    first, second, _third = (
        add_photo(practice, image=_photo(), alt_text=text, by=cesena_staff) for text in ("A", "B", "C")
    )
    remove_photo(first)
    remove_photo(second)

    add_photo(practice, image=_photo(), alt_text="D", by=cesena_staff)

    # C was third (position 2); D goes after it at 3, where counting the photos would have put it at 1, before C.
    assert [(photo.alt_text["it"], photo.position) for photo in practice.photos.all()] == [("C", 2), ("D", 3)]
