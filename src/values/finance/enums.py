from django.db import models
from django.utils.translation import gettext_lazy as _


class ExpenseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
