"""Date arithmetic in TimeML's ISO-based notation."""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta

# Granularity of a value -> the precision word used on TimeRef.
GRANULARITIES = ("day", "week", "month", "quarter", "year", "decade", "century")


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, unit: str, amount: int) -> date:
    """``day`` moved by ``amount`` units (day, week, month, quarter, year, decade...)."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=amount)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}
    return add_months(day, amount * months.get(unit, 0))


def render(day: date, granularity: str) -> str:
    """The TimeML value of the period of ``granularity`` containing ``day``."""
    if granularity == "day":
        return day.isoformat()
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if granularity == "weekend":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}-WE"
    if granularity == "month":
        return f"{day.year}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "decade":
        return str(day.year // 10)
    if granularity == "century":
        return str(day.year // 100)
    return str(day.year)


def weekday_date(base: date, weekday: int, direction: str) -> date:
    """The ``weekday`` (1=Monday) nearest ``base`` in ``direction`` (past, future, nearest).

    The base day itself counts in every direction: ``Monday`` in a Monday story is
    that Monday whatever the tense.
    """
    back = (base.isoweekday() - weekday) % 7
    ahead = (weekday - base.isoweekday()) % 7
    if direction == "past" or (direction == "nearest" and back <= ahead):
        return base - timedelta(days=back)
    return base + timedelta(days=ahead)


def month_year(base: date, month: int, direction: str) -> int:
    """The year of the ``month`` nearest ``base`` in ``direction`` (past, future, nearest)."""
    if month == base.month:
        return base.year
    if direction == "past":
        return base.year if month < base.month else base.year - 1
    if direction == "future":
        return base.year if month > base.month else base.year + 1
    if abs(month - base.month) <= 6:
        return base.year
    return base.year - 1 if month > base.month else base.year + 1


def month_day_year(base: date, month: int, day: int, direction: str) -> int:
    """The year of ``month``/``day`` nearest ``base`` in ``direction``.

    ``mostly_past`` takes the past occurrence unless the next one is at most 45 days
    ahead (a past-tense report of a coming date: ``said it will pay on Nov. 10``).
    ``future`` never reaches a year ahead for a day of the past fortnight.
    """
    days = [d for d in (safe_date(base.year + k, month, day) for k in (-1, 0, 1)) if d]
    if not days:
        return base.year
    past = max((d for d in days if d <= base), default=days[0])
    future = min((d for d in days if d >= base), default=days[-1])
    if direction == "past":
        return past.year
    if direction == "future":
        if (future - base).days > 300 and (base - past).days <= 14:
            return past.year  # "on April 5" in an April 6 story: a year ahead is no reading
        return future.year
    if direction == "mostly_past":
        return future.year if (future - base).days <= 45 else past.year
    return min((past, future), key=lambda d: abs((d - base).days)).year


def safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the parts do not make one."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def end_of(day: date, granularity: str) -> date:
    """The last day of the period of ``granularity`` containing ``day``."""
    if granularity == "year":
        return date(day.year, 12, 31)
    if granularity == "month":
        return date(day.year, day.month, _calendar.monthrange(day.year, day.month)[1])
    if granularity == "quarter":
        last_month = ((day.month - 1) // 3 + 1) * 3
        return date(day.year, last_month, _calendar.monthrange(day.year, last_month)[1])
    if granularity == "week":
        return day + timedelta(days=7 - day.isoweekday())
    return day
