"""Uploads are judged by their bytes: the wrong type, a renamed file, a forged image or too large a file is refused."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from values.core.uploads import CAPTIONS, JPEG, PDF, PHOTO, RECEIPT, VIDEO, VTT, check_upload

GPS_TAG = 0x8825  # EXIF GPSInfo


def photo_bytes(kind: str = "JPEG", *, gps: bool = False, size=(40, 30)) -> bytes:
    image = Image.new("RGB", size, (200, 80, 40))
    out = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[GPS_TAG] = {1: "N", 2: (44.0, 8.0, 0.0), 3: "E", 4: (12.0, 15.0, 0.0)}
    image.save(out, format=kind, exif=exif.tobytes()) if kind == "JPEG" else image.save(out, format=kind)
    return out.getvalue()


MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
CAPTIONS_TEXT = b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nVolunteers welcome newcomers.\n"


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.unit
def test_a_photo_loses_its_location_and_keeps_its_pixels():
    original = photo_bytes(gps=True)
    assert GPS_TAG in Image.open(io.BytesIO(original)).getexif()  # the test photo does carry a position

    checked = check_upload(upload("cafe.JPG", original, "image/jpeg"), PHOTO)

    cleaned = Image.open(io.BytesIO(checked.content.read()))
    assert checked.format is JPEG
    assert cleaned.size == (40, 30)
    assert GPS_TAG not in cleaned.getexif()


@pytest.mark.unit
@pytest.mark.parametrize(
    ("name", "content", "content_type", "reason"),
    [
        ("photo.png", photo_bytes("JPEG"), "image/png", "named “photo.png” but its content is JPEG"),
        ("photo.jpg", photo_bytes("JPEG"), "image/png", "claims to be image/png but its content is JPEG"),
        ("photo.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg", "this file is an unknown format"),
        ("photo.pdf", b"%PDF-1.7\n%%EOF", "application/pdf", "A photo must be JPEG, PNG, WebP; this file is PDF"),
        ("photo.jpg", photo_bytes("JPEG")[:60], "image/jpeg", "The image cannot be read"),
        ("photo.jpg", b"", "image/jpeg", "The file is empty"),
    ],
)
def test_a_photo_that_is_not_what_it_claims_is_refused_with_the_reason(name, content, content_type, reason):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content, content_type), PHOTO)

    assert reason in refused.value.messages[0]


@pytest.mark.unit
def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(settings):
    settings.MAX_PHOTO_MB = 1
    big = photo_bytes("PNG") + b"\x00" * (1024 * 1024 + 1)

    with pytest.raises(ValidationError) as refused:
        check_upload(upload("big.png", big), PHOTO)

    assert refused.value.messages == ["The photo is 1.0 MB; the limit is 1 MB."]


@pytest.mark.unit
def test_receipts_take_pdfs_and_images_and_videos_take_mp4():
    assert check_upload(upload("receipt.pdf", b"%PDF-1.4\n1 0 obj\n%%EOF\n"), RECEIPT).format is PDF
    assert check_upload(upload("receipt.jpeg", photo_bytes()), RECEIPT).format is JPEG
    assert check_upload(upload("visit.mp4", MP4_HEAD, "video/mp4"), VIDEO).extension == ".mp4"
    with pytest.raises(ValidationError, match="A video must be MP4, WebM; this file is JPEG"):
        check_upload(upload("visit.mp4", photo_bytes()), VIDEO)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"1\n00:00:01,000 --> 00:00:04,000\nHi\n", "this file is an unknown format"),  # SubRip, not WebVTT
        (b"WEBVTT\n\nno cue here\n", "no cue with valid timings"),
        (b"WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nBackwards\n", "Caption 1 ends (00:00:04.000) before it starts"),
        (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\xff\xfe bad bytes\n", "Captions must be UTF-8 text"),
    ],
)
def test_captions_must_be_valid_webvtt(content, reason):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("captions.vtt", content), CAPTIONS)

    assert reason in refused.value.messages[0]


@pytest.mark.unit
def test_valid_captions_with_a_byte_order_mark_pass_unchanged():
    content = b"\xef\xbb\xbf" + CAPTIONS_TEXT

    checked = check_upload(upload("captions.vtt", content, "text/vtt"), CAPTIONS)

    assert checked.format is VTT
    assert checked.content.read() == content


def test_a_video_or_document_is_kept_as_uploaded_not_read_into_memory():
    uploaded = upload("receipt.pdf", b"%PDF-1.4\n1 0 obj\n%%EOF\n", "application/pdf")

    checked = check_upload(uploaded, RECEIPT)

    assert checked.content.file is uploaded  # the spooled upload itself, streamed to storage when saved
    assert checked.content.size == 23
