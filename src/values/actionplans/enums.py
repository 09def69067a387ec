from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    ADOPTED = "adopted", _("adopted")


class Section(models.TextChoices):
    CONTEXT = "context", _("Context")
    OBJECTIVES = "objectives", _("Objectives")
    ACTIONS = "actions", _("Actions")
    RESOURCES = "resources", _("Resources")
    MONITORING = "monitoring", _("Monitoring")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


CLOSED_STATUSES = (ActionStatus.DONE, ActionStatus.DROPPED)
