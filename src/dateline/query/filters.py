"""Event filters (:class:`EventQuery`) and their translation to SQLAlchemy Core clauses.

Every value reaches the database as a bound parameter; nothing here formats user
input into SQL text. Party filters select event ids from ``event_actors`` through
its ``(code, role)`` index, so they stay fast on large databases.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any

import sqlalchemy as sa

from dateline.errors import DatelineError
from dateline.query import side
from dateline.store import schema
from dateline.store.rows import date_bounds

AUX_MODES = ("future", "hypothetical", "negated", "historical")
DATE_BASES = ("event", "story")
_KM_PER_DEGREE = 111.195


class QueryError(DatelineError):
    """A filter or query parameter is invalid; the message says which and why."""


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events to select; ``None`` (or empty) means no filter on that field.

    ``actor``/``recipient`` match any actor/recipient code of an event (with
    ``actor_sector``/``recipient_sector`` on the same mention); ``party`` matches
    either role; ``dyad`` is a pair of codes matched in either direction.
    ``date_from``/``date_to`` take ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and use
    the event date (interval overlap; undated events drop out) or, with
    ``date_basis="story"``, the story date. ``near`` is ``(lat, lon, km)`` around
    the event location; ``text`` is a full-text search over the article text.
    """

    actor: str | None = None
    actor_sector: str | None = None
    recipient: str | None = None
    recipient_sector: str | None = None
    party: str | None = None
    dyad: tuple[str, str] | None = None
    event: str | None = None
    quad: int | None = None
    mode: str | None = None
    aux: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    date_basis: str = "event"
    country: str | None = None
    near: tuple[float, float, float] | None = None
    text: str | None = None
    article_id: str | None = None
    source: str | None = None

    def merged(self, **changes: Any) -> EventQuery:
        """A copy with the non-None ``changes`` applied (unknown names raise QueryError)."""
        known = {f.name for f in fields(self)}
        if unknown := sorted(set(changes) - known):
            raise QueryError(f"unknown filter(s): {', '.join(unknown)}")
        clean = {k: _normalise(k, v) for k, v in changes.items() if v is not None}
        return replace(self, **clean)


def _normalise(name: str, value: Any) -> Any:
    if name == "dyad" and isinstance(value, str):
        value = value.replace("-", ",").split(",")
    if name in ("dyad", "aux", "near") and not isinstance(value, tuple):
        value = tuple(value) if not isinstance(value, str) else (value,)
    return value


def validate(q: EventQuery) -> None:
    """Raise :class:`QueryError` for values no query could use."""
    if q.dyad is not None and len(q.dyad) != 2:
        raise QueryError(f"dyad: expected two actor codes, got {list(q.dyad)}")
    if bad := [a for a in q.aux if a not in AUX_MODES]:
        raise QueryError(f"aux: unknown mode(s) {bad}; expected some of {list(AUX_MODES)}")
    if q.date_basis not in DATE_BASES:
        raise QueryError(f"date_basis: expected one of {list(DATE_BASES)}, got {q.date_basis!r}")
    if q.quad is not None and q.quad not in (1, 2, 3, 4):
        raise QueryError(f"quad: expected 1, 2, 3 or 4, got {q.quad!r}")
    if q.near is not None:
        _check_near(q.near)
    for name in ("date_from", "date_to"):
        value = getattr(q, name)
        if value is not None and date_bounds(value)[0] is None:
            raise QueryError(f"{name}: expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")


def _check_near(near: tuple[float, ...]) -> None:
    if len(near) != 3 or not all(math.isfinite(float(v)) for v in near):
        raise QueryError(f"near: expected (lat, lon, km), got {list(near)}")
    lat, lon, km = (float(v) for v in near)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_000):
        raise QueryError("near: lat in [-90, 90], lon in [-180, 180], km in (0, 20000]")


def _mentions(role: str, code: str | None, sector: str | None) -> sa.Select[Any]:
    ea = side.parties if code else schema.event_actors  # parties: clustered by code
    query = sa.select(ea.c.event_id).where(ea.c.role == role)
    if code:
        query = query.where(ea.c.code == code.upper())
    if sector:
        query = query.where(ea.c.sector == sector.upper())
    return query


