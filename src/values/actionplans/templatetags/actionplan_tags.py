"""A city's overdue actions on its partner page: action plans sit above programme, so the page
asks for them by template tag instead of the programme app importing action plans."""

from django import template
from django.utils import timezone

from values.actionplans.models import ActionPlan
from values.actionplans.permissions import can_read_plan
from values.actionplans.queries import overdue_actions

register = template.Library()


@register.inclusion_tag("actionplans/_overdue.html", takes_context=True)
def city_overdue_actions(context, organisation, programme) -> dict:
    """Only to those who may read the plan: a draft's actions are its city's and its reviewers'."""
    plan = ActionPlan.objects.filter(programme=programme, organisation=organisation).first()
    if plan is None or not can_read_plan(context["request"].user, plan):
        return {"organisation": organisation, "actions": []}
    actions = list(overdue_actions(organisation, programme, timezone.localdate()).order_by("end"))
    return {"organisation": organisation, "actions": actions}
