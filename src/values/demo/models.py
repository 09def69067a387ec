"""Sample data: which programme holds a generated scenario, and every row the generator made for it."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from values.programme.models import Programme


class Scenario(models.TextChoices):
    MIDWAY = "midway", _("midway")
    EMPTY = "empty", _("empty")


class SampleData(models.Model):
    """A programme shown as it stood at `month`, its dates moved so that this month is now."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="sample_data", verbose_name=_("programme")
    )
    scenario = models.CharField(_("scenario"), max_length=16, choices=Scenario)
    month = models.PositiveIntegerField(_("month shown"))
    file_start = models.DateField(_("start in the programme file"), help_text=_("Before the dates were moved."))
    seed = models.PositiveIntegerField(_("seed"))
    generated_at = models.DateTimeField(_("generated"), auto_now_add=True)

    class Meta:
        verbose_name = _("sample data")
        verbose_name_plural = _("sample data")

    def __str__(self) -> str:
        return f"{self.programme} ({self.scenario}, month {self.month})"


class SampleRecord(models.Model):
    """One row the generator created that the programme file does not define: removed with the sample."""

    sample = models.ForeignKey(SampleData, on_delete=models.CASCADE, related_name="records", verbose_name=_("sample"))
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind"))
    object_id = models.PositiveBigIntegerField(_("row"))

    class Meta:
        verbose_name = _("sample record")
        verbose_name_plural = _("sample records")
        constraints = [models.UniqueConstraint(fields=["sample", "content_type", "object_id"], name="demo_record_once")]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"
