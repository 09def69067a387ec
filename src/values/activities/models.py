from django.db import models
from django.utils.translation import gettext_lazy as _

from values.network.models import Organisation
from values.programme.models import Community, ExchangePair, Programme


class Visit(models.Model):
    """A mentoring visit: a community of practice visits one of its cities."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="visits", verbose_name=_("programme")
    )
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="visits", verbose_name=_("community")
    )
    host = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="hosted_visits", verbose_name=_("host")
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        verbose_name = _("mentoring visit")
        verbose_name_plural = _("mentoring visits")
        ordering = ["start", "host"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="visit_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.host} · {self.start}"


class Exchange(models.Model):
    """One direction of a pair's exchange: the host city receives the guest city's staff and volunteers."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="exchanges", verbose_name=_("programme")
    )
    pair = models.ForeignKey(ExchangePair, on_delete=models.CASCADE, related_name="exchanges", verbose_name=_("pair"))
    host = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="hosted_exchanges", verbose_name=_("host")
    )
    guest = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="guest_exchanges", verbose_name=_("guest")
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        ordering = ["start", "host"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="exchange_ends_after_start"),
            models.CheckConstraint(condition=~models.Q(host=models.F("guest")), name="exchange_between_two_cities"),
        ]

    def __str__(self) -> str:
        return f"{self.guest} → {self.host} · {self.start}"
