from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "values.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from values.planning.permissions import sees_plan
        from values.planning.todo import setup
        from values.programme.access import add_rule
        from values.programme.permissions import can_plan

        add_rule("see_plan", sees_plan)
        add_rule("plan", can_plan)
        setup()  # its part of the start page (core.todo)
