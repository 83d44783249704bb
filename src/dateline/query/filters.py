"""Event filters (:class:`EventQuery`) and their translation to SQLAlchemy Core clauses.

One filter type for every reader: the CLI, the HTTP API, the dashboard,
``dateline.open()`` and every export build an :class:`EventQuery` with the same
field names (:data:`FILTERS`). Building one normalises and validates it: codes
and types are upper-cased, modes and aux lower-cased, strings such as
``"USA,IRQ"``, ``"4"`` or ``"33.3,44.4,50"`` are parsed, and a value no query
could use (an unknown type, mode, quad or aux, an inverted date range) raises
:class:`QueryError` naming the filter. So a typo is an error, never an empty answer.

Every value reaches the database as a bound parameter; nothing here formats user
input into SQL text. Party filters select event ids from ``event_actors`` through
its ``(code, role)`` index, so they stay fast on large databases.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from dateline.errors import QueryError
from dateline.isodates import date_bounds
from dateline.knowledge.plover import load_codebook
from dateline.query import side
from dateline.query.names import FILTERS
from dateline.store import schema

AUX_MODES = ("future", "hypothetical", "negated", "historical", "alleged")
DATE_BASES = ("event", "story")
QUADS = (1, 2, 3, 4)
_CODE = re.compile(r"^[A-Z0-9_.]{1,16}$")
_KM_PER_DEGREE = 111.195


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
    Values are normalised and checked when the query is built (see the module doc).
    """

    actor: str | None = None
    actor_sector: str | None = None
    recipient: str | None = None
    recipient_sector: str | None = None
    party: str | None = None
    dyad: tuple[str, str] | None = None
    type: str | None = None
    quad: int | None = None
    mode: str | None = None
    aux: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    date_basis: str = "event"
    country: str | None = None
    near: tuple[float, float, float] | None = None
    text: str | None = None
    article: str | None = None
    source: str | None = None
    cluster: str | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                object.__setattr__(self, f.name, normalise(f.name, value))
        validate(self)

    def merged(self, **changes: Any) -> EventQuery:
        """A copy with the non-None ``changes`` applied (unknown names raise QueryError)."""
        if unknown := sorted(set(changes) - set(FILTERS)):
            known = ", ".join(FILTERS)
            raise QueryError(f"unknown filter(s): {', '.join(unknown)}; known: {known}")
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def active(self) -> dict[str, Any]:
        """The filters that are set, by name (for messages and round trips)."""
        default = EventQuery()
        return {n: getattr(self, n) for n in FILTERS if getattr(self, n) != getattr(default, n)}


# ---------------------------------------------------------------- normalising


def _pieces(name: str, value: Any) -> tuple[Any, ...]:
    if isinstance(value, str):
        return tuple(p.strip() for p in re.split(r"[,\-]" if name == "dyad" else ",", value))
    return tuple(value)


def _code(name: str, value: Any) -> str:
    code = str(value).strip().upper()
    if not _CODE.match(code):
        raise QueryError(
            f"{name}: expected a code of letters, digits, '_' or '.' (at most 16), got {value!r}"
        )
    return code


def _number(name: str, value: Any, kind: type) -> Any:
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise QueryError(f"{name}: expected a number, got {value!r}") from None


def normalise(name: str, value: Any) -> Any:
    """One filter value in its canonical form (strings parsed, case folded)."""
    if name in ("actor", "actor_sector", "recipient", "recipient_sector", "party", "country"):
        return _code(name, value)
    if name == "dyad":
        return tuple(_code(name, p) for p in _pieces(name, value))
    if name == "type":
        return str(value).strip().upper()
    if name in ("mode", "date_basis"):
        return str(value).strip().lower()
    if name == "aux":
        return tuple(str(a).strip().lower() for a in _pieces(name, value) if str(a).strip())
    if name == "quad":
        return _number(name, value, int) if not isinstance(value, bool) else value
    if name == "near":
        return tuple(_number(name, v, float) for v in _pieces(name, value))
    return str(value).strip() or None


# ---------------------------------------------------------------- validating


@lru_cache(maxsize=1)
def known_types() -> dict[str, tuple[str, ...]]:
    """PLOVER types and their modes, from the codebook."""
    return {name: tuple(t.modes) for name, t in load_codebook().types.items()}


