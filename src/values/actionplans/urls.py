from django.urls import path

from values.actionplans import views

urlpatterns = [
    path("action-plans/", views.overview, name="action_plans"),
    path("action-plans/<slug:key>/pdf/", views.plan_pdf, name="action_plan_pdf"),
    path("action-plans/<slug:key>/actions/new/", views.action_edit, name="action_add"),
    path("action-plans/<slug:key>/actions/<int:action_id>/", views.action_edit, name="action_edit"),
    path("action-plans/<slug:key>/actions/<int:action_id>/progress/", views.action_progress, name="action_progress"),
    path("action-plans/<slug:key>/", views.plan_page, name="action_plan"),
    path("action-plans/<slug:key>/status/", views.plan_status, name="action_plan_status"),
    path("action-plans/<slug:key>/<str:section>/edit/", views.section_edit, name="action_plan_section"),
    path("action-plans/<slug:key>/<str:section>/history/", views.section_history, name="action_plan_history"),
    path("action-plans/<slug:key>/<str:section>/comments/", views.comment_add, name="action_plan_comment"),
    path("action-plans/<slug:key>/comments/<int:comment_id>/resolve/", views.comment_resolve, name="comment_resolve"),
]
