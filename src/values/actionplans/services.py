"""Every change to action plans: sections with their revisions, comments, status."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.actionplans.enums import PlanStatus
from values.actionplans.models import Action, ActionPlan, Comment, ProgressUpdate, SectionRevision
from values.network.enums import AuditAction
from values.network.models import User
from values.network.services import record_audit

# Where a plan may go next from each status; "in review" may go back to "draft".
NEXT_STATUSES = {
    PlanStatus.DRAFT: (PlanStatus.IN_REVIEW,),
    PlanStatus.IN_REVIEW: (PlanStatus.DRAFT, PlanStatus.ADOPTED),
    PlanStatus.ADOPTED: (),
}


# Beyond these a value is a slip of the keyboard (or an attack): refused with its field, never stored.
MAX_FIGURE = Decimal("9999999999.99")  # what the indicator columns hold: 12 digits, 2 of them decimals
LATEST_DATE = date(2099, 12, 31)
TEXT_LIMITS = {"text": 50_000, "comment": 5_000, "note": 5_000}
ACTION_TEXT_LIMITS = {name: Action._meta.get_field(name).max_length for name in ("title", "unit", "owner_person")}
LABELS = {
    "baseline": gettext_lazy("Baseline"), "target": gettext_lazy("Target"), "current": gettext_lazy("Current value"),
    "value": gettext_lazy("Indicator value"), "text": gettext_lazy("Section"), "comment": gettext_lazy("Comment"),
    "note": gettext_lazy("What happened"), "title": gettext_lazy("Title"), "unit": gettext_lazy("Indicator unit"),
    "owner_person": gettext_lazy("Person in charge"),
}  # fmt: skip


def figure_problem(name: str) -> str:
    return _("%(field)s: a number from 0 to %(max)s, with at most two decimals.") % {
        "field": LABELS[name], "max": number_format(MAX_FIGURE, decimal_pos=2, force_grouping=True)
    }  # fmt: skip


def _figure_errors(errors: dict[str, list[str]], **figures) -> None:
    for name, value in figures.items():
        if value is None:
            continue
        fits = isinstance(value, Decimal) and value.is_finite() and 0 <= value <= MAX_FIGURE
        if not fits or value.as_tuple().exponent < -2:
            errors[name] = [figure_problem(name)]


def _length_errors(errors: dict[str, list[str]], limits: dict[str, int], **texts) -> None:
    for name, text in texts.items():
        if len(text or "") > limits[name]:
            errors[name] = [_("%(field)s: at most %(limit)s characters, not %(length)s.") % {
                "field": LABELS[name], "limit": number_format(limits[name], force_grouping=True),
                "length": number_format(len(text), force_grouping=True),
            }]  # fmt: skip


@dataclass(frozen=True)
class SectionState:
    text: str
    number: int  # 0 before the first save
    revision: SectionRevision | None


class EditConflict(Exception):
    """Someone saved the section since this edit began: both texts go back to the editor."""

    def __init__(self, current: SectionState, yours: str) -> None:
        super().__init__("the section changed since the edit began")
        self.current, self.yours = current, yours


def begin_plan(plan: ActionPlan) -> ActionPlan:
    """The plan as saved: a city's plan is created by the first write to it, never by reading it."""
    if plan.pk is None:
        plan, _created = ActionPlan.objects.get_or_create(programme=plan.programme, organisation=plan.organisation)
    return plan


def section_state(plan: ActionPlan, section: str) -> SectionState:
    # By id: a plan not begun yet (unsaved) has no revision.
    revisions = SectionRevision.objects.filter(plan_id=plan.pk, section=section)
    latest = revisions.select_related("author").order_by("-number").first()
    if latest is None:
        return SectionState("", 0, None)
    return SectionState(latest.text, latest.number, latest)


def save_section(plan: ActionPlan, section: str, *, text: str, base: int, by: User) -> SectionRevision:
    """Keep a new revision when nobody saved since revision `base`; else raise EditConflict."""
    errors: dict[str, list[str]] = {}
    _length_errors(errors, TEXT_LIMITS, text=text)
    if errors:
        raise ValidationError(errors)
    current = section_state(plan, section)
    if current.number != base:
        raise EditConflict(current, text)
    try:
        with transaction.atomic():
            return SectionRevision.objects.create(
                plan=begin_plan(plan), section=section, number=base + 1, text=text.strip(), author=by
            )
    except IntegrityError:
        # Another save took number base + 1 between our read and our write.
        raise EditConflict(section_state(plan, section), text) from None


def set_plan_status(plan: ActionPlan, status: str) -> ActionPlan:
    if status not in PlanStatus.values:
        raise ValidationError({"status": [_("Choose one of the statuses offered.")]})
    if status not in NEXT_STATUSES[PlanStatus(plan.status)]:
        wanted = PlanStatus(status).label
        message = _("A plan in “%(current)s” cannot move to “%(next)s”.")
        raise ValidationError({"status": [message % {"current": plan.get_status_display(), "next": wanted}]})
    plan = begin_plan(plan)
    plan.status = status
    if status != PlanStatus.ADOPTED:
        plan.published = False
    plan.save(update_fields=["status", "published"])
    return plan


