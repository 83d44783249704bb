"""Time buckets (day, week, month, year) as SQL expressions, per dialect."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from dateline.query.filters import QueryError
from dateline.store import schema

INTERVALS = ("day", "week", "month", "year")

#: Event-date precisions fine enough to place an event in a bucket of each interval:
#: an event dated only "2011" is never counted in January 2011.
PRECISIONS: dict[str, tuple[str, ...]] = {
    "day": ("day",),
    "week": ("day",),
    "month": ("day", "month"),
    "year": ("day", "month", "year"),
}


def check_interval(interval: str) -> None:
    """Raise :class:`QueryError` for an interval that is not one of :data:`INTERVALS`."""
    if interval not in INTERVALS:
        raise QueryError(f"interval: expected one of {list(INTERVALS)}, got {interval!r}")


def date_column(basis: str) -> Any:
    """The date a series is keyed on: the event's first day, or the story date."""
    return schema.articles.c.published if basis == "story" else schema.events.c.date_lo


def bucket(column: Any, interval: str, dialect: str) -> Any:
    """The first day of the bucket holding ``column``, as ``YYYY-MM-DD`` text."""
    check_interval(interval)
    if dialect != "sqlite":
        return sa.func.to_char(sa.func.date_trunc(interval, column), "YYYY-MM-DD")
    if interval == "day":
        return sa.func.date(column)
    if interval == "month":
        return sa.func.strftime("%Y-%m-01", column)
    if interval == "year":
        return sa.func.strftime("%Y-01-01", column)
    back = (sa.cast(sa.func.strftime("%w", column), sa.Integer) + 6) % 7  # days since Monday
    return sa.func.date(column, sa.func.printf("-%d days", back))


def precision_clause(basis: str, interval: str) -> list[sa.ColumnElement[bool]]:
    """Keep only events dated precisely enough for the interval (event basis only)."""
    if basis == "story":
        return [schema.articles.c.published.is_not(None)]
    return [
        schema.events.c.date_precision.in_(PRECISIONS[interval]),
        schema.events.c.date_lo.is_not(None),
    ]
