"""Versioned schema migrations.

``MIGRATIONS`` is the ordered list of steps; step ``n`` takes a database from
version ``n - 1`` to ``n`` and records itself in ``schema_version``. A fresh
database gets the current schema from ``schema.metadata`` and is stamped with
every version at once; an existing one runs only the steps it has not seen.
Applying the migrations twice is a no-op.

To change the schema: edit ``schema.py``, bump ``SCHEMA_VERSION`` and append a
step that alters existing databases to match (``ALTER TABLE ...``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from dateline.errors import StoreError
from dateline.store import copies, schema


@dataclass(frozen=True, slots=True)
class Migration:
    """One step: ``apply`` takes the database from ``version - 1`` to ``version``."""

    version: int
    description: str
    apply: Callable[[Connection], None]


def _create_v1(conn: Connection) -> None:
    schema.metadata.create_all(conn, checkfirst=True)


def _add_date_source_and_provenance(conn: Connection) -> None:
    conn.execute(sa.text("ALTER TABLE articles ADD COLUMN date_source VARCHAR"))
    conn.execute(sa.text("ALTER TABLE runs ADD COLUMN provenance TEXT"))


def _add_copies(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.COPY_TABLES), checkfirst=True)
    copies.backfill(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: articles, events, records, rejects, runs", _create_v1),
    Migration(
        2,
        "articles.date_source (where the story date came from), runs.provenance",
        _add_date_source_and_provenance,
    ),
    Migration(
        3,
        "article_sources (every copy of a story), article_signatures and article_buckets "
        "(MinHash near-duplicate search)",
        _add_copies,
    ),
)


def current_version(conn: Connection) -> int:
    """The highest applied version, or 0 for a database without dateline tables."""
    if not sa.inspect(conn).has_table(schema.schema_version.name):
        return 0
    found = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(found or 0)


def is_current(conn: Connection, steps: Sequence[Migration] = MIGRATIONS) -> bool:
    """Whether the database is at the last step's version (a read, no lock); raise
    ``StoreError`` when it is newer than this dateline."""
    target = steps[-1].version if steps else 0
    found = current_version(conn)
    _refuse_newer(found, target)
    return found == target


def _refuse_newer(found: int, target: int) -> None:
    if found > target:
        raise StoreError(
            f"database schema version {found} is newer than this dateline ({target}); "
            "upgrade dateline to open it"
        )


def utc_now() -> str:
    """The current UTC time as ISO 8601 text, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _stamp(conn: Connection, step: Migration) -> None:
    row = {"version": step.version, "description": step.description, "applied_at": utc_now()}
    conn.execute(sa.insert(schema.schema_version), row)


def migrate(conn: Connection, steps: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database up to the last step's version; return that version.

    Runs inside the caller's transaction, so a failed step leaves nothing behind.
    """
    target = steps[-1].version if steps else 0
    found = current_version(conn)
    _refuse_newer(found, target)
    if found == 0:
        schema.metadata.create_all(conn, checkfirst=True)
        for step in steps:
            _stamp(conn, step)
        return target
    for step in steps:
        if step.version > found:
            step.apply(conn)
            _stamp(conn, step)
    return target
