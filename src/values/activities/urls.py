from django.urls import path

from values.activities import calendar_views, plan_views, views

urlpatterns = [
    path("plan/", plan_views.plan_page, name="plan"),
    path("plan/runs/", plan_views.plan_start, name="plan_start"),
    path("plan/runs/<int:run_id>/", plan_views.plan_run_page, name="plan_run"),
    path("plan/runs/<int:run_id>/accept/", plan_views.plan_accept, name="plan_accept"),
    path("plan/rules/", plan_views.plan_rule_add, name="plan_rule_add"),
    path("plan/rules/<int:rule_id>/remove/", plan_views.plan_rule_remove, name="plan_rule_remove"),
    path("activities/<int:activity_id>/", views.activity_page, name="activity"),
    path("activities/<int:activity_id>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:activity_id>/sessions/new/", views.session_edit, name="session_add"),
    path("activities/<int:activity_id>/sessions/<int:session_id>/", views.session_edit, name="session_edit"),
    path("activities/<int:activity_id>/sessions/<int:session_id>/delete/", views.session_delete, name="session_delete"),
    path("activities/<int:activity_id>/nominate/", views.nominate, name="nominate"),
    path("activities/<int:activity_id>/attendance/", views.attendance, name="attendance"),
    path("activities/<int:activity_id>/minutes/", views.minutes, name="minutes"),
    path("participants/<int:participant_id>/answer/", views.answer, name="participant_answer"),
    path("calendar/", calendar_views.calendar_page, name="calendar"),
    path("calendar/feeds/", calendar_views.feed_create, name="feed_create"),
    path("calendar/feeds/<int:feed_id>/revoke/", calendar_views.feed_revoke, name="feed_revoke"),
]
