"""SQL views for people who open the SQLite file with Datasette, sqlite3 or pandas:
``events_flat`` (one row per event, the columns of :data:`~dateline.query.flat.FLAT_COLUMNS`)
and ``clusters`` (one row per cross-story cluster with its counts).

They are (re)created by the query layer when it opens a SQLite database (``dateline
events``, ``export``, ``clusters`` or ``serve``), read the stored record JSON with
SQLite's JSON functions, and are checked against :meth:`Database.rows` by a test.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from dateline.knowledge.plover import load_codebook
from dateline.query.flat import ADMIN1_FEATURES


def _joined(path: str, field: str | None) -> str:
    """``;``-joined entries of a JSON array of the record (None when all are empty)."""
    item = f"json_extract(value, '$.{field}')" if field else "value"
    text = f"(SELECT group_concat(coalesce({item}, ''), ';') FROM json_each(e.record, '$.{path}'))"
    return f"(CASE WHEN replace(coalesce({text}, ''), ';', '') = '' THEN NULL ELSE {text} END)"


def _loc(field: str) -> str:
    return f"json_extract(e.record, '$.event_loc.{field}')"


def _goldstein() -> str:
    table = load_codebook().goldstein
    cases = " ".join(f"WHEN '{code}' THEN {value!r}" for code, value in sorted(table.items()))
    return f"(CASE e.cameo_root {cases} ELSE NULL END)"


def _size(field: str) -> str:
    return f"json_extract(e.record, '$.size.{field}')"


def _approximate() -> str:
    sized = f"coalesce({_size('dead')}, {_size('injured')}, {_size('arrested')})"
    exists = (
        "EXISTS (SELECT 1 FROM quantities q WHERE q.article_id = e.article_id "
        "AND json_extract(q.record, '$.approx') IS NOT NULL "
        f"AND q.value IN ({_size('dead')}, {_size('injured')}, {_size('arrested')}))"
    )
    return f"(CASE WHEN {sized} IS NULL THEN NULL WHEN {exists} THEN 1 ELSE 0 END)"


def events_flat_sql() -> str:
    """The ``SELECT`` of the ``events_flat`` view."""
    admin1 = ", ".join(f"'{f}'" for f in ADMIN1_FEATURES)
    columns = [
        "e.id AS event_id", "c.cluster AS cluster_id", "e.article_id", "a.source", "a.url",
        "a.title", "a.published AS story_date", "e.date", "e.date_lo AS date_start",
        "e.date_hi AS date_end", "e.date_precision", "e.event AS type", "e.mode",
        f"{_joined('context', None)} AS context", "e.quad_code AS quad", "e.score",
        "e.cameo_root", f"{_goldstein()} AS goldstein",
        *(f"{_joined(role, field)} AS {role}{suffix}" for role in ("actor", "recipient")
          for field, suffix in (("code", ""), ("sector", "_sector"), ("text", "_name"))),
        f"coalesce({_loc('name')}, {_loc('text')}) AS place", f"{_loc('lat')} AS lat",
        f"{_loc('lon')} AS lon", f"{_loc('country')} AS country",
        f"(CASE WHEN {_loc('feature')} IN ({admin1}) THEN {_loc('name')} END) AS admin1",
        f"CAST({_loc('geonameid')} AS TEXT) AS geonameid", f"{_loc('feature')} AS feature",
        f"{_size('dead')} AS dead", f"{_size('injured')} AS injured",
        f"{_size('arrested')} AS arrested", f"{_approximate()} AS size_approximate",
        "json_extract(e.record, '$.source_quote.text') AS speaker",
        "json_extract(e.record, '$.source_quote.code') AS speaker_code",
        f"{_joined('aux', None)} AS aux", "e.confidence", "e.rule",
        "json_extract(e.record, '$.event_text') AS event_text", "e.sentence",
    ]  # fmt: skip
    return (
        f"SELECT {', '.join(columns)} FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN query_clusters c ON c.event_id = e.id"
    )


CLUSTERS_SQL = (
    "SELECT c.cluster AS cluster_id, min(e.event) AS type, min(e.actor_code) AS actor, "
    "min(e.recipient_code) AS recipient, count(DISTINCT e.id) AS events, "
    "count(DISTINCT s.id) AS articles, count(DISTINCT s.source) AS sources, "
    "min(coalesce(e.date_lo, a.published)) AS first_date, "
    "max(coalesce(e.date_hi, a.published)) AS last_date "
    "FROM query_clusters c JOIN events e ON e.id = c.event_id "
    "JOIN articles a ON a.id = e.article_id "
    "JOIN article_sources s ON s.article_id = e.article_id GROUP BY c.cluster"
)


def _wanted() -> dict[str, str]:
    return {name: f"CREATE VIEW {name} AS {select}"
            for name, select in (("events_flat", events_flat_sql()), ("clusters", CLUSTERS_SQL))}


def _is_current(conn: Connection, name: str, wanted: str) -> bool:
    found = sa.text("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = :name")
    return bool(conn.execute(found, {"name": name}).scalar() == wanted)


def current(conn: Connection) -> bool:
    """Whether the views exist in their present definition (a read: no lock taken)."""
    if conn.dialect.name != "sqlite":
        return True
    return all(_is_current(conn, name, wanted) for name, wanted in _wanted().items())


def create(conn: Connection) -> None:
    """Create the views on SQLite, or replace those of an older definition; other
    databases have none."""
    if conn.dialect.name != "sqlite":
        return
    for name, wanted in _wanted().items():
        if _is_current(conn, name, wanted):
            continue  # up to date: no schema change for other connections
        conn.execute(sa.text(f"DROP VIEW IF EXISTS {name}"))
        conn.execute(sa.text(wanted))
