import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

from values.core.text import pick
from values.network.enums import AuditAction, OrganisationKind, PersonRole


class User(AbstractUser):
    """An account. What it may change follows from its memberships (see permissions.py)."""

    email = models.EmailField(_("e-mail address"), unique=True)
    # Chosen in the language menu while signed in; pages after sign-in and e-mails use it.
    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Organisation(models.Model):
    """A city, network, NGO, expert body or agency, identified by the key of the programme file."""

    key = models.SlugField(_("id"), max_length=64, unique=True)
    name = models.JSONField(_("name"), help_text=_("A text, or a mapping of language code to text."))
    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind)
    country = models.CharField(_("country"), max_length=2)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["key"]

    def __str__(self) -> str:
        return pick(self.name)

    @property
    def is_city(self) -> bool:
        return self.kind == OrganisationKind.CITY


class City(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="city", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    lat = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    lon = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    languages = models.JSONField(_("languages"), default=list)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A contact of an organisation, as the programme file lists it (not necessarily a user)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="people", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=32, choices=PersonRole)
    email = models.EmailField(_("e-mail"), blank=True)
    unit = models.JSONField(_("unit"), blank=True, default=str, help_text=_("Department or office."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["organisation", "position"]

    def __str__(self) -> str:
        return self.name


class AuditEntry(models.Model):
    """One sensitive action: who (kept by name if the account goes), what, on what, from where."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    # The user name as typed or as it was then: a failed sign-in has a name but maybe no account.
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=AuditAction)
    target = models.CharField(_("on"), max_length=200, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [
            # The sign-in throttle counts recent failures per account and per address.
            models.Index(fields=["action", "actor_name", "at"], name="audit_action_actor_at"),
            models.Index(fields=["action", "address", "at"], name="audit_action_address_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()} {self.target}".strip()


def recovery_code_digest(code: str) -> str:
    """Codes carry 80 random bits, so a plain SHA-256 keeps them out of reach of a stolen database."""
    normalised = "".join(code.split()).replace("-", "").lower()
    return hashlib.sha256(normalised.encode()).hexdigest()


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A person's one-time recovery codes, kept as digests; each works once (django-otp device)."""

    class Meta(Device.Meta):
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def get_throttle_factor(self) -> int:
        return settings.OTP_TOTP_THROTTLE_FACTOR

    def verify_token(self, token: str) -> bool:
        allowed, _detail = self.verify_is_allowed()
        if not allowed:
            return False
        used = self.codes.filter(digest=recovery_code_digest(str(token))).first()
        if used is None:
            self.throttle_increment()
            return False
        used.delete()
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return f"{self.device.user} · {self.digest[:8]}…"
