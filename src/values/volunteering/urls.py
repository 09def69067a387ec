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

# Matching (issue #15, part 4).
from values.volunteering import matching_views  # noqa: E402

urlpatterns += [
    path("volunteer/match/", matching_views.volunteer_match, name="volunteer_match"),
    path(
        "volunteer/<int:opportunity_id>/applicants/",
        matching_views.opportunity_applicants,
        name="opportunity_applicants",
    ),
]
