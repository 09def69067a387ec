from django.urls import path

from values.knowledge import views

urlpatterns = [
    path("benchmarks/", views.benchmarks, name="benchmarks"),
    path("partners/<slug:key>/self-assessment/", views.self_assessment, name="self_assessment"),
]
