from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlansConfig(AppConfig):
    name = "values.actionplans"
    label = "actionplans"
    verbose_name = _("Action plans")

    def ready(self) -> None:
        from values.actionplans.panels import city_overdue_actions
        from values.actionplans.todo import setup
        from values.core.panels import add_panel

        add_panel("partner", template="actionplans/_overdue.html", context=city_overdue_actions, order=10)
        setup()  # its part of the start page (core.todo)
