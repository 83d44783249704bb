"""Engines and dialect-aware statements (SQLite and PostgreSQL; others best effort)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from dateline.errors import StoreError

#: Set on every new SQLite connection: WAL journal, enforced foreign keys, wait 10 s for locks,
#: and fsync at checkpoints rather than at every commit (the usual setting with WAL).
SQLITE_PRAGMAS: tuple[str, ...] = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
    "PRAGMA synchronous=NORMAL",  # safe with WAL: a crash loses no committed-and-synced data
)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, open transactions (see _sqlite_on_begin):
    # sqlite3's own implicit BEGIN skips DDL, which would make migrations non-atomic.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def create_engine(url: str) -> sa.Engine:
    """An engine for ``url``; SQLite connections get :data:`SQLITE_PRAGMAS` on connect."""
    try:
        engine = sa.create_engine(url)
    except (sa.exc.ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database URL {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_on_connect)
        sa.event.listen(engine, "begin", _sqlite_on_begin)
    return engine


@contextmanager
def writing(engine: sa.Engine) -> Iterator[Connection]:
    """A write transaction; on SQLite ``BEGIN IMMEDIATE``, so two writers never deadlock
    upgrading a read lock (the second waits up to ``busy_timeout`` instead)."""
    with engine.connect() as conn:
        conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            yield conn


@contextmanager
def database_errors(engine: sa.Engine, what: str) -> Iterator[None]:
    """Turn any database error inside the block into one ``StoreError`` line:
    ``{what} ({database}): {the driver's message}``."""
    try:
        yield
    except sa.exc.DBAPIError as exc:
        raise StoreError(f"{what} ({describe(engine)}): {_first_line(exc.orig or exc)}") from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def describe(engine: sa.Engine) -> str:
    """The engine's URL with any password hidden (for error messages)."""
    return engine.url.render_as_string(hide_password=True)


def _dialect_insert(conn: Connection, table: sa.Table) -> Any:
    name = conn.dialect.name
    if name == "sqlite":
        return sqlite.insert(table)
    if name == "postgresql":
        return postgresql.insert(table)
    return None


def insert_ignoring(conn: Connection, table: sa.Table) -> Any:
    """``INSERT ... ON CONFLICT (primary key) DO NOTHING``, or None if the dialect lacks it."""
    statement = _dialect_insert(conn, table)
    if statement is None:
        return None
    keys = [c.name for c in table.primary_key.columns]
    return statement.on_conflict_do_nothing(index_elements=keys)


def upsert(conn: Connection, table: sa.Table, update: Sequence[str]) -> Any:
    """``INSERT ... ON CONFLICT (primary key) DO UPDATE`` of the ``update`` columns."""
    statement = _dialect_insert(conn, table)
    if statement is None:
        raise StoreError(f"upserts are not supported on {conn.dialect.name}")
    keys = [c.name for c in table.primary_key.columns]
    values = {name: statement.excluded[name] for name in update}
    return statement.on_conflict_do_update(index_elements=keys, set_=values)
