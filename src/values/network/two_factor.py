"""Two-factor sign-in: an authenticator app (TOTP, django-otp) and one-time recovery codes.

Every change to a person's second factor goes through these functions, which keep the audit log.
A person has at most one confirmed authenticator; a new one is set up unconfirmed and replaces the
old one only when a code from it has been typed, so a half-finished set-up never locks anyone out.
"""

import secrets
from base64 import b32encode

import segno
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from values.network.enums import AuditAction
from values.network.models import RecoveryCode, RecoveryCodeDevice, User, recovery_code_digest
from values.network.services import record_audit

RECOVERY_CODE_COUNT = 10
_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: codes are read off paper


class SecondFactorError(Exception):
    """A change to the second factor that was refused; the message says why."""


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def authenticator_setup(user: User) -> TOTPDevice:
    """The unconfirmed authenticator this person is setting up (the same one until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    """The authenticator's set-up address as a QR code, an SVG data URI for an <img>."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base 32, in groups of four, for an app that cannot scan."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@transaction.atomic
def confirm_authenticator(user: User, device: TOTPDevice, code: str) -> list[str]:
    """Turn the authenticator on once a code from it matches; returns fresh recovery codes."""
    if device.user_id != user.pk or device.confirmed:
        raise SecondFactorError(_("This set-up has expired: start again."))
    if not device.verify_token(_digits(code)):
        raise SecondFactorError(_("That code does not match: type the six digits your app shows now."))
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record_audit(AuditAction.SECOND_FACTOR_ENABLED, by=user, target=user.get_username())
    return _new_recovery_codes(user)


@transaction.atomic
def renew_recovery_codes(user: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    if not has_second_factor(user):
        raise SecondFactorError(_("Turn on two-factor sign-in first."))
    codes = _new_recovery_codes(user)
    record_audit(AuditAction.RECOVERY_CODES_RENEWED, by=user, target=user.get_username())
    return codes


def remaining_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(device__user=user).count()


@transaction.atomic
def disable_second_factor(user: User, *, by: User) -> None:
    """Remove the authenticator and the recovery codes (the caller checked that this is allowed)."""
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    record_audit(AuditAction.SECOND_FACTOR_DISABLED, by=by, target=user.get_username())


def verify_second_factor(user: User, code: str, *, address: str | None = None) -> Device | None:
    """The device that accepts this code (authenticator first, then a recovery code), or None."""
    with transaction.atomic():
        authenticator = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if authenticator and _digits(code) and authenticator.verify_token(_digits(code)):
            return authenticator
        recovery = RecoveryCodeDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if recovery and recovery.verify_token(code):
            record_audit(AuditAction.RECOVERY_CODE_USED, by=user, target=user.get_username(), address=address)
            return recovery
    record_audit(AuditAction.SECOND_FACTOR_FAILED, by=user, target=user.get_username(), address=address)
    return None


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = RecoveryCodeDevice.objects.get_or_create(user=user, defaults={"name": "recovery codes"})
    device.codes.all().delete()
    codes = [_random_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(RecoveryCode(device=device, digest=recovery_code_digest(code)) for code in codes)
    return codes


def _random_code() -> str:
    """16 characters from a 31-letter alphabet: about 79 bits, shown as four groups of four."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def _digits(code: str) -> str:
    """An authenticator code as typed ("123 456"), reduced to its digits; anything else is no code."""
    compact = "".join(code.split())
    return compact if compact.isdigit() and len(compact) <= 8 else ""
