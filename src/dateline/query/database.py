"""The query layer: :func:`open_db` gives a :class:`Database` of pandas results.

    with open_db("sqlite:///dateline.db") as db:
        page = db.events(dyad="USA,IRQ", quad=4, limit=50)
        monthly = db.series(dyad=("USA", "IRQ"), interval="month")

Filters are the fields of :class:`EventQuery` (:data:`~.filters.FILTERS`), given
as an ``EventQuery`` or as keyword arguments (or both; keywords win); the CLI,
the HTTP API and the exports use the same names. Everything is parameterised
SQLAlchemy Core over the store's tables plus this layer's side tables.
Opening never creates a database: a missing file is a :class:`QueryError`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd
import sqlalchemy as sa

from dateline.model import Extraction
from dateline.query import buckets, clusters, side
from dateline.query.clusters import CLUSTER_COLUMNS, cluster_record, cluster_rows, cluster_select
from dateline.query.filters import EventQuery, QueryError, clauses
from dateline.query.flat import FLAT_COLUMNS, flat_row
from dateline.settings import db_url_from
from dateline.store import Store, schema
from dateline.store.engine import describe

#: Columns of :meth:`Database.events`: the flat layout (:mod:`.flat`).
COLUMNS: tuple[str, ...] = tuple(FLAT_COLUMNS)
SORTS = ("story_date", "-story_date", "date", "-date")
ROLES = ("any", "actor", "recipient")
_CHUNK = 1000


def existing_url(url: str) -> str:
    """The SQLAlchemy URL of a database that exists; a SQLite file that does not
    exist is a :class:`QueryError` naming the path (reading never creates one)."""
    full = db_url_from(url)
    parsed = sa.engine.make_url(full)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        if not path.is_file():
            raise QueryError(f"no database at {path}: run `dateline ingest ... --db {url}` first")
    _require_dateline(full)
    return full


def _require_dateline(url: str) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            found = sa.inspect(conn).has_table(schema.schema_version.name)
    except sa.exc.DBAPIError as exc:
        raise QueryError(f"cannot open {describe(engine)}: {exc.orig}") from exc
    finally:
        engine.dispose()
    if not found:
        raise QueryError(f"{describe(engine)} is not a dateline database (no schema_version table)")


def open_db(url: str, *, create: bool = False) -> Database:
    """Open the database at a URL or SQLite path for querying (creates side tables).

    A missing SQLite file is an error unless ``create``; so is a database without
    dateline's tables."""
    store = Store.open(url if create else existing_url(url))
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
        self._building = threading.Lock()  # held by the thread rebuilding cluster ids
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

    def assign_clusters(self) -> int:
        """Rebuild the stored cluster ids if articles came in since the last build;
        returns how many events were assigned (0 when they were fresh).

        Safe from several threads and never waits: while one thread rebuilds, the
        others get 0 at once and read the ids as they stand (a server's pages); so
        does a rebuild that finds an ingest holding the write lock past
        ``side.REFRESH_WAIT_MS``."""
        if not self._building.acquire(blocking=False):
            return 0
        try:
            return clusters.assign(self._store.engine)
        finally:
            self._building.release()

    # -- helpers -------------------------------------------------------------------

    def _where(self, query: EventQuery | None, filters: dict[str, Any]) -> list[Any]:
        q = (query or EventQuery()).merged(**filters)
        if q.cluster:  # cluster ids are built on demand
            clusters.assign(self._store.engine)
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
        fresh_clusters: bool = True,
        **filters: Any,
    ) -> pd.DataFrame:
        """Matching events, one flat row each (:data:`COLUMNS`), ordered by ``sort``
        (``fresh_clusters``: see :meth:`records`)."""
        rows = self.rows(query, limit=limit, offset=offset, sort=sort,
                         fresh_clusters=fresh_clusters, **filters)  # fmt: skip
        return pd.DataFrame(list(rows), columns=list(COLUMNS))

    def rows(
        self,
        query: EventQuery | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        sort: str = "story_date",
        fresh_clusters: bool = True,
        **filters: Any,
    ) -> Iterator[dict[str, Any]]:
        """Matching events as flat rows (:data:`COLUMNS`), streamed in ``sort`` order."""
        found = self.records(query, limit=limit, offset=offset, sort=sort,
                             fresh_clusters=fresh_clusters, **filters)  # fmt: skip
        return (flat_row(row, row["record"], row["approximate"]) for row in found)

    def records(
        self,
        query: EventQuery | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        sort: str = "story_date",
        fresh_clusters: bool = True,
        **filters: Any,
    ) -> Iterator[dict[str, Any]]:
        """Matching events streamed in ``sort`` order: ``record`` (the contract event
        dict), ``article_id``, ``published``, ``source``, ``url``, ``title``, ``cluster``
        and ``approximate`` (whether a casualty count came from an approximate number).

        The default order (story date, undated last; article id; position in the
        article) depends only on the database content, so exports are byte-identical.
        Cluster ids are rebuilt first when articles came in since the last build (a
        linear pass over every event); with ``fresh_clusters=False`` they are read as
        they stand, empty for events indexed since (the server's events pages, which
        run :meth:`assign_clusters` after answering)."""
        where = self._where(query, filters)
        statement = _events_select(where, sort).limit(limit).offset(offset or None)
        if fresh_clusters:
            clusters.assign(self._store.engine)
        return self._stream(statement)

    def _stream(self, statement: Any) -> Iterator[dict[str, Any]]:
        with self._store.engine.connect() as conn:
            result = conn.execution_options(yield_per=_CHUNK).execute(statement).mappings()
            for chunk in result.partitions():
                yield from _with_records(conn, chunk)

    def matching(self, query: EventQuery | None, *columns: Any) -> Any:
        """``SELECT columns`` over the events matching ``query`` (events joined to
        articles), for callers that group or aggregate on their own (alert rules)."""
        return sa.select(*columns).select_from(_joined()).where(*self._where(query, {}))

    def count(self, query: EventQuery | None = None, **filters: Any) -> int:
        """How many events match."""
        statement = (
            sa.select(sa.func.count()).select_from(_joined()).where(*self._where(query, filters))
        )
        return int(self._scalar(statement) or 0)

    def article(self, article_id: str) -> Extraction | None:
        """One stored article with all its records, or None."""
        return next(self._store.extractions([article_id]), None)

    def sources(self, article_id: str) -> list[dict[str, Any]]:
        """Every copy of a stored article (``Store.sources``), dates as ISO text: the
        same story under other sources or URLs, stored once."""
        keep = ("id", "source", "url", "title", "published", "similarity")
        return [{name: _iso(row[name]) for name in keep}
                for row in self._store.sources(article_id)]  # fmt: skip

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
        """The (actor, recipient) pairs in most matching events, with score sums.

        Without filters the answer comes from the ``query_dyads`` summary table."""
        columns = ["actor", "recipient", "events", "cooperation", "conflict", "net"]
        if not (query or EventQuery()).merged(**filters).active():
            side.ensure_dyads(self._store.engine)
            return self._frame(_summary_dyads(n), columns)
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
        return self._frame(statement, columns)

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
        window_days: int = clusters.WINDOW_DAYS,
        min_stories: int = 1,
        **filters: Any,
    ) -> pd.DataFrame:
        """Groups of events that report the same real event (see :mod:`.clusters`),
        most stories first."""
        if window_days < 0:
            raise QueryError("window_days: expected a number of days >= 0")
        if min_stories < 1:
            raise QueryError("min_stories: expected a number of stories >= 1")
        statement = cluster_select(self._where(query, filters))
        with self._store.engine.connect() as conn:
            rows = conn.execution_options(yield_per=5000).execute(statement).mappings()
            found = [c for c in cluster_rows(rows, window_days) if c.stories >= min_stories]
        found.sort(key=lambda c: (-c.stories, -len(c.event_ids), c.first, c.id))
        return pd.DataFrame([cluster_record(c) for c in found], columns=list(CLUSTER_COLUMNS))

    def cluster_counts(self) -> dict[str, dict[str, int]]:
        """Per stored cluster id: its ``events``, ``articles`` and ``sources`` (GDELT's
        NumMentions, NumArticles, NumSources), over the whole database: the articles and
        sources of every copy of its stories (``article_sources``)."""
        clusters.assign(self._store.engine)
        cl, ev, cp = side.clusters, schema.events, schema.article_sources
        statement = (
            sa.select(cl.c.cluster, sa.func.count(sa.distinct(cl.c.event_id)),
                      sa.func.count(sa.distinct(cp.c.id)), sa.func.count(sa.distinct(cp.c.source)))
            .select_from(cl.join(ev, ev.c.id == cl.c.event_id)
                         .join(cp, cp.c.article_id == ev.c.article_id))
            .group_by(cl.c.cluster)
        )  # fmt: skip
        with self._store.engine.connect() as conn:
            return {c: {"events": n, "articles": a, "sources": s}
                    for c, n, a, s in conn.execute(statement)}  # fmt: skip

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


