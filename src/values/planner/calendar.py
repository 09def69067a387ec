"""Weeks of a programme, the preparation months that open it and the blackout periods that block some weeks."""

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


def opening_day(weeks: tuple[date, ...], preparation_months: int) -> date | None:
    """The first day of month N + 1 after N preparation months; month 1 is the month of the first week.

    A programme starts on the first day of a month, so its first Monday falls in that month. None
    without weeks.
    """
    if not weeks:
        return None
    months = weeks[0].month - 1 + preparation_months
    return date(weeks[0].year + months // 12, months % 12 + 1, 1)


def opening_week(weeks: tuple[date, ...], preparation_months: int) -> int:
    """The first week that starts on or after the first day of month N + 1; the weeks before it are the
    preparation months, closed to every activity (len(weeks) when none is left)."""
    opening = opening_day(weeks, preparation_months)
    if opening is None or preparation_months <= 0:
        return 0
    return next((index for index, monday in enumerate(weeks) if monday >= opening), len(weeks))


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
