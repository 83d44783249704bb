"""The watcher's state, in its own tables beside the store's (created when missing).

- ``watch_files``: per file path, the size and modification time it had when it was
  last ingested (a file is read again only when they change).
- ``watch_sources``: per source (a folder, glob or URL), the feed validators
  (ETag, Last-Modified), consecutive failures, when to try again, and the last error.

The store's own tables are never altered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from dateline.store.engine import create_missing, upsert, writing

metadata = sa.MetaData()

files = sa.Table(
    "watch_files",
    metadata,
    sa.Column("path", sa.Text, primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("mtime_ns", sa.BigInteger, nullable=False),
    sa.Column("read_at", sa.Float, nullable=False),
)

sources = sa.Table(
    "watch_sources",
    metadata,
    sa.Column("source", sa.Text, primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("retry_at", sa.Float, nullable=False),
    sa.Column("last_error", sa.Text),
    sa.Column("checked_at", sa.Float, nullable=False),
)


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the watcher remembers of one source."""

    source: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    retry_at: float = 0.0
    last_error: str | None = None


def create(engine: sa.Engine) -> None:
    """Create the watch tables if missing (a read first: no lock when they exist)."""
    create_missing(engine, metadata)


def file_marks(engine: sa.Engine) -> dict[str, tuple[int, int]]:
    """Per path read before: its (size, mtime_ns) then."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(files.c.path, files.c.size, files.c.mtime_ns))
        return {path: (size, mtime) for path, size, mtime in rows}


def mark_files(engine: sa.Engine, marks: dict[str, tuple[int, int]], now: float) -> None:
    """Record that these files were read at these sizes and times."""
    if not marks:
        return
    rows = [{"path": p, "size": s, "mtime_ns": m, "read_at": now} for p, (s, m) in marks.items()]
    with writing(engine) as conn:
        conn.execute(upsert(conn, files, ("size", "mtime_ns", "read_at")), rows)


def source_state(engine: sa.Engine, source: str) -> SourceState:
    """The remembered state of ``source`` (a fresh one when never seen)."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(sources).where(sources.c.source == source)).mappings().first()
    if row is None:
        return SourceState(source)
    return SourceState(source, row["etag"], row["last_modified"], row["failures"],
                       row["retry_at"], row["last_error"])  # fmt: skip


def save_source(engine: sa.Engine, state: SourceState, now: float) -> None:
    """Store the state of one source."""
    row = {"source": state.source, "etag": state.etag, "last_modified": state.last_modified,
           "failures": state.failures, "retry_at": state.retry_at,
           "last_error": state.last_error, "checked_at": now}  # fmt: skip
    with writing(engine) as conn:
        _upsert_source(conn, row)


def _upsert_source(conn: Connection, row: Mapping[str, object]) -> None:
    update = [name for name in row if name != "source"]
    conn.execute(upsert(conn, sources, update), row)


def all_sources(engine: sa.Engine) -> list[SourceState]:
    """Every remembered source, by name (for reports and tests)."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(sources).order_by(sources.c.source)).mappings()
        return [SourceState(r["source"], r["etag"], r["last_modified"], r["failures"],
                            r["retry_at"], r["last_error"]) for r in rows]  # fmt: skip
