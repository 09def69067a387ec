from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from values.amendments.enums import AmendmentStatus
from values.programme.models import Programme

REASON_MAX_CHARS = 5_000


class Amendment(models.Model):
    """A change to the programme as the grant agreement states it, recorded when it is asked of the funder and
    applied when approved: the programme file as it stood before and after is kept with it."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("programme")
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    requested_on = models.DateField(_("requested on"))
    reason = models.TextField(_("reason"), max_length=REASON_MAX_CHARS)
    funder_reference = models.CharField(_("funder's reference"), max_length=100, blank=True)
    # What changes, as `changes.parse_changes` reads it: a list of {"kind": ...} items (amounts as decimal text).
    changes = models.JSONField(_("changes"), default=list)
    status = models.CharField(_("status"), max_length=16, choices=AmendmentStatus, default=AmendmentStatus.REQUESTED)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), max_length=REASON_MAX_CHARS, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )  # fmt: skip
    # The programme file (`values export`) just before and just after the approved amendment was applied.
    file_before = models.TextField(_("programme file before"), blank=True, editable=False)
    file_after = models.TextField(_("programme file after"), blank=True, editable=False)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="amendment_unique_number")]

    def __str__(self) -> str:
        return f"{self.programme.acronym} amendment {self.number}"
