from django.urls import path

from values.knowledge import views

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
]
