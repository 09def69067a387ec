"""Action plans as their pages show them (adopted plans are public, the review is its people's): sections written
without lost edits (each section's revision is its ETag, sent back as If-Match), actions with their progress, and
the plan's status, through the same services and rules as the pages."""

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import StringConstraints

from values.actionplans.enums import ActionStatus, PlanStatus, Section
from values.actionplans.models import Action, ActionPlan, Comment
from values.actionplans.permissions import (
    can_comment,
    can_edit_plan,
    can_see_review,
    find_action,
    find_comment,
    find_section,
    get_plan_for_comment,
    get_plan_for_edit,
    get_plan_for_read,
    get_plan_for_review,
    readable_cities,
)
from values.actionplans.queries import (
    PlanOverview,
    Review,
    action_organisations,
    actions_of,
    overview_of,
    plan_cities,
    review_of,
    section_revisions,
)
from values.actionplans.services import (
    NEXT_STATUSES,
    EditConflict,
    SectionState,
    add_comment,
    add_progress,
    resolve_comment,
    save_action,
    save_section,
    section_state,
    set_plan_published,
    set_plan_status,
)
from values.api.context import enter, etag, if_match
from values.api.openapi import GUARDED_MARK, PUBLIC_MARK
from values.api.paging import Page, Paging, paged
from values.api.programmes import organisation_name
from values.api.schemas import OrganisationRef
from values.core.templatetags.values_tags import person
from values.core.versions import StaleVersion, digest_version
from values.network.models import Organisation

router = Router(tags=["action plans"])
PUBLIC = {PUBLIC_MARK: True}
PLAN = "{code}/action-plans/{key}/"
ACTION = PLAN + "actions/{int:action_id}/"
REVISION = re.compile(r"0|[1-9][0-9]{0,17}")  # a revision number as this API writes it
Key = Annotated[str, StringConstraints(max_length=64)]


class PlanOut(Schema):
    city: OrganisationRef
    begun: bool = Field(description="Whether anything was written in it yet: a plan is begun by its first save.")
    status: PlanStatus
    published: bool = Field(description="Adopted and shown to the public.")
    actions: int = Field(examples=[6])
    overdue_actions: int = Field(examples=[1], description="Past their end and neither done nor dropped.")


class ReplyOut(Schema):
    id: int
    author: str
    text: str
    created_at: datetime


class CommentOut(ReplyOut):
    resolved: bool
    replies: list[ReplyOut]


class SectionOut(Schema):
    key: Section
    label: str = Field(examples=["Context"])
    text: str = Field(description="Markdown.")
    number: int = Field(description="The revision: 0 before the first save.")
    version: str = Field(examples=['"3"'], description="The section's entity tag: send it as If-Match to change it.")
    saved_at: datetime | None
    saved_by: str | None = Field(description="For the people of the plan's review only.")
    comments: list[CommentOut] | None = Field(description="For the people of the plan's review only.")


class ProgressOut(Schema):
    on: date
    note: str
    value: Decimal | None = Field(examples=["25.00"], description="The indicator's value that day.")


class ActionOut(Schema):
    id: int
    title: str = Field(examples=["Train forty volunteers"])
    owner: OrganisationRef
    owner_person: str
    partners: list[OrganisationRef]
    start: date
    end: date
    unit: str = Field(examples=["volunteers trained"], description="The indicator's unit; empty: no indicator.")
    baseline: Decimal | None = Field(examples=["0.00"])
    target: Decimal | None = Field(examples=["40.00"])
    current: Decimal | None = Field(examples=["25.00"])
    status: ActionStatus
    overdue: bool
    progress: list[ProgressOut] | None = Field(description="Newest first; for who may edit the plan only.")


class PlanDetail(Schema):
    city: OrganisationRef
    begun: bool
    status: PlanStatus
    published: bool
    next_statuses: list[PlanStatus] = Field(description="Where the plan's status may move next.")
    may_edit: bool
    may_comment: bool
    sections: list[SectionOut]
    actions: list[ActionOut]


class SectionIn(Schema):
    text: str = Field(max_length=200_000, description="Markdown.")