def _check_kind(q: EventQuery) -> None:
    types = known_types()
    if q.type is not None and q.type not in types:
        raise QueryError(f"type: unknown PLOVER type {q.type!r}; expected one of {list(types)}")
    modes = types[q.type] if q.type else tuple(sorted({m for ms in types.values() for m in ms}))
    if q.mode is not None and q.mode not in modes:
        of = f" of {q.type}" if q.type else ""
        raise QueryError(f"mode: unknown mode{of} {q.mode!r}; expected one of {list(modes)}")
    if q.quad is not None and q.quad not in QUADS:
        raise QueryError(f"quad: expected 1, 2, 3 or 4, got {q.quad!r}")


def _check_dates(q: EventQuery) -> None:
    if q.date_basis not in DATE_BASES:
        raise QueryError(f"date_basis: expected one of {list(DATE_BASES)}, got {q.date_basis!r}")
    for name in ("date_from", "date_to"):
        value = getattr(q, name)
        if value is not None and date_bounds(value)[0] is None:
            raise QueryError(f"{name}: expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    if q.date_from and q.date_to:
        first, last = date_bounds(q.date_from)[0], date_bounds(q.date_to)[1]
        if first is not None and last is not None and first > last:
            raise QueryError(
                f"date_from {q.date_from!r} is after date_to {q.date_to!r}: the range is inverted"
            )


def validate(q: EventQuery) -> None:
    """Raise :class:`QueryError` for values no query could use."""
    if q.dyad is not None and len(q.dyad) != 2:
        raise QueryError(f"dyad: expected two actor codes like 'USA,IRQ', got {list(q.dyad)}")
    if bad := [a for a in q.aux if a not in AUX_MODES]:
        raise QueryError(f"aux: unknown mode(s) {bad}; expected some of {list(AUX_MODES)}")
    _check_kind(q)
    _check_dates(q)
    if q.near is not None:
        _check_near(q.near)


def _check_near(near: tuple[float, ...]) -> None:
    if len(near) != 3 or not all(math.isfinite(float(v)) for v in near):
        raise QueryError(f"near: expected 'lat,lon,km', got {list(near)}")
    lat, lon, km = (float(v) for v in near)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_000):
        raise QueryError("near: lat in [-90, 90], lon in [-180, 180], km in (0, 20000]")


# ---------------------------------------------------------------- to SQL


def _mentions(role: str, code: str | None, sector: str | None) -> sa.Select[Any]:
    ea = side.parties if code else schema.event_actors  # parties: clustered by code
    query = sa.select(ea.c.event_id).where(ea.c.role == role)
    if code:
        query = query.where(ea.c.code == code)
    if sector:
        query = query.where(ea.c.sector == sector)
    return query


def _pair(first: str, second: str) -> sa.Select[Any]:
    """Events with ``first`` among the actors and ``second`` among the recipients."""
    a, r = side.parties.alias("pa"), side.parties.alias("pr")
    return (
        sa.select(a.c.event_id)
        .join(r, r.c.event_id == a.c.event_id)
        .where(a.c.role == "actor", a.c.code == first)
        .where(r.c.role == "recipient", r.c.code == second)
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
        parts.append(facts.c.country == q.country)
    for aux in q.aux:
        parts.append(facts.c.aux.like(f"%|{aux}|%"))  # aux is validated against AUX_MODES
    if q.near is not None:
        parts.extend(_near_parts(*(float(v) for v in q.near)))
    if not parts:
        return None
    return schema.events.c.id.in_(sa.select(facts.c.event_id).where(*parts))


def _cluster_clause(q: EventQuery) -> sa.ColumnElement[bool] | None:
    if not q.cluster:
        return None
    members = sa.select(side.clusters.c.event_id).where(side.clusters.c.cluster == q.cluster)
    return schema.events.c.id.in_(members)


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
    ev, art = schema.events, schema.articles
    out = party_clauses(q) + _date_clauses(q)
    simple = [(ev.c.event, q.type), (ev.c.mode, q.mode), (ev.c.article_id, q.article),
              (art.c.source, q.source)]  # fmt: skip
    out += [col == v for col, v in simple if v]
    if q.quad is not None:
        out.append(ev.c.quad_code == q.quad)
    for extra in (_facts_clause(q), _cluster_clause(q)):
        if extra is not None:
            out.append(extra)
    if text is not None:
        out.append(text)
    return out
