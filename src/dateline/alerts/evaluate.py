"""Evaluate one rule over the stored events: the firings it makes, window by window.

Events are selected through the query layer (``Database.matching`` with the rule's
:class:`~dateline.query.EventQuery`) and grouped in SQL by day and key; windows and
conditions are computed here. Windows are tumbling runs of ``window_days`` whole
days counted from 0001-01-01 (so 7-day windows start on Mondays), on the event date
(or the story date with ``date_basis: story``); only events dated to the day count.
Keys are the event's first actor and recipient codes (a dyad is the sorted pair,
``IRQ-USA``, either direction) or its location's country.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from dateline.alerts.rules import Rule
from dateline.alerts.store import MAX_EVENTS, Firing, firing_id
from dateline.knowledge.plover import load_codebook
from dateline.query import buckets, side
from dateline.query.database import Database
from dateline.store import schema

Window = tuple[str, int]  # (key, window index)


@dataclass(slots=True)
class Cell:
    """One key's events in one window: how many, their Goldstein sum, casualties."""

    count: int = 0
    goldstein: float = 0.0
    size: float = 0.0


def evaluate(db: Database, rule: Rule, known: set[str] | None = None) -> list[Firing]:
    """The firings of ``rule`` not among ``known`` ids, each with its event ids."""
    known = known or set()
    if rule.condition == "casualties":
        return _casualties(db, rule, known)
    cells = _cells(db, rule)
    hits = {w: hit for w, hit in _CHECKS[rule.condition](rule, cells).items()
            if _firing_of(rule, w) not in known}  # fmt: skip
    ids = _events_of(db, rule, set(hits))
    found: list[Firing] = []
    for (key, index), (value, detail) in sorted(hits.items()):
        start, end = window_bounds(index, rule.window_days)
        found.append(Firing(rule.name, key, start, end, value, detail, ids[(key, index)],
                            cells[(key, index)].count, rule.by))  # fmt: skip
    return found


def _firing_of(rule: Rule, window: Window) -> str:
    return firing_id(rule.name, *window_bounds(window[1], rule.window_days), window[0])


#: Above this many new firings their events are found in one pass over the rule's
#: events rather than one query per firing.
ONE_PASS = 20


def _events_of(db: Database, rule: Rule, windows: set[Window]) -> dict[Window, tuple[str, ...]]:
    """The event ids (at most MAX_EVENTS) of each of ``windows``."""
    if len(windows) <= ONE_PASS:
        return {w: _event_ids(db, rule, w[0], *window_bounds(w[1], rule.window_days))
                for w in windows}  # fmt: skip
    found: dict[Window, list[str]] = defaultdict(list)
    keys = _key_columns(rule.by)
    statement = _select(db, rule, schema.events.c.id, _day_column(rule), *keys)
    with db.store.engine.connect() as conn:
        for row in conn.execution_options(yield_per=10_000).execute(statement):
            key = key_text(rule.by, row[2:])
            window = (key or "", window_index(_as_date(row[1]), rule.window_days))
            if window in windows and len(found[window]) < MAX_EVENTS:
                found[window].append(row[0])
    return {w: tuple(sorted(found[w])) for w in windows}


def window_index(day: date, days: int) -> int:
    return (day.toordinal() - 1) // days


def window_bounds(index: int, days: int) -> tuple[date, date]:
    start = date.fromordinal(index * days + 1)
    return start, start + timedelta(days=days - 1)


# ---------------------------------------------------------------- SQL


@lru_cache(maxsize=1)
def _goldstein_case() -> Any:
    table = load_codebook().goldstein
    return sa.case(table, value=schema.events.c.cameo_root, else_=0.0)


def _key_columns(by: str) -> list[Any]:
    ev = schema.events
    return {"none": [], "dyad": [ev.c.actor_code, ev.c.recipient_code],
            "actor": [ev.c.actor_code], "recipient": [ev.c.recipient_code],
            "country": [side.event_facts.c.country]}[by]  # fmt: skip


def _select(db: Database, rule: Rule, *columns: Any) -> Any:
    """The rule's events (dated to the day), with the key's table joined when needed."""
    basis = rule.query.date_basis
    statement = db.matching(rule.query, *columns).where(*buckets.precision_clause(basis, "day"))
    if rule.by == "country":
        facts = side.event_facts
        statement = statement.join(facts, facts.c.event_id == schema.events.c.id)
    return statement


def _day_column(rule: Rule) -> Any:
    return buckets.date_column(rule.query.date_basis)


def key_text(by: str, parts: Iterable[Any]) -> str | None:
    """The firing key of an event's key columns (None when a part is missing)."""
    values = list(parts)
    if by == "none":
        return "*"
    if any(v is None or v == "" for v in values):
        return None
    return "-".join(sorted(str(v) for v in values)) if by == "dyad" else str(values[0])


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _cells(db: Database, rule: Rule) -> dict[Window, Cell]:
    """Per (key, window): events and Goldstein sum, grouped by key and day in SQL (key
    first: SQLite then scans the table instead of walking the date index row by row,
    5 s instead of 27 s on a million events)."""
    day, keys = _day_column(rule), _key_columns(rule.by)
    total = sa.func.coalesce(sa.func.sum(_goldstein_case()), 0.0)
    statement = _select(db, rule, day, *keys, sa.func.count(), total).group_by(*keys, day)
    cells: dict[Window, Cell] = defaultdict(Cell)
    with db.store.engine.connect() as conn:
        for row in conn.execute(statement):
            key = key_text(rule.by, row[1 : 1 + len(keys)])
            if key is None:
                continue
            cell = cells[(key, window_index(_as_date(row[0]), rule.window_days))]
            cell.count += int(row[-2])
            cell.goldstein += float(row[-1])
    return dict(cells)


