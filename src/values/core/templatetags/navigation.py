"""`{% main_navigation as groups %}`: the header's groups of links for this request (core.navigation)."""

from django import template

from values.core.navigation import ShownGroup, navigation_for

register = template.Library()


@register.simple_tag(takes_context=True)
def main_navigation(context) -> list[ShownGroup]:
    request = context.get("request")
    return navigation_for(request) if request is not None else []
