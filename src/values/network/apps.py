from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "values.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from values.network import checks  # noqa: F401 - registers the deployment checks
        from values.network.middleware import note_activity_at_sign_in

        user_logged_in.connect(note_activity_at_sign_in, dispatch_uid="values.network.idle_clock")
