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


class AuditAction(models.TextChoices):
    """The sensitive actions the audit log keeps; sign-in throttling counts its failures."""

    SIGN_IN = "sign_in", _("signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("sign-in failed")
    SIGN_IN_THROTTLED = "sign_in_throttled", _("sign-in refused after too many failures")
    SECOND_FACTOR_FAILED = "second_factor_failed", _("wrong second-factor code")
    SECOND_FACTOR_ENABLED = "second_factor_enabled", _("two-factor sign-in turned on")
    SECOND_FACTOR_DISABLED = "second_factor_disabled", _("two-factor sign-in turned off")
    RECOVERY_CODES_RENEWED = "recovery_codes_renewed", _("recovery codes renewed")
    RECOVERY_CODE_USED = "recovery_code_used", _("recovery code used")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("password reset requested")
    PASSWORD_RESET_THROTTLED = "password_reset_throttled", _("password reset refused after too many requests")
    PASSWORD_CHANGED = "password_changed", _("password changed")
    ROLE_GRANTED = "role_granted", _("role granted")
    ROLE_REVOKED = "role_revoked", _("role revoked")
    PRIVILEGES_CHANGED = "privileges_changed", _("administration rights changed")
    EXPENSE_DECIDED = "expense_decided", _("expense decided")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("publication withdrawn")
    PLAN_ACCEPTED = "plan_accepted", _("plan accepted")
    PERSONAL_DATA_EXPORTED = "personal_data_exported", _("personal data exported")
    PERSONAL_DATA_ERASED = "personal_data_erased", _("personal data erased")
    API_TOKEN_CREATED = "api_token_created", _("API token made")
    API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")
    MODE_SWITCHED = "mode_switched", _("activities switched to another mode")
    AMENDMENT_DECIDED = "amendment_decided", _("amendment decided")
