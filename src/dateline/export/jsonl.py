"""JSON Lines exports: PLOVER events, and full contract records."""

from __future__ import annotations

import json
from typing import Any, TextIO

from dateline.query import Database, EventQuery
from dateline.query.flat import iso


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False) + "\n"


def export_plover(
    db: Database, out: TextIO, query: EventQuery | None = None, **filters: Any
) -> int:
    """One PLOVER event a line: the contract event plus ``article_id``, ``story_date``,
    ``source``, ``url`` and ``cluster_id``."""
    written = 0
    for row in db.records(query, **filters):
        extra = {"article_id": row["article_id"], "story_date": iso(row["published"]),
                 "source": row["source"], "url": row["url"],
                 "cluster_id": row["cluster"]}  # fmt: skip
        out.write(_line({**row["record"], **extra}))
        written += 1
    return written


def export_records(
    db: Database, out: TextIO, query: EventQuery | None = None, **filters: Any
) -> int:
    """One article a line in the output contract (as ``dateline extract`` prints), by id;
    with filters, the articles that have at least one matching event."""
    ids = None
    if (query or EventQuery()).merged(**filters).active():
        ids = sorted({row["article_id"] for row in db.records(query, **filters)})
    written = 0
    for record in db.store.records(ids):
        out.write(_line(record))
        written += 1
    return written
