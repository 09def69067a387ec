from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "values.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from values.api.panels import account_tokens
        from values.core.panels import add_panel

        add_panel("account", template="api/_account_tokens.html", context=account_tokens, order=60)
