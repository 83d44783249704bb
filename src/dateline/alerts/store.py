"""Alert firings in their own tables beside the store's (created when missing).

- ``alert_firings``: one row per (rule, window, key), its id a hash of the three, so
  evaluating the rules again never stores a firing twice; with the value that fired,
  a description, when it was stored and its delivery state.
- ``alert_events``: the events behind each firing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from dateline.store import schema
from dateline.store.engine import create_missing, insert_ignoring, writing
from dateline.store.migrations import utc_now

metadata = sa.MetaData()
MAX_EVENTS = 1000  # event ids kept per firing (``events`` counts them all)

firings = sa.Table(
    "alert_firings",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("rule", sa.String(64), nullable=False),
    sa.Column("by", sa.String(16), nullable=False),  # what the key is: none, dyad, country...
    sa.Column("key", sa.String(40), nullable=False),
    sa.Column("window_start", sa.String(10), nullable=False),
    sa.Column("window_end", sa.String(10), nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("events", sa.Integer, nullable=False),
    sa.Column("fired_at", sa.String(32), nullable=False),
    sa.Column("delivered_at", sa.String(32)),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("last_error", sa.Text),
)
sa.Index("ix_alert_firings_rule", firings.c.rule, firings.c.window_start)

firing_events = sa.Table(
    "alert_events",
    metadata,
    sa.Column("firing_id", sa.String(40), primary_key=True),
    sa.Column("event_id", sa.String(80), primary_key=True),
)


@dataclass(frozen=True, slots=True)
class Firing:
    """One rule firing on one window and key, with the events behind it."""

    rule: str
    key: str
    window_start: date
    window_end: date
    value: float
    detail: str
    event_ids: tuple[str, ...] = ()
    events: int = 0
    by: str = "none"

    @property
    def id(self) -> str:
        return firing_id(self.rule, self.window_start, self.window_end, self.key)


def firing_id(rule: str, start: date, end: date, key: str) -> str:
    """The firing's id: a hash of rule, window and key (so it is stored once)."""
    text = f"{rule}\x1f{start.isoformat()}\x1f{end.isoformat()}\x1f{key}"
    return "al:" + hashlib.sha256(text.encode()).hexdigest()[:16]


def create(engine: sa.Engine) -> None:
    """Create the alert tables if missing (a read first: no lock when they exist)."""
    create_missing(engine, metadata)


def known_ids(engine: sa.Engine, rule: str) -> set[str]:
    """The ids of the firings stored for ``rule``."""
    with engine.connect() as conn:
        return set(conn.scalars(sa.select(firings.c.id).where(firings.c.rule == rule)))


def save(engine: sa.Engine, found: Sequence[Firing]) -> list[Firing]:
    """Store firings not stored yet (one transaction); return those that were new."""
    new: list[Firing] = []
    with writing(engine) as conn:
        for firing in found:
            if _insert(conn, firing):
                new.append(firing)
    return new


def _insert(conn: sa.Connection, firing: Firing) -> bool:
    row = {"id": firing.id, "rule": firing.rule, "by": firing.by, "key": firing.key,
           "window_start": firing.window_start.isoformat(),
           "window_end": firing.window_end.isoformat(), "value": firing.value,
           "detail": firing.detail, "events": firing.events, "fired_at": utc_now(),
           "attempts": 0}  # fmt: skip
    statement = insert_ignoring(conn, firings)
    if statement is None:
        raise RuntimeError(f"alerts need SQLite or PostgreSQL, not {conn.dialect.name}")
    if conn.execute(statement.returning(firings.c.id), row).first() is None:
        return False
    ids = [{"firing_id": firing.id, "event_id": e} for e in firing.event_ids[:MAX_EVENTS]]
    if ids:
        conn.execute(insert_ignoring(conn, firing_events), ids)
    return True


def listed(
    engine: sa.Engine, rule: str | None = None, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Stored firings, newest window first, each with its ``event_ids``."""
    query = sa.select(firings).order_by(firings.c.window_start.desc(), firings.c.rule,
                                        firings.c.key)  # fmt: skip
    if rule:
        query = query.where(firings.c.rule == rule)
    return _with_evidence(engine, query.limit(limit).offset(offset or None))


def _with_evidence(engine: sa.Engine, query: Any) -> list[dict[str, Any]]:
    """The firing rows of ``query``, each with its ``event_ids`` and ``article_ids``."""
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
        events = _events_of(conn, [r["id"] for r in rows])
    articles = _articles_of(engine, [r["id"] for r in rows])
    return [{**row, "event_ids": events.get(row["id"], []),
             "article_ids": articles.get(row["id"], [])} for row in rows]  # fmt: skip


def _articles_of(engine: sa.Engine, ids: list[str]) -> dict[str, list[str]]:
    """Per firing, the stories of its events (the evidence), in id order."""
    found: dict[str, list[str]] = {}
    if not ids:
        return found
    fe, ev = firing_events, schema.events
    query = (sa.select(fe.c.firing_id, ev.c.article_id).distinct()
             .join(ev, ev.c.id == fe.c.event_id).where(fe.c.firing_id.in_(ids))
             .order_by(fe.c.firing_id, ev.c.article_id))  # fmt: skip
    with engine.connect() as conn:
        for firing, article in conn.execute(query):
            found.setdefault(firing, []).append(article)
    return found


def exists(engine: sa.Engine) -> bool:
    """Whether the alert tables exist (readers never create them)."""
    with engine.connect() as conn:
        return sa.inspect(conn).has_table(firings.name)


def total(engine: sa.Engine, rule: str | None = None) -> int:
    """How many firings are stored (for ``rule``)."""
    query = sa.select(sa.func.count()).select_from(firings)
    if rule:
        query = query.where(firings.c.rule == rule)
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def _events_of(conn: sa.Connection, ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    if not ids:
        return found
    fe = firing_events
    query = sa.select(fe.c.firing_id, fe.c.event_id).where(fe.c.firing_id.in_(ids))
    query = query.order_by(fe.c.event_id)
    for firing, event in conn.execute(query):
        found.setdefault(firing, []).append(event)
    return found


def undelivered(engine: sa.Engine, max_attempts: int) -> list[dict[str, Any]]:
    """Firings not delivered yet with attempts left, oldest first."""
    query = (sa.select(firings).where(firings.c.delivered_at.is_(None),
                                      firings.c.attempts < max_attempts)
             .order_by(firings.c.fired_at, firings.c.id))  # fmt: skip
    return _with_evidence(engine, query)


def mark_delivery(engine: sa.Engine, fid: str, error: str | None) -> None:
    """Record one delivery attempt: delivered now, or failed with ``error``."""
    values: dict[str, Any] = {"attempts": firings.c.attempts + 1, "last_error": error}
    if error is None:
        values["delivered_at"] = utc_now()
    with writing(engine) as conn:
        conn.execute(sa.update(firings).where(firings.c.id == fid).values(values))
