from django.urls import path

from values.core.languages import newcomer_page
from values.volunteering import indicator_views, signup_views, training_views, views

urlpatterns = [
    path("volunteer/", newcomer_page(views.opportunity_list), name="opportunities"),
    path("volunteer/map/", newcomer_page(views.opportunity_map), name="opportunity_map"),
    path("volunteer/new/", views.opportunity_edit, name="opportunity_add"),
    path("volunteer/indicators/", indicator_views.volunteer_indicators, name="volunteer_indicators"),
    path("volunteer/join/", newcomer_page(signup_views.volunteer_signup), name="volunteer_signup"),
    path("volunteer/join/sent/", newcomer_page(signup_views.volunteer_signup_sent), name="volunteer_signup_sent"),
    path("volunteer/confirm/<str:key>/", newcomer_page(signup_views.volunteer_confirm), name="volunteer_confirm"),
    path("volunteer/me/", newcomer_page(signup_views.volunteer_me), name="volunteer_me"),
    path("volunteer/me/link/", newcomer_page(signup_views.volunteer_link), name="volunteer_link"),
    path("volunteer/me/details/", newcomer_page(signup_views.volunteer_details), name="volunteer_details"),
    path("volunteer/me/shifts.ics", newcomer_page(signup_views.volunteer_shifts_ics), name="volunteer_shifts_ics"),
    path("volunteer/me/data.json", newcomer_page(signup_views.volunteer_data), name="volunteer_data"),
    path("volunteer/me/erase/", newcomer_page(signup_views.volunteer_erase), name="volunteer_erase"),
    path("volunteer/me/account/", newcomer_page(signup_views.volunteer_account), name="volunteer_account"),
    path("volunteer/me/sign-out/", newcomer_page(signup_views.volunteer_sign_out), name="volunteer_sign_out"),
    path(
        "volunteer/me/commitments/<int:commitment_id>/withdraw/",
        newcomer_page(signup_views.volunteer_withdraw),
        name="volunteer_withdraw",
    ),
    path("volunteer/me/<str:key>/", newcomer_page(signup_views.volunteer_page_key), name="volunteer_page_key"),
    path("volunteer/people/", signup_views.volunteer_people, name="volunteer_people"),
    path(
        "volunteer/people/<int:volunteer_id>/data.json",
        signup_views.volunteer_person_data,
        name="volunteer_person_data",
    ),
    path(
        "volunteer/people/<int:volunteer_id>/erase/", signup_views.volunteer_person_erase, name="volunteer_person_erase"
    ),
    path("volunteer/<int:opportunity_id>/apply/", newcomer_page(signup_views.volunteer_apply), name="volunteer_apply"),
    path("volunteer/<int:opportunity_id>/", newcomer_page(views.opportunity_page), name="opportunity"),
    path("volunteer/<int:opportunity_id>/edit/", views.opportunity_edit, name="opportunity_edit"),
    path("volunteer/<int:opportunity_id>/shifts/", views.opportunity_shifts, name="opportunity_shifts"),
    path("volunteer/<int:opportunity_id>/publish/", views.opportunity_publish, name="opportunity_publish"),
    path("volunteer/<int:opportunity_id>/close/", views.opportunity_close, name="opportunity_close"),
    # training (issue #15, part 6)
    path("training/", newcomer_page(training_views.training_list), name="training"),
    path("training/new/", training_views.training_edit, name="training_add"),
    path("training/<int:session_id>/", newcomer_page(training_views.training_session), name="training_session"),
    path("training/<int:session_id>/edit/", training_views.training_edit, name="training_edit"),
    path("training/<int:session_id>/seat/", newcomer_page(training_views.training_seat), name="training_seat"),
    path("training/<int:session_id>/attendance/", training_views.training_attendance, name="training_attendance"),
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

# -- shifts and hours (issue #15, part 5)
from values.volunteering import shift_views  # noqa: E402

urlpatterns += [
    path(
        "volunteer/me/certificate.pdf", newcomer_page(shift_views.volunteer_certificate), name="volunteer_certificate"
    ),
    path(
        "volunteer/<int:opportunity_id>/shifts/<int:shift_id>/take/",
        newcomer_page(shift_views.shift_take),
        name="shift_take",
    ),
    path(
        "volunteer/<int:opportunity_id>/shifts/<int:shift_id>/cancel/",
        newcomer_page(shift_views.shift_cancel),
        name="shift_cancel",
    ),
    path("volunteer/<int:opportunity_id>/hours/log/", newcomer_page(shift_views.hours_log), name="hours_log"),
    path("volunteer/<int:opportunity_id>/hours/", shift_views.opportunity_hours, name="opportunity_hours"),
]
