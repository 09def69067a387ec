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


class DayPart(models.TextChoices):
    """The parts of a day a volunteer says they are free: with the weekday, the slots of the weekly availability."""

    MORNING = "morning", _("morning")
    AFTERNOON = "afternoon", _("afternoon")
    EVENING = "evening", _("evening")


class CommitmentStatus(models.TextChoices):
    APPLIED = "applied", _("applied")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    CANCELLED = "cancelled", _("cancelled")


class HoursStatus(models.TextChoices):
    LOGGED = "logged", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class TrainingAudience(models.TextChoices):
    VOLUNTEERS = "volunteers", _("volunteers")
    STAFF = "staff", _("city staff and operators")
    EVERYONE = "everyone", _("volunteers, city staff and operators")
