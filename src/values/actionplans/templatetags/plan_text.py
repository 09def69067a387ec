"""`{{ text|plan_markdown }}`: a plan section's Markdown as safe HTML, on the page and in the PDF alike."""

from django import template
from django.utils.safestring import mark_safe

from values.core.markdown import render_markdown

register = template.Library()


@register.filter
def plan_markdown(text: str) -> str:
    # render_markdown drops raw HTML and keeps only harmless tags, so its output may be marked safe.
    return mark_safe(render_markdown(text))  # noqa: S308
