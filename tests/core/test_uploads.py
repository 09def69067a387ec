"""Uploads are judged by their bytes: the wrong type, a renamed file, a forged image or too large a file is refused."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from values.core.pdf import html_to_pdf
from values.core.uploads import CAPTIONS, JPEG, KIT, PDF, PHOTO, PNG, RECEIPT, VIDEO, VTT, WEBP, check_upload

GPS_TAG = 0x8825  # EXIF GPSInfo


def photo_bytes(kind: str = "JPEG", *, gps: bool = False, size=(40, 30)) -> bytes:
    image = Image.new("RGB", size, (200, 80, 40))
    out = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[GPS_TAG] = {1: "N", 2: (44.0, 8.0, 0.0), 3: "E", 4: (12.0, 15.0, 0.0)}
    image.save(out, format=kind, exif=exif.tobytes()) if kind == "JPEG" else image.save(out, format=kind)
    return out.getvalue()


def box(kind: bytes, payload: bytes = b"") -> bytes:
    """An ISO-BMFF box (MP4): its size, its four-letter type, its content."""
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


FTYP = box(b"ftyp", b"mp42\x00\x00\x00\x00mp42isom")  # 24 bytes
# The smallest MP4 the checks take: the file type, the index (moov) and the media data.
MP4_BYTES = FTYP + box(b"moov", box(b"mvhd", bytes(100))) + box(b"mdat", b"frames")
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
        ("photo.jpg", photo_bytes("JPEG")[:60], "image/jpeg", "The image cannot be read: it is damaged"),
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
    assert check_upload(upload("visit.mp4", MP4_BYTES, "video/mp4"), VIDEO).extension == ".mp4"
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


# -- every kind: the size first, an empty file named -----------------------------------------------
class CountedUpload(SimpleUploadedFile):
    """An upload that counts how often its content is read."""

    reads = 0

    def read(self, *args):
        self.reads += 1
        return super().read(*args)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("kind", "setting", "name"),
    [(PHOTO, "MAX_PHOTO_MB", "a.png"), (VIDEO, "MAX_VIDEO_MB", "a.mp4"), (CAPTIONS, "MAX_CAPTIONS_MB", "a.vtt"),
     (RECEIPT, "MAX_RECEIPT_MB", "a.pdf"), (KIT, "MAX_KIT_MB", "a.zip")],
)  # fmt: skip
def test_every_kind_refuses_a_file_over_its_limit_before_reading_it(settings, kind, setting, name):
    setattr(settings, setting, 1)
    big = CountedUpload(name, b"\x00" * (1024 * 1024 + 1))

    with pytest.raises(ValidationError) as refused:
        check_upload(big, kind)

    assert refused.value.messages == [f"The {kind.label} is 1.0 MB; the limit is 1 MB."]
    assert big.reads == 0


@pytest.mark.unit
@pytest.mark.parametrize("kind", [PHOTO, VIDEO, CAPTIONS, RECEIPT, KIT])
def test_every_kind_says_an_empty_file_is_empty(kind):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("empty.pdf", b""), kind)

    assert refused.value.messages == ["The file is empty."]


# -- images: pixels limited from the header, nothing but pixels kept -------------------------------
def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A PNG that states its size (grey, 8 bits) and then holds far too few pixels: only its header is readable."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + png_chunk(b"IEND", b"")


def jpeg_header(width: int, height: int) -> bytes:
    """A small real JPEG whose frame header (SOF0) is rewritten to state another size."""
    data = bytearray(photo_bytes(size=(16, 16)))
    frame = data.index(b"\xff\xc0")
    data[frame + 5 : frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def webp_header(width: int, height: int) -> bytes:
    """An extended WebP (VP8X) header stating a canvas size, with no image data after it."""
    vp8x = b"VP8X" + struct.pack("<I", 10) + b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little")
    vp8x += (height - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", 4 + len(vp8x)) + b"WEBP" + vp8x


@pytest.mark.unit
@pytest.mark.parametrize("kind", [PHOTO, RECEIPT, KIT])
@pytest.mark.parametrize(
    ("name", "content"),
    [pytest.param("huge.png", png_header(13000, 13000), id="png"),
     pytest.param("huge.jpg", jpeg_header(13000, 13000), id="jpeg"),
     pytest.param("huge.webp", webp_header(13000, 13000), id="webp")],
)  # fmt: skip
def test_an_image_of_too_many_pixels_is_refused_from_its_header_without_decoding(kind, name, content):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content), kind)

    # 13,000 × 13,000 = 169,000,000 pixels; the header alone says so (the pixels are not even there).
    assert refused.value.messages == [
        "The image is 13000 × 13000 pixels (169.0 megapixels); the limit is 40 megapixels."
    ]


@pytest.mark.unit
def test_the_pixel_limit_comes_from_the_settings_and_an_image_at_the_limit_passes(settings):
    settings.MAX_IMAGE_MEGAPIXELS = 1

    at_limit = check_upload(upload("square.png", photo_bytes("PNG", size=(1000, 1000))), PHOTO)
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("wide.png", photo_bytes("PNG", size=(1001, 1000))), PHOTO)

    assert Image.open(at_limit.content).size == (1000, 1000)
    assert refused.value.messages == ["The image is 1001 × 1000 pixels (1.0 megapixels); the limit is 1 megapixel."]


@pytest.mark.unit
def test_pillow_itself_refuses_an_image_over_twice_the_limit_wherever_it_is_opened():
    # 9,000 × 9,000 = 81 megapixels: more than twice the 40 allowed, where Pillow's own guard refuses.
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png_header(9000, 9000)))


def jpeg_with_segments(jpeg: bytes, *segments: tuple[int, bytes]) -> bytes:
    """The JPEG with extra marker segments (APPn, COM) right after its start-of-image marker."""
    extra = b"".join(b"\xff" + bytes([marker]) + struct.pack(">H", len(data) + 2) + data for marker, data in segments)
    return jpeg[:2] + extra + jpeg[2:]


def jpeg_markers(jpeg: bytes) -> list[int]:
    """The markers of the segments before the image data (start of scan)."""
    markers, position = [], 2
    while jpeg[position + 1] != 0xDA:
        markers.append(jpeg[position + 1])
        position += 2 + struct.unpack(">H", jpeg[position + 2 : position + 4])[0]
    return markers


COMMENT, XMP, IPTC = 0xFE, 0xE1, 0xED
XMP_DATA = b'http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta xmlns:x="adobe:ns:meta/">GPSLatitude 44,8.0N</x:xmpmeta>'
IPTC_DATA = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0c\x1c\x02\x5a\x00\x06Cesena"


@pytest.mark.unit
def test_a_jpeg_keeps_its_pixels_and_loses_its_comment_xmp_iptc_and_exif():
    original = jpeg_with_segments(
        photo_bytes(gps=True), (COMMENT, b"Taken at Via Roma 12 by Anna"), (XMP, XMP_DATA), (IPTC, IPTC_DATA)
    )
    assert {COMMENT, XMP, IPTC} <= set(jpeg_markers(original))  # the test photo carries all three, and EXIF

    stored = check_upload(upload("cafe.jpg", original, "image/jpeg"), PHOTO).content.read()

    application_and_comments = [m for m in jpeg_markers(stored) if 0xE0 <= m <= 0xEF or m == COMMENT]
    assert application_and_comments == [0xE0]  # JFIF only, which says how to read the pixels
    assert Image.open(io.BytesIO(stored)).size == (40, 30)
    for trace in (b"Via Roma", b"GPSLatitude", b"Cesena", b"Exif"):
        assert trace not in stored


@pytest.mark.unit
def test_a_png_and_a_webp_lose_their_text_and_metadata_and_keep_transparency():
    texts = PngImagePlugin.PngInfo()
    texts.add_text("Comment", "Taken at Via Roma 12")
    texts.add_itxt("XML:com.adobe.xmp", "GPSLatitude 44,8.0N")
    exif = Image.Exif()
    exif[0x010E] = "Via Roma 12"  # ImageDescription
    pixels = Image.new("RGBA", (8, 4), (200, 80, 40, 128))
    png, webp = io.BytesIO(), io.BytesIO()
    pixels.save(png, format="PNG", pnginfo=texts)
    pixels.save(webp, format="WEBP", lossless=True, xmp=b"GPSLatitude 44,8.0N", exif=exif.tobytes())

    stored_png = check_upload(upload("a.png", png.getvalue()), PHOTO).content.read()
    stored_webp = check_upload(upload("a.webp", webp.getvalue()), PHOTO).content.read()

    for stored, found in ((stored_png, PNG), (stored_webp, WEBP)):
        assert b"Via Roma" not in stored, found.name
        assert b"GPSLatitude" not in stored, found.name
        assert Image.open(io.BytesIO(stored)).size == (8, 4)
    assert Image.open(io.BytesIO(stored_png)).getpixel((0, 0)) == (200, 80, 40, 128)  # PNG is lossless


@pytest.mark.unit
@pytest.mark.parametrize(
    ("name", "content"),
    [pytest.param("cut.jpg", photo_bytes()[:60], id="cut-jpeg"),
     pytest.param("forged.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, id="forged-png"),
     pytest.param("cut.png", png_header(20, 10), id="cut-png"),
     pytest.param("forged.webp", b"RIFF\x20\x00\x00\x00WEBPVP8 " + b"\x00" * 40, id="forged-webp")],
)  # fmt: skip
def test_an_unreadable_image_is_told_in_words_not_with_an_exception(name, content):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content), PHOTO)

    assert refused.value.messages == ["The image cannot be read: it is damaged or incomplete."]


# -- videos: the container's structure, not four magic bytes ---------------------------------------
def ebml(element_id: bytes, payload: bytes) -> bytes:
    """An EBML element (WebM, Matroska) with a one-byte size."""
    assert len(payload) < 127
    return element_id + bytes([0x80 | len(payload)]) + payload


SEGMENT = b"\x18\x53\x80\x67"
# A segment of unknown size, as a live recording writes it, holding an (empty) Info element.
LIVE_SEGMENT = SEGMENT + b"\x01\xff\xff\xff\xff\xff\xff\xff" + ebml(b"\x15\x49\xa9\x66", b"")


def webm(doc_type: bytes = b"webm", segment: bytes = LIVE_SEGMENT) -> bytes:
    header = ebml(b"\x1a\x45\xdf\xa3", ebml(b"\x42\x86", b"\x01") + ebml(b"\x42\xf7", b"\x01")
                  + ebml(b"\x42\xf2", b"\x04") + ebml(b"\x42\xf3", b"\x08") + ebml(b"\x42\x82", doc_type)
                  + ebml(b"\x42\x87", b"\x04") + ebml(b"\x42\x85", b"\x02"))  # fmt: skip
    return header + segment


@pytest.mark.unit
@pytest.mark.parametrize(
    ("name", "content"),
    [pytest.param("a.mp4", MP4_BYTES, id="mp4"),
     # mdat with a 64-bit size (1, then 8 bytes: 16 + 6), then a last box whose size 0 means "to the end".
     pytest.param("b.mp4", FTYP + box(b"moov") + struct.pack(">I4sQ", 1, b"mdat", 22) + b"frames"
                  + b"\x00\x00\x00\x00free" + b"xx", id="mp4-64-bit-and-open-ended-boxes"),
     pytest.param("c.webm", webm(), id="webm-live"),
     pytest.param("d.webm", webm(segment=SEGMENT + b"\x82\xec\x80"), id="webm-sized")],  # holding a Void element
)  # fmt: skip
def test_real_mp4_and_webm_files_are_accepted(name, content):
    assert check_upload(upload(name, content), VIDEO).content.size == len(content)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("content", "reason"),
    [pytest.param(FTYP + b"\x00" * 64, "the box at byte 24 is malformed", id="ftyp-then-zeros"),
     pytest.param(FTYP + b"\xde\xad\xbe\xef" * 50, "the box at byte 24 is malformed", id="ftyp-then-garbage"),
     pytest.param(FTYP + struct.pack(">I4s", 4000, b"moov") + b"\x00" * 100,
                  "the box at byte 24 runs past the end of the file", id="box-past-the-end"),
     pytest.param(FTYP + struct.pack(">I4sQ", 1, b"mdat", 1 << 40) + b"\x00" * 8,
                  "the box at byte 24 runs past the end of the file", id="64-bit-box-past-the-end"),
     pytest.param(FTYP + box(b"mdat", b"frames") + b"\x00\x00\x00",
                  "the file ends inside the header of the box at byte 38", id="cut-in-a-header"),
     pytest.param(FTYP + box(b"mdat", b"frames"), "it has no “moov” box, the index a player needs", id="no-moov")],
)  # fmt: skip
def test_a_fake_or_broken_mp4_is_refused_with_the_reason(content, reason):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("visit.mp4", content, "video/mp4"), VIDEO)

    assert refused.value.messages == [f"The video is not a valid MP4 file: {reason}."]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("content", "reason"),
    [pytest.param(webm(b"matroska"), "its document type is “matroska”, not “webm”", id="matroska"),
     pytest.param(b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01", "its header is incomplete", id="cut-header"),
     pytest.param(webm(segment=b"\x1f\x43\xb6\x75\x80"), "no segment follows its header", id="cluster-first"),
     pytest.param(webm(segment=b""), "no segment follows its header", id="header-only"),
     pytest.param(webm(segment=SEGMENT + b"\x88\xec\x80"), "its segment runs past the end of the file", id="cut")],
)  # fmt: skip
def test_a_fake_or_broken_webm_is_refused_with_the_reason(content, reason):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("visit.webm", content, "video/webm"), VIDEO)

    assert refused.value.messages == [f"The video is not a valid WebM file: {reason}."]


# -- campaign kits: a real, safe ZIP archive -------------------------------------------------------
def zip_bytes(*members: tuple[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 3, 1, 12, 0, 0)), data, compress_type=compression)
    return out.getvalue()


def zip_understating(name: str, data: bytes, stated: int) -> bytes:
    """A ZIP archive whose headers (local and central) say that `name` unpacks to `stated` bytes."""
    archive = bytearray(zip_bytes((name, data)))
    local, central = archive.index(b"PK\x03\x04"), archive.index(b"PK\x01\x02")
    archive[local + 22 : local + 26] = struct.pack("<I", stated)
    archive[central + 24 : central + 28] = struct.pack("<I", stated)
    return bytes(archive)


def refusal(content: bytes, name: str = "kit.zip") -> list[str]:
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content, "application/zip"), KIT)
    return refused.value.messages


@pytest.mark.unit
def test_a_zip_of_pictures_and_folders_is_kept_as_uploaded():
    content = zip_bytes(("posters/", b""), ("posters/a4.png", photo_bytes("PNG")), ("README.txt", b"Print on A4."))

    checked = check_upload(upload("kit.zip", content, "application/zip"), KIT)

    assert checked.format.name == "ZIP"
    assert checked.content.read() == content


@pytest.mark.unit
@pytest.mark.parametrize(
    "name", ["../evil.sh", "posters/../../evil.sh", "/etc/cron.d/evil", "posters\\..\\evil.bat", "C:/Windows/evil.exe",
             "c:evil.exe", ".."],
)  # fmt: skip
def test_a_zip_member_whose_name_leaves_its_folder_is_refused_by_name(name):
    content = zip_bytes(("posters/a4.png", b"fine"), (name, b"#!/bin/sh\n"))

    assert refusal(content) == [
        f"The ZIP archive holds “{name}”: a name in it must stay inside its folder "
        "(no leading /, no “..”, no backslash, no drive letter)."
    ]


@pytest.mark.unit
def test_a_zip_member_that_is_a_link_is_refused_by_name():
    link = zipfile.ZipInfo("posters/latest", date_time=(2020, 3, 1, 12, 0, 0))
    link.external_attr = 0o120777 << 16  # a symbolic link, as Unix zip tools store one
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(link, "/etc/passwd")

    assert refusal(out.getvalue()) == ["“posters/latest” in the ZIP archive is a link, which could point outside it."]


@pytest.mark.unit
@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04" + b"not really an archive" * 20, zip_bytes(("a.txt", b"hello"))[:-30]],
    ids=["signature-then-garbage", "cut-short"],
)
def test_a_fake_or_truncated_zip_is_refused(content):
    assert refusal(content) == ["The ZIP archive cannot be opened: it is damaged, or not a ZIP archive."]


@pytest.mark.unit
def test_a_zip_of_too_many_files_is_refused_with_the_count_and_the_limit(settings):
    settings.MAX_KIT_FILES = 3

    assert refusal(zip_bytes(*((f"p{n}.png", b"x") for n in range(4)))) == [
        "The ZIP archive holds 4 files; the limit is 3."
    ]


@pytest.mark.unit
def test_a_zip_bomb_is_refused_from_its_headers_before_unpacking(settings):
    settings.MAX_KIT_UNPACKED_MB = 1
    bomb = zip_bytes(("poster.png", b"\x00" * (3 * 1024 * 1024)))  # 3 MB of zeros pack into about 3 KB
    assert len(bomb) < 10_000

    assert refusal(bomb) == ["Unpacked, the ZIP archive takes 3.0 MB; the limit is 1 MB."]


@pytest.mark.unit
def test_a_zip_member_that_unpacks_to_more_than_its_header_says_is_refused_by_name(settings):
    settings.MAX_KIT_UNPACKED_MB = 1
    lying = zip_understating("poster.png", b"\x00" * (3 * 1024 * 1024), stated=100)

    assert refusal(lying) == ["“poster.png” in the ZIP archive cannot be unpacked: it is damaged."]


@pytest.mark.unit
def test_a_zip_with_an_unusual_compression_is_refused_by_name():
    content = zip_bytes(("poster.png", b"x" * 100), compression=zipfile.ZIP_BZIP2)

    assert refusal(content) == [
        "“poster.png” in the ZIP archive is compressed in a way common tools cannot unpack; "
        "use the usual ZIP compression (deflate)."
    ]


def test_a_truncated_image_is_still_refused_once_a_pdf_was_made_in_the_process():
    html_to_pdf("<p>WeasyPrint, once imported, told Pillow to accept truncated images.</p>")

    with pytest.raises(ValidationError) as refused:
        check_upload(upload("cut.png", png_header(20, 10)), PHOTO)

    assert refused.value.messages == ["The image cannot be read: it is damaged or incomplete."]