def _plan_label(plan: ActionPlan) -> str:
    return f"action plan {plan.organisation.key}"


def set_plan_published(plan: ActionPlan, published: bool, *, by: User | None = None) -> ActionPlan:
    if published and plan.status != PlanStatus.ADOPTED:
        raise ValidationError({"published": [_("Only an adopted plan can be published.")]})
    plan = begin_plan(plan)
    changed = plan.published != published
    plan.published = published
    plan.save(update_fields=["published"])
    if changed:
        record_audit(AuditAction.PUBLISHED if published else AuditAction.WITHDRAWN, by=by, target=_plan_label(plan))
    return plan


def add_comment(plan: ActionPlan, section: str, *, text: str, by: User, parent: Comment | None = None) -> Comment:
    if not text.strip():
        raise ValidationError({"text": [_("Write the comment first.")]})
    errors: dict[str, list[str]] = {}
    _length_errors(errors, TEXT_LIMITS, comment=text)
    if errors:
        raise ValidationError({"text": errors["comment"]})
    if parent is not None and (parent.plan_id != plan.pk or parent.section != section):
        raise ValidationError({"parent": [_("A reply belongs to the same section as its comment.")]})
    return Comment.objects.create(plan=begin_plan(plan), section=section, text=text.strip(), author=by, parent=parent)


def resolve_comment(comment: Comment, *, by: User) -> Comment:
    """Resolving a comment resolves its replies too: the thread is settled."""
    now = timezone.now()
    Comment.objects.filter(pk=comment.pk).update(resolved_at=now, resolved_by=by)
    comment.replies.update(resolved_at=now, resolved_by=by)
    comment.refresh_from_db()
    return comment


# -- actions ------------------------------------------------------------------------------------
@transaction.atomic
def save_action(plan: ActionPlan, *, action: Action | None = None, partners=(), **fields) -> Action:
    """Create or change an action: it ends after it starts, and an indicator's figures need a unit."""
    errors: dict[str, list[str]] = {}
    if not fields.get("title", "").strip():
        errors["title"] = [_("Give the action a title.")]
    if fields["end"] < fields["start"]:
        errors["end"] = [_("The end is before the start.")]
    figures = [name for name in ("baseline", "target", "current") if fields.get(name) is not None]
    if figures and not fields.get("unit", "").strip():
        errors["unit"] = [_("Give the indicator's unit for its baseline, target or current value.")]
    if fields.get("target") is not None and fields.get("baseline") is None:
        errors["baseline"] = [_("A target needs a baseline to measure progress from.")]
    _figure_errors(errors, **{name: fields.get(name) for name in ("baseline", "target", "current")})
    _length_errors(errors, ACTION_TEXT_LIMITS, **{name: fields.get(name) for name in ACTION_TEXT_LIMITS})
    if fields["start"] < plan.programme.start:
        errors["start"] = [_("An action of the plan starts on %(date)s or later, when the programme starts.") % {
            "date": plan.programme.start.isoformat()}]  # fmt: skip
    if fields["end"] > LATEST_DATE:
        errors["end"] = [_("An action ends by %(date)s.") % {"date": LATEST_DATE.isoformat()}]
    if errors:
        raise ValidationError(errors)
    action = action or Action(plan=begin_plan(plan))
    for name, value in fields.items():
        setattr(action, name, value)
    action.save()
    action.partners.set(partners)
    return action


@transaction.atomic
def add_progress(action: Action, *, on: date, note: str, value: Decimal | None, by: User) -> ProgressUpdate:
    """A dated note, from the programme's start to today; a value also becomes the indicator's current value
    when it is the newest."""
    errors: dict[str, list[str]] = {}
    if not note.strip():
        errors["note"] = [_("Say what happened.")]
    _length_errors(errors, TEXT_LIMITS, note=note)
    if value is not None and not action.unit:
        errors["value"] = [_("This action has no indicator unit to measure.")]
    _figure_errors(errors, value=value)
    earliest = action.plan.programme.start
    if not earliest <= on <= timezone.localdate():
        errors["on"] = [_("Progress is dated from %(date)s, when the programme starts, to today.") % {
            "date": earliest.isoformat()}]  # fmt: skip
    if errors:
        raise ValidationError(errors)
    update = ProgressUpdate.objects.create(action=action, on=on, note=note.strip(), value=value, author=by)
    newest = action.updates.exclude(value=None).order_by("-on", "-pk").first()
    if newest is not None and newest.pk == update.pk:
        action.current = value
        action.save(update_fields=["current"])
    return update
