from django.db import models
from django.utils.translation import gettext_lazy as _


class PracticeStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    PUBLISHED = "published", _("published")


class TargetGroup(models.TextChoices):
    NEWCOMERS = "newcomers", _("newcomers")
    YOUNG_MIGRANTS = "young_migrants", _("young migrants")
    WOMEN = "women", _("women")
    REFUGEES = "refugees", _("refugees and asylum seekers")
    FAMILIES = "families", _("families")
    ELDERLY = "elderly", _("older people")
    VOLUNTEERS = "volunteers", _("volunteers")
