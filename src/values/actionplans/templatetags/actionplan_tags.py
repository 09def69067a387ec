"""A city's overdue actions on its partner page: action plans sit above programme, so the page
asks for them by template tag instead of the programme app importing action plans."""

from django import template
from django.utils import timezone

from values.actionplans.queries import overdue_actions

register = template.Library()


@register.inclusion_tag("actionplans/_overdue.html")
def city_overdue_actions(organisation, programme) -> dict:
    actions = list(overdue_actions(organisation, programme, timezone.localdate()).order_by("end"))
    return {"organisation": organisation, "actions": actions}
