"""Personal API tokens: another system acts as the person who made the token, within its scope."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from values.api.enums import TokenScope
from values.network.models import User


class ApiToken(models.Model):
    """A token is shown once, when made; only its SHA-256 digest is kept, and its first characters to name it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("account"))
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, such as a system's name."))
    prefix = models.CharField(_("beginning"), max_length=16)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    scope = models.CharField(_("scope"), max_length=8, choices=TokenScope)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE
