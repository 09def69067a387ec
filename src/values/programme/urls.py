from django.urls import path

from values.programme import plan_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("partners/", views.partner_list, name="partners"),
    path("partners/<slug:key>/", views.partner_page, name="partner"),
    path("partners/<slug:key>/edit/", views.partner_edit, name="partner_edit"),
    path("plan/", plan_views.plan_page, name="plan"),
    path("plan/runs/", plan_views.plan_start, name="plan_start"),
    path("plan/runs/<int:run_id>/", plan_views.plan_run_page, name="plan_run"),
    path("plan/runs/<int:run_id>/accept/", plan_views.plan_accept, name="plan_accept"),
    path("plan/rules/", plan_views.plan_rule_add, name="plan_rule_add"),
    path("plan/rules/<int:rule_id>/remove/", plan_views.plan_rule_remove, name="plan_rule_remove"),
]
