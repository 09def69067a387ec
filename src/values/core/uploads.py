"""What an uploaded file really is, judged from its bytes: photos, videos, captions, receipts and campaign kits.

A file is accepted only when it is within the size limit (checked before a byte is read), its content is one of
the formats allowed for its use, its name and declared type agree with that content, and its structure holds:
an image within the pixel limit (from its header, before decoding), a ZIP archive safe to unpack, a video
container that is what it claims. Images are re-encoded with nothing but their pixels, so a phone's GPS
position or a comment never reaches the public portal.

Checking is slow work on untrusted bytes: services call it before they open a transaction, so that SQLite's
write lock is never held meanwhile.
"""

import io
import struct
from dataclasses import dataclass
from pathlib import PurePath

import webvtt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from PIL import Image, ImageOps, UnidentifiedImageError
from PIL.JpegImagePlugin import JpegImageFile
from PIL.PngImagePlugin import PngImageFile

from values.core.containers import check_mp4, check_webm, check_zip


@dataclass(frozen=True)
class Format:
    name: str
    mime: str
    extensions: tuple[str, ...]
    other_names: tuple[str, ...] = ()  # types that browsers and systems also declare for it


JPEG = Format("JPEG", "image/jpeg", (".jpg", ".jpeg"), ("image/jpg", "image/pjpeg"))
PNG = Format("PNG", "image/png", (".png",))
WEBP = Format("WebP", "image/webp", (".webp",))
PDF = Format("PDF", "application/pdf", (".pdf",))
MP4 = Format("MP4", "video/mp4", (".mp4", ".m4v"))
WEBM = Format("WebM", "video/webm", (".webm",))
VTT = Format("WebVTT", "text/vtt", (".vtt",), ("text/plain",))
ZIP = Format("ZIP", "application/zip", (".zip",), ("application/x-zip-compressed",))
IMAGES = (JPEG, PNG, WEBP)


def format_name(mime: str) -> str:
    """The name people know a stored file's format by ("PDF", "ZIP"), from the type it was stored with."""
    known = (JPEG, PNG, WEBP, PDF, MP4, WEBM, VTT, ZIP)
    return next((f.name for f in known if mime == f.mime or mime in f.other_names), mime)


@dataclass(frozen=True)
class UploadKind:
    label: str
    formats: tuple[Format, ...]
    limit_setting: str  # megabytes, from the settings so an operator can raise them


PHOTO = UploadKind(gettext_lazy("photo"), (JPEG, PNG, WEBP), "MAX_PHOTO_MB")
VIDEO = UploadKind(gettext_lazy("video"), (MP4, WEBM), "MAX_VIDEO_MB")
CAPTIONS = UploadKind(gettext_lazy("captions"), (VTT,), "MAX_CAPTIONS_MB")
RECEIPT = UploadKind(gettext_lazy("receipt"), (PDF, JPEG, PNG, WEBP), "MAX_RECEIPT_MB")
# A campaign kit: a leaflet, a poster, or an archive of social-media pictures to download.
KIT = UploadKind(gettext_lazy("kit"), (PDF, JPEG, PNG, WEBP, ZIP), "MAX_KIT_MB")


@dataclass(frozen=True)
class CheckedUpload:
    content: File
    format: Format

    @property
    def extension(self) -> str:
        return self.format.extensions[0]


def check_upload(upload: UploadedFile, kind: UploadKind) -> CheckedUpload:
    """The file's content and format, or a ValidationError that says why it is refused."""
    _check_size(upload, kind)
    upload.seek(0)
    head = upload.read(64)
    found = _sniff(head)
    allowed = ", ".join(f.name for f in kind.formats)
    if found is None or found not in kind.formats:
        seen = found.name if found else _("an unknown format")
        raise ValidationError(
            _("A %(kind)s must be %(allowed)s; this file is %(found)s.")
            % {"kind": kind.label, "allowed": allowed, "found": seen}
        )
    _check_claims(upload, found)
    return _check_content(upload, found)


def _check_content(upload: UploadedFile, found: Format) -> CheckedUpload:
    """The content, once its structure holds: an image re-encoded, anything else as it came."""
    if found in IMAGES:
        _check_pixels(upload, found)
        upload.seek(0)
        return CheckedUpload(ContentFile(_clean_image(upload.read(), found)), found)
    upload.seek(0)
    if found is VTT:
        data = upload.read()
        _check_captions(data)
        return CheckedUpload(ContentFile(data), found)
    if found is ZIP:
        check_zip(upload, max_files=settings.MAX_KIT_FILES, max_unpacked_mb=settings.MAX_KIT_UNPACKED_MB)
    elif found is MP4:
        check_mp4(upload)
    elif found is WEBM:
        check_webm(upload)
    upload.seek(0)
    # A video, PDF or archive is stored as it came, streamed from where Django spooled it, not read into memory.
    return CheckedUpload(File(upload), found)


def check_upload_field(
    upload: UploadedFile | None, kind: UploadKind, field: str, errors: dict[str, list[str]]
) -> CheckedUpload | None:
    """`check_upload` for a service that gathers every field's problems: a refusal goes into `errors`."""
    if upload is None:
        return None
    try:
        return check_upload(upload, kind)
    except ValidationError as problem:
        errors[field] = problem.messages
        return None


def _check_size(upload: UploadedFile, kind: UploadKind) -> None:
    limit_mb = getattr(settings, kind.limit_setting)
    if upload.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("The %(kind)s is %(size).1f MB; the limit is %(limit)d MB.")
            % {"kind": kind.label, "size": upload.size / 1024 / 1024, "limit": limit_mb}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))


