"""Weeks of a programme and the blackout periods that block some of them."""

import calendar as _calendar
from datetime import date, timedelta

WORKING_DAYS = 5


def programme_weeks(start: date, duration_months: int) -> tuple[date, ...]:
    """The Monday of every week that starts within the programme's months."""
    months = start.month - 1 + duration_months - 1
    end_year, end_month = start.year + months // 12, months % 12 + 1
    end = date(end_year, end_month, _calendar.monthrange(end_year, end_month)[1])
    monday = start + timedelta(days=(7 - start.weekday()) % 7)
    weeks = []
    while monday + timedelta(days=WORKING_DAYS - 1) <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return tuple(weeks)


def blocked_weeks(weeks: tuple[date, ...], blackout: tuple[str, ...]) -> frozenset[int]:
    """Weeks whose working days touch a blackout period ("08", "12-24", "12-20/01-06")."""
    return frozenset(
        index
        for index, monday in enumerate(weeks)
        if any(_in_blackout(monday + timedelta(days=d), blackout) for d in range(WORKING_DAYS))
    )


def _in_blackout(day: date, blackout: tuple[str, ...]) -> bool:
    return any(_in_period(day, period) for period in blackout)


def _in_period(day: date, period: str) -> bool:
    start_text, _, end_text = period.partition("/")
    start = _month_day(start_text)
    if not end_text:
        if "-" not in start_text:
            return day.month == start[0]
        return (day.month, day.day) == start
    end = _month_day(end_text)
    today = (day.month, day.day)
    if start <= end:
        return start <= today <= end
    return today >= start or today <= end  # the period crosses the new year


def _month_day(text: str) -> tuple[int, int]:
    month, _, day = text.partition("-")
    return int(month), int(day or 1)
