"""Event queries: filters to SQL, and stored events to flat rows.

Rows come out in a fixed order that depends only on the database content:
story date (undated stories last), article id, then the event's position in
its article. Exports rely on it for byte-identical output.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from dateline.errors import StoreError
from dateline.store import schema
from dateline.store.rows import date_bounds

#: The columns of a flat event row, in order (``Store.events``, CSV, Parquet).
EVENT_COLUMNS: tuple[str, ...] = (
    "article_id", "story_date", "source", "event_id", "event", "mode", "context",
    "quad_code", "score", "cameo_root", "date", "date_precision", "enddate",
    "actor", "actor_sector", "recipient", "recipient_sector", "aux",
    "event_text", "sentence", "rule", "confidence",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventFilters:
    """Filters of ``Store.events``; ``None`` means no filter on that field.

    ``actor`` and ``recipient`` are codes matched against every actor or
    recipient of an event; with ``dyad`` they match in either direction.
    ``date_from``/``date_to`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) keep
    events whose date interval overlaps them; undated events are then dropped.
    """

    actor: str | None = None
    recipient: str | None = None
    dyad: bool = False
    event: str | None = None
    quad: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    limit: int | None = None


def _has(role: str, code: str) -> sa.ColumnElement[bool]:
    # An uncorrelated IN (not a correlated EXISTS): the planner reads the (code, role)
    # index once instead of once per event.
    ea = schema.event_actors
    match = sa.select(ea.c.event_id).where(ea.c.role == role, ea.c.code == code)
    return schema.events.c.id.in_(match)


def _party_clause(f: EventFilters) -> sa.ColumnElement[bool] | None:
    a, r = f.actor, f.recipient
    if not f.dyad:
        parts = ([_has("actor", a)] if a else []) + ([_has("recipient", r)] if r else [])
        return sa.and_(*parts) if parts else None
    if a and r:
        forward = sa.and_(_has("actor", a), _has("recipient", r))
        return sa.or_(forward, sa.and_(_has("actor", r), _has("recipient", a)))
    code = a or r
    return sa.or_(_has("actor", code), _has("recipient", code)) if code else None


def _bound(value: str, name: str, end: bool) -> Any:
    lo, hi = date_bounds(value)
    if lo is None:
        raise StoreError(f"{name}: expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return hi if end else lo


def _clauses(f: EventFilters) -> list[sa.ColumnElement[bool]]:
    ev = schema.events
    out: list[sa.ColumnElement[bool]] = []
    if (party := _party_clause(f)) is not None:
        out.append(party)
    if f.event:
        out.append(ev.c.event == f.event.upper())
    if f.quad is not None:
        out.append(ev.c.quad_code == f.quad)
    if f.date_from:
        out.append(ev.c.date_hi >= _bound(f.date_from, "date_from", end=False))
    if f.date_to:
        out.append(ev.c.date_lo <= _bound(f.date_to, "date_to", end=True))
    return out


def events_select(f: EventFilters) -> sa.Select[Any]:
    """The SELECT behind ``Store.events`` and the event exports."""
    ev, art = schema.events, schema.articles
    query = (
        sa.select(ev.c.article_id, art.c.published, art.c.source, art.c.url, ev.c.record)
        .join(art, art.c.id == ev.c.article_id)
        .where(*_clauses(f))
        .order_by(sa.nulls_last(art.c.published.asc()), ev.c.article_id, ev.c.ordinal)
    )
    return query.limit(f.limit) if f.limit is not None else query


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _joined(values: list[Any]) -> str | None:
    return ";".join("" if v is None else str(v) for v in values) if values else None


def flat_event(row: Mapping[Any, Any]) -> dict[str, Any]:
    """One row of :data:`EVENT_COLUMNS` from a row of :func:`events_select`."""
    rec = json.loads(row["record"])
    return {
        "article_id": row["article_id"], "story_date": _iso(row["published"]),
        "source": row["source"], "event_id": rec["id"], "event": rec["event"],
        "mode": rec["mode"], "context": _joined(rec["context"]), "quad_code": rec["quad_code"],
        "score": rec["score"], "cameo_root": rec["cameo_root"], "date": rec["date"],
        "date_precision": rec["date_precision"], "enddate": rec["enddate"],
        "actor": _joined([a["code"] for a in rec["actor"]]),
        "actor_sector": _joined([a["sector"] for a in rec["actor"]]),
        "recipient": _joined([a["code"] for a in rec["recipient"]]),
        "recipient_sector": _joined([a["sector"] for a in rec["recipient"]]),
        "aux": _joined(rec["aux"]), "event_text": rec["event_text"],
        "sentence": rec["sentence"], "rule": rec["rule"], "confidence": rec["confidence"],
    }  # fmt: skip


def plover_event(row: Mapping[Any, Any]) -> dict[str, Any]:
    """The contract event dict plus ``article_id``, ``story_date``, ``source`` and ``url``."""
    return {
        **json.loads(row["record"]),
        "article_id": row["article_id"],
        "story_date": _iso(row["published"]),
        "source": row["source"],
        "url": row["url"],
    }
