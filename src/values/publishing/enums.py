from django.db import models
from django.utils.translation import gettext_lazy as _


class ToolkitStatus(models.TextChoices):
    NEW = "new", _("not built yet")
    QUEUED = "queued", _("waiting to be built")
    BUILDING = "building", _("being built")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


# A toolkit in one of these is already on its way: asking again queues nothing more.
PENDING_STATUSES = (ToolkitStatus.QUEUED, ToolkitStatus.BUILDING)


class ToolkitStage(models.TextChoices):
    GATHERING = "gathering", _("gathering the sources")
    WEB = "web", _("writing the web edition")
    PDF = "pdf", _("typesetting the PDF")
    SAVING = "saving", _("saving the edition")


class ChannelKind(models.TextChoices):
    WEBSITE = "website", _("website")
    SOCIAL = "social", _("social media")
    NEWSLETTER = "newsletter", _("newsletter or e-mail")
    PRESS = "press", _("press, radio or television")
    EVENT = "event", _("event")
    PRINT = "print", _("posters and leaflets")
    OTHER = "other", _("other")


class AssetKind(models.TextChoices):
    INFOGRAPHIC = "infographic", _("infographic")
    VIDEO = "video", _("video with captions")
    KIT = "kit", _("kit to download")
