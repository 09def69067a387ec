from django.urls import path

from values.activities import plan_views

urlpatterns = [
    path("plan/", plan_views.plan_page, name="plan"),
    path("plan/runs/", plan_views.plan_start, name="plan_start"),
    path("plan/runs/<int:run_id>/", plan_views.plan_run_page, name="plan_run"),
    path("plan/runs/<int:run_id>/accept/", plan_views.plan_accept, name="plan_accept"),
    path("plan/rules/", plan_views.plan_rule_add, name="plan_rule_add"),
    path("plan/rules/<int:rule_id>/remove/", plan_views.plan_rule_remove, name="plan_rule_remove"),
]
