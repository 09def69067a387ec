from django.db import models
from django.utils.translation import gettext_lazy as _


class AmendmentStatus(models.TextChoices):
    """As the funder answers a request: an amendment changes the programme only once approved."""

    REQUESTED = "requested", _("requested")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
