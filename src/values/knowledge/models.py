import uuid
from pathlib import PurePath

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from values.core.text import pick
from values.knowledge.enums import PracticeStatus, TargetGroup
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


class Practice(models.Model):
    """A good practice shown in visits and exchanges; its texts may be translated into any partner language."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="practices", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="practices", verbose_name=_("organisation")
    )
    original_language = models.CharField(_("original language"), max_length=8)
    title = models.JSONField(_("title"), help_text=_("Language code to text; the original language is required."))
    summary = models.JSONField(_("summary"), default=dict)
    body = models.JSONField(_("description"), default=dict, help_text=_("Markdown."))
    results = models.JSONField(_("results and evidence"), default=dict, blank=True)
    themes = models.ManyToManyField(Theme, related_name="practices", verbose_name=_("themes"))
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    volunteers = models.PositiveIntegerField(_("volunteers involved"), null=True, blank=True)
    period_start = models.DateField(_("since"), null=True, blank=True)
    period_end = models.DateField(_("until"), null=True, blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=PracticeStatus, default=PracticeStatus.PROPOSED)
    proposed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("proposed by")
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Programmes other than its own whose readers find it too, once it is published (services.show_practice_in).
    shown_in_programmes = models.ManyToManyField(
        Programme, related_name="shown_practices", blank=True, verbose_name=_("also shown in")
    )

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-created_at", "-pk"]
        # Lists sort a programme's practices by publication and filter by status and proposer: from this index
        # alone, without reading the rows' texts.
        indexes = [
            models.Index(fields=["programme", "published_at", "status", "organisation"], name="practice_listing")
        ]

    def __str__(self) -> str:
        return pick(self.title, self.original_language)

    @property
    def target_group_names(self) -> list[str]:
        """The target groups in the reader's language (a key no longer known is shown as it is)."""
        names = dict(TargetGroup.choices)
        return [str(names.get(group, group)) for group in self.target_groups]


def _practice_media_path(instance, filename: str) -> str:
    # The name is ours, never the uploader's: no path tricks, no personal names in URLs.
    return f"practices/{instance.practice_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class PracticePhoto(models.Model):
    """A photo of a practice; its alt text (at least in the practice's original language) is required."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="photos", verbose_name=_("practice"))
    image = models.FileField(_("image"), upload_to=_practice_media_path)
    content_type = models.CharField(_("type"), max_length=40)
    alt_text = models.JSONField(_("alt text"), help_text=_("Language code to a description of the photo."))
    caption = models.JSONField(_("caption"), default=dict, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    uploaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["practice", "position", "pk"]

    def __str__(self) -> str:
        return pick(self.alt_text)


class PracticeVideo(models.Model):
    """A video of a practice, uploaded or linked; WebVTT captions are needed before the practice is published."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="videos", verbose_name=_("practice"))
    title = models.JSONField(_("title"))
    file = models.FileField(_("video file"), upload_to=_practice_media_path, blank=True)
    content_type = models.CharField(_("type"), max_length=40, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    captions = models.FileField(_("captions (WebVTT)"), upload_to=_practice_media_path, blank=True)
    captions_language = models.CharField(_("captions language"), max_length=8, blank=True)
    uploaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["practice", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url="")) | (~models.Q(file="") & models.Q(url="")),
                name="video_is_a_file_or_a_link",
            )
        ]

    def __str__(self) -> str:
        return pick(self.title)

    @property
    def has_captions(self) -> bool:
        return bool(self.captions)
