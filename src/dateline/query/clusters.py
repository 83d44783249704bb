"""Event clusters: the same real event reported by several stories.

Events are read sorted by type and day. Within a type they are blocked by the set of
their actor codes (so ``USA;IRQ`` and ``IRQ;USA`` meet, and a repeated code does not
matter); a block keeps its open clusters, and an event joins the first one whose last
report is at most ``window_days`` before it and whose coding is compatible: recipient
codes that overlap or are missing on one side, and the same location country or none
on one side. Otherwise it opens a cluster. Sectors, modes, aux and the exact place are
not compared, and the window absorbs a date a day or two off, so the differences one
real event gets across stories do not split it; an event without actor codes is
never merged. One pass, linear in the number of events after the sort (only the
clusters of the last ``window_days`` are open).

A cluster's id is ``cl:`` and 16 hex digits of a hash of its first event's id: a pure
function of the stored content, the same in every export. Each cluster counts its
events, stories and sources, like GDELT's NumMentions, NumArticles and NumSources:
a stored article counts once per copy of it (``article_sources``: the same story under
other sources, stored once), and the sources are those of every copy. :func:`assign`
stores the id of every event's cluster (default window) in the query layer's
``query_clusters`` table. Accuracy on story
pairs: ``benchmarks/cluster_accuracy.py`` and ``docs/exports.md``.
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
from dateline.store.engine import is_locked, writing

WINDOW_DAYS = 3
CLUSTER_COLUMNS = (
    "cluster", "event", "actor", "recipient", "place", "country", "first_date", "last_date",
    "events", "stories", "sources", "event_ids", "article_ids",
)  # fmt: skip
_CHUNK = 5000
SOURCE_SEPARATOR = "\n"  # between the sources of an article's copies


def codes(joined: str | None) -> frozenset[str]:
    """The set of codes of a ``,``-joined list (empty entries dropped)."""
    return frozenset(c for c in (joined or "").split(",") if c)


@dataclass(slots=True)
class Cluster:
    """One cluster being built: its type, actors, recipients, place, days, members."""

    event: str
    actors: frozenset[str]
    recipients: frozenset[str]
    country: str | None
    place: str | None
    first: date
    last: date
    event_ids: list[str] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    copies: dict[str, int] = field(default_factory=dict)  # per article, its copies

    @classmethod
    def start(cls, row: Mapping[Any, Any], day: date) -> Cluster:
        return cls(row["event"], codes(row["actors"]), codes(row["recipients"]),
                   row["country"], row["place"], day, day)  # fmt: skip

    def accepts(self, row: Mapping[Any, Any], day: date, window_days: int) -> bool:
        """Whether ``row`` (of the same type and actors) reports this cluster's event."""
        if (day - self.last).days > window_days:
            return False
        theirs = codes(row["recipients"])
        if self.recipients and theirs and not self.recipients & theirs:
            return False
        return not (self.country and row["country"] and self.country != row["country"])

    def add(self, row: Mapping[Any, Any], day: date) -> None:
        self.last = max(self.last, day)
        self.recipients = self.recipients or codes(row["recipients"])
        self.country = self.country or row["country"]
        self.place = self.place or row["place"]
        self.event_ids.append(row["event_id"])
        self.articles.add(row["article_id"])
        self.copies[row["article_id"]] = int(row["copies"] or 1)
        self.sources.update(s for s in (row["sources"] or "").split(SOURCE_SEPARATOR) if s)

    @property
    def stories(self) -> int:
        """The copies of its articles (GDELT's NumArticles)."""
        return sum(self.copies.values())

    @property
    def id(self) -> str:
        """``cl:`` and 16 hex digits of the first event's id."""
        return "cl:" + hashlib.sha256(self.event_ids[0].encode("utf-8")).hexdigest()[:16]


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def cluster_rows(rows: Iterable[Mapping[Any, Any]], window_days: int) -> Iterator[Cluster]:
    """Clusters from rows sorted by type and day (see :func:`cluster_select`)."""
    blocks: dict[frozenset[str], list[Cluster]] = {}
    kind = None
    for row in rows:
        day = _day(row["day"])
        if row["event"] != kind:
            yield from (c for block in blocks.values() for c in block)
            blocks, kind = {}, row["event"]
        actors = codes(row["actors"])
        if not actors:
            yield _single(row, day)
            continue
        open_ = [c for c in blocks.get(actors, []) if (day - c.last).days <= window_days]
        yield from (c for c in blocks.get(actors, []) if (day - c.last).days > window_days)
        found = next((c for c in open_ if c.accepts(row, day, window_days)), None)
        if found is None:
            found = Cluster.start(row, day)
            open_.append(found)
        found.add(row, day)
        blocks[actors] = open_
    yield from (c for block in blocks.values() for c in block)