class ActionIn(Schema):
    title: str = Field(max_length=1_000, examples=["Train forty volunteers"])
    owner: Key = Field(examples=["cesena"], description="The key of the partner organisation in charge.")
    owner_person: str = Field("", max_length=1_000)
    partners: list[Key] = Field([], max_length=100, description="Keys of partner organisations taking part.")
    start: date
    end: date
    unit: str = Field("", max_length=1_000, examples=["volunteers trained"])
    baseline: Decimal | None = Field(None, examples=["0.00"])
    target: Decimal | None = Field(None, examples=["40.00"])
    current: Decimal | None = Field(None, examples=["25.00"])
    status: ActionStatus = ActionStatus.PLANNED


class ProgressIn(Schema):
    on: date = Field(description="From the programme's start to today.")
    note: str = Field(max_length=20_000, description="What happened.")
    value: Decimal | None = Field(None, examples=["25.00"], description="The indicator's value that day.")


class PlanStatusIn(Schema):
    status: PlanStatus = Field(description="The same status changes nothing; another must be a next one.")
    published: bool | None = Field(None, description="Show the adopted plan to the public (or withdraw it).")


def _organisation(organisation: Organisation) -> dict:
    return {"key": organisation.key, "name": organisation_name(organisation)}


def plan_out(row: PlanOverview) -> dict:
    plan = row.plan
    return {
        "city": _organisation(row.city), "begun": plan is not None, "status": plan.status if plan else PlanStatus.DRAFT,
        "published": bool(plan and plan.published), "actions": row.actions, "overdue_actions": row.overdue,
    }  # fmt: skip


def action_out(action: Action, *, progress: bool) -> dict:
    """An action from `actions_of` (its overdue mark, partners and updates fetched with it)."""
    updates = [{"on": u.on, "note": u.note, "value": u.value} for u in action.updates.all()] if progress else None
    return {
        "id": action.pk, "title": action.title, "owner": _organisation(action.owner),
        "owner_person": action.owner_person, "partners": [_organisation(p) for p in action.partners.all()],
        "start": action.start, "end": action.end, "unit": action.unit, "baseline": action.baseline,
        "target": action.target, "current": action.current, "status": action.status, "overdue": action.is_overdue,
        "progress": updates,
    }  # fmt: skip


def _reply(comment: Comment) -> dict:
    return {"id": comment.pk, "author": person(comment.author), "text": comment.text, "created_at": comment.created_at}


def _thread(comment: Comment, review: Review) -> dict:
    replies = [_reply(reply) for reply in review.replies.get(comment.pk, [])]
    return _reply(comment) | {"resolved": comment.resolved_at is not None, "replies": replies}


def section_out(key: str, state: SectionState, review: Review | None) -> dict:
    """A section as the caller may read it: its review (comments, who saved it) with `review` only."""
    revision = state.revision
    comments = None
    if review is not None:
        comments = [_thread(comment, review) for comment in review.threads.get(key, [])]
    return {
        "key": key, "label": str(Section(key).label), "text": state.text, "number": state.number,
        "version": etag(str(state.number)), "saved_at": revision.created_at if revision else None,
        "saved_by": person(revision.author) if revision and review is not None else None, "comments": comments,
    }  # fmt: skip


def plan_detail(request: HttpRequest, plan: ActionPlan) -> dict:
    user = request.user
    review = review_of(plan) if can_see_review(user, plan) else None
    editor = can_edit_plan(user, plan)
    return {
        "city": _organisation(plan.organisation), "begun": plan.pk is not None, "status": plan.status,
        "published": plan.published, "next_statuses": list(NEXT_STATUSES[PlanStatus(plan.status)]),
        "may_edit": editor, "may_comment": can_comment(user, plan),
        "sections": [section_out(key, section_state(plan, key), review) for key in Section.values],
        "actions": [action_out(a, progress=editor) for a in actions_of(plan, timezone.localdate())],
    }  # fmt: skip


def _answer_plan(request: HttpRequest, plan: ActionPlan, response: HttpResponse) -> dict:
    """The plan's detail with its ETag: a digest of what this caller reads of it."""
    detail = plan_detail(request, plan)
    response["ETag"] = etag(digest_version(detail))
    return detail


@router.get("{code}/action-plans/", response=Page[PlanOut], openapi_extra=PUBLIC,
            summary="List the action plans you may read")  # fmt: skip
