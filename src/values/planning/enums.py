from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanRuleKind(models.TextChoices):
    PIN = "pin", _("pin a city to a theme")
    TOGETHER = "together", _("keep two cities together")
    APART = "apart", _("keep two cities apart")
    NO_PAIR = "no_pair", _("never pair two cities")


class PlanRunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    INFEASIBLE = "infeasible", _("no plan exists")
    TIMED_OUT = "timed_out", _("timed out")
    FAILED = "failed", _("failed")
