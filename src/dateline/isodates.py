"""Partial ISO dates (``2011``, ``2011-05``, ``2011-05-17``): the one parser that the
extractors, the store and the query layer share.

A value may carry more after its date (``2018-04-05TAF``, ``2018-04-05T18:45``); the
leading date decides. Anything else, or an impossible day, has no bounds.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|T)")


def date_bounds(value: str | None) -> tuple[date | None, date | None]:
    """First and last day of a partial ISO date ("2011" -> Jan 1, Dec 31)."""
    match = PARTIAL_DATE.match(value or "")
    if not match:
        return None, None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if day is not None and month is not None:
            return date(year, month, day), date(year, month, day)
        if month is not None:
            last = date(year, 12, 31) if month == 12 else (
                date(year, month + 1, 1) - timedelta(days=1))
            return date(year, month, 1), last
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None, None


def period_end(value: str | None) -> date | None:
    """The last day a partial ISO date covers."""
    return date_bounds(value)[1]
