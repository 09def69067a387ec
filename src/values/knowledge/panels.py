"""The benchmark part of a partner's page, added to its `partner` slot (core.panels): knowledge sits
above programme, which never imports it."""

from values.knowledge.charts import score_chart
from values.knowledge.queries import city_scores
from values.programme.permissions import can_change_organisation


def city_benchmarks(context, organisation, programme) -> dict:
    themes = city_scores(organisation, programme)
    charts = [
        (scores, score_chart([(row.standard.key, row.first, row.latest) for row in scores.rows])) for scores in themes
    ]
    return {
        "organisation": organisation,
        "charts": charts,
        "any_standard": bool(themes),
        "can_assess": can_change_organisation(context["user"], organisation, programme) and organisation.is_city,
    }
