from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "values.core"
    label = "core"
    verbose_name = "Core"
