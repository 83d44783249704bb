"""Event clusters: the same real event reported by several stories.

Events are blocked by (type, first actor code, first recipient code, place) and
sorted by day in the database; a block is then cut into clusters wherever two
consecutive events are more than ``window_days`` apart (single-linkage in time).
One pass, no pairwise comparisons: linear in the number of events after the sort.
The block ignores sectors, modes and aux, and the window absorbs a date one or two
days off, so the coding differences one event gets across stories do not split it.

A cluster's id is a hash of its block key and first day (``cl:`` and 16 hex
digits): a pure function of the stored content, the same in every export. Each
cluster counts its events, stories (distinct articles) and sources, like GDELT's
NumMentions, NumArticles and NumSources. :func:`assign` stores the id of every
event's cluster (default window) in the query layer's ``query_clusters`` table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from dateline.query import side
from dateline.store import schema
from dateline.store.engine import writing

WINDOW_DAYS = 3
CLUSTER_COLUMNS = (
    "cluster", "event", "actor", "recipient", "place", "country", "first_date", "last_date",
    "events", "stories", "sources", "event_ids", "article_ids",
)  # fmt: skip
_CHUNK = 5000


@dataclass(slots=True)
class Cluster:
    """One cluster being built: its block key, first and last day, members."""

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

    @property
    def id(self) -> str:
        """``cl:`` and 16 hex digits of the block key and first day."""
        text = "|".join("" if k is None else str(k) for k in (*self.key, self.first.isoformat()))
        return "cl:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _block_key(row: Mapping[Any, Any]) -> tuple[Any, ...]:
    place = row["geonameid"] if row["geonameid"] is not None else row["country"]
    return (row["event"], row["actor"], row["recipient"], place)


def cluster_rows(rows: Iterable[Mapping[Any, Any]], window_days: int) -> Iterator[Cluster]:
    """Clusters from rows sorted by block key and day (see :func:`cluster_select`)."""
    current: Cluster | None = None
    for row in rows:
        day, key = _day(row["day"]), _block_key(row)
        if current is None or key != current.key or (day - current.last).days > window_days:
            if current is not None:
                yield current
            current = Cluster(key, day, day, row["place"], row["country"])
        current.add(row, day)
    if current is not None:
        yield current


def cluster_record(c: Cluster) -> dict[str, Any]:
    """One row of :data:`CLUSTER_COLUMNS`."""
    event, actor, recipient, _ = c.key
    return {
        "cluster": c.id, "event": event, "actor": actor, "recipient": recipient,
        "place": c.place, "country": c.country, "first_date": c.first.isoformat(),
        "last_date": c.last.isoformat(), "events": len(c.event_ids),
        "stories": len(c.articles), "sources": len(c.sources),
        "event_ids": c.event_ids, "article_ids": sorted(c.articles),
    }  # fmt: skip


def cluster_select(where: list[Any]) -> sa.Select[Any]:
    """Events to cluster, sorted by block key and day: the day is the event date when
    known to the day, else the story date; events with neither are never clustered."""
    ev, art, f = schema.events, schema.articles, side.event_facts
    precise = sa.case((ev.c.date_precision == "day", ev.c.date_lo), else_=None)
    day = sa.func.coalesce(precise, art.c.published)
    return (
        sa.select(ev.c.id.label("event_id"), ev.c.article_id, art.c.source, ev.c.event,
                  ev.c.actor_code.label("actor"), ev.c.recipient_code.label("recipient"),
                  f.c.geonameid, f.c.country, f.c.place, day.label("day"))
        .select_from(ev.join(art, art.c.id == ev.c.article_id)
                     .outerjoin(f, f.c.event_id == ev.c.id))
        .where(*where, day.is_not(None))
        .order_by(ev.c.event, ev.c.actor_code, ev.c.recipient_code, f.c.geonameid, f.c.country,
                  day, ev.c.id)
    )  # fmt: skip


def assign(engine: sa.Engine) -> int:
    """Rebuild ``query_clusters`` (every event's cluster id) unless it is fresh;
    returns how many events were assigned (0 when nothing had changed)."""
    with engine.connect() as conn:
        seen = side.state_of(conn, side.CLUSTERS_FRESH)
        if seen == "fresh":
            return 0
        rows = conn.execution_options(yield_per=_CHUNK).execute(cluster_select([])).mappings()
        pairs = [{"event_id": e, "cluster": c.id}
                 for c in cluster_rows(rows, WINDOW_DAYS) for e in c.event_ids]  # fmt: skip
    with writing(engine) as conn:
        conn.execute(sa.delete(side.clusters))
        for start in range(0, len(pairs), _CHUNK):
            conn.execute(sa.insert(side.clusters), pairs[start : start + _CHUNK])
        if side.state_of(conn, side.CLUSTERS_FRESH) == seen:  # no article indexed meanwhile
            side.mark(conn, side.CLUSTERS_FRESH, fresh=True)
    return len(pairs)
