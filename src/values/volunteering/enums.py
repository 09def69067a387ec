from django.db import models
from django.utils.translation import gettext_lazy as _


class OpportunityKind(models.TextChoices):
    VOLUNTEER_ROLE = "volunteer_role", _("volunteer role")
    # The seed's "spaces for discussion, meeting and dialogue with foreign communities".
    MEET_UP = "meet_up", _("meet-up")
    LANGUAGE_CAFE = "language_cafe", _("language café")
    WELCOME_EVENT = "welcome_event", _("neighbourhood welcome event")


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CLOSED = "closed", _("closed")
