from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmendmentsConfig(AppConfig):
    name = "values.amendments"
    label = "amendments"
    verbose_name = _("Amendments")

    def ready(self) -> None:
        from values.amendments.permissions import can_manage_amendments
        from values.amendments.todo import setup
        from values.programme.access import add_rule

        add_rule("manage_amendments", can_manage_amendments)
        setup()  # the funder's answers to record, on the start page (core.todo)
