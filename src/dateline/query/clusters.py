"""Event clusters: the same real event reported by several stories.

Events are blocked by (type, actor, recipient, place) and sorted by date in the
database; a block is then cut into clusters wherever two consecutive events are
more than ``window_days`` apart (single-linkage in time). One pass, no pairwise
comparisons: linear in the number of events after the sort. Each cluster counts
its events, its stories (distinct articles) and its sources, like GDELT's
NumArticles and NumSources.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

CLUSTER_COLUMNS = (
    "cluster", "event", "actor", "recipient", "place", "country", "first_date", "last_date",
    "events", "stories", "sources", "event_ids", "article_ids",
)  # fmt: skip


@dataclass(slots=True)
class _Cluster:
    key: tuple[Any, ...]
    first: date
    last: date
    place: str | None
    country: str | None
    event_ids: list[str] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)

    def add(self, row: Mapping[Any, Any], day: date) -> None:
        self.last = max(self.last, day)
        self.event_ids.append(row["event_id"])
        self.articles.add(row["article_id"])
        if row["source"]:
            self.sources.add(row["source"])


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _block_key(row: Mapping[Any, Any]) -> tuple[Any, ...]:
    place = row["geonameid"] if row["geonameid"] is not None else row["country"]
    return (row["event"], row["actor"], row["recipient"], place)


def cluster_rows(rows: Iterable[Mapping[Any, Any]], window_days: int) -> Iterator[_Cluster]:
    """Clusters from rows sorted by block key and day (see :mod:`.database`)."""
    current: _Cluster | None = None
    for row in rows:
        day, key = _day(row["day"]), _block_key(row)
        if current is None or key != current.key or (day - current.last).days > window_days:
            if current is not None:
                yield current
            current = _Cluster(key, day, day, row["place"], row["country"])
        current.add(row, day)
    if current is not None:
        yield current


def cluster_record(number: int, c: _Cluster) -> dict[str, Any]:
    """One row of :data:`CLUSTER_COLUMNS`."""
    event, actor, recipient, _ = c.key
    return {
        "cluster": number, "event": event, "actor": actor, "recipient": recipient,
        "place": c.place, "country": c.country, "first_date": c.first.isoformat(),
        "last_date": c.last.isoformat(), "events": len(c.event_ids),
        "stories": len(c.articles), "sources": len(c.sources),
        "event_ids": c.event_ids, "article_ids": sorted(c.articles),
    }  # fmt: skip
