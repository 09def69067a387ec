"""How many sign-ins and password-reset mails are allowed: the audit log is the throttle's memory.

Failed sign-ins are counted per account and per address over a sliding window; past either
limit, sign-in is refused before the password is checked, so guessing on cannot succeed. A
refused attempt is logged but not counted, so the window ends on its own. Password-reset mails
are limited per requesting address and per e-mail address, silently: the page says the same
either way, so it does not tell whether an account exists.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from values.network.enums import AuditAction
from values.network.models import AuditEntry


def account_key(username: str) -> str:
    return username.strip().lower()[:150]


def sign_in_wait(username: str, address: str | None) -> timedelta | None:
    """How long until this account may try again from this address, or None when it may now."""
    window = timedelta(minutes=settings.SIGN_IN_WINDOW_MINUTES)
    failures = AuditEntry.objects.filter(action=AuditAction.SIGN_IN_FAILED, at__gte=timezone.now() - window)
    waits = [
        _wait(failures.filter(actor_name=account_key(username)), settings.SIGN_IN_FAILURES_PER_ACCOUNT, window),
        _wait(failures.filter(address=address), settings.SIGN_IN_FAILURES_PER_ADDRESS, window) if address else None,
    ]
    return max((wait for wait in waits if wait), default=None)


def password_reset_allowed(email: str, address: str | None) -> bool:
    """Whether another reset mail may go to `email` at the request of `address` within the hour."""
    hour = timedelta(hours=1)
    requests = AuditEntry.objects.filter(action=AuditAction.PASSWORD_RESET_REQUESTED, at__gte=timezone.now() - hour)
    by_email = requests.filter(target=email.strip().lower())
    if _wait(by_email, settings.PASSWORD_RESETS_PER_HOUR_PER_EMAIL, hour):
        return False
    return not (
        address and _wait(requests.filter(address=address), settings.PASSWORD_RESETS_PER_HOUR_PER_ADDRESS, hour)
    )


def _wait(events: QuerySet[AuditEntry], limit: int, window: timedelta) -> timedelta | None:
    """Time until fewer than `limit` of `events` fall inside the window (None: already fewer)."""
    limit = max(limit, 1)  # a limit below 1 would refuse everyone; `values check --deploy` warns of it
    oldest_that_counts: list[datetime] = list(events.order_by("-at").values_list("at", flat=True)[limit - 1 : limit])
    if not oldest_that_counts:
        return None
    return max(oldest_that_counts[0] + window - timezone.now(), timedelta(seconds=1))
