"""The benchmark part of a partner's page: knowledge sits above programme, so the page asks for
it by template tag instead of the programme app importing knowledge."""

from django import template

from values.knowledge.charts import score_chart
from values.knowledge.queries import city_scores
from values.network.permissions import can_change_organisation

register = template.Library()


@register.inclusion_tag("knowledge/_city_benchmarks.html", takes_context=True)
def city_benchmarks(context, organisation, programme) -> dict:
    themes = city_scores(organisation, programme)
    charts = [
        (scores, score_chart([(row.standard.key, row.first, row.latest) for row in scores.rows])) for scores in themes
    ]
    return {
        "organisation": organisation,
        "charts": charts,
        "any_standard": bool(themes),
        "can_assess": can_change_organisation(context["user"], organisation) and organisation.is_city,
    }
