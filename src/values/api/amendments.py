"""Amendments: what the coordinator asks the funder to change (a new duration, budget moved between categories or
partners), recorded, then approved (applied at once, the programme file kept as it stood before and after) or
rejected, as on the amendment pages (`values.amendments.services`). The coordinator's alone: the files hold every
partner's budget and contacts."""

import re
from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from values.amendments.changes import MAX_MONTHS
from values.amendments.enums import AmendmentStatus
from values.amendments.models import REASON_MAX_CHARS, Amendment
from values.amendments.queries import amendments_of, describe_changes
from values.amendments.services import approve_amendment, record_amendment, reject_amendment
from values.api.activities import NO_NUL
from values.api.context import enter, require_access
from values.api.openapi import PROBLEM_MEDIA
from values.api.paging import Page, Paging, paged
from values.api.schemas import RequiredText, Trimmed
from values.core.templatetags.values_tags import person
from values.programme.models import Programme

router = Router(tags=["amendments"])
AMENDMENT = "{code}/amendments/{int:number}/"
LARGEST_NUMBER = 2_147_483_647  # the databases' integer: a larger number names nothing
Number = Path(..., ge=1, le=LARGEST_NUMBER, description="The amendment's number in the programme (1, 2, …).")


# -- what is answered ----------------------------------------------------------------------------------------------
class AmendmentOut(Schema):
    number: int = Field(examples=[1])
    requested_on: date = Field(examples=["2020-04-01"], description="When the funder was asked.")
    reason: str = Field(examples=["COVID-19: the visits of 2020 need more time."])
    funder_reference: str = Field(examples=["AMIF/2020/017"])
    status: AmendmentStatus = Field(examples=["requested"], description="Only an approved amendment changed anything.")
    decided_on: date | None = Field(examples=["2020-04-20"])


class AmendmentDetail(AmendmentOut):
    changes: list[dict] = Field(
        examples=[[{"kind": "duration", "months": 27}]], description="As recorded (the items a record takes)."
    )
    described: list[str] = Field(examples=[["The programme runs 27 months, to 30 April 2021."]],
                                 description="Each change in a sentence of the caller's language.")  # fmt: skip
    recorded_by: str | None = Field(examples=["Anna Verdi"])
    decided_by: str | None
    decision_note: str
    before_url: str | None = Field(description="The programme file before it was applied (approved only).")
    after_url: str | None = Field(description="The programme file after it was applied (approved only).")


def amendment_out(amendment: Amendment) -> dict:
    return {
        "number": amendment.number, "requested_on": amendment.requested_on, "reason": amendment.reason,
        "funder_reference": amendment.funder_reference, "status": amendment.status,
        "decided_on": amendment.decided_on,
    }  # fmt: skip


def amendment_detail(request: HttpRequest, amendment: Amendment) -> dict:
    files = request.build_absolute_uri(f"/api/v1/programmes/{amendment.programme.code}/amendments/{amendment.number}/")
    approved = bool(amendment.file_after)
    return amendment_out(amendment) | {
        "changes": amendment.changes, "described": describe_changes(amendment),
        "recorded_by": person(amendment.recorded_by) if amendment.recorded_by else None,
        "decided_by": person(amendment.decided_by) if amendment.decided_by else None,
        "decision_note": amendment.decision_note,
        "before_url": f"{files}before.yaml" if approved else None,
        "after_url": f"{files}after.yaml" if approved else None,
    }  # fmt: skip


# -- who -----------------------------------------------------------------------------------------------------------
def _keeping(request: HttpRequest, code: str) -> Programme:
    """The programme, if the caller keeps its amendments (401 for nobody, 403 for the others, as on the pages)."""
    programme = enter(request, code)
    require_access(request, "manage_amendments", _("The programme's amendments are kept by the coordinator."))
    return programme


def _amendment(request: HttpRequest, code: str, number: int) -> Amendment:
    return get_object_or_404(amendments_of(_keeping(request, code)), number=number)


