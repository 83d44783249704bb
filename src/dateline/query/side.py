"""The query layer's own side tables, created on open and kept in step with the store.

- ``query_indexed``: the articles whose side rows are built.
- ``query_event_facts``: per event, what lives only in the record JSON and is
  filtered on: auxiliary modes, event location (country, lat, lon, place).
- ``query_clusters``: per event, the id of its cross-story cluster (see
  :mod:`.clusters`); rebuilt whole by :func:`dateline.query.clusters.assign` when
  ``query_state.clusters`` says the indexed articles changed since the last build.
- ``query_dyads``: per (actor code, recipient code) pair, its events and score sums
  over every indexed article, kept in step as articles are indexed (so the unfiltered
  top-dyads query reads a few thousand rows, not a million); rebuilt whole when an
  article is deleted.
- ``query_state``: small flags of this layer, by key (``fresh`` or a ``stale:`` token).
- ``query_article_fts``: an SQLite FTS5 index of article titles and texts (on
  PostgreSQL full-text search uses ``to_tsvector`` at query time instead; on
  other databases, or SQLite without FTS5, a ``LIKE`` per search word).

The store's own tables are never altered. :func:`refresh` indexes the articles
not yet indexed (and forgets those that were deleted), a chunk per transaction.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from dateline.query import views
from dateline.store import schema
from dateline.store.engine import insert_ignoring, is_locked, writing

_WORD = re.compile(r"\w+", re.UNICODE)

metadata = sa.MetaData()
FTS_TABLE = "query_article_fts"
_CHUNK = 500

indexed = sa.Table(
    "query_indexed", metadata, sa.Column("article_id", sa.String(80), primary_key=True)
)

event_facts = sa.Table(
    "query_event_facts",
    metadata,
    sa.Column("event_id", sa.String(80), primary_key=True),
    sa.Column("article_id", sa.String(80), nullable=False),
    sa.Column("aux", sa.String(80), nullable=False),  # "|future|negated|", "" when none
    sa.Column("country", sa.String(16)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geonameid", sa.BigInteger),
    sa.Column("place", sa.Text),
)
sa.Index("ix_query_event_facts_article", event_facts.c.article_id)
sa.Index("ix_query_event_facts_country", event_facts.c.country)
sa.Index("ix_query_event_facts_latlon", event_facts.c.lat, event_facts.c.lon)

parties = sa.Table(
    "query_parties",
    metadata,
    sa.Column("code", sa.String(16), primary_key=True),
    sa.Column("role", sa.String(16), primary_key=True),
    sa.Column("event_id", sa.String(80), primary_key=True),
    sa.Column("sector", sa.String(16)),
    sa.Column("article_id", sa.String(80), nullable=False),
    sqlite_with_rowid=False,  # clustered by (code, role, event_id): dyads are index-only
)
sa.Index("ix_query_parties_article", parties.c.article_id)

clusters = sa.Table(
    "query_clusters",
    metadata,
    sa.Column("event_id", sa.String(80), primary_key=True),
    sa.Column("cluster", sa.String(40), nullable=False),
)
sa.Index("ix_query_clusters_cluster", clusters.c.cluster)

state = sa.Table(
    "query_state",
    metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.String(80), nullable=False),
)
CLUSTERS_FRESH = "clusters"  # key of query_state: "fresh" once clusters match the index
DYADS_FRESH = "dyads"  # key of query_state: "fresh" while query_dyads matches the index

dyads = sa.Table(
    "query_dyads",
    metadata,
    sa.Column("actor", sa.String(16), primary_key=True),
    sa.Column("recipient", sa.String(16), primary_key=True),
    sa.Column("events", sa.Integer, nullable=False),
    sa.Column("cooperation", sa.Float, nullable=False),
    sa.Column("conflict", sa.Float, nullable=False),
    sa.Column("net", sa.Float, nullable=False),
)

_FTS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} "
    "USING fts5(article_id UNINDEXED, title, text, tokenize='unicode61')"
)


def create(engine: sa.Engine) -> bool:
    """Create the side tables if missing; return whether FTS5 is in use.

    Whether they exist is read first, without a lock: readers of a database whose
    side tables are there never wait for a writer."""
    with engine.connect() as conn:
        if _present(conn):
            return conn.dialect.name == "sqlite"
    with writing(engine) as conn:
        inspector = sa.inspect(conn)
        fresh = not inspector.has_table(parties.name)
        new_dyads = not inspector.has_table(dyads.name)
        metadata.create_all(conn, checkfirst=True)
        if fresh:  # side tables of an older dateline: fill the new one for indexed articles
            _copy_parties(conn, sa.select(indexed.c.article_id))
        if new_dyads:  # empty and right for an empty index; else rebuilt on first use
            none_yet = conn.execute(sa.select(indexed.c.article_id).limit(1)).first() is None
            mark(conn, DYADS_FRESH, fresh=none_yet)
        views.create(conn)
        if conn.dialect.name != "sqlite":
            return False
        try:
            with conn.begin_nested():
                conn.exec_driver_sql(_FTS_DDL)
        except sa.exc.OperationalError:  # SQLite built without FTS5: LIKE fallback
            return False
    return True


def _present(conn: Connection) -> bool:
    """Whether every side table exists (with the FTS5 index, on SQLite)."""
    names = [*metadata.tables, *([FTS_TABLE] if conn.dialect.name == "sqlite" else [])]
    inspector = sa.inspect(conn)
    return all(inspector.has_table(name) for name in names) and views.current(conn)


def fts_table() -> sa.TableClause:
    """The FTS5 table as a lightweight table clause (for MATCH queries)."""
    return sa.table(FTS_TABLE, sa.column("article_id"), sa.column(FTS_TABLE))


def is_stale(conn: Connection) -> bool:
    """Whether the store holds articles the side tables do not know (or vice versa)."""
    count = sa.func.count()
    stored = conn.execute(sa.select(count).select_from(schema.articles)).scalar()
    known = conn.execute(sa.select(count).select_from(indexed)).scalar()
    return stored != known


#: How long a refresh waits for the write lock (ms) before serving the last index.
REFRESH_WAIT_MS = 100


def refresh(engine: sa.Engine, fts: bool) -> int:
    """Index every article not indexed yet; drop side rows of deleted articles.

    Returns how many articles were indexed. Best effort: while another process holds
    the write lock (an ingest), it gives up after ``REFRESH_WAIT_MS`` and the last
    index is served; the next refresh catches up.
    """
    with engine.connect() as conn:
        if not is_stale(conn):
            return 0
    done = 0
    try:
        with writing(engine, REFRESH_WAIT_MS) as conn:
            if _forget_deleted(conn, fts):
                mark(conn, DYADS_FRESH, fresh=False)
            mark(conn, CLUSTERS_FRESH, fresh=False)
        while ids := _unindexed(engine):
            with writing(engine, REFRESH_WAIT_MS) as conn:
                _index_articles(conn, ids, fts)
                mark(conn, CLUSTERS_FRESH, fresh=False)
            done += len(ids)
    except sa.exc.OperationalError as exc:
        if not is_locked(exc):
            raise
    return done


def mark(conn: Connection, key: str, fresh: bool) -> None:
    """Record whether a derived table (``key``) matches the indexed articles; each change
    of the index gets a new ``stale:`` token, so a rebuild that raced with it stays stale."""
    value = "fresh" if fresh else f"stale:{uuid.uuid4().hex}"
    conn.execute(sa.delete(state).where(state.c.key == key))
    conn.execute(sa.insert(state), {"key": key, "value": value})


def state_of(conn: Connection, key: str) -> str | None:
    """``fresh`` when the derived table ``key`` matches the indexed articles, else a
    stale token (None when never built)."""
    return conn.execute(sa.select(state.c.value).where(state.c.key == key)).scalar()


def _unindexed(engine: sa.Engine) -> list[str]:
    art = schema.articles
    known = sa.select(indexed.c.article_id).where(indexed.c.article_id == art.c.id)
    query = sa.select(art.c.id).where(~known.exists()).limit(_CHUNK)
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(query)]


def _forget_deleted(conn: Connection, fts: bool) -> int:
    """Drop the side rows of deleted articles; returns how many articles were gone."""
    art = schema.articles
    gone = ~sa.select(art.c.id).where(art.c.id == indexed.c.article_id).exists()
    ids = [row[0] for row in conn.execute(sa.select(indexed.c.article_id).where(gone))]
    for start in range(0, len(ids), _CHUNK):
        _delete_side_rows(conn, ids[start : start + _CHUNK], fts)
    return len(ids)


def _delete_side_rows(conn: Connection, ids: Sequence[str], fts: bool) -> None:
    facts = sa.select(event_facts.c.event_id).where(event_facts.c.article_id.in_(ids))
    conn.execute(sa.delete(clusters).where(clusters.c.event_id.in_(facts)))
    conn.execute(sa.delete(event_facts).where(event_facts.c.article_id.in_(ids)))
    conn.execute(sa.delete(parties).where(parties.c.article_id.in_(ids)))
    conn.execute(sa.delete(indexed).where(indexed.c.article_id.in_(ids)))
    if fts:
        table = fts_table()
        conn.execute(sa.delete(table).where(table.c.article_id.in_(ids)))


def _index_articles(conn: Connection, ids: Sequence[str], fts: bool) -> None:
    ev = schema.events
    rows = conn.execute(
        sa.select(ev.c.id, ev.c.article_id, ev.c.record).where(ev.c.article_id.in_(ids))
    )
    facts = [fact_row(event_id, article_id, record) for event_id, article_id, record in rows]
    if facts:
        conn.execute(sa.insert(event_facts), facts)
    _copy_parties(conn, list(ids))
    _add_dyads(conn, _dyad_counts(conn, list(ids)))
    if fts:
        _index_text(conn, ids)
    conn.execute(sa.insert(indexed), [{"article_id": i} for i in ids])


def _copy_parties(conn: Connection, article_ids: Any) -> None:
    ea = schema.event_actors
    rows = sa.select(ea.c.code, ea.c.role, ea.c.event_id, ea.c.sector, ea.c.article_id).where(
        ea.c.code.is_not(None), ea.c.article_id.in_(article_ids)
    )
    columns = ["code", "role", "event_id", "sector", "article_id"]
    statement = insert_ignoring(conn, parties)
    if statement is None:
        statement = sa.insert(parties)
    conn.execute(statement.from_select(columns, rows.distinct()))


def _dyad_counts(conn: Connection, article_ids: Any) -> list[dict[str, Any]]:
    """Events and score sums per (actor, recipient) code pair of some articles (None: all
    indexed articles); parties are distinct per event, so the counts add up by article."""
    ev = schema.events
    a, r = parties.alias("da"), parties.alias("dr")
    score = sa.func.coalesce(ev.c.score, 0.0)
    sums = [sa.func.sum(sa.case((score > 0, score), else_=0.0)),
            sa.func.sum(sa.case((score < 0, score), else_=0.0)), sa.func.sum(score)]  # fmt: skip
    # Both sides are found through the parties' article index (and the event by its key):
    # no step scans a table that grows with the database.
    same_event = sa.and_(r.c.article_id == a.c.article_id, r.c.event_id == a.c.event_id,
                         r.c.role == "recipient")  # fmt: skip
    pairs = (
        sa.select(a.c.code, r.c.code, sa.func.count(), *sums)
        .select_from(a.join(r, same_event).join(ev, ev.c.id == a.c.event_id))
        .where(a.c.article_id.in_(article_ids), a.c.role == "actor")
        .group_by(a.c.code, r.c.code)
    )  # fmt: skip
    names = ("actor", "recipient", "events", "cooperation", "conflict", "net")
    return [dict(zip(names, row, strict=True)) for row in conn.execute(pairs)]


def _add_dyads(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Add pair counts to ``query_dyads`` (insert, or add to the stored sums)."""
    if not rows:
        return
    name = conn.dialect.name
    if name not in ("sqlite", "postgresql"):
        mark(conn, DYADS_FRESH, fresh=False)  # no upsert here: rebuilt on demand
        return
    insert = (sqlite.insert if name == "sqlite" else postgresql.insert)(dyads)
    summed = {c: dyads.c[c] + insert.excluded[c]
              for c in ("events", "cooperation", "conflict", "net")}  # fmt: skip
    conn.execute(insert.on_conflict_do_update(index_elements=["actor", "recipient"], set_=summed),
                 rows)  # fmt: skip


