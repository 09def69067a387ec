from django.urls import path

from values.volunteering import views

urlpatterns = [
    path("volunteer/", views.opportunity_list, name="opportunities"),
    path("volunteer/new/", views.opportunity_edit, name="opportunity_add"),
    path("volunteer/<int:opportunity_id>/", views.opportunity_page, name="opportunity"),
    path("volunteer/<int:opportunity_id>/edit/", views.opportunity_edit, name="opportunity_edit"),
    path("volunteer/<int:opportunity_id>/shifts/", views.opportunity_shifts, name="opportunity_shifts"),
    path("volunteer/<int:opportunity_id>/publish/", views.opportunity_publish, name="opportunity_publish"),
    path("volunteer/<int:opportunity_id>/close/", views.opportunity_close, name="opportunity_close"),
]

# -- shifts and hours (issue #15, part 5)
from values.volunteering import shift_views  # noqa: E402

urlpatterns += [
    path("volunteer/me/certificate.pdf", shift_views.volunteer_certificate, name="volunteer_certificate"),
    path("volunteer/<int:opportunity_id>/shifts/<int:shift_id>/take/", shift_views.shift_take, name="shift_take"),
    path("volunteer/<int:opportunity_id>/shifts/<int:shift_id>/cancel/", shift_views.shift_cancel, name="shift_cancel"),
    path("volunteer/<int:opportunity_id>/hours/log/", shift_views.hours_log, name="hours_log"),
    path("volunteer/<int:opportunity_id>/hours/", shift_views.opportunity_hours, name="opportunity_hours"),
]
