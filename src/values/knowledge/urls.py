from django.urls import path, register_converter

from values.knowledge import views


class MediaPartConverter:
    regex = "photo|video"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FilePartConverter(MediaPartConverter):
    regex = "photo|video|captions"


register_converter(MediaPartConverter, "media_part")
register_converter(FilePartConverter, "file_part")

urlpatterns = [
    path("benchmarks/", views.benchmarks, name="benchmarks"),
    path("benchmarks/new/", views.standard_edit, name="standard_add"),
    path("benchmarks/<slug:key>/edit/", views.standard_edit, name="standard_edit"),
    path("partners/<slug:key>/self-assessment/", views.self_assessment, name="self_assessment"),
    path("practices/", views.practice_list, name="practices"),
    path("practices/new/", views.practice_edit, name="practice_add"),
    path("practices/<int:practice_id>/", views.practice_page, name="practice"),
    path("practices/<int:practice_id>/edit/", views.practice_edit, name="practice_edit"),
    path("practices/<int:practice_id>/translate/", views.practice_translate, name="practice_translate"),
    path("practices/<int:practice_id>/publish/", views.practice_publish, name="practice_publish"),
    path("practices/<int:practice_id>/shown-in/", views.practice_show_in, name="practice_show_in"),
    path(
        "practices/<int:practice_id>/shown-in/<slug:code>/remove/",
        views.practice_stop_showing,
        name="practice_stop_showing",
    ),
    path("practices/<int:practice_id>/media/", views.practice_media, name="practice_media"),
    path("practices/<int:practice_id>/media/photos/", views.photo_add, name="practice_photo_add"),
    path("practices/<int:practice_id>/media/videos/", views.video_add, name="practice_video_add"),
    path(
        "practices/<int:practice_id>/media/videos/<int:video_id>/captions/",
        views.video_captions,
        name="practice_video_captions",
    ),
    path(
        "practices/<int:practice_id>/media/<media_part:part>/<int:item_id>/remove/",
        views.media_remove,
        name="practice_media_remove",
    ),
    path("practices/<int:practice_id>/files/<file_part:part>/<int:item_id>/", views.media_file, name="practice_file"),
]
