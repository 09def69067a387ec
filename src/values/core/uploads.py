"""What an uploaded file really is, judged from its bytes: photos, videos, captions and receipts.

A file is accepted only when its content is one of the formats allowed for its use, its name and
declared type agree with that content, and it is within the size limit. Photos are re-encoded
without their metadata, so a phone's GPS position never reaches the public portal.
"""

import io
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
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError


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
    upload.seek(0)
    if found in (JPEG, PNG, WEBP):
        return CheckedUpload(ContentFile(_clean_image(upload.read(), found)), found)
    if found is VTT:
        data = upload.read()
        _check_captions(data)
        return CheckedUpload(ContentFile(data), found)
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


def _clean_image(data: bytes, found: Format) -> bytes:
    """Decode the whole image (a truncated or forged one fails here), turn it upright, drop its metadata."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError) as error:
        raise ValidationError(_("The image cannot be read: %(reason)s.") % {"reason": error}) from error
    out = io.BytesIO()
    if found is JPEG and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    upright.save(out, format=found.name.upper(), **({} if found is PNG else {"quality": 90}))
    return out.getvalue()


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
