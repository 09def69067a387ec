from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "values.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from values.core.panels import add_panel
        from values.reports.panels import activity_reports

        add_panel("activity", template="reports/_activity_reports.html", context=activity_reports)
