"""The dashboard's figures as a CSV: one row per indicator and quarter, every text through `to_csv_row`."""

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from values.core.spreadsheets import to_csv_row
from values.monitoring.queries import Indicator, Monitoring

HUNDRED = Decimal(100)


def monitoring_csv(monitoring: Monitoring) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(to_csv_row([_("Indicator"), _("Quarter"), _("Expected"), _("Actual"), _("Target"), _("Flag")]))
    for indicator in [*monitoring.indicators, *monitoring.spending]:
        for point in indicator.points:
            writer.writerow(to_csv_row([
                indicator.name, point.quarter.label, _cell(indicator, point.expected), _cell(indicator, point.actual),
                _cell(indicator, indicator.target), point.state,
            ]))  # fmt: skip
    return stream.getvalue()


def _cell(indicator: Indicator, value):
    """A count as it is; a rate in per cent with one decimal (0.1250 → 12.5); nothing as an empty cell."""
    if value is None:
        return ""
    if indicator.is_rate:
        return (Decimal(value) * HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return value
