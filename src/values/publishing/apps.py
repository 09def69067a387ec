from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "values.publishing"
    label = "publishing"
    verbose_name = _("Publishing")

    def ready(self) -> None:
        from values.core.panels import add_panel
        from values.publishing.panels import partner_factsheets

        add_panel(
            "partner_budget", template="publishing/_partner_factsheets.html", context=partner_factsheets, order=20
        )
