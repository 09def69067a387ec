from django.urls import path, re_path

from values.reports import views

urlpatterns = [
    path("reports/templates/", views.template_edit, name="report_templates"),
    path("reports/templates/<int:template_id>/", views.template_edit, name="report_template"),
    path("reports/templates/<int:template_id>/copy/", views.template_copy, name="report_template_copy"),
    path("activities/<int:activity_id>/reports/request/", views.request_edit, name="report_request"),
    path("activities/<int:activity_id>/reports/mine/", views.my_report, name="my_report"),
    path("reports/<int:report_id>/", views.review, name="report_review"),
    re_path(r"^reports/export\.(?P<file_format>csv|pdf)$", views.export, name="report_export"),
]
