"""Sample media for the demo, made here: abstract pictures (no faces, no metadata), a tiny MP4 and its captions."""

import io
import random
import struct

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

# The programme's colours as its pages use them: deep blue, teal, amber, coral and a light sand for the ground.
PALETTE = ((0, 62, 116), (0, 128, 128), (242, 169, 0), (222, 92, 70), (96, 60, 150))
GROUND = (246, 240, 228)


def abstract_photo(rng: random.Random, *, size: tuple[int, int] = (640, 400)) -> bytes:
    """A JPEG of overlapping circles, bands and triangles in the palette: a picture with nobody in it."""
    image = Image.new("RGB", size, GROUND)
    draw = ImageDraw.Draw(image)
    width, height = size
    for _ in range(rng.randint(4, 7)):
        x, y = rng.randrange(width), rng.randrange(height)
        colour = rng.choice(PALETTE)
        shape = rng.choice(("circle", "band", "triangle"))
        if shape == "circle":
            radius = rng.randint(height // 8, height // 3)
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
        elif shape == "band":
            draw.rectangle((0, y, width, y + rng.randint(12, 60)), fill=colour)
        else:
            side = rng.randint(height // 5, height // 2)
            draw.polygon(((x, y), (x + side, y), (x + side // 2, y - side)), fill=colour)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82)  # no exif given: the file carries pixels only
    return out.getvalue()


def photo_upload(rng: random.Random, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.jpg", abstract_photo(rng), content_type="image/jpeg")


def _box(kind: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


# The smallest MP4 the upload checks take: the file type, the index (moov) and the media data.
MP4_BYTES = (
    _box(b"ftyp", b"mp42\x00\x00\x00\x00mp42isom") + _box(b"moov", _box(b"mvhd", bytes(100))) + _box(b"mdat", b"frames")
)


def video_upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.mp4", MP4_BYTES, content_type="video/mp4")


def captions_upload(name: str, lines: list[str]) -> SimpleUploadedFile:
    """A WebVTT file showing each line for three seconds."""
    cues = [
        f"00:00:{3 * index + 1:02d}.000 --> 00:00:{3 * index + 4:02d}.000\n{line}\n" for index, line in enumerate(lines)
    ]
    text = "WEBVTT\n\n" + "\n".join(cues)
    return SimpleUploadedFile(f"{name}.vtt", text.encode(), content_type="text/vtt")
