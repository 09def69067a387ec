"""The structure of uploaded archives and videos, checked by seeking through them, never reading them whole.

A ZIP archive must open as one and be safe to unpack anywhere; an MP4 must be a sequence of ISO-BMFF boxes that
starts with `ftyp` and holds a `moov`; a WebM must have an EBML header whose document type is `webm`, then a
segment. Each refusal says what is wrong in words, naming the archive member or the byte where it is.
"""

import re
import stat
import struct
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

CHUNK = 64 * 1024
MB = 1024 * 1024


# -- ZIP ----------------------------------------------------------------------------------------
_DRIVE = re.compile(r"^[A-Za-z]:")
# What every unzip tool (Windows Explorer, macOS Archive Utility) opens.
_COMMON_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def check_zip(upload: UploadedFile, *, max_files: int, max_unpacked_mb: int) -> None:
    """A real archive of at most `max_files` members, unpacking inside its folder to at most `max_unpacked_mb`."""
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise ValidationError(_("The ZIP archive cannot be opened: it is damaged, or not a ZIP archive.")) from error
    with archive:
        members = archive.infolist()
        if len(members) > max_files:
            raise ValidationError(
                _("The ZIP archive holds %(count)d files; the limit is %(limit)d.")
                % {"count": len(members), "limit": max_files}
            )
        for member in members:
            _check_member(member)
        stated = sum(member.file_size for member in members)
        if stated > max_unpacked_mb * MB:
            raise ValidationError(
                _("Unpacked, the ZIP archive takes %(size).1f MB; the limit is %(limit)d MB.")
                % {"size": stated / MB, "limit": max_unpacked_mb}
            )
        unpacked = 0
        for member in members:  # headers can lie: what really comes out is counted as it comes
            unpacked = _unpack(archive, member, unpacked, max_unpacked_mb)


def _check_member(member: zipfile.ZipInfo) -> None:
    name = member.filename
    if not name or name.startswith("/") or "\\" in name or _DRIVE.match(name) or ".." in name.split("/"):
        raise ValidationError(
            _(
                "The ZIP archive holds “%(name)s”: a name in it must stay inside its folder "
                "(no leading /, no “..”, no backslash, no drive letter)."
            )
            % {"name": name}
        )
    if stat.S_ISLNK(member.external_attr >> 16):
        raise ValidationError(
            _("“%(name)s” in the ZIP archive is a link, which could point outside it.") % {"name": name}
        )
    if member.flag_bits & 0x1:
        raise ValidationError(
            _("“%(name)s” in the ZIP archive needs a password; a kit is for anyone to open.") % {"name": name}
        )
    if member.compress_type not in _COMMON_COMPRESSIONS:
        raise ValidationError(
            _(
                "“%(name)s” in the ZIP archive is compressed in a way common tools cannot unpack; "
                "use the usual ZIP compression (deflate)."
            )
            % {"name": name}
        )


def _unpack(archive: zipfile.ZipFile, member: zipfile.ZipInfo, unpacked: int, max_unpacked_mb: int) -> int:
    """The bytes unpacked so far, with this member's: decompressed a chunk at a time, and its checksum verified."""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                unpacked += len(chunk)
                if unpacked > max_unpacked_mb * MB:
                    raise ValidationError(
                        _("Unpacked, the ZIP archive goes over the limit of %(limit)d MB at “%(name)s”.")
                        % {"limit": max_unpacked_mb, "name": member.filename}
                    )
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
        raise ValidationError(
            _("“%(name)s” in the ZIP archive cannot be unpacked: it is damaged.") % {"name": member.filename}
        ) from error
    return unpacked


# -- MP4 (ISO base media file format) -----------------------------------------------------------
# Far more top-level boxes than a real video has, even a fragmented one (two boxes per fragment).
MAX_BOXES = 100_000


def check_mp4(upload: UploadedFile) -> None:
    """The top-level boxes tile the file exactly, `ftyp` first, with a `moov` (the index a player needs)."""
    size, offset, kinds = upload.size, 0, []
    while offset < size and len(kinds) < MAX_BOXES:
        kind, length = _box_at(upload, offset, size)
        kinds.append(kind)
        offset += length
    if offset < size:
        raise _not_mp4(_("it has more than %(count)d boxes") % {"count": MAX_BOXES})
    if kinds[0] != b"ftyp":
        raise _not_mp4(_("it does not start with an “ftyp” box"))
    if b"moov" not in kinds:
        raise _not_mp4(_("it has no “moov” box, the index a player needs"))


