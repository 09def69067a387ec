from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerBudget(models.Model):
    """A partner's budget as the grant agreement states it; the amounts are the record."""

    # By name: programme imports finance (the loader saves budgets), not the other way round.
    partner = models.OneToOneField(
        "programme.Partner", on_delete=models.CASCADE, related_name="budget", verbose_name=_("partner")
    )
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    eu_contribution = models.DecimalField(
        _("EU contribution"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    cofinancing = models.DecimalField(
        _("co-financing"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    stated_eu_rate = models.DecimalField(
        _("stated EU rate"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("The EU share as a document states it; checked against the amounts."),
    )

    class Meta:
        verbose_name = _("partner budget")
        verbose_name_plural = _("partner budgets")

    def __str__(self) -> str:
        return f"{self.partner}: {self.total}"
