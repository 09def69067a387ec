from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from values.core.text import pick
from values.network.enums import OrganisationKind, PersonRole, Role


class User(AbstractUser):
    """An account. What it may change follows from its memberships (see permissions.py)."""

    email = models.EmailField(_("e-mail address"), unique=True)

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


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role")]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"
