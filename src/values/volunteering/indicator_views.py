from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.core.text import pick
from values.programme.models import Theme
from values.volunteering.indicators import programme_indicators

HEADINGS = {
    "city": gettext_lazy("Per city"), "theme": gettext_lazy("Per theme"),
    "month": gettext_lazy("Per month (retention: of the volunteers engaged that month)"),
    "channel": gettext_lazy("Per campaign channel"),
}  # fmt: skip


def volunteer_indicators(request: HttpRequest) -> HttpResponse:
    """The programme's volunteering in figures, counted from what was recorded: public, with no person in it."""
    programme = request.programme
    indicators = programme_indicators(programme)
    themes = {theme.key: f"{theme.key}. {pick(theme.title)}" for theme in Theme.objects.filter(programme=programme)}
    labels = {"theme": themes, "channel": {"": _("No campaign link")}}
    tables = [
        (grouping, HEADINGS[grouping], [(labels.get(grouping, {}).get(label, label), figures)
                                        for label, figures in groups.items()])
        for grouping, groups in indicators.groups.items()
    ]  # fmt: skip
    context = {"programme": programme, "total": indicators.total, "tables": tables}
    return render(request, "volunteering/indicators.html", context)