def ensure_dyads(engine: sa.Engine) -> None:
    """Rebuild ``query_dyads`` from every indexed article unless it is fresh."""
    with engine.connect() as conn:
        if state_of(conn, DYADS_FRESH) == "fresh":
            return
    with writing(engine) as conn:
        conn.execute(sa.delete(dyads))
        rows = _dyad_counts(conn, sa.select(indexed.c.article_id))
        for start in range(0, len(rows), _CHUNK):
            conn.execute(sa.insert(dyads), rows[start : start + _CHUNK])
        mark(conn, DYADS_FRESH, fresh=True)


def _index_text(conn: Connection, ids: Sequence[str]) -> None:
    art = schema.articles
    source = sa.select(art.c.id, sa.func.coalesce(art.c.title, ""), art.c.text).where(
        art.c.id.in_(ids)
    )
    target = sa.table(FTS_TABLE, sa.column("article_id"), sa.column("title"), sa.column("text"))
    conn.execute(sa.insert(target).from_select(["article_id", "title", "text"], source))


def fact_row(event_id: str, article_id: str, record: str) -> dict[str, Any]:
    """The ``query_event_facts`` row of one stored event record (JSON text)."""
    rec = json.loads(record)
    loc = rec.get("event_loc") or {}
    aux = rec.get("aux") or []
    return {
        "event_id": event_id, "article_id": article_id,
        "aux": f"|{'|'.join(aux)}|" if aux else "",
        "country": loc.get("country"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "geonameid": loc.get("geonameid"), "place": loc.get("name") or loc.get("text"),
    }  # fmt: skip


def text_clause(dialect: str, fts: bool, text: str | None, article_id: Any) -> Any:
    """The full-text clause for a search string, or None; ``article_id`` is the column
    holding the article id (``events.article_id`` or ``articles.id``); ``articles`` must
    be in the FROM clause."""
    if not text:
        return None
    art, words = schema.articles, search_terms(text)
    if not words:
        return sa.false()
    if fts:
        table = fts_table()
        match = " ".join(f'"{w}"' for w in words)  # each word a quoted FTS5 string: no operators
        hits = sa.select(table.c.article_id).where(table.c[FTS_TABLE].op("MATCH")(match))
        return article_id.in_(hits)
    if dialect == "postgresql":
        doc = sa.func.to_tsvector("english", sa.func.coalesce(art.c.title, "") + " " + art.c.text)
        return doc.op("@@")(sa.func.plainto_tsquery("english", " ".join(words)))
    lowered = sa.func.lower(art.c.text)
    return sa.and_(*(lowered.contains(w.lower(), autoescape=True) for w in words))


def search_terms(text: str) -> list[str]:
    """The words of a search string (punctuation and search operators are dropped)."""
    return _WORD.findall(text)[:32]
