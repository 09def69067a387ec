import uuid
from pathlib import PurePath

from django.db import models
from django.utils.translation import gettext_lazy as _

from values.core.text import pick
from values.core.uploads import format_name
from values.knowledge.models import PracticeVideo
from values.network.models import Organisation, User
from values.programme.models import Programme, Theme
from values.publishing.enums import AssetKind, ChannelKind, ToolkitStage, ToolkitStatus

PROGRAMME_TOOLKIT_KEY = "programme"  # the address of the whole programme's toolkit; themes use their own ids


class Toolkit(models.Model):
    """An Integrating Cities toolkit for one theme (or the whole programme) in one language, and its build."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="toolkits", verbose_name=_("programme")
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="toolkits",
        verbose_name=_("theme"),
        help_text=_("Empty for the toolkit of the whole programme."),
    )
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=16, choices=ToolkitStatus, default=ToolkitStatus.NEW)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=16, choices=ToolkitStage, blank=True)
    error = models.TextField(_("error"), blank=True)
    sources_digest = models.CharField(
        _("sources digest"),
        max_length=64,
        blank=True,
        help_text=_("A fingerprint of the data the edition was made from."),
    )
    html = models.TextField(_("web edition"), blank=True)
    pdf = models.FileField(_("PDF edition"), upload_to="toolkits/", blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested"), null=True, blank=True)
    built_at = models.DateTimeField(_("built"), null=True, blank=True)

    class Meta:
        verbose_name = _("toolkit")
        verbose_name_plural = _("toolkits")
        ordering = ["programme", "theme__position", "language"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "theme", "language"], name="one_toolkit_per_theme_language"),
            models.UniqueConstraint(
                fields=["programme", "language"],
                condition=models.Q(theme__isnull=True),
                name="one_programme_toolkit_per_language",
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="toolkit_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        subject = pick(self.theme.title, self.language) if self.theme_id else str(self.programme)
        return f"{subject} · {self.language}"

    @property
    def key(self) -> str:
        return self.theme.key if self.theme_id else PROGRAMME_TOOLKIT_KEY


class Campaign(models.Model):
    """A communication campaign that calls people to volunteer: its plan, its assets and its reach."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="campaigns", verbose_name=_("programme")
    )
    key = models.SlugField(_("address"), max_length=50, help_text=_("Letters, digits and hyphens, e.g. volunteer-2020"))
    title = models.JSONField(_("title"), help_text=_("Language code to text."))
    call_to_action = models.JSONField(_("call to action"), help_text=_("What the public page asks people to do."))
    pitch = models.JSONField(_("pitch"), default=dict, blank=True, help_text=_("Markdown."))
    volunteer_url = models.URLField(
        _("where to sign up"), blank=True, help_text=_("The page where people offer their time.")
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    published = models.BooleanField(_("public"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["programme", "-starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="campaign_unique_key"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return pick(self.title)


class CampaignMessage(models.Model):
    """One key message of the campaign, written for one audience."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="messages", verbose_name=_("campaign")
    )
    audience = models.CharField(_("audience"), max_length=100, help_text=_("e.g. students, retired people, newcomers"))
    text = models.JSONField(_("message"), help_text=_("Language code to text."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("campaign message")
        verbose_name_plural = _("campaign messages")
        ordering = ["campaign", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.audience}: {pick(self.text)}"


class CampaignChannel(models.Model):
    """Where the campaign speaks (a city's social media, a newsletter, an event) and the reach it aims at."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="channels", verbose_name=_("campaign")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ChannelKind)
    name = models.CharField(_("name"), max_length=100)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaign_channels",
        verbose_name=_("run by"),
        help_text=_("Its staff report the reach; empty: the coordinator does."),
    )
    url = models.URLField(_("address"), blank=True)
    target_reach = models.PositiveIntegerField(_("target reach"), null=True, blank=True)

    class Meta:
        verbose_name = _("campaign channel")
        verbose_name_plural = _("campaign channels")
        ordering = ["campaign", "name", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "name"], name="campaign_channel_unique_name")]

    def __str__(self) -> str:
        return self.name


def _kit_path(instance, filename: str) -> str:
    # The name is ours, never the uploader's: no path tricks, no personal names in URLs.
    return f"campaigns/{instance.campaign_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class CampaignAsset(models.Model):
    """What the campaign shows and hands out: an infographic, a practice's captioned video, a kit to download."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assets", verbose_name=_("campaign"))
    kind = models.CharField(_("kind"), max_length=16, choices=AssetKind)
    title = models.JSONField(_("title"), help_text=_("Language code to text."))
    infographic = models.CharField(_("infographic"), max_length=50, blank=True)
    video = models.ForeignKey(
        PracticeVideo, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("video")
    )
    file = models.FileField(_("file"), upload_to=_kit_path, blank=True)
    content_type = models.CharField(_("type"), max_length=40, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("campaign asset")
        verbose_name_plural = _("campaign assets")
        ordering = ["campaign", "position", "pk"]

    def __str__(self) -> str:
        return pick(self.title)

    @property
    def format_name(self) -> str:
        return format_name(self.content_type)


class ReachFigure(models.Model):
    """How many people a channel reached in a month, as its staff reported it."""

    channel = models.ForeignKey(
        CampaignChannel, on_delete=models.CASCADE, related_name="figures", verbose_name=_("channel")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    reach = models.PositiveIntegerField(_("people reached"))
    engagements = models.PositiveIntegerField(
        _("engagements"),
        null=True,
        blank=True,
        help_text=_("Clicks, shares, replies, sign-ups: what the channel counts."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("entered by")
    )
    entered_at = models.DateTimeField(_("entered"), auto_now=True)

    class Meta:
        verbose_name = _("reach figure")
        verbose_name_plural = _("reach figures")
        ordering = ["channel", "month"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "month"], name="reach_once_per_channel_month"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="reach_month_starts_on_day_1"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} · {self.month:%Y-%m} · {self.reach}"