def list_plans(request: HttpRequest, code: str, paging: Query[Paging]):
    """Every partner city's plan that is adopted (for the public: published), and those whose review you take part
    in (your city's and its community's; every one for the coordinator and the experts)."""
    programme = enter(request, code)
    cities, today = plan_cities(programme, among=readable_cities(request.user, programme)), timezone.localdate()
    return paged(request, cities, paging, lambda page: [plan_out(row) for row in overview_of(programme, page, today)])


@router.get(PLAN, response=PlanDetail, openapi_extra=PUBLIC, summary="Read a city's action plan (with its ETag)")
def read_plan(request: HttpRequest, code: str, key: str, response: HttpResponse):
    return _answer_plan(request, get_plan_for_read(request.user, enter(request, code), key), response)


def _base(tag: str) -> int:
    """The revision an edit was made from; a tag that names none (-1) is as stale as an old one."""
    return int(tag) if REVISION.fullmatch(tag) else -1


@router.put(f"{PLAN}sections/{{section}}/", response=SectionOut, openapi_extra={GUARDED_MARK: True},
            summary="Write a section of your city's plan (If-Match: the section's version)")  # fmt: skip
def write_section(request: HttpRequest, code: str, key: str, section: str, payload: SectionIn,
                  response: HttpResponse):  # fmt: skip
    """Sections: context, objectives, actions, resources, monitoring. Someone's save since the version you
    send is never saved over: 412 with the section's current text and version."""
    plan = get_plan_for_edit(request.user, enter(request, code), key)
    section = find_section(section)
    base = _base(if_match(request))
    try:
        revision = save_section(plan, section, text=payload.text, base=base, by=request.user)
    except EditConflict as conflict:
        current = conflict.current
        raise StaleVersion(str(current.number), {"text": current.text, "number": current.number}) from None
    state = section_state(revision.plan, section)
    response["ETag"] = etag(str(state.number))
    return section_out(section, state, review_of(revision.plan))


@router.put(f"{PLAN}status/", response=PlanDetail, summary="Move your city's plan to another status, or publish it")
def change_status(request: HttpRequest, code: str, key: str, payload: PlanStatusIn, response: HttpResponse):
    """From draft to in review, back to draft or on to adopted; an adopted plan may be published."""
    plan = get_plan_for_edit(request.user, enter(request, code), key)
    with transaction.atomic():
        if payload.status != plan.status:
            plan = set_plan_status(plan, payload.status)
        if payload.published is not None:
            plan = set_plan_published(plan, payload.published, by=request.user)
    return _answer_plan(request, plan, response)


@router.get(f"{PLAN}actions/", response=Page[ActionOut], openapi_extra=PUBLIC, summary="List a plan's actions")
def list_actions(request: HttpRequest, code: str, key: str, paging: Query[Paging]):
    plan = get_plan_for_read(request.user, enter(request, code), key)
    progress = can_edit_plan(request.user, plan)
    actions = actions_of(plan, timezone.localdate())
    return paged(request, actions, paging, lambda rows: [action_out(a, progress=progress) for a in rows])


def _organisations(plan: ActionPlan, payload: ActionIn) -> tuple[Organisation, list[Organisation]]:
    """The owner and the partners the keys name, among those who may take part in an action."""
    keys = {payload.owner, *payload.partners}
    known = {o.key: o for o in action_organisations(plan.programme).filter(key__in=keys)}
    errors: dict[str, list[str]] = {}
    if payload.owner not in known:
        errors["owner"] = [_("“%(key)s” is not a partner of the programme.") % {"key": payload.owner}]
    if unknown := sorted(set(payload.partners) - known.keys()):
        errors["partners"] = [_("Not partners of the programme: %(keys)s.") % {"keys": ", ".join(unknown)}]
    if errors:
        raise ValidationError(errors)
    return known[payload.owner], [known[key] for key in dict.fromkeys(payload.partners)]


def _save_action(plan: ActionPlan, payload: ActionIn, action: Action | None) -> dict:
    owner, partners = _organisations(plan, payload)
    fields = payload.dict(exclude={"owner", "partners"})
    for name in ("title", "owner_person", "unit"):
        fields[name] = fields[name].strip()  # as the page's form takes them
    saved = save_action(plan, action=action, owner=owner, partners=partners, **fields)
    return _action(saved)


def _action(action: Action) -> dict:
    """The action as it is now, as its plan's editor reads it (with its progress)."""
    return action_out(actions_of(action.plan, timezone.localdate()).get(pk=action.pk), progress=True)


