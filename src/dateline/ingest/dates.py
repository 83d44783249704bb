"""Story dates from metadata strings: ISO 8601, RFC 2822 and "July 26, 2021" forms.

Only full dates are returned; anything partial or impossible gives ``None``, never an
error, because a bad date must not stop a story from being read.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
MONTH_PATTERN = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

_MONTH_FIRST = re.compile(
    rf"^(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$",
    re.IGNORECASE,
)
_DAY_FIRST = re.compile(
    rf"^(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_PATTERN}),?\s+(?P<year>\d{{4}})$", re.IGNORECASE
)


def make_date(year: int | str, month: int | str, day: int | str) -> date | None:
    """A date from parts, or ``None`` when the parts name no real day."""
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def month_number(name: str) -> int | None:
    """1-12 for an English month name or abbreviation ("Jan.", "Sept"), else ``None``."""
    return MONTHS.get(name.strip().rstrip(".").lower())


def _from_iso(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _from_rfc2822(value: str) -> date | None:
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _from_words(value: str) -> date | None:
    match = _MONTH_FIRST.match(value) or _DAY_FIRST.match(value)
    if not match:
        return None
    month = month_number(match.group("month"))
    return make_date(match.group("year"), month, match.group("day")) if month else None


def parse_date(value: object) -> date | None:
    """The day a metadata value names, or ``None`` when it names no full, valid date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = " ".join(value.split())
    return _from_iso(text) or _from_words(text) or _from_rfc2822(text)
