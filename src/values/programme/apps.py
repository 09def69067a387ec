from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "values.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from values.core.panels import add_panel
        from values.network.permissions import OVERSIGHT_CHECKS
        from values.network.services import LANGUAGE_SOURCES
        from values.programme.panels import account_roles
        from values.programme.permissions import coordinates_a_programme
        from values.programme.queries import city_languages_of

        add_panel("account", template="programme/_account_roles.html", context=account_roles)

        if coordinates_a_programme not in OVERSIGHT_CHECKS:
            OVERSIGHT_CHECKS.append(coordinates_a_programme)
        if city_languages_of not in LANGUAGE_SOURCES:
            LANGUAGE_SOURCES.append(city_languages_of)