def _box_at(upload: UploadedFile, offset: int, size: int) -> tuple[bytes, int]:
    """The type and length of the box at `offset`, read from its header alone."""
    upload.seek(offset)
    header = upload.read(16)
    if len(header) < 8:
        raise _not_mp4(_("the file ends inside the header of the box at byte %(offset)d") % {"offset": offset})
    length, kind = struct.unpack(">I4s", header[:8])
    header_length = 8
    if length == 1:  # the real length follows the type, in 64 bits
        if len(header) < 16:
            raise _not_mp4(_("the file ends inside the header of the box at byte %(offset)d") % {"offset": offset})
        length, header_length = struct.unpack(">Q", header[8:16])[0], 16
    elif length == 0:  # the last box, running to the end of the file
        length = size - offset
    if length < header_length or not all(0x20 <= byte <= 0x7E for byte in kind):
        raise _not_mp4(_("the box at byte %(offset)d is malformed") % {"offset": offset})
    if offset + length > size:
        raise _not_mp4(_("the box at byte %(offset)d runs past the end of the file") % {"offset": offset})
    return kind, length


def _not_mp4(problem: str) -> ValidationError:
    return ValidationError(_("The video is not a valid MP4 file: %(problem)s.") % {"problem": problem})


# -- WebM (EBML) --------------------------------------------------------------------------------
EBML_ID, DOC_TYPE_ID, SEGMENT_ID = 0x1A45DFA3, 0x4282, 0x18538067
HEADER_LIMIT = 4096  # a real EBML header takes a few dozen bytes


def check_webm(upload: UploadedFile) -> None:
    """An EBML header whose document type is `webm`, followed by a segment that fits in the file."""
    upload.seek(0)
    head = upload.read(HEADER_LIMIT)
    try:
        doc_type, position = _ebml_header(head)
    except IndexError:
        raise _not_webm(_("its header is incomplete")) from None
    if doc_type != b"webm":
        raise _not_webm(
            _("its document type is “%(found)s”, not “webm”") % {"found": doc_type.decode("ascii", "replace")}
        )
    try:
        segment_id, position = _vint(head, position, marker=True)
        segment_size, position = _vint(head, position, marker=False)
    except IndexError:
        segment_id = segment_size = None
    if segment_id != SEGMENT_ID:
        raise _not_webm(_("no segment follows its header"))
    if segment_size is not None and position + segment_size > upload.size:
        raise _not_webm(_("its segment runs past the end of the file"))


def _not_webm(problem: str) -> ValidationError:
    return ValidationError(_("The video is not a valid WebM file: %(problem)s.") % {"problem": problem})


def _ebml_header(head: bytes) -> tuple[bytes, int]:
    """The document type the EBML header names, and where the header ends.

    IndexError, as from reading past the bytes given, means the header is cut short or malformed.
    """
    element_id, position = _vint(head, 0, marker=True)
    size, position = _vint(head, position, marker=False)
    if element_id != EBML_ID or size is None or position + size > len(head):
        raise IndexError
    end, doc_type = position + size, b""
    while position < end:
        child_id, position = _vint(head, position, marker=True)
        child_size, position = _vint(head, position, marker=False)
        if child_size is None or position + child_size > end:
            raise IndexError
        if child_id == DOC_TYPE_ID:
            doc_type = head[position : position + child_size].rstrip(b"\x00")
        position += child_size
    return doc_type, end


def _vint(data: bytes, position: int, *, marker: bool) -> tuple[int | None, int]:
    """An EBML variable-length integer at `position`, and the position after it.

    Element IDs keep their length marker bits; sizes drop them, and a size of all ones means unknown (None).
    """
    first = data[position]
    length = 9 - first.bit_length()
    if length > 8:
        raise IndexError  # a zero first byte: no valid integer starts so
    if position + length > len(data):
        raise IndexError
    value = first if marker else first & (0xFF >> length)
    for byte in data[position + 1 : position + length]:
        value = value << 8 | byte
    unknown = not marker and value == (1 << (7 * length)) - 1
    return (None if unknown else value), position + length