def _pair(first: str, second: str) -> sa.Select[Any]:
    """Events with ``first`` among the actors and ``second`` among the recipients."""
    a, r = side.parties.alias("pa"), side.parties.alias("pr")
    return (
        sa.select(a.c.event_id)
        .join(r, r.c.event_id == a.c.event_id)
        .where(a.c.role == "actor", a.c.code == first.upper())
        .where(r.c.role == "recipient", r.c.code == second.upper())
    )


def party_clauses(q: EventQuery) -> list[sa.ColumnElement[bool]]:
    """Actor, recipient, party and dyad filters as ``events.id IN (...)`` clauses."""
    ev = schema.events
    out: list[sa.ColumnElement[bool]] = []
    if q.actor or q.actor_sector:
        out.append(ev.c.id.in_(_mentions("actor", q.actor, q.actor_sector)))
    if q.recipient or q.recipient_sector:
        out.append(ev.c.id.in_(_mentions("recipient", q.recipient, q.recipient_sector)))
    if q.party:
        both = sa.union(_mentions("actor", q.party, None), _mentions("recipient", q.party, None))
        out.append(ev.c.id.in_(both))
    if q.dyad:
        a, b = q.dyad
        out.append(ev.c.id.in_(sa.union(_pair(a, b), _pair(b, a))))
    return out


def _date_clauses(q: EventQuery) -> list[sa.ColumnElement[bool]]:
    lo = date_bounds(q.date_from)[0] if q.date_from else None
    hi = date_bounds(q.date_to)[1] if q.date_to else None
    if q.date_basis == "story":
        col = schema.articles.c.published
        return ([col >= lo] if lo else []) + ([col <= hi] if hi else [])
    ev = schema.events
    return ([ev.c.date_hi >= lo] if lo else []) + ([ev.c.date_lo <= hi] if hi else [])


def _facts_clause(q: EventQuery) -> sa.ColumnElement[bool] | None:
    facts = side.event_facts
    parts: list[sa.ColumnElement[bool]] = []
    if q.country:
        parts.append(facts.c.country == q.country.upper())
    for aux in q.aux:
        parts.append(facts.c.aux.like(f"%|{aux}|%"))  # aux is validated against AUX_MODES
    if q.near is not None:
        parts.extend(_near_parts(*(float(v) for v in q.near)))
    if not parts:
        return None
    return schema.events.c.id.in_(sa.select(facts.c.event_id).where(*parts))


def _near_parts(lat: float, lon: float, km: float) -> list[sa.ColumnElement[bool]]:
    """Bounding box (indexed) and an equirectangular distance test, in plain arithmetic."""
    facts = side.event_facts
    dlat = km / _KM_PER_DEGREE
    squeeze = max(math.cos(math.radians(lat)), 1e-6)
    dlon = min(dlat / squeeze, 360.0)
    dx = (facts.c.lon - lon) * squeeze
    dy = facts.c.lat - lat
    return [
        facts.c.lat.between(lat - dlat, lat + dlat),
        facts.c.lon.between(lon - dlon, lon + dlon),
        dx * dx + dy * dy <= dlat * dlat,
    ]


def clauses(q: EventQuery, text: sa.ColumnElement[bool] | None) -> list[sa.ColumnElement[bool]]:
    """Every WHERE clause of ``q`` over ``events`` joined to ``articles``.

    ``text`` is the full-text clause (dialect-specific, built by :mod:`.side`).
    """
    validate(q)
    ev, art = schema.events, schema.articles
    out = party_clauses(q) + _date_clauses(q)
    simple = [(ev.c.event, q.event), (ev.c.mode, q.mode), (ev.c.article_id, q.article_id),
              (art.c.source, q.source)]  # fmt: skip
    out += [col == (v.upper() if col is ev.c.event else v) for col, v in simple if v]
    if q.quad is not None:
        out.append(ev.c.quad_code == q.quad)
    if (facts := _facts_clause(q)) is not None:
        out.append(facts)
    if text is not None:
        out.append(text)
    return out
