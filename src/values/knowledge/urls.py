from django.urls import path

from values.knowledge import views

urlpatterns = [
    path("benchmarks/", views.benchmarks, name="benchmarks"),
    path("benchmarks/new/", views.standard_edit, name="standard_add"),
    path("benchmarks/<slug:key>/edit/", views.standard_edit, name="standard_edit"),
    path("partners/<slug:key>/self-assessment/", views.self_assessment, name="self_assessment"),
]