def _single(row: Mapping[Any, Any], day: date) -> Cluster:
    alone = Cluster.start(row, day)
    alone.add(row, day)
    return alone


def cluster_record(c: Cluster) -> dict[str, Any]:
    """One row of :data:`CLUSTER_COLUMNS`."""
    return {
        "cluster": c.id, "event": c.event, "actor": ";".join(sorted(c.actors)) or None,
        "recipient": ";".join(sorted(c.recipients)) or None, "place": c.place,
        "country": c.country, "first_date": c.first.isoformat(),
        "last_date": c.last.isoformat(), "events": len(c.event_ids),
        "stories": c.stories, "sources": len(c.sources),
        "event_ids": c.event_ids, "article_ids": sorted(c.articles),
    }  # fmt: skip


def _codes_of(role: str) -> Any:
    """The event's codes in one role, ``,``-joined (through the parties' event lookup)."""
    p = side.parties.alias(f"c_{role}")
    ev = schema.events
    return (
        sa.select(sa.func.aggregate_strings(p.c.code, ","))
        .where(p.c.article_id == ev.c.article_id, p.c.event_id == ev.c.id, p.c.role == role)
        .scalar_subquery()
    )


def _copies_of() -> tuple[Any, Any]:
    """The event's article's copies, counted, and their sources joined."""
    cp, ev = schema.article_sources, schema.events
    mine = cp.c.article_id == ev.c.article_id
    count = sa.select(sa.func.count()).where(mine).scalar_subquery()
    names = sa.select(sa.func.aggregate_strings(cp.c.source, SOURCE_SEPARATOR)).where(mine)
    return count, names.scalar_subquery()


def cluster_select(where: list[Any]) -> sa.Select[Any]:
    """Events to cluster, sorted by type and day: the day is the event date when known
    to the day, else the story date; events with neither are never clustered."""
    ev, art, f = schema.events, schema.articles, side.event_facts
    precise = sa.case((ev.c.date_precision == "day", ev.c.date_lo), else_=None)
    day = sa.func.coalesce(precise, art.c.published)
    copies, sources = _copies_of()
    return (
        sa.select(ev.c.id.label("event_id"), ev.c.article_id, art.c.source, ev.c.event,
                  _codes_of("actor").label("actors"), _codes_of("recipient").label("recipients"),
                  f.c.country, f.c.place, day.label("day"), copies.label("copies"),
                  sources.label("sources"))
        .select_from(ev.join(art, art.c.id == ev.c.article_id)
                     .outerjoin(f, f.c.event_id == ev.c.id))
        .where(*where, day.is_not(None))
        .order_by(ev.c.event, day, ev.c.id)
    )  # fmt: skip


def assign(engine: sa.Engine) -> int:
    """Rebuild ``query_clusters`` (every event's cluster id) unless it is fresh;
    returns how many events were assigned (0 when nothing had changed, or when a writer
    holds the lock for longer than ``side.REFRESH_WAIT_MS``: readers never wait)."""
    with engine.connect() as conn:
        seen = side.state_of(conn, side.CLUSTERS_FRESH)
        if seen == "fresh":
            return 0
        rows = conn.execution_options(yield_per=_CHUNK).execute(cluster_select([])).mappings()
        pairs = [{"event_id": e, "cluster": c.id}
                 for c in cluster_rows(rows, WINDOW_DAYS) for e in c.event_ids]  # fmt: skip
    try:
        with writing(engine, side.REFRESH_WAIT_MS) as conn:
            conn.execute(sa.delete(side.clusters))
            for start in range(0, len(pairs), _CHUNK):
                conn.execute(sa.insert(side.clusters), pairs[start : start + _CHUNK])
            if side.state_of(conn, side.CLUSTERS_FRESH) == seen:  # nothing indexed meanwhile
                side.mark(conn, side.CLUSTERS_FRESH, fresh=True)
    except sa.exc.OperationalError as exc:
        if not is_locked(exc):
            raise
        return 0  # an ingest holds the write lock: readers keep the last cluster ids
    return len(pairs)
