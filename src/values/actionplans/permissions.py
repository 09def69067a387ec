"""Who may read, edit and comment on an action plan: the only place that decides it.

The city's staff edit their plan; the cities of its community of practice, experts and the
coordinator comment; these people of the plan's review read its comments and who wrote what.
Everyone signed in reads adopted plans, the public reads adopted plans that the city has
published: their text and actions, never the review.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from values.actionplans.enums import PlanStatus, Section
from values.actionplans.models import Action, ActionPlan, Comment
from values.network.enums import Role
from values.network.models import Organisation
from values.network.permissions import AnyUser
from values.programme.models import CommunityMember
from values.programme.permissions import ProgrammeRef, holds_role, is_coordinator, roles_in


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_edit_plan(user: AnyUser, plan: ActionPlan) -> bool:
    if not _active(user):
        return False
    return holds_role(user, plan.programme_id, [Role.CITY_STAFF], organisation=plan.organisation_id)


def plan_cities(programme: ProgrammeRef) -> QuerySet[Organisation]:
    """The programme's partner cities: each has (or will have, once begun) one action plan."""
    return Organisation.objects.filter(kind="city", partnerships__programme=programme)


def reviewed_cities(user: AnyUser, programme: ProgrammeRef) -> QuerySet[Organisation]:
    """The cities whose plans the person comments on: every one for the coordinator and the experts; for who
    speaks for an organisation (a volunteer does not), its own and those of its communities of practice."""
    cities = plan_cities(programme)
    if not _active(user):
        return cities.none()
    if is_coordinator(user, programme) or holds_role(user, programme, [Role.EXPERT]):
        return cities
    speaking_for = roles_in(user, programme).exclude(role=Role.VOLUNTEER).values("organisation")
    communities = CommunityMember.objects.filter(organisation__in=speaking_for, community__programme=programme)
    neighbours = CommunityMember.objects.filter(community__in=communities.values("community"))
    return cities.filter(Q(pk__in=speaking_for) | Q(pk__in=neighbours.values("organisation")))


def readable_cities(user: AnyUser, programme: ProgrammeRef) -> QuerySet[Organisation]:
    """The cities whose plan the person reads: adopted plans (for the public, those the city published) and
    the plans whose review they take part in. One rule for a plan's page (can_read_plan) and the lists."""
    adopted = ActionPlan.objects.filter(programme=programme, status=PlanStatus.ADOPTED)
    if not _active(user):
        adopted = adopted.filter(published=True)
    reviewed = reviewed_cities(user, programme)
    return plan_cities(programme).filter(Q(pk__in=adopted.values("organisation")) | Q(pk__in=reviewed.values("pk")))


def can_comment(user: AnyUser, plan: ActionPlan) -> bool:
    return reviewed_cities(user, plan.programme_id).filter(pk=plan.organisation_id).exists()


def can_see_review(user: AnyUser, plan: ActionPlan) -> bool:
    """The comments, their threads, the drafts' history and the names of who wrote them: the people of the
    plan's review only (its city's staff, who answer the comments, and those who may comment)."""
    return can_edit_plan(user, plan) or can_comment(user, plan)


def can_read_plan(user: AnyUser, plan: ActionPlan) -> bool:
    return readable_cities(user, plan.programme_id).filter(pk=plan.organisation_id).exists()


def find_plan(programme, key: str) -> ActionPlan:
    """The city's plan; an empty unsaved one when none was begun, since reading never writes (the first
    save begins it: services.begin_plan). 404 for what is not a partner city."""
    organisation = get_object_or_404(Organisation, key=key, kind="city", partnerships__programme=programme)
    plan = ActionPlan.objects.filter(programme=programme, organisation=organisation).first()
    return plan or ActionPlan(programme=programme, organisation=organisation)


def find_section(name: str) -> str:
    """A section of a plan by its key; 404 for any other."""
    if name not in Section.values:
        raise Http404("no such section")
    return name


def find_action(plan: ActionPlan, action_id: int) -> Action:
    """An action of this plan; 404 for another plan's (or a plan not begun, which has none)."""
    return get_object_or_404(Action, pk=action_id, plan_id=plan.pk)


def find_comment(plan: ActionPlan, comment_id: int, *, thread: bool = False) -> Comment:
    """A comment on this plan (with `thread`, one that begins a thread, not a reply); 404 for another plan's."""
    comments = Comment.objects.filter(plan_id=plan.pk)
    if thread:
        comments = comments.filter(parent__isnull=True)
    return get_object_or_404(comments, pk=comment_id)


def get_plan_for_read(user: AnyUser, programme, key: str) -> ActionPlan:
    plan = find_plan(programme, key)
    if not can_read_plan(user, plan):
        raise PermissionDenied
    return plan


def get_plan_for_review(user: AnyUser, programme, key: str) -> ActionPlan:
    plan = find_plan(programme, key)
    if not can_see_review(user, plan):
        raise PermissionDenied
    return plan


def get_plan_for_edit(user: AnyUser, programme, key: str) -> ActionPlan:
    plan = find_plan(programme, key)
    if not can_edit_plan(user, plan):
        raise PermissionDenied
    return plan


def get_plan_for_comment(user: AnyUser, programme, key: str) -> ActionPlan:
    plan = find_plan(programme, key)
    if not can_comment(user, plan):
        raise PermissionDenied(
            _(
                "Only the cities of this city's community of practice, the experts and the coordinator "
                "comment on its plan."
            )
        )
    return plan
