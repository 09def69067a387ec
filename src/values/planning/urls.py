from django.urls import path

from values.planning import views

urlpatterns = [
    path("plan/", views.plan_page, name="plan"),
    path("plan/runs/", views.plan_start, name="plan_start"),
    path("plan/runs/<int:run_id>/", views.plan_run_page, name="plan_run"),
    path("plan/runs/<int:run_id>/accept/", views.plan_accept, name="plan_accept"),
    path("plan/rules/", views.plan_rule_add, name="plan_rule_add"),
    path("plan/rules/<int:rule_id>/remove/", views.plan_rule_remove, name="plan_rule_remove"),
]
