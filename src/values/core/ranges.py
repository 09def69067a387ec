"""Serving stored files: whole, or in parts (HTTP Range) so that a browser can seek in a long video.

A file the storage lost is answered with 404, never with a server error.
"""

import re

from django.core.files import File
from django.http import FileResponse, Http404, HttpRequest, HttpResponse

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def open_stored(stored: File):
    """The stored file, open for reading."""
    try:
        return stored.open("rb")
    except FileNotFoundError:
        raise Http404("the file is gone from the storage") from None


def ranged_file_response(request: HttpRequest, stored: File, content_type: str) -> HttpResponse:
    """The whole file, or the one byte range the request asks for (206), or 416 when it is outside the file.
    Several ranges in one request are answered with the whole file, which HTTP allows."""
    try:
        size = stored.size
    except FileNotFoundError:
        raise Http404("the file is gone from the storage") from None
    wanted = _requested_range(request.headers.get("Range", ""), size)
    if wanted is None:
        response = FileResponse(open_stored(stored), content_type=content_type)
    elif wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        start, end = wanted
        handle = open_stored(stored)
        handle.seek(start)
        response = HttpResponse(handle.read(end - start + 1), status=206, content_type=content_type)
        handle.close()
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response


def _requested_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """(start, end) inclusive; False when it cannot be satisfied; None for no usable range header."""
    match = _RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        return (max(0, size - length), size - 1) if length and size else False
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    return (start, end) if start <= end and start < size else False
