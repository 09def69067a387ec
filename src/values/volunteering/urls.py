from django.urls import path

from values.volunteering import training_views, views

urlpatterns = [
    path("volunteer/", views.opportunity_list, name="opportunities"),
    path("volunteer/new/", views.opportunity_edit, name="opportunity_add"),
    path("volunteer/<int:opportunity_id>/", views.opportunity_page, name="opportunity"),
    path("volunteer/<int:opportunity_id>/edit/", views.opportunity_edit, name="opportunity_edit"),
    path("volunteer/<int:opportunity_id>/shifts/", views.opportunity_shifts, name="opportunity_shifts"),
    path("volunteer/<int:opportunity_id>/publish/", views.opportunity_publish, name="opportunity_publish"),
    path("volunteer/<int:opportunity_id>/close/", views.opportunity_close, name="opportunity_close"),
    # training (issue #15, part 6)
    path("training/", training_views.training_list, name="training"),
    path("training/new/", training_views.training_edit, name="training_add"),
    path("training/<int:session_id>/", training_views.training_session, name="training_session"),
    path("training/<int:session_id>/edit/", training_views.training_edit, name="training_edit"),
    path("training/<int:session_id>/seat/", training_views.training_seat, name="training_seat"),
    path("training/<int:session_id>/attendance/", training_views.training_attendance, name="training_attendance"),
]
