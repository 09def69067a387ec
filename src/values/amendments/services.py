"""Amendments recorded, then approved (applied, with the programme file before and after kept) or rejected."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from values.amendments.changes import apply, check_changes
from values.amendments.enums import AmendmentStatus
from values.amendments.models import REASON_MAX_CHARS, Amendment
from values.amendments.permissions import can_manage_amendments
from values.network.enums import AuditAction
from values.network.models import User
from values.network.services import record_audit
from values.programme.models import Programme
from values.programme.programme_file import write_programme_file
from values.programme.queries import programme_as_file


def _texts(reason: str, funder_reference: str) -> tuple[str, str]:
    reason, funder_reference = reason.strip(), funder_reference.strip()
    errors = {}
    if not reason:
        errors["reason"] = [_("Say why the programme changes: the funder asks for it.")]
    elif len(reason) > REASON_MAX_CHARS:
        errors["reason"] = [_("At most %(most)d characters.") % {"most": REASON_MAX_CHARS}]
    if len(funder_reference) > Amendment._meta.get_field("funder_reference").max_length:
        errors["funder_reference"] = [_("At most 100 characters.")]
    if errors:
        raise ValidationError(errors)
    return reason, funder_reference


def _require_manager(user: User, programme: Programme) -> None:
    if not can_manage_amendments(user, programme):
        raise PermissionDenied(_("Only the coordinator records and decides amendments."))


@transaction.atomic
def record_amendment(
    programme: Programme, *, requested_on: date, reason: str, funder_reference: str, changes: list, by: User,
    today: date,
) -> Amendment:  # fmt: skip
    """A request to the funder, numbered in the programme; its changes are checked now and again when approved."""
    _require_manager(by, programme)
    reason, funder_reference = _texts(reason, funder_reference)
    check_changes(programme, changes, today=today)
    Programme.objects.select_for_update().filter(pk=programme.pk).first()  # one number per amendment
    number = (programme.amendments.aggregate(last=Max("number"))["last"] or 0) + 1
    return Amendment.objects.create(
        programme=programme, number=number, requested_on=requested_on, reason=reason,
        funder_reference=funder_reference, changes=changes, recorded_by=by,
    )  # fmt: skip


def _decidable(amendment: Amendment, by: User) -> Amendment:
    """The amendment's row locked, still waiting for its decision: a second decision (another tab, another
    coordinator) is refused rather than applied twice."""
    _require_manager(by, amendment.programme)
    current = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if current.status != AmendmentStatus.REQUESTED:
        raise ValidationError({"status": [_("This amendment was already %(status)s.")
                                          % {"status": current.get_status_display()}]})  # fmt: skip
    return current


@transaction.atomic
def approve_amendment(amendment: Amendment, *, decided_on: date, note: str = "", by: User, today: date) -> Amendment:
    """Applied all at once or not at all, the programme file kept as it stood before and after."""
    amendment = _decidable(amendment, by)
    programme = Programme.objects.select_for_update().get(pk=amendment.programme_id)
    outcome = check_changes(programme, amendment.changes, today=today)
    amendment.file_before = write_programme_file(programme_as_file(programme))
    apply(programme, outcome)
    programme.refresh_from_db()
    amendment.file_after = write_programme_file(programme_as_file(programme))
    return _decided(amendment, AmendmentStatus.APPROVED, decided_on=decided_on, note=note, by=by)


@transaction.atomic
def reject_amendment(amendment: Amendment, *, decided_on: date, note: str = "", by: User) -> Amendment:
    amendment = _decidable(amendment, by)
    return _decided(amendment, AmendmentStatus.REJECTED, decided_on=decided_on, note=note, by=by)


def _decided(amendment: Amendment, status: str, *, decided_on: date, note: str, by: User) -> Amendment:
    if decided_on < amendment.requested_on:
        raise ValidationError({"decided_on": [_("The decision comes on or after the request (%(day)s).")
                                              % {"day": amendment.requested_on.isoformat()}]})  # fmt: skip
    amendment.status, amendment.decided_on, amendment.decided_by = status, decided_on, by
    amendment.decision_note = note.strip()[:REASON_MAX_CHARS]
    amendment.save()
    detail = {"programme": amendment.programme.code, "number": amendment.number, "status": status}
    record_audit(AuditAction.AMENDMENT_DECIDED, by=by, target=amendment, detail=detail)
    return amendment
