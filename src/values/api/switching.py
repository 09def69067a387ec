"""Switching many activities to another mode at once (online, hybrid, back in person), as the coordinator's switch
page does (`values.activities.switching`): the preview first, with its version as the `ETag`; then the switch,
which names that version (`If-Match`) so that nothing the coordinator did not see is switched."""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError as SchemaValidationError

from values.activities.enums import Mode
from values.activities.queries import calendar_title
from values.activities.switching import SwitchPlan, preview_switch, switch_mode
from values.api.activities import NO_NUL
from values.api.context import enter, etag, if_match, require_access
from values.api.openapi import GUARDED_MARK
from values.api.programmes import organisation_name
from values.api.schemas import OrganisationRef
from values.core.versions import StaleVersion
from values.programme.models import Programme, Theme
from values.programme.queries import city_partners

router = Router(tags=["activities"])
SWITCH = "{code}/activities/switch/"
# The service's names for the choice, as this operation's fields (its `first_day` is `from`, …).
FIELDS = {"first_day": "from", "last_day": "to"}


class SwitchChoice(Schema):
    mode: Mode = Field(examples=["online"], description="The mode to switch to.")
    first_day: date = Field(alias="from", examples=["2020-03-09"], description="Activities starting this day…")
    last_day: date = Field(alias="to", examples=["2020-06-30"], description="…up to this day included.")
    theme: str | None = Field(None, max_length=64, pattern=NO_NUL, examples=["B"],
                              description="Only the activities of this theme (its key).")  # fmt: skip
    city: str | None = Field(None, max_length=100, pattern=NO_NUL, examples=["cesena"],
                             description="Only what this partner city hosts, and the exchanges it visits.")  # fmt: skip


class SwitchActivityOut(Schema):
    id: int
    title: str = Field(examples=["Mentoring visit to Cesena"])
    host: OrganisationRef
    start: date
    end: date
    mode: Mode = Field(examples=["in_person"], description="Its mode now.")


class KeptActivityOut(SwitchActivityOut):
    reason: str = Field(examples=["It is online already."], description="Why it is not switched.")


class SwitchPreviewOut(Schema):
    mode: Mode = Field(examples=["online"])
    to_switch: list[SwitchActivityOut] = Field(description="What a switch changes: not begun, not in the mode yet.")
    kept: list[KeptActivityOut] = Field(description="The period's other activities, each with the reason.")
    version: str = Field(description="The ETag: send it as If-Match to switch exactly this.")


class SwitchDoneOut(Schema):
    mode: Mode = Field(examples=["online"])
    switched: list[SwitchActivityOut] = Field(description="In their new mode; participants and hosts are told.")
    kept: list[KeptActivityOut]


def _activity(activity) -> dict:
    host = activity.host
    return {"id": activity.pk, "title": calendar_title(activity), "start": activity.start, "end": activity.end,
            "mode": activity.mode, "host": {"key": host.key, "name": organisation_name(host)}}  # fmt: skip


def _kept(plan: SwitchPlan) -> list[dict]:
    return [_activity(kept.activity) | {"reason": kept.reason} for kept in plan.kept]


def preview_out(plan: SwitchPlan) -> dict:
    return {"mode": plan.mode, "to_switch": [_activity(a) for a in plan.to_switch], "kept": _kept(plan),
            "version": plan.version}  # fmt: skip


def _coordinating(request: HttpRequest, code: str) -> Programme:
    programme = enter(request, code)
    require_access(request, "coordinate", _("Only the coordinator switches activities to another mode."))
    return programme


def _chosen(programme: Programme, choice: SwitchChoice) -> tuple[dict, dict[str, list[str]]]:
    """The service's arguments for the choice, and what names nothing of the programme (by the choice's field)."""
    theme = Theme.objects.filter(programme=programme, key=choice.theme).first() if choice.theme else None
    city = city_partners(programme).filter(key=choice.city).first() if choice.city else None
    errors = {}
    if choice.theme and theme is None:
        errors["theme"] = [_("Theme: choose one of the programme's themes.")]
    if choice.city and city is None:
        errors["city"] = [_("City: choose one of the programme's partner cities.")]
    arguments = {"mode": str(choice.mode), "first_day": choice.first_day, "last_day": choice.last_day,
                 "theme": theme, "city": city}  # fmt: skip
    return arguments, errors


def _named(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    return {FIELDS.get(field, field): messages for field, messages in errors.items()}


def _as_parameters(errors: dict[str, list[str]]) -> SchemaValidationError:
    """In a query, a refused choice is named as its parameter."""
    return SchemaValidationError([{"loc": ("query", field), "msg": message}
                                  for field, messages in _named(errors).items() for message in messages])  # fmt: skip


@router.get(SWITCH, response=SwitchPreviewOut, summary="Preview a switch of activities to another mode (its ETag)")
def preview(request: HttpRequest, code: str, choice: Query[SwitchChoice], response: HttpResponse):
    """The activities starting from `from` to `to` (of the theme; of the city) that a switch to `mode` would change,
    and those it keeps, with the reason: already under way or over, or in the mode already. Nothing changes."""
    arguments, errors = _chosen(_coordinating(request, code), choice)
    if errors:
        raise _as_parameters(errors)
    try:
        plan = preview_switch(request.programme, **arguments)
    except ValidationError as refused:
        raise _as_parameters(refused.message_dict) from None
    response["ETag"] = etag(plan.version)
    return preview_out(plan)


@router.post(SWITCH, response=SwitchDoneOut, openapi_extra={GUARDED_MARK: True},
             summary="Switch the previewed activities to another mode (If-Match: the preview's ETag)")  # fmt: skip
def switch(request: HttpRequest, code: str, payload: SwitchChoice):
    """Switches, all at once, what the preview of the same choice named: each activity's calendar event is replaced
    (same UID, higher SEQUENCE), its participants are told by e-mail and its host city's staff are asked for the
    video link (or, back in person, to check the venue). Sent without the preview's ETag, 428; when the period's
    activities changed since that preview, nothing is switched: 412 with the new preview as `current`. 422 when
    nothing would change."""
    arguments, errors = _chosen(_coordinating(request, code), payload)
    seen = if_match(request)
    if errors:
        raise ValidationError(errors)
    try:
        plan = switch_mode(request.programme, **arguments, by=request.user, version=seen,
                           site=f"{request.scheme}://{request.get_host()}")  # fmt: skip
    except StaleVersion as stale:
        raise StaleVersion(stale.current.version, preview_out(stale.current)) from None
    except ValidationError as refused:
        if hasattr(refused, "error_dict"):
            raise ValidationError(_named(refused.message_dict)) from None
        raise
    return {"mode": plan.mode, "switched": [_activity(a) for a in plan.to_switch], "kept": _kept(plan)}
