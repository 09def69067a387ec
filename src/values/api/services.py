"""Making, using and revoking personal API tokens; the only code that changes them."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from values.api.enums import TokenScope
from values.api.models import ApiToken
from values.network.enums import AuditAction
from values.network.models import User
from values.network.services import record_audit

TOKEN_MARK = "values_"  # noqa: S105 (not a secret: lets secret scanners and people tell a VALUES token at sight)
MAX_TOKEN_DAYS = 366
MAX_ACTIVE_TOKENS = 20
# A token's use is noted at most once a minute, not written on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", errors="surrogatepass")).hexdigest()


def _token_problems(user: User, name: str, scope: str, days: int) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Give the token a name, such as the system that uses it.")]
    elif len(name.strip()) > 100:
        errors["name"] = [_("At most 100 characters.")]
    if scope not in TokenScope.values:
        errors["scope"] = [_("Choose one of the scopes offered.")]
    if not 1 <= days <= MAX_TOKEN_DAYS:
        errors["days"] = [_("A token lasts from 1 to %(days)d days.") % {"days": MAX_TOKEN_DAYS}]
    if active_tokens(user).count() >= MAX_ACTIVE_TOKENS:
        errors["name"] = [_("You have %(count)d tokens in use: revoke one first.") % {"count": MAX_ACTIVE_TOKENS}]
    return errors


def active_tokens(user: User):
    return ApiToken.objects.filter(user=user, revoked_at=None, expires_at__gt=timezone.now())


@transaction.atomic
def create_token(user: User, *, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token and its secret, which is shown this once and kept nowhere."""
    if errors := _token_problems(user, name, scope, days):
        raise ValidationError(errors)
    secret = TOKEN_MARK + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=secret[: len(TOKEN_MARK) + 6],
        digest=token_digest(secret),
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    )
    record_audit(AuditAction.API_TOKEN_CREATED, by=user, target=f"API token {token.pk}: {token.name}",
                 detail={"scope": scope, "days": days})  # fmt: skip
    return token, secret


def revoke_token(token: ApiToken, *, by: User) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_audit(AuditAction.API_TOKEN_REVOKED, by=by, target=f"API token {token.pk}: {token.name}")
    return token


def token_for(secret: str) -> ApiToken | None:
    """The token this secret is, if it is still valid and its account active; its use is noted."""
    if not secret.startswith(TOKEN_MARK) or len(secret) > 200:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret), revoked_at=None, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is not None and (token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
