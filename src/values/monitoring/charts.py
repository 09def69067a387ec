"""The dashboard's charts: server-drawn SVG bars (publishing's bar charts), each with its alt text; the page shows
the same figures as a table beside each."""

from decimal import Decimal

from django.utils.translation import gettext as _

from values.core.templatetags.values_tags import percent
from values.monitoring.queries import Indicator, Monitoring
from values.publishing.charts import bar_chart
from values.publishing.infographics import Chart, svg_chart


def share_chart(monitoring: Monitoring) -> Chart | None:
    """Each indicator with a target: the share of it done today."""
    shown = [indicator for indicator in monitoring.indicators if indicator.share is not None]
    if not shown:
        return None
    labels = [indicator.name for indicator in shown]
    shares = [indicator.share or Decimal(0) for indicator in shown]
    title = _("Share of each target done")
    alt = "; ".join(f"{label}: {percent(share)}" for label, share in zip(labels, shares, strict=True))
    return svg_chart("shares", title, f"{title}. {alt}.", bar_chart(labels, [(_("Done"), shares)], fmt=percent))


def quarter_chart(indicator: Indicator, number: int) -> Chart:
    """One indicator per quarter: expected and done by each quarter's end (quarters not begun: nothing done)."""
    labels = [point.quarter.label for point in indicator.points]
    fmt = percent if indicator.is_rate else str
    expected = [point.expected or 0 for point in indicator.points]
    actual = [point.actual or 0 for point in indicator.points]
    title = _("%(indicator)s per quarter") % {"indicator": indicator.name}
    alt = "; ".join(
        _("%(quarter)s: %(actual)s done, %(expected)s expected")
        % {"quarter": point.quarter.label, "actual": "—" if point.actual is None else fmt(point.actual),
           "expected": "—" if point.expected is None else fmt(point.expected)}
        for point in indicator.points
    )  # fmt: skip
    series = [(_("Expected"), expected), (_("Done"), actual)]
    return svg_chart(f"chart-{number}", title, f"{title}. {alt}.", bar_chart(labels, series, fmt=fmt))
