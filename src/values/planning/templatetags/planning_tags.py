"""Template filters of the planning pages."""

from django import template

from values.planning.explanations import explain as explain_value

register = template.Library()


@register.filter
def explain(value: object) -> str:
    """The planner's explanation (or a list of them) in the reader's language."""
    return explain_value(value)
