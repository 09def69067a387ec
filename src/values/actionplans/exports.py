"""An action plan as a PDF: cover, sections, actions table and indicators (WeasyPrint)."""

from django.template.loader import render_to_string
from django.utils import timezone

from values.actionplans.models import ActionPlan
from values.actionplans.queries import actions_of
from values.core.pdf import html_to_pdf


def plan_as_pdf(plan: ActionPlan, *, sections: list[tuple[str, str]]) -> bytes:
    today = timezone.localdate()
    actions = actions_of(plan, today)
    html = render_to_string(
        "actionplans/plan_pdf.html", {"plan": plan, "sections": sections, "actions": actions, "today": today}
    )
    return html_to_pdf(html)
