from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "values.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self) -> None:
        from values.programme.access import add_rule
        from values.volunteering.permissions import can_offer_opportunities, can_organise_training

        add_rule("offer_opportunities", can_offer_opportunities)
        add_rule("organise_training", can_organise_training)
