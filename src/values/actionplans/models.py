from django.db import models
from django.utils.translation import gettext_lazy as _

from values.actionplans.enums import ActionStatus, PlanStatus, Section
from values.network.models import Organisation, User
from values.programme.models import Programme


class ActionPlan(models.Model):
    """One city's action plan in a programme, drafted with its community and the expert."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="action_plans", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="action_plans", verbose_name=_("city")
    )
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus, default=PlanStatus.DRAFT)
    published = models.BooleanField(
        _("public"), default=False, help_text=_("Once adopted, shown to the public when the city publishes it.")
    )

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [models.UniqueConstraint(fields=["programme", "organisation"], name="one_action_plan_per_city")]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.programme}"


class SectionRevision(models.Model):
    """Every save of a section: who, when, what. The latest revision is the section's text."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("plan"))
    section = models.CharField(_("section"), max_length=16, choices=Section)
    number = models.PositiveIntegerField(_("revision"))
    text = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author"))
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("section revision")
        verbose_name_plural = _("section revisions")
        ordering = ["plan", "section", "number"]
        constraints = [
            # Two saves made on the same revision cannot both become the next one: no lost edit.
            models.UniqueConstraint(fields=["plan", "section", "number"], name="one_revision_number_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.section} · {self.number}"


class Comment(models.Model):
    """A remark on a section, by a member of the community, the expert or the coordinator; threaded."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="comments", verbose_name=_("plan"))
    section = models.CharField(_("section"), max_length=16, choices=Section)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies", verbose_name=_("reply to")
    )
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author"))
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("resolved by")
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["plan", "section", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Action(models.Model):
    """A concrete step of a plan: who, with whom, when, and the indicator that shows progress."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan"))
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="owned_actions", verbose_name=_("owner organisation")
    )
    owner_person = models.CharField(_("person in charge"), max_length=200, blank=True)
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partner_actions", verbose_name=_("partner organisations")
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    unit = models.CharField(_("indicator unit"), max_length=100, blank=True, help_text=_("e.g. volunteers trained"))
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)
    current = models.DecimalField(_("current value"), max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus, default=ActionStatus.PLANNED)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "start", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="action_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(models.Model):
    """A dated note on an action, with the indicator's value on that day when there is one."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates", verbose_name=_("action"))
    on = models.DateField(_("date"))
    note = models.TextField(_("note"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author"))

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["action", "-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} · {self.on}"
