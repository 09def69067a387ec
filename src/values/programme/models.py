import calendar
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from values.core.text import pick
from values.network.models import Organisation
from values.programme.enums import PartnerRole


class Programme(models.Model):
    """A funded peer-learning programme, identified by the funder's code."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    acronym = models.CharField(_("acronym"), max_length=64)
    title = models.JSONField(_("title"))
    fund = models.CharField(_("fund"), max_length=64, blank=True)
    start = models.DateField(_("start"), help_text=_("The first day of the start month."))
    duration_months = models.PositiveIntegerField(_("duration in months"), validators=[MinValueValidator(1)])
    total_cost = models.DecimalField(_("total cost"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    objective = models.JSONField(_("objective"), blank=True, default=str)
    summary = models.JSONField(_("summary"), blank=True, default=str)
    activities = models.JSONField(_("activities"), blank=True, default=list)
    expected_results = models.JSONField(_("expected results"), blank=True, default=list)
    languages = models.JSONField(_("languages"), default=list)
    community_size = models.PositiveIntegerField(_("community size"), default=4)
    visit_days = models.PositiveIntegerField(_("visit days"), default=2)
    exchange_days = models.PositiveIntegerField(_("exchange days"), default=5)
    blackout = models.JSONField(_("blackout periods"), default=list, blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.acronym

    @property
    def end(self) -> date:
        """The last day of the programme's last month."""
        months = self.start.month - 1 + self.duration_months - 1
        year, month = self.start.year + months // 12, months % 12 + 1
        return date(year, month, calendar.monthrange(year, month)[1])


class Theme(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="themes", verbose_name=_("programme")
    )
    key = models.CharField(_("id"), max_length=64)
    title = models.JSONField(_("title"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["programme", "position"]
        constraints = [models.UniqueConstraint(fields=["programme", "key"], name="theme_unique_key")]

    def __str__(self) -> str:
        return pick(self.title)


class Partner(models.Model):
    """An organisation's place in a programme's partnership."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="partners", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=16, choices=PartnerRole)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "organisation"], name="partner_unique_organisation"),
            models.UniqueConstraint(
                fields=["programme"], condition=models.Q(role="coordinator"), name="programme_one_coordinator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.programme})"


class ThemeInterest(models.Model):
    """A partner's interest in a theme, 0..5, from the needs analysis."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="interests", verbose_name=_("partner"))
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="interests", verbose_name=_("theme"))
    score = models.PositiveSmallIntegerField(_("interest"), validators=[MaxValueValidator(5)])

    class Meta:
        verbose_name = _("theme interest")
        verbose_name_plural = _("theme interests")
        constraints = [models.UniqueConstraint(fields=["partner", "theme"], name="interest_unique_theme")]

    def __str__(self) -> str:
        return f"{self.partner.organisation.key} · {self.theme.key}: {self.score}"
