"""A good practice's photos, videos and captions: added and removed by who may change the practice, as on its media
page (`values.knowledge.services`)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from values.api.context import enter
from values.api.openapi import PUBLIC_MARK
from values.api.schemas import Texts
from values.knowledge.models import Practice, PracticePhoto, PracticeVideo
from values.knowledge.permissions import get_practice_for_edit, get_practice_for_view
from values.knowledge.services import add_captions, add_photo, add_video, remove_photo, remove_video

router = Router(tags=["good practices"])
MEDIA = "{code}/practices/{int:practice_id}/"


class PhotoOut(Schema):
    id: int
    alt_text: Texts = Field(examples=[{"en": "A volunteer and a newcomer"}], description="For who cannot see it.")
    caption: Texts
    content_type: str = Field(examples=["image/jpeg"])
    url: str = Field(description="The photo, re-encoded without its location and camera data.")


class VideoOut(Schema):
    id: int
    title: Texts = Field(examples=[{"en": "Buddies"}])
    link: str | None = Field(examples=["https://video.example/buddies"], description="A video shown elsewhere.")
    url: str | None = Field(description="The uploaded video file, if it was uploaded (not linked).")
    content_type: str | None = Field(examples=["video/mp4"])
    captions_url: str | None = Field(description="Its WebVTT captions, if it has them.")
    captions_language: str | None = Field(examples=["en"])


class MediaOut(Schema):
    """A practice's photos and videos, in the order its page shows them."""

    practice: int
    photos: list[PhotoOut]
    videos: list[VideoOut]


class PhotoIn(Schema):
    alt_text: str = Field("", max_length=300, description="What the photo shows (required).")
    caption: str = Field("", max_length=300)


class VideoIn(Schema):
    title: str = Field("", max_length=200, description="Required.")
    url: str = Field("", max_length=500, description="A https:// link, instead of a file.")
    captions_language: str = Field("", max_length=2, description="ISO 639-1; the practice's language if empty.")


class CaptionsIn(Schema):
    captions_language: str = Field("", max_length=2, description="ISO 639-1; the practice's language if empty.")


def _file_url(request: HttpRequest, practice: Practice, part: str, item_id: int) -> str:
    """The practice's file address on the site (served to whoever may see the practice), in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(reverse("practice_file", args=[practice.pk, part, item_id]))


def media_out(request: HttpRequest, practice: Practice) -> dict:
    photos = [
        {"id": photo.pk, "alt_text": photo.alt_text, "caption": photo.caption or {},
         "content_type": photo.content_type, "url": _file_url(request, practice, "photo", photo.pk)}
        for photo in practice.photos.all()
    ]  # fmt: skip
    videos = [
        {"id": video.pk, "title": video.title, "link": video.url or None,
         "url": _file_url(request, practice, "video", video.pk) if video.file else None,
         "content_type": video.content_type or None,
         "captions_url": _file_url(request, practice, "captions", video.pk) if video.captions else None,
         "captions_language": video.captions_language or None}
        for video in practice.videos.all()
    ]  # fmt: skip
    return {"practice": practice.pk, "photos": photos, "videos": videos}


def _editable(request: HttpRequest, code: str, practice_id: int) -> Practice:
    """As the media page: who may change the practice (403 for a published one of another's, 404 for a proposal)."""
    return get_practice_for_edit(request.user, enter(request, code), practice_id)


IMAGE = File(None, description="A JPEG, PNG or WebP photo (at most MAX_PHOTO_MB, 10 MB; 40 megapixels).")
VIDEO = File(None, description="An MP4 or WebM video (at most MAX_VIDEO_MB, 200 MB); or give `url`.")
CAPTIONS = File(None, description="WebVTT captions (at most MAX_CAPTIONS_MB, 1 MB).")


def _multipart(required: list[str]) -> dict:
    return {"requestBody": {"content": {"multipart/form-data": {"schema": {"required": required}}}}}


@router.get(f"{MEDIA}media/", response=MediaOut, openapi_extra={PUBLIC_MARK: True},
            summary="A practice's photos and videos")  # fmt: skip
def read_media(request: HttpRequest, code: str, practice_id: int):
    """To whoever may read the practice, as its page shows them (a proposal's to who may change it)."""
    return media_out(request, get_practice_for_view(request.user, enter(request, code), practice_id))


@router.post(f"{MEDIA}photos/", response={201: MediaOut}, openapi_extra=_multipart(["image", "alt_text"]),
             summary="Add a photo to a practice (multipart)")  # fmt: skip
def create_photo(request: HttpRequest, code: str, practice_id: int, payload: Form[PhotoIn], response: HttpResponse,
                 image: UploadedFile | None = IMAGE):  # fmt: skip
    """As the media page's photo form: its size is checked before a byte is decoded, its pixels re-encoded without
    location or camera data. Answers the practice's photos and videos; `Location` is the new photo's address."""
    practice = _editable(request, code, practice_id)
    photo = add_photo(practice, image=image, alt_text=payload.alt_text, caption=payload.caption, by=request.user)
    response["Location"] = _file_url(request, practice, "photo", photo.pk)
    return Status(201, media_out(request, practice))


@router.delete(f"{MEDIA}photos/{{int:photo_id}}/", response=MediaOut, summary="Remove a photo of a practice")
def delete_photo(request: HttpRequest, code: str, practice_id: int, photo_id: int):
    """The photo and its file go; answers the photos and videos left."""
    practice = _editable(request, code, practice_id)
    remove_photo(get_object_or_404(PracticePhoto, pk=photo_id, practice=practice))
    return media_out(request, practice)


@router.post(f"{MEDIA}videos/", response={201: MediaOut}, openapi_extra=_multipart(["title"]),
             summary="Add a video to a practice, uploaded or linked (multipart)")  # fmt: skip
def create_video(request: HttpRequest, code: str, practice_id: int, payload: Form[VideoIn], response: HttpResponse,
                 file: UploadedFile | None = VIDEO, captions: UploadedFile | None = CAPTIONS):  # fmt: skip
    """As the media page's video form: a `file` or a `url`, not both; once the practice is published, only with
    its WebVTT `captions`. Answers the practice's photos and videos."""
    practice = _editable(request, code, practice_id)
    video = add_video(practice, title=payload.title, file=file, url=payload.url, captions=captions,
                      captions_language=payload.captions_language, by=request.user)  # fmt: skip
    response["Location"] = request.build_absolute_uri(f"{request.path}{video.pk}/")
    return Status(201, media_out(request, practice))


@router.delete(f"{MEDIA}videos/{{int:video_id}}/", response=MediaOut, summary="Remove a video of a practice")
def delete_video(request: HttpRequest, code: str, practice_id: int, video_id: int):
    """The video goes with its file and captions; answers the photos and videos left."""
    practice = _editable(request, code, practice_id)
    remove_video(get_object_or_404(PracticeVideo, pk=video_id, practice=practice))
    return media_out(request, practice)


@router.post(f"{MEDIA}videos/{{int:video_id}}/captions/", response=MediaOut, openapi_extra=_multipart(["captions"]),
             summary="Give a video its WebVTT captions (multipart)")  # fmt: skip
def create_captions(request: HttpRequest, code: str, practice_id: int, video_id: int, payload: Form[CaptionsIn],
                    captions: UploadedFile | None = CAPTIONS):  # fmt: skip
    """Captions replace any the video had. Answers the practice's photos and videos."""
    practice = _editable(request, code, practice_id)
    video = get_object_or_404(PracticeVideo, pk=video_id, practice=practice)
    add_captions(video, captions=captions, captions_language=payload.captions_language)
    return media_out(request, practice)