# -- reading -------------------------------------------------------------------------------------------------------
@router.get("{code}/amendments/", response=Page[AmendmentOut], summary="List the programme's amendments")
def list_amendments(request: HttpRequest, code: str, paging: Query[Paging]):
    """Newest first, as the amendments page lists them: what was asked, when, and what the funder answered."""
    programme = _keeping(request, code)
    return paged(request, amendments_of(programme), paging, lambda rows: [amendment_out(a) for a in rows])


@router.get(AMENDMENT, response=AmendmentDetail, summary="Read an amendment, its changes and its decision")
def read_amendment(request: HttpRequest, code: str, number: int = Number):
    """Its changes as recorded and in words, its status and decision, and once approved where the programme file
    as it stood before and after can be read."""
    return amendment_detail(request, _amendment(request, code, number))


# -- recording -----------------------------------------------------------------------------------------------------
class ChangeSideIn(Schema):
    partner: str | None = Field(None, max_length=100, pattern=NO_NUL, examples=["cesena"],
                                description="A partner's key; the partner has a budget.")  # fmt: skip
    category: str | None = Field(None, max_length=32, pattern=NO_NUL, examples=["travel"],
                                 description="A direct cost category: staff, travel, equipment, external, "
                                             "other.")  # fmt: skip


class AmendmentChangeIn(Schema):
    """One change: a new duration (`months`) or a budget move (`from`, `to`, `amount`)."""

    kind: Literal["duration", "budget_move"] = Field(examples=["budget_move"])
    months: int | None = Field(None, ge=1, le=MAX_MONTHS, examples=[27],
                               description="duration: the programme ends on the last day of its month N.")  # fmt: skip
    from_: ChangeSideIn | None = Field(None, alias="from", description="budget_move: where the money comes from.")
    to: ChangeSideIn | None = Field(None, description="budget_move: where it goes.")
    amount: str | None = Field(None, max_length=32, pattern=NO_NUL, examples=["1000.00"],
                               description="budget_move: euro of direct costs, at most two decimals.")  # fmt: skip


class AmendmentIn(Schema):
    requested_on: date = Field(examples=["2020-04-01"])
    reason: RequiredText = Field(max_length=REASON_MAX_CHARS, pattern=NO_NUL,
                                 examples=["COVID-19: the visits of 2020 need more time."])  # fmt: skip
    funder_reference: Trimmed = Field("", max_length=100, pattern=NO_NUL, examples=["AMIF/2020/017"])
    changes: list[AmendmentChangeIn] = Field(
        min_length=1, max_length=50,
        examples=[[{"kind": "duration", "months": 27},
                   {"kind": "budget_move", "from": {"partner": "cesena", "category": "travel"},
                    "to": {"partner": "riga", "category": "staff"}, "amount": "1000.00"}]],
        description="Checked against the programme as it stands: a move of more than a line holds or of money "
                    "spent, between partners of different indirect rates, or an end before an activity's last day "
                    "or today, is refused naming the change (`#/changes/1/amount`).",
    )  # fmt: skip


def _pointer(key: str) -> str:
    """The service's `changes[1].from.partner` as the body's `changes/1/from/partner`."""
    return re.sub(r"\[(\d+)\]", r"/\1", key).replace(".", "/")


def _in_body(refused: ValidationError) -> ValidationError:
    if not hasattr(refused, "error_dict"):
        return refused
    return ValidationError({_pointer(key): messages for key, messages in refused.message_dict.items()})


def _as_recorded(change: AmendmentChangeIn) -> dict:
    """The change as the service keeps it (changes.py): only the fields it gives."""
    return change.model_dump(by_alias=True, exclude_none=True)