def _event_ids(db: Database, rule: Rule, key: str, start: date, end: date) -> tuple[str, ...]:
    """The ids of the rule's events of one key in one window (at most MAX_EVENTS)."""
    ev, day = schema.events, _day_column(rule)
    statement = _select(db, rule, ev.c.id).where(day >= start, day <= end)
    statement = statement.where(*_key_clause(rule.by, key)).order_by(ev.c.id).limit(MAX_EVENTS)
    with db.store.engine.connect() as conn:
        return tuple(conn.scalars(statement))


def _key_clause(by: str, key: str) -> list[Any]:
    ev = schema.events
    if by == "none":
        return []
    if by == "dyad":
        a, b = key.split("-", 1)
        pair = sa.or_(sa.and_(ev.c.actor_code == a, ev.c.recipient_code == b),
                      sa.and_(ev.c.actor_code == b, ev.c.recipient_code == a))  # fmt: skip
        return [pair]
    column = _key_columns(by)[0]
    return [column == key]


# ---------------------------------------------------------------- conditions

Hits = dict[Window, tuple[float, str]]


def _threshold(rule: Rule, cells: dict[Window, Cell]) -> Hits:
    """count or goldstein: the window's value against ``above`` / ``below``."""
    above, below = rule.options.get("above"), rule.options.get("below")
    hits: Hits = {}
    for window, cell in cells.items():
        value = float(cell.count) if rule.condition == "count" else round(cell.goldstein, 3)
        if above is not None and value > above:
            hits[window] = (value, f"{rule.condition} {value:g} > {above:g}")
        elif below is not None and value < below:
            hits[window] = (value, f"{rule.condition} {value:g} < {below:g}")
    return hits


def _spike(rule: Rule, cells: dict[Window, Cell]) -> Hits:
    """The window's count over the mean of the ``baseline`` windows before it by more
    than ``k`` standard deviations (and at least ``min`` events); only windows with a
    full baseline inside the data are judged."""
    k = float(rule.options.get("k", 3))
    size = int(rule.options.get("baseline", 8))
    least = int(rule.options.get("min", 3))
    first = min((index for _key, index in cells), default=0)
    hits: Hits = {}
    for (key, index), cell in cells.items():
        if index - size < first or cell.count < least:
            continue
        before = [_count(cells, key, i) for i in range(index - size, index)]
        mean, sd = statistics.fmean(before), statistics.pstdev(before)
        if cell.count > mean + k * sd:
            detail = (f"count {cell.count} over the baseline mean {mean:.2f} + {k:g} x sd "
                      f"{sd:.2f} ({size} windows)")  # fmt: skip
            hits[(key, index)] = (float(cell.count), detail)
    return hits


def _count(cells: dict[Window, Cell], key: str, index: int) -> int:
    cell = cells.get((key, index))
    return cell.count if cell is not None else 0


def _first(rule: Rule, cells: dict[Window, Cell]) -> Hits:
    """The first window with events for a key after ``days`` without any (the data must
    reach back that far: the very first events of a new database never fire)."""
    days = int(rule.options["days"])
    earliest = min((window_bounds(i, rule.window_days)[0] for _k, i in cells), default=None)
    by_key: dict[str, list[int]] = defaultdict(list)
    for key, index in cells:
        by_key[key].append(index)
    hits: Hits = {}
    for key, indexes in by_key.items():
        previous: date | None = None
        for index in sorted(indexes):
            start, end = window_bounds(index, rule.window_days)
            quiet_since = previous or earliest
            if quiet_since is not None and (start - quiet_since).days > days:
                what = f"last on {previous}" if previous else f"none since {earliest}"
                hits[(key, index)] = (float(cells[(key, index)].count),
                                      f"first events in {days} days ({what})")  # fmt: skip
            previous = end
    return hits


_CHECKS = {"count": _threshold, "goldstein": _threshold, "spike": _spike, "first": _first}


# ---------------------------------------------------------------- casualties


def _casualties(db: Database, rule: Rule, known: set[str]) -> list[Firing]:
    """The ``size`` (dead by default) summed per key and window, over ``above``."""
    of = str(rule.options.get("of", "dead"))
    bound = float(rule.options["above"])
    ev, keys = schema.events, _key_columns(rule.by)
    statement = _select(db, rule, ev.c.id, _day_column(rule), ev.c.record, *keys)
    statement = statement.where(ev.c.record.like('%"size"%'))
    sums: dict[Window, Cell] = defaultdict(Cell)
    ids: dict[Window, list[str]] = defaultdict(list)
    with db.store.engine.connect() as conn:
        for row in conn.execute(statement):
            value = (json.loads(row[2]).get("size") or {}).get(of)
            key = key_text(rule.by, row[3:])
            if not value or key is None:
                continue
            window = (key, window_index(_as_date(row[1]), rule.window_days))
            sums[window].size += float(value)
            sums[window].count += 1
            ids[window].append(row[0])
    found = []
    for (key, index), cell in sorted(sums.items()):
        start, end = window_bounds(index, rule.window_days)
        if cell.size <= bound or firing_id(rule.name, start, end, key) in known:
            continue
        found.append(Firing(rule.name, key, start, end, cell.size,
                            f"{of} {cell.size:g} > {bound:g}",
                            tuple(sorted(ids[(key, index)]))[:MAX_EVENTS], cell.count,
                            rule.by))  # fmt: skip
    return found
