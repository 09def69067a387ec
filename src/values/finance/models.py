import uuid
from pathlib import PurePath

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from values.finance.enums import ExpenseStatus
from values.network.models import User
from values.programme.enums import DIRECT_CATEGORIES

# What a person writes about an expense and a coordinator about a decision: a paragraph, not a file.
DESCRIPTION_MAX_CHARS = 2_000
REASON_MAX_CHARS = 2_000


class ExchangeRate(models.Model):
    """A monthly accounting rate: units of a currency per euro, for expenses of that month."""

    currency = models.CharField(_("currency"), max_length=3)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    rate = models.DecimalField(_("units per euro"), max_digits=18, decimal_places=6)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "month"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "month"], name="exchange_rate_unique_month"),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.month:%Y-%m}: {self.rate}"


def _receipt_path(instance, filename: str) -> str:
    return f"receipts/{instance.partner_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Expense(models.Model):
    """Money a partner spent, converted to euro at the month's rate; approved ones are never changed,
    only reversed by a correcting entry, so the history stays."""

    partner = models.ForeignKey(
        "programme.Partner", on_delete=models.PROTECT, related_name="expenses", verbose_name=_("partner")
    )
    spent_on = models.DateField(_("date"))
    category = models.CharField(_("category"), max_length=16, choices=[(c.value, c.label) for c in DIRECT_CATEGORIES])
    activity = models.ForeignKey(
        "activities.Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="expenses",
        verbose_name=_("visit or exchange"),
    )  # fmt: skip
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    rate = models.DecimalField(_("rate used"), max_digits=18, decimal_places=6, help_text=_("Units per euro."))
    amount_eur = models.DecimalField(_("amount in euro"), max_digits=14, decimal_places=2)
    receipt = models.FileField(_("receipt"), upload_to=_receipt_path, blank=True)
    receipt_type = models.CharField(_("receipt type"), max_length=40, blank=True)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_CHARS)
    status = models.CharField(_("status"), max_length=16, choices=ExpenseStatus, default=ExpenseStatus.SUBMITTED)
    reason = models.TextField(
        _("reason"), max_length=REASON_MAX_CHARS, blank=True, help_text=_("Why it was rejected or reversed.")
    )
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="correction",
        verbose_name=_("corrects"),
    )  # fmt: skip
    submitted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["-spent_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.partner} {self.spent_on} {self.amount} {self.currency}"

    @property
    def correcting_entry(self) -> "Expense | None":
        """The entry that reversed this expense, if any."""
        try:
            return self.correction
        except Expense.DoesNotExist:
            return None

    @property
    def reversible(self) -> bool:
        """Approved, not itself a correction, and not reversed yet: what a correcting entry may cancel."""
        return self.status == ExpenseStatus.APPROVED and self.corrects_id is None and self.correcting_entry is None


class SubsistenceRate(models.Model):
    """The daily subsistence allowance in a host country, in euro; edited by the coordinator."""

    country = models.CharField(_("country"), max_length=2, unique=True)
    daily_rate = models.DecimalField(_("daily rate"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("subsistence rate")
        verbose_name_plural = _("subsistence rates")
        ordering = ["country"]

    def __str__(self) -> str:
        return f"{self.country}: {self.daily_rate}"
