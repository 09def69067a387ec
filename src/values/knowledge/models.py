from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from values.core.text import pick
from values.network.models import Organisation, User
from values.programme.models import Programme, Theme

LEVELS = (1, 2, 3, 4)  # 1 not started, 2 emerging, 3 established, 4 embedded


class BenchmarkStandard(models.Model):
    """A statement of good practice for a theme, with what each of the four levels looks like."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="benchmark_standards", verbose_name=_("programme")
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="standards", verbose_name=_("theme"))
    key = models.CharField(_("id"), max_length=16)
    title = models.JSONField(_("title"))
    statement = models.JSONField(_("statement"))
    levels = models.JSONField(_("level descriptors"), help_text=_("Texts for levels 1 to 4."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("benchmark standard")
        verbose_name_plural = _("benchmark standards")
        ordering = ["programme", "theme__position", "position"]
        constraints = [models.UniqueConstraint(fields=["programme", "key"], name="standard_unique_key")]

    def __str__(self) -> str:
        return f"{self.key} {pick(self.title)}"


class SelfAssessment(models.Model):
    """A city's score on one standard on one day, with its evidence; earlier ones are kept."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="self_assessments", verbose_name=_("city")
    )
    standard = models.ForeignKey(
        BenchmarkStandard, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("standard")
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(4)], help_text=_("1 not started … 4 embedded")
    )
    evidence = models.TextField(_("evidence"), blank=True)
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("assessed by")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["organisation", "standard", "assessed_on", "created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=4), name="self_assessment_score_1_to_4")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.standard.key} · {self.score}"
