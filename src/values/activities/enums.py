from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("mentoring visit")
    EXCHANGE = "exchange", _("exchange")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid")


class SessionKind(models.TextChoices):
    PRESENTATION = "presentation", _("presentation")
    SITE_VISIT = "site_visit", _("site visit")
    WORKSHOP = "workshop", _("workshop")
    PEER_DISCUSSION = "peer_discussion", _("peer discussion")
    INTERVIEW = "interview", _("interview")
    EVENT = "event", _("event")


class ParticipantStatus(models.TextChoices):
    NOMINATED = "nominated", _("nominated")
    CONFIRMED = "confirmed", _("confirmed")
    DECLINED = "declined", _("declined")


class FeedKind(models.TextChoices):
    PERSON = "person", _("my activities")
    CITY = "city", _("my city's activities")
    PROGRAMME = "programme", _("the whole programme")
