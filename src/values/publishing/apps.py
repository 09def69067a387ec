from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "values.publishing"
    label = "publishing"
    verbose_name = _("Publishing")

    def ready(self) -> None:
        from values.core.panels import add_panel
        from values.programme.access import add_rule
        from values.publishing.panels import home_map, partner_factsheets, training_toolkits, translations_link
        from values.publishing.permissions import can_build_toolkits, can_plan_campaigns
        from values.publishing.translations import may_translate

        add_rule("build_toolkits", can_build_toolkits)
        add_rule("plan_campaigns", can_plan_campaigns)
        add_rule("translate_texts", may_translate)

        add_panel(
            "partner_budget", template="publishing/_partner_factsheets.html", context=partner_factsheets, order=20
        )
        add_panel("training", template="publishing/_training_toolkits.html", context=training_toolkits)
        add_panel("home", template="publishing/_translations_link.html", context=translations_link, order=10)
        add_panel("home_map", template="publishing/_home_map.html", context=home_map)
