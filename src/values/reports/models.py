from django.db import models
from django.utils.translation import gettext_lazy as _

from values.activities.models import Activity, Participant
from values.network.models import User
from values.programme.models import Programme
from values.reports.enums import QuestionKind, ReportStatus


class ReportTemplate(models.Model):
    """A set of key research questions that participants answer after a visit or exchange."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="report_templates", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["programme", "title"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    template = models.ForeignKey(
        ReportTemplate, on_delete=models.CASCADE, related_name="questions", verbose_name=_("template")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=32, choices=QuestionKind)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    choices = models.JSONField(_("choices"), default=list, blank=True, help_text=_("For single and multiple choice."))
    quotable = models.BooleanField(
        _("quotable in the toolkits"),
        default=False,
        help_text=_("Accepted answers to this long-text question appear in the public toolkits, attributed to a city."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["template", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class ReportRequest(models.Model):
    """A template attached to an activity, with the date by which the reports are due."""

    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="report_request", verbose_name=_("activity")
    )
    template = models.ForeignKey(
        ReportTemplate, on_delete=models.PROTECT, related_name="requests", verbose_name=_("template")
    )
    due = models.DateField(_("due date"))

    class Meta:
        verbose_name = _("report request")
        verbose_name_plural = _("report requests")

    def __str__(self) -> str:
        return f"{self.template} · {self.activity}"


class Report(models.Model):
    """One participant's report on one activity."""

    request = models.ForeignKey(
        ReportRequest, on_delete=models.CASCADE, related_name="reports", verbose_name=_("request")
    )
    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="report", verbose_name=_("participant")
    )
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus, default=ReportStatus.DRAFT)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    set_aside = models.JSONField(
        _("answers set aside"),
        default=list,
        blank=True,
        help_text=_("Answers to questions removed or changed since they were written, kept for their author."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("reviewed by")
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["request", "participant__organisation__key", "participant__user__username"]

    def __str__(self) -> str:
        return f"{self.participant.user} · {self.request.activity}"


class SentReminder(models.Model):
    """A reminder that went out: its key is unique, so that no reminder is ever sent twice."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")

    def __str__(self) -> str:
        return self.key