@router.post("{code}/amendments/", response={201: AmendmentDetail}, summary="Record an amendment asked of the funder")
def create_amendment(request: HttpRequest, code: str, payload: AmendmentIn, response: HttpResponse):
    """A request to the funder, numbered in the programme, its changes checked now (and again when approved);
    nothing changes until it is approved. A refusal is 422 naming the field or the change (`#/changes/0/months`,
    `#/changes/1/to/partner`), and nothing is recorded."""
    programme = _keeping(request, code)
    try:
        amendment = record_amendment(
            programme, requested_on=payload.requested_on, reason=payload.reason,
            funder_reference=payload.funder_reference, changes=[_as_recorded(c) for c in payload.changes],
            by=request.user, today=timezone.localdate(),
        )  # fmt: skip
    except ValidationError as refused:
        raise _in_body(refused) from None
    response["Location"] = request.build_absolute_uri(f"{request.path}{amendment.number}/")
    return Status(201, amendment_detail(request, amendment))


# -- deciding ------------------------------------------------------------------------------------------------------
class AmendmentDecisionIn(Schema):
    decision: Literal["approve", "reject"] = Field(examples=["approve"], description="As the funder answered.")
    decided_on: date = Field(examples=["2020-04-20"], description="On or after the request.")
    note: Trimmed = Field("", max_length=REASON_MAX_CHARS, pattern=NO_NUL)


DECIDED = {"responses": {"409": {
    "description": "Decided already, or (approving) its changes no longer fit the programme as it stands (money "
                   "spent since, an activity moved): `detail` says which.",
    "content": PROBLEM_MEDIA,
}}}  # fmt: skip


def _conflict(refused: ValidationError) -> HttpError | ValidationError:
    """A refusal by the amendment's state or by its changes (not this body's fields) is a conflict (409)."""
    errors = refused.message_dict if hasattr(refused, "error_dict") else {}
    reasons = [message for key, messages in errors.items() if key == "status" or key.startswith("changes")
               for message in messages]  # fmt: skip
    return HttpError(409, " ".join(reasons)) if reasons else refused


@router.post(f"{AMENDMENT}decision/", response=AmendmentDetail, openapi_extra=DECIDED,
             summary="Record the funder's decision: approve (apply) or reject")  # fmt: skip
def decide_amendment(request: HttpRequest, code: str, payload: AmendmentDecisionIn, number: int = Number):
    """Approved, its changes are checked again and applied all at once, the programme file kept as it stood
    before and after; rejected, nothing changes. An amendment is decided once (409 after)."""
    amendment = _amendment(request, code, number)
    note, day = payload.note, payload.decided_on
    try:
        if payload.decision == "approve":
            approve_amendment(amendment, decided_on=day, note=note, by=request.user, today=timezone.localdate())
        else:
            reject_amendment(amendment, decided_on=day, note=note, by=request.user)
    except ValidationError as refused:
        raise _conflict(refused) from None
    return amendment_detail(request, _amendment(request, code, number))


# -- the programme before and after --------------------------------------------------------------------------------
YAML = {"responses": {200: {
    "description": "The programme file (as `values export` writes it), UTF-8.",
    # A YAML mapping (the programme file's sections), as a client reading YAML gets it.
    "content": {"application/yaml": {"schema": {"type": "object"}, "example": "programme:\n  duration_months: 27\n"}},
}}}  # fmt: skip


def _file(request: HttpRequest, code: str, number: int, side: str) -> HttpResponse:
    amendment = _amendment(request, code, number)
    text = amendment.file_before if side == "before" else amendment.file_after
    if not text:
        raise Http404("not approved")
    answer = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    name = f"{amendment.programme.code}-amendment-{amendment.number}-{side}.yaml"
    answer["Content-Disposition"] = f'attachment; filename="{name}"'
    return answer


@router.get(f"{AMENDMENT}before.yaml", openapi_extra=YAML,
            summary="The programme file as it stood before an approved amendment")  # fmt: skip
def file_before(request: HttpRequest, code: str, number: int = Number):
    """404 while the amendment is not approved (nothing was applied)."""
    return _file(request, code, number, "before")


@router.get(f"{AMENDMENT}after.yaml", openapi_extra=YAML,
            summary="The programme file as an approved amendment left it")  # fmt: skip
def file_after(request: HttpRequest, code: str, number: int = Number):
    """404 while the amendment is not approved (nothing was applied)."""
    return _file(request, code, number, "after")
