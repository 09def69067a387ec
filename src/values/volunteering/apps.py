from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "values.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self) -> None:
        from values.programme.access import add_rule
        from values.volunteering.permissions import can_offer_opportunities

        add_rule("offer_opportunities", can_offer_opportunities)

        from values.volunteering.permissions import can_match_volunteers  # matching (issue #15, part 4)

        add_rule("match_volunteers", can_match_volunteers)
