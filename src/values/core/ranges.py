"""Serving stored files: whole, in parts (HTTP Range) so that a browser can seek in a long video, or as a download.

A file the storage lost is answered with 404, never with a server error.
"""

import re

from django.core.files import File
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def open_stored(stored: File):
    """The stored file, open for reading."""
    try:
        return stored.open("rb")
    except FileNotFoundError:
        raise Http404("the file is gone from the storage") from None


# A page that a browser renders all the same (a PDF's JavaScript, an SVG's or HTML's script) gets no scripts, a
# unique origin (no cookies, no access to the site) and nothing to load.
SANDBOX = "sandbox; default-src 'none'"


def download_response(stored: File, content_type: str, filename: str) -> FileResponse:
    """A file someone uploaded, as a download: saved by the browser, not rendered in the site's origin."""
    response = FileResponse(open_stored(stored), content_type=content_type, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX  # the CSP middleware leaves a view's own policy alone
    return response


def ranged_file_response(request: HttpRequest, stored: File, content_type: str) -> HttpResponse:
    """The whole file, or the one byte range the request asks for (206), or 416 when it is outside the file.
    Several ranges in one request are answered with the whole file, which HTTP allows. Either way the file
    is streamed in chunks: a player asks for "bytes=0-" of a long video, which must not fill the memory."""
    handle = open_stored(stored)
    size = stored.size
    wanted = _requested_range(request.headers.get("Range", ""), size)
    if wanted is None:
        response = FileResponse(handle, content_type=content_type)
    elif wanted is False:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        start, end = wanted
        response = StreamingHttpResponse(_chunks(handle, start, end), status=206, content_type=content_type)
        response["Content-Length"] = str(end - start + 1)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response


def _chunks(handle, start: int, end: int):
    """The bytes from `start` to `end` (inclusive), CHUNK at a time; the file is closed however it ends."""
    try:
        handle.seek(start)
        remaining = end - start + 1
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


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
