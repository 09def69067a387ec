"""Who may read, edit and comment on an action plan: the only place that decides it.

The city's staff edit their plan; the cities of its community of practice, experts and the
coordinator comment; these people of the plan's review read its comments and who wrote what.
Everyone signed in reads adopted plans, the public reads adopted plans that the city has
published: their text and actions, never the review.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from values.actionplans.enums import PlanStatus
from values.actionplans.models import ActionPlan
from values.network.enums import Role
from values.network.models import Organisation
from values.network.permissions import AnyUser
from values.programme.models import CommunityMember
from values.programme.permissions import holds_role, is_coordinator, roles_in


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_edit_plan(user: AnyUser, plan: ActionPlan) -> bool:
    if not _active(user):
        return False
    return holds_role(user, plan.programme_id, [Role.CITY_STAFF], organisation=plan.organisation_id)


def community_cities(plan: ActionPlan):
    """The cities of the plan's city's community of practice (its own included)."""
    communities = CommunityMember.objects.filter(
        organisation=plan.organisation_id, community__programme=plan.programme_id
    ).values("community")
    return Organisation.objects.filter(community_memberships__community__in=communities)


def can_comment(user: AnyUser, plan: ActionPlan) -> bool:
    if not _active(user):
        return False
    if is_coordinator(user, plan.programme_id) or holds_role(user, plan.programme_id, [Role.EXPERT]):
        return True
    speaking_for = roles_in(user, plan.programme_id).exclude(role=Role.VOLUNTEER)
    if speaking_for.filter(organisation=plan.organisation_id).exists():
        return True
    return speaking_for.filter(organisation__in=community_cities(plan)).exists()


def can_see_review(user: AnyUser, plan: ActionPlan) -> bool:
    """The comments, their threads, the drafts' history and the names of who wrote them: the people of the
    plan's review only (its city's staff, who answer the comments, and those who may comment)."""
    return can_edit_plan(user, plan) or can_comment(user, plan)


def can_read_plan(user: AnyUser, plan: ActionPlan) -> bool:
    if plan.status == PlanStatus.ADOPTED and (plan.published or _active(user)):
        return True
    return can_see_review(user, plan)


def find_plan(programme, key: str) -> ActionPlan:
    """The city's plan; an empty unsaved one when none was begun, since reading never writes (the first
    save begins it: services.begin_plan). 404 for what is not a partner city."""
    organisation = get_object_or_404(Organisation, key=key, kind="city", partnerships__programme=programme)
    plan = ActionPlan.objects.filter(programme=programme, organisation=organisation).first()
    return plan or ActionPlan(programme=programme, organisation=organisation)


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
