"""Reading TimeML values back: precision and the calendar date they start on."""

from __future__ import annotations

import re
from datetime import date

from dateline.extract.timex.calendar import safe_date

_PRECISIONS = (
    (re.compile(r"\d{4}-\d\d-\d\dT"), "time"),
    (re.compile(r"\d{4}-\d\d-\d\d$"), "day"),
    (re.compile(r"\d{4}-W\d\d"), "week"),
    (re.compile(r"\d{4}-\d\d$"), "month"),
    (re.compile(r"\d{4}-Q\d$"), "quarter"),
    (re.compile(r"\d{4}-H\d$"), "half"),
    (re.compile(r"\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"\d{4}$"), "year"),
    (re.compile(r"\d{3}$"), "decade"),
    (re.compile(r"\d{2}$"), "century"),
)
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def precision_of(value: str | None) -> str:
    """The precision word of a TimeML value: day, week, month, year, decade, ..."""
    if not value:
        return "unknown"
    for pattern, name in _PRECISIONS:
        if pattern.match(value):
            return name
    return "unknown"


def start_of(value: str | None) -> date | None:
    """The first calendar day a DATE/TIME value covers, or None (also when that day
    is outside the calendar ``datetime`` knows, such as year 0)."""
    try:
        return _first_day(value)
    except ValueError:
        return None


def _first_day(value: str | None) -> date | None:
    kind = precision_of(value)
    if value is None or kind in ("unknown", "decade", "century"):
        return None
    year = int(value[:4])
    if kind in ("day", "time"):
        return safe_date(year, int(value[5:7]), int(value[8:10]))
    if kind == "week":
        return date.fromisocalendar(year, int(value[6:8]), 1)
    if kind == "month":
        return safe_date(year, int(value[5:7]), 1)
    if kind == "quarter":
        return date(year, (int(value[6]) - 1) * 3 + 1, 1)
    if kind == "half":
        return date(year, 1 if value[6] == "1" else 7, 1)
    if kind == "season":
        return date(year, _SEASON_MONTH[value[5:7]], 1)
    return date(year, 1, 1)
