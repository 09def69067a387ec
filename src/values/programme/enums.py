from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerRole(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    PARTNER = "partner", _("partner")
    ASSOCIATE = "associate", _("associate")


class CostCategory(models.TextChoices):
    """The funder's cost categories (AMIF); indirect costs are a flat rate of the direct ones."""

    STAFF = "staff", _("staff")
    TRAVEL = "travel", _("travel and subsistence")
    EQUIPMENT = "equipment", _("equipment")
    EXTERNAL = "external", _("external services")
    OTHER = "other", _("other direct costs")
    INDIRECT = "indirect", _("indirect costs")


DIRECT_CATEGORIES = tuple(c for c in CostCategory if c != CostCategory.INDIRECT)
