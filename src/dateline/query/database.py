"""The query layer: :func:`open_db` gives a :class:`Database` of pandas results.

    with open_db("sqlite:///dateline.db") as db:
        page = db.events(dyad=("USA", "IRQ"), quad=4, limit=50)
        monthly = db.series(dyad=("USA", "IRQ"), interval="month")

Filters are the fields of :class:`EventQuery`, given as an ``EventQuery`` or as
keyword arguments (or both; keywords win). Everything is parameterised
SQLAlchemy Core over the store's tables plus this layer's side tables.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any

import pandas as pd
import sqlalchemy as sa

from dateline.model import Extraction
from dateline.query import buckets, side
from dateline.query.clusters import CLUSTER_COLUMNS, cluster_record, cluster_rows
from dateline.query.filters import EventQuery, QueryError, clauses
from dateline.store import EVENT_COLUMNS, Store, schema
from dateline.store.queries import flat_event

#: Columns of :meth:`Database.events`: the store's flat event row plus the event location.
COLUMNS: tuple[str, ...] = (*EVENT_COLUMNS, "place", "place_country", "lat", "lon")
SORTS = ("story_date", "-story_date", "date", "-date")
ROLES = ("any", "actor", "recipient")


def open_db(url: str) -> Database:
    """Open the database at a URL or SQLite path for querying (creates side tables)."""
    store = Store.open(url)
    try:
        return Database(store, owns_store=True)
    except BaseException:
        store.close()
        raise


class Database:
    """Queries over one store. Close it (or use ``with``) when done."""

    def __init__(self, store: Store, owns_store: bool = False) -> None:
        self._store = store
        self._owns = owns_store
        self._lock = threading.Lock()
        self._fts = side.create(store.engine)
        self.refresh()

    @property
    def store(self) -> Store:
        return self._store

    @property
    def dialect(self) -> str:
        return self._store.engine.dialect.name

    def close(self) -> None:
        """Close the store if this database opened it."""
        if self._owns:
            self._store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def refresh(self) -> int:
        """Index articles written since the last refresh; returns how many.

        Cheap when nothing changed (two counts); safe to call from several threads."""
        with self._lock:
            return side.refresh(self._store.engine, self._fts)

    # -- helpers -------------------------------------------------------------------

    def _where(self, query: EventQuery | None, filters: dict[str, Any]) -> list[Any]:
        q = (query or EventQuery()).merged(**filters)
        text = side.text_clause(self.dialect, self._fts, q.text, schema.events.c.article_id)
        return clauses(q, text)

    def _frame(self, statement: Any, columns: list[str]) -> pd.DataFrame:
        with self._store.engine.connect() as conn:
            rows = [tuple(r) for r in conn.execute(statement)]
        return pd.DataFrame(rows, columns=columns)

    def _scalar(self, statement: Any) -> Any:
        with self._store.engine.connect() as conn:
            return conn.execute(statement).scalar()

    # -- events --------------------------------------------------------------------

    def events(
        self,
        query: EventQuery | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        sort: str = "story_date",
        **filters: Any,
    ) -> pd.DataFrame:
        """Matching events, one row each (:data:`COLUMNS`), ordered by ``sort``."""
        statement = _events_select(self._where(query, filters), sort)
        statement = statement.limit(limit).offset(offset or None)
        with self._store.engine.connect() as conn:
            rows = [_event_row(r) for r in conn.execute(statement).mappings()]
        return pd.DataFrame(rows, columns=list(COLUMNS))

    def count(self, query: EventQuery | None = None, **filters: Any) -> int:
        """How many events match."""
        statement = (
            sa.select(sa.func.count()).select_from(_joined()).where(*self._where(query, filters))
        )
        return int(self._scalar(statement) or 0)

    def article(self, article_id: str) -> Extraction | None:
        """One stored article with all its records, or None."""
        return next(self._store.extractions([article_id]), None)

    def articles(
        self, text: str | None = None, *, limit: int = 50, offset: int = 0
    ) -> pd.DataFrame:
        """Stored articles (newest first) with their number of events; ``text`` searches."""
        art, ev = schema.articles, schema.events
        n = sa.select(sa.func.count()).where(ev.c.article_id == art.c.id).scalar_subquery()
        statement = sa.select(art.c.id, art.c.source, art.c.published, art.c.title, n)
        if text:
            statement = statement.where(side.text_clause(self.dialect, self._fts, text, art.c.id))
        order = (sa.nulls_last(art.c.published.desc()), art.c.id)
        statement = statement.order_by(*order).limit(limit).offset(offset or None)
        frame = self._frame(statement, ["id", "source", "date", "title", "events"])
        frame["date"] = frame["date"].map(_iso)
        return frame

    # -- aggregations ----------------------------------------------------------------

    def series(
        self,
        query: EventQuery | None = None,
        *,
        interval: str = "month",
        by: str = "type",
        **filters: Any,
    ) -> pd.DataFrame:
        """Event counts and score sums per period and PLOVER type (or quad class)."""
        if by not in ("type", "quad"):
            raise QueryError(f"by: expected 'type' or 'quad', got {by!r}")
        where, period = self._periods(query, filters, interval)
        key = schema.events.c.event if by == "type" else schema.events.c.quad_code
        score = sa.func.coalesce(sa.func.sum(schema.events.c.score), 0.0)
        statement = (sa.select(period, key, sa.func.count(), score).select_from(_joined())
                     .where(*where).group_by(period, key).order_by(period, key))  # fmt: skip
        return self._frame(statement, ["period", by, "events", "score"])

    def net_series(
        self, query: EventQuery | None = None, *, interval: str = "month", **filters: Any
    ) -> pd.DataFrame:
        """Per period: events, cooperation (sum of positive scores), conflict (sum of
        negative scores) and net (their sum)."""
        where, period = self._periods(query, filters, interval)
        sums = _score_sums(schema.events.c.score)
        statement = (sa.select(period, sa.func.count(), *sums).select_from(_joined())
                     .where(*where).group_by(period).order_by(period))  # fmt: skip
        return self._frame(statement, ["period", "events", "cooperation", "conflict", "net"])

    def _periods(
        self, query: EventQuery | None, filters: dict[str, Any], interval: str
    ) -> tuple[list[Any], Any]:
        buckets.check_interval(interval)
        q = (query or EventQuery()).merged(**filters)
        where = self._where(q, {}) + buckets.precision_clause(q.date_basis, interval)
        period = buckets.bucket(buckets.date_column(q.date_basis), interval, self.dialect)
        return where, period.label("period")

    def top_actors(
        self, query: EventQuery | None = None, *, n: int = 20, role: str = "any", **filters: Any
    ) -> pd.DataFrame:
        """The actors in most matching events: code, events, net score."""
        if role not in ROLES:
            raise QueryError(f"role: expected one of {list(ROLES)}, got {role!r}")
        ea, ev = schema.event_actors, schema.events
        roles = ["actor", "recipient"] if role == "any" else [role]
        events = sa.func.count(sa.distinct(ev.c.id))
        statement = (
            sa.select(ea.c.code, events, sa.func.coalesce(sa.func.sum(ev.c.score), 0.0))
            .select_from(_joined().join(ea, ea.c.event_id == ev.c.id))
            .where(*self._where(query, filters), ea.c.role.in_(roles), ea.c.code.is_not(None))
            .group_by(ea.c.code).order_by(events.desc(), ea.c.code).limit(n)
        )  # fmt: skip
        return self._frame(statement, ["code", "events", "net"])

    def top_dyads(
        self, query: EventQuery | None = None, *, n: int = 20, **filters: Any
    ) -> pd.DataFrame:
        """The (actor, recipient) pairs in most matching events, with score sums."""
        ev = schema.events
        a, r = schema.event_actors.alias("a"), schema.event_actors.alias("r")
        pairs = (_joined().join(a, sa.and_(a.c.event_id == ev.c.id, a.c.role == "actor"))
                 .join(r, sa.and_(r.c.event_id == ev.c.id, r.c.role == "recipient")))  # fmt: skip
        events = sa.func.count(sa.distinct(ev.c.id))
        statement = (
            sa.select(a.c.code, r.c.code, events, *_score_sums(ev.c.score))
            .select_from(pairs)
            .where(*self._where(query, filters), a.c.code.is_not(None), r.c.code.is_not(None))
            .group_by(a.c.code, r.c.code).order_by(events.desc(), a.c.code, r.c.code).limit(n)
        )  # fmt: skip
        return self._frame(
            statement, ["actor", "recipient", "events", "cooperation", "conflict", "net"]
        )

    def locations(
        self, query: EventQuery | None = None, *, limit: int = 1000, **filters: Any
    ) -> pd.DataFrame:
        """Event locations with coordinates: place, country, lat, lon, events, net score."""
        f, ev = side.event_facts, schema.events
        cols = (f.c.place, f.c.country, f.c.lat, f.c.lon)
        events = sa.func.count()
        statement = (
            sa.select(*cols, events, sa.func.coalesce(sa.func.sum(ev.c.score), 0.0))
            .select_from(_joined().join(f, f.c.event_id == ev.c.id))
            .where(*self._where(query, filters), f.c.lat.is_not(None), f.c.lon.is_not(None))
            .group_by(*cols).order_by(events.desc(), f.c.place).limit(limit)
        )  # fmt: skip
        return self._frame(statement, ["place", "country", "lat", "lon", "events", "net"])

    def clusters(
        self,
        query: EventQuery | None = None,
        *,
        window_days: int = 3,
        min_stories: int = 1,
        **filters: Any,
    ) -> pd.DataFrame:
        """Groups of events that report the same real event (see :mod:`.clusters`)."""
        if window_days < 0:
            raise QueryError("window_days: expected a number of days >= 0")
        statement = _cluster_select(self._where(query, filters))
        with self._store.engine.connect() as conn:
            rows = conn.execution_options(yield_per=5000).execute(statement).mappings()
            found = [c for c in cluster_rows(rows, window_days) if len(c.articles) >= min_stories]
        found.sort(key=lambda c: (-len(c.articles), -len(c.event_ids), c.first))
        records = [cluster_record(i + 1, c) for i, c in enumerate(found)]
        return pd.DataFrame(records, columns=list(CLUSTER_COLUMNS))

    def stats(self) -> dict[str, int]:
        """How many articles, events and rejects are stored."""
        return self._store.counts()


def _joined() -> Any:
    ev, art = schema.events, schema.articles
    return ev.join(art, art.c.id == ev.c.article_id)


def _score_sums(score: Any) -> list[Any]:
    def total(value: Any) -> Any:
        return sa.func.coalesce(sa.func.sum(value), 0.0)

    return [
        total(sa.case((score > 0, score), else_=0.0)),
        total(sa.case((score < 0, score), else_=0.0)),
        total(score),
    ]


def _order(sort: str) -> list[Any]:
    if sort not in SORTS:
        raise QueryError(f"sort: expected one of {list(SORTS)}, got {sort!r}")
    ev, art = schema.events, schema.articles
    column = art.c.published if sort.endswith("story_date") else ev.c.date_lo
    first = sa.nulls_last(column.desc() if sort.startswith("-") else column.asc())
    return [first, ev.c.article_id, ev.c.ordinal]


def _events_select(where: list[Any], sort: str) -> Any:
    ev, art, f = schema.events, schema.articles, side.event_facts
    return (
        sa.select(ev.c.article_id, art.c.published, art.c.source, art.c.url, ev.c.record,
                  f.c.place, f.c.country, f.c.lat, f.c.lon)
        .select_from(_joined().outerjoin(f, f.c.event_id == ev.c.id))
        .where(*where)
        .order_by(*_order(sort))
    )  # fmt: skip


def _event_row(row: Any) -> dict[str, Any]:
    extra = {
        "place": row["place"],
        "place_country": row["country"],
        "lat": row["lat"],
        "lon": row["lon"],
    }
    return {**flat_event(row), **extra}


def _cluster_select(where: list[Any]) -> Any:
    ev, art, f = schema.events, schema.articles, side.event_facts
    precise = sa.case((ev.c.date_precision == "day", ev.c.date_lo), else_=None)
    day = sa.func.coalesce(precise, art.c.published)
    return (
        sa.select(ev.c.id.label("event_id"), ev.c.article_id, art.c.source, ev.c.event,
                  ev.c.actor_code.label("actor"), ev.c.recipient_code.label("recipient"),
                  f.c.geonameid, f.c.country, f.c.place, day.label("day"))
        .select_from(_joined().outerjoin(f, f.c.event_id == ev.c.id))
        .where(*where, day.is_not(None))
        .order_by(ev.c.event, ev.c.actor_code, ev.c.recipient_code, f.c.geonameid, f.c.country, day)
    )  # fmt: skip


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
