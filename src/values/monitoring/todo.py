"""Monitoring's part of the start page (core.todo): the offer of the dashboard to whom it is for."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from values.core.todo import Asker, add_offer
from values.network.enums import Role


def _dashboard(asker: Asker) -> str | None:
    return reverse("monitoring") if asker.access.see_monitoring else None


def setup() -> None:
    add_offer(Role.COORDINATOR, gettext_lazy("Follow the indicators against their targets"), _dashboard, order=45)
    add_offer(Role.CITY_STAFF, gettext_lazy("See how the programme does against its targets"), _dashboard, order=45)