@router.post(f"{PLAN}actions/", response={201: ActionOut}, summary="Add an action to your city's plan")
def create_action(request: HttpRequest, code: str, key: str, payload: ActionIn):
    plan = get_plan_for_edit(request.user, enter(request, code), key)
    return Status(201, _save_action(plan, payload, None))


@router.put(ACTION, response=ActionOut, summary="Change an action of your city's plan")
def change_action(request: HttpRequest, code: str, key: str, action_id: int, payload: ActionIn):
    plan = get_plan_for_edit(request.user, enter(request, code), key)
    return _save_action(plan, payload, find_action(plan, action_id))


@router.post(f"{ACTION}progress/", response={201: ActionOut}, summary="Record an action's progress")
def record_progress(request: HttpRequest, code: str, key: str, action_id: int, payload: ProgressIn):
    """A dated note, with the indicator's value that day: the newest value becomes the action's current one."""
    plan = get_plan_for_edit(request.user, enter(request, code), key)
    action = find_action(plan, action_id)
    add_progress(action, on=payload.on, note=payload.note, value=payload.value, by=request.user)
    return Status(201, _action(action))


class SectionComments(Schema):
    section: Section
    comments: list[CommentOut] = Field(description="Each thread: a comment with its replies, oldest first.")


class CommentIn(Schema):
    section: Section
    text: str = Field(max_length=20_000, examples=["The budget of action two is thin."])
    parent: int | None = Field(None, ge=1, le=2**63 - 1, description="The id of the comment this one answers.")


class RevisionOut(Schema):
    number: int = Field(examples=[3])
    author: str | None = Field(description="The person's name, never their login; none once the account is gone.")
    saved_at: datetime
    text: str = Field(description="Markdown.")


@router.get(f"{PLAN}comments/", response=list[SectionComments],
            summary="Read a plan's review: the comments on each section (the people of its review)")  # fmt: skip
def list_comments(request: HttpRequest, code: str, key: str):
    """For the city's staff, the cities of its community of practice, the experts and the coordinator."""
    plan = get_plan_for_review(request.user, enter(request, code), key)
    review = review_of(plan)
    return [{"section": key, "comments": [_thread(c, review) for c in review.threads.get(key, [])]}
            for key in Section.values]  # fmt: skip


def _thread_of(comment: Comment) -> dict:
    """The thread `comment` is in, as it is now (a reply's: its parent's)."""
    first = comment.parent if comment.parent_id else comment
    return _thread(first, review_of(comment.plan))


@router.post(f"{PLAN}comments/", response={201: CommentOut},
             summary="Comment on a section of a plan, or answer a comment (the thread is answered)")  # fmt: skip
def create_comment(request: HttpRequest, code: str, key: str, payload: CommentIn):
    """For the cities of the city's community of practice, the experts and the coordinator."""
    plan = get_plan_for_comment(request.user, enter(request, code), key)
    parent = None
    if payload.parent is not None:
        try:
            parent = find_comment(plan, payload.parent)
        except Http404:
            raise ValidationError({"parent": [_("No comment on this plan has this id.")]}) from None
    comment = add_comment(plan, payload.section, text=payload.text, by=request.user, parent=parent)
    return Status(201, _thread_of(comment))


@router.post(f"{PLAN}comments/{{int:comment_id}}/resolve/", response=CommentOut,
             summary="Mark a comment's thread resolved (the people of the plan's review)")  # fmt: skip
def resolve_thread(request: HttpRequest, code: str, key: str, comment_id: int):
    plan = get_plan_for_review(request.user, enter(request, code), key)
    comment = resolve_comment(find_comment(plan, comment_id, thread=True), by=request.user)
    return _thread_of(comment)


@router.get(f"{PLAN}sections/{{section}}/history/", response=Page[RevisionOut],
            summary="A section's revisions, oldest first (the people of the plan's review)")  # fmt: skip
def section_history(request: HttpRequest, code: str, key: str, section: str, paging: Query[Paging]):
    plan = get_plan_for_review(request.user, enter(request, code), key)
    revisions = section_revisions(plan, find_section(section))
    return paged(request, revisions, paging, lambda rows: [
        {"number": r.number, "author": person(r.author) if r.author else None, "saved_at": r.created_at,
         "text": r.text} for r in rows
    ])  # fmt: skip
