from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "values.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from values.monitoring.permissions import can_see_monitoring
        from values.monitoring.todo import setup
        from values.programme.access import add_rule

        add_rule("see_monitoring", can_see_monitoring)
        setup()  # its offers on the start page (core.todo)
