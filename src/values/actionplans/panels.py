"""A city's overdue actions on its partner page, added to its `partner` slot (core.panels): action
plans sit above programme, which never imports them."""

from django.utils import timezone

from values.actionplans.models import ActionPlan
from values.actionplans.permissions import can_read_plan
from values.actionplans.queries import overdue_actions


def city_overdue_actions(context, organisation, programme) -> dict | None:
    """Only to those who may read the plan: a draft's actions are its city's and its reviewers'."""
    if not organisation.is_city:
        return None
    plan = ActionPlan.objects.filter(programme=programme, organisation=organisation).first()
    if plan is None or not can_read_plan(context["request"].user, plan):
        return {"organisation": organisation, "actions": []}
    actions = list(overdue_actions(organisation, programme, timezone.localdate()).order_by("end"))
    return {"organisation": organisation, "actions": actions}