def _sniff(head: bytes) -> Format | None:
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    if head[4:8] == b"ftyp":
        return MP4
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return WEBM
    if head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        return VTT
    if head.startswith(b"PK\x03\x04"):
        return ZIP
    return None


def _check_claims(upload: UploadedFile, found: Format) -> None:
    """The name and the declared type must say what the content is: a renamed file is refused."""
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in found.extensions:
        raise ValidationError(
            _("The file is named “%(name)s” but its content is %(found)s (expected a name ending in %(ext)s).")
            % {"name": upload.name, "found": found.name, "ext": " or ".join(found.extensions)}
        )
    claimed = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if claimed and claimed not in ("application/octet-stream", found.mime, *found.other_names):
        raise ValidationError(
            _("The file claims to be %(claimed)s but its content is %(found)s.")
            % {"claimed": claimed, "found": found.name}
        )


def _check_pixels(upload: UploadedFile, found: Format) -> None:
    """Refuse an image too large to decode, from the size its header states, before a single pixel is decoded.

    A PNG of one colour and 13,000 × 13,000 pixels packs into a few hundred kilobytes and decodes into hundreds of
    megabytes.
    """
    width, height = _stated_size(upload, found)
    limit = settings.MAX_IMAGE_MEGAPIXELS
    if width * height > limit * 1_000_000:
        raise ValidationError(
            ngettext(
                "The image is %(width)d × %(height)d pixels (%(megapixels).1f megapixels); "
                "the limit is %(limit)d megapixel.",
                "The image is %(width)d × %(height)d pixels (%(megapixels).1f megapixels); "
                "the limit is %(limit)d megapixels.",
                limit,
            )
            % {"width": width, "height": height, "megapixels": width * height / 1_000_000, "limit": limit}
        )


def _stated_size(upload: UploadedFile, found: Format) -> tuple[int, int]:
    """Width and height from the image's header.

    Pillow's JPEG and PNG readers parse only the header until the pixels are asked for; `Image.open` would add
    Pillow's own guard, which refuses a huge image without telling its size. Pillow's WebP reader loads the whole
    file into its decoder, so a WebP's size is read from its first 30 bytes here.
    """
    upload.seek(0)
    try:
        if found is WEBP:
            return _webp_size(upload.read(30))
        reader = JpegImageFile if found is JPEG else PngImageFile
        return reader(upload).size
    except (SyntaxError, OSError, ValueError, struct.error) as error:
        raise _unreadable() from error


def _webp_size(head: bytes) -> tuple[int, int]:
    """The canvas size in a WebP header: extended (VP8X), lossy (VP8) or lossless (VP8L)."""
    chunk = head[12:16]
    if chunk == b"VP8X" and len(head) >= 30:
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    if chunk == b"VP8 " and len(head) >= 30 and head[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(head) >= 25 and head[20] == 0x2F:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, (bits >> 14 & 0x3FFF) + 1
    raise ValueError("no WebP header")


def _clean_image(data: bytes, found: Format) -> bytes:
    """Decode the whole image (a truncated or forged one fails here), turn it upright, keep only its pixels.

    EXIF (with GPS), comments, XMP, IPTC, text chunks and colour profiles all go; transparency, which is part of
    the pixels, stays.
    """
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError) as error:
        raise _unreadable() from error
    # Pillow writes some of what it read back out (a JPEG's comment, for one) unless it is forgotten.
    upright.info = {key: value for key, value in upright.info.items() if key == "transparency"}
    if found is JPEG and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    out = io.BytesIO()
    upright.save(out, format=found.name.upper(), **({} if found is PNG else {"quality": 90}))
    return out.getvalue()


def _unreadable() -> ValidationError:
    return ValidationError(_("The image cannot be read: it is damaged or incomplete."))


def _check_captions(data: bytes) -> None:
    try:
        text = data.decode("utf-8-sig")
        captions = webvtt.from_buffer(io.StringIO(text)).captions
    except UnicodeDecodeError as error:
        raise ValidationError(_("Captions must be UTF-8 text.")) from error
    except webvtt.errors.MalformedFileError as error:
        raise ValidationError(_("The captions are not valid WebVTT.")) from error
    if not captions:
        raise ValidationError(_("The captions file has no cue with valid timings (00:00:01.000 --> 00:00:04.000)."))
    for number, cue in enumerate(captions, start=1):
        if cue.end <= cue.start:  # both hh:mm:ss.ttt, so text order is time order
            raise ValidationError(
                _("Caption %(number)d ends (%(end)s) before it starts (%(start)s).")
                % {"number": number, "end": cue.end, "start": cue.start}
            )


# -- a checked upload stored with its row ----------------------------------------------------------
def store(field: FieldFile, checked: CheckedUpload, stem: str) -> None:
    """Write the checked file under a name of ours (`stem` and the extension of its real format)."""
    field.save(f"{stem}{checked.extension}", checked.content, save=False)


def save_with_files(item: Model, *fields: FieldFile) -> None:
    """Save the row; if the database refuses it, the files just written go too, so nothing is orphaned."""
    try:
        item.save()
    except Exception:
        for field in fields:
            if field:
                field.delete(save=False)
        raise


def delete_on_commit(field: FieldFile, name: str | None) -> None:
    """Delete a file the row no longer names, once the change that replaced it is committed."""
    if name:
        storage = field.storage
        transaction.on_commit(lambda: storage.delete(name))


def delete_with_files(item: Model, *fields: FieldFile) -> None:
    """Delete the row, then its files once the deletion is committed (a rolled-back one keeps them)."""
    names = [(field.storage, field.name) for field in fields if field]
    item.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])
