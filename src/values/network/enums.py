from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    NETWORK = "network", _("network")
    CITY = "city", _("city")
    NGO = "ngo", _("volunteer organisation")
    EXPERT = "expert", _("expert organisation")
    AGENCY = "agency", _("agency")


class Role(models.TextChoices):
    """What a user does for an organisation; the permission module reads nothing else."""

    COORDINATOR = "coordinator", _("coordinator")
    EXPERT = "expert", _("expert")
    CITY_STAFF = "city_staff", _("city staff")
    VOLUNTEER_LEADER = "volunteer_leader", _("volunteer leader")
    VOLUNTEER = "volunteer", _("volunteer")


class PersonRole(models.TextChoices):
    """The function of a contact person as a programme file names it."""

    PROJECT_MANAGER = "project_manager", _("project manager")
    CONTACT_PERSON = "contact_person", _("contact person")
    EXPERT = "expert", _("expert")
    VOLUNTEER_LEADER = "volunteer_leader", _("volunteer leader")
    STAFF = "staff", _("staff")
