from django.urls import path

from values.activities import calendar_views, switching_views, views

urlpatterns = [
    path("activities/<int:activity_id>/", views.activity_page, name="activity"),
    path("activities/<int:activity_id>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:activity_id>/sessions/new/", views.session_edit, name="session_add"),
    path("activities/<int:activity_id>/sessions/<int:session_id>/", views.session_edit, name="session_edit"),
    path("activities/<int:activity_id>/sessions/<int:session_id>/delete/", views.session_delete, name="session_delete"),
    path("activities/<int:activity_id>/nominate/", views.nominate, name="nominate"),
    path("activities/<int:activity_id>/attendance/", views.attendance, name="attendance"),
    path("activities/<int:activity_id>/minutes/", views.minutes, name="minutes"),
    path("participants/<int:participant_id>/answer/", views.answer, name="participant_answer"),
    path("activities/switch/", switching_views.switch_page, name="activities_switch"),
    path("calendar/", calendar_views.calendar_page, name="calendar"),
    path("calendar/feeds/", calendar_views.feed_create, name="feed_create"),
    path("calendar/feeds/<int:feed_id>/revoke/", calendar_views.feed_revoke, name="feed_revoke"),
]
