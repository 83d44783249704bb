"""JSON Lines exports: PLOVER events, and full contract records."""

from __future__ import annotations

import json
from typing import Any, TextIO

from dateline.store import Store


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False) + "\n"


def export_plover(store: Store, out: TextIO, **filters: Any) -> int:
    """One PLOVER event a line: the contract event plus ``article_id``, ``story_date``,
    ``source`` and ``url``. ``filters`` are those of ``Store.events`` (no limit by default)."""
    written = 0
    for event in store.plover_events(**filters):
        out.write(_line(event))
        written += 1
    return written


def export_records(store: Store, out: TextIO) -> int:
    """One article a line in the output contract (as ``dateline extract`` prints), by id."""
    written = 0
    for record in store.records():
        out.write(_line(record))
        written += 1
    return written
