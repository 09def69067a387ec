from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "values.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from values.core.panels import add_panel
        from values.programme.access import add_rule
        from values.reports.panels import activity_reports
        from values.reports.permissions import can_manage_reports
        from values.reports.todo import setup

        add_rule("manage_reports", can_manage_reports)

        add_panel("activity", template="reports/_activity_reports.html", context=activity_reports)
        setup()  # its part of the start page (core.todo)