def _summary_dyads(n: int) -> Any:
    d = side.dyads
    return (
        sa.select(d.c.actor, d.c.recipient, d.c.events, d.c.cooperation, d.c.conflict, d.c.net)
        .where(d.c.events > 0)
        .order_by(d.c.events.desc(), d.c.actor, d.c.recipient)
        .limit(n)
    )


def _events_select(where: list[Any], sort: str) -> Any:
    ev, art, cl = schema.events, schema.articles, side.clusters
    return (
        sa.select(ev.c.article_id, art.c.published, art.c.source, art.c.url, art.c.title,
                  sa.func.length(art.c.text).label("doc_len"), ev.c.record, cl.c.cluster)
        .select_from(_joined().outerjoin(cl, cl.c.event_id == ev.c.id))
        .where(*where)
        .order_by(*_order(sort))
    )  # fmt: skip


def _with_records(conn: Any, chunk: Any) -> Iterator[dict[str, Any]]:
    """The rows of one chunk with their records decoded and casualty counts checked."""
    rows = [{**r, "record": json.loads(r["record"])} for r in chunk]
    sized = {r["article_id"] for r in rows if r["record"].get("size")}
    approx = _approximate_values(conn, sized) if sized else {}
    for row in rows:
        size = row["record"].get("size") or {}
        values = {float(v) for v in size.values() if v is not None}
        row["approximate"] = bool(values & approx.get(row["article_id"], set()))
        yield row


def _approximate_values(conn: Any, article_ids: set[str]) -> dict[str, set[float]]:
    """Per article, the values of its quantities that are approximate (``hundreds``)."""
    qt = schema.quantities
    statement = sa.select(qt.c.article_id, qt.c.record).where(qt.c.article_id.in_(article_ids))
    found: dict[str, set[float]] = {}
    for article_id, record in conn.execute(statement):
        rec = json.loads(record)
        if rec.get("approx"):
            found.setdefault(article_id, set()).add(float(rec["value"]))
    return found


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
