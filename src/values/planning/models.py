"""Planning's data: the coordinator's pins and bans, and the planner's runs with their results.

The tables keep the names they were made with in programme (`db_table`); only the app that owns them changed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from values.network.models import Organisation, User
from values.planning.enums import PlanRuleKind, PlanRunStatus
from values.programme.models import Programme, Theme


class PlanRule(models.Model):
    """A coordinator's pin or ban, applied to every run of the planner until removed."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="plan_rules", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PlanRuleKind)
    city = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("city"))
    other_city = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", null=True, blank=True, verbose_name=_("other city")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="+", null=True, blank=True, verbose_name=_("theme")
    )

    class Meta:
        db_table = "programme_planrule"  # made by programme, which kept the planning data before planning did
        verbose_name = _("planning rule")
        verbose_name_plural = _("planning rules")
        ordering = ["programme", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="pin", theme__isnull=False, other_city__isnull=True))
                | (~models.Q(kind="pin") & models.Q(theme__isnull=True, other_city__isnull=False)),
                name="plan_rule_names_a_theme_or_a_city",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.city} · {self.theme or self.other_city}"


class PlanRun(models.Model):
    """One run of the planner: its inputs, its progress while it runs, and its result."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="plan_runs", verbose_name=_("programme")
    )
    status = models.CharField(_("status"), max_length=16, choices=PlanRunStatus, default=PlanRunStatus.QUEUED)
    seed = models.PositiveIntegerField(_("seed"), default=0)
    time_limit = models.PositiveIntegerField(_("time limit in seconds"), default=10)
    rules = models.JSONField(_("rules"), default=list, help_text=_("The pins and bans as they were at the start."))
    stage = models.CharField(_("stage"), max_length=32, blank=True)
    best_objective = models.FloatField(_("best objective"), null=True, blank=True)
    best_bound = models.FloatField(_("best bound"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("started by")
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        db_table = "programme_planrun"
        verbose_name = _("planner run")
        verbose_name_plural = _("planner runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.programme} · {self.created_at:%Y-%m-%d %H:%M} · {self.get_status_display()}"
