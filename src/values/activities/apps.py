from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "values.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from values.activities.todo import setup

        setup()  # its part of the start page (core.todo)
