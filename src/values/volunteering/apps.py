from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "values.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self) -> None:
        from values.core.panels import add_panel
        from values.programme.access import add_rule
        from values.volunteering.panels import city_volunteering, programme_volunteering
        from values.volunteering.permissions import (
            can_manage_volunteers,
            can_match_volunteers,
            can_offer_opportunities,
            can_organise_training,
        )
        from values.volunteering.todo import setup

        add_rule("offer_opportunities", can_offer_opportunities)
        add_rule("manage_volunteers", can_manage_volunteers)
        add_panel("partner", template="volunteering/_volunteering_panel.html", context=city_volunteering, order=30)
        add_panel("home", template="volunteering/_volunteering_panel.html", context=programme_volunteering)
        add_rule("match_volunteers", can_match_volunteers)
        add_rule("organise_training", can_organise_training)
        setup()  # its part of the start page (core.todo)
