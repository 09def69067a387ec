from django.urls import path

from values.volunteering import views

urlpatterns = [
    path("volunteer/", views.opportunity_list, name="opportunities"),
    path("volunteer/map/", views.opportunity_map, name="opportunity_map"),
    path("volunteer/new/", views.opportunity_edit, name="opportunity_add"),
    path("volunteer/<int:opportunity_id>/", views.opportunity_page, name="opportunity"),
    path("volunteer/<int:opportunity_id>/edit/", views.opportunity_edit, name="opportunity_edit"),
    path("volunteer/<int:opportunity_id>/shifts/", views.opportunity_shifts, name="opportunity_shifts"),
    path("volunteer/<int:opportunity_id>/publish/", views.opportunity_publish, name="opportunity_publish"),
    path("volunteer/<int:opportunity_id>/close/", views.opportunity_close, name="opportunity_close"),
]
