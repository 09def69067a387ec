from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "values.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self) -> None:
        from values.core.panels import add_panel
        from values.knowledge.panels import city_benchmarks
        from values.knowledge.permissions import can_maintain_benchmarks
        from values.knowledge.todo import setup
        from values.programme.access import add_rule

        add_rule("maintain_benchmarks", can_maintain_benchmarks)

        add_panel("partner", template="knowledge/_city_benchmarks.html", context=city_benchmarks, order=20)
        setup()  # its offers on the start page (core.todo)
