"""Engines and dialect-aware statements (SQLite and PostgreSQL; others best effort)."""

from __future__ import annotations

import sqlite3
import time
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
    "PRAGMA busy_timeout=10000",  # BUSY_TIMEOUT_MS; first, so the pragmas below wait too
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",  # safe with WAL: a crash loses no committed-and-synced data
)
#: Switching a new database to WAL needs it to itself for a moment; when several
#: connections open a new database at once, SQLite may answer "locked" without waiting,
#: so the pragma is tried again this many times, :data:`PRAGMA_RETRY_S` apart.
PRAGMA_TRIES = 100
PRAGMA_RETRY_S = 0.05


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, open transactions (see _sqlite_on_begin):
    # sqlite3's own implicit BEGIN skips DDL, which would make migrations non-atomic.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            _execute_when_free(cursor, pragma)
    finally:
        cursor.close()


def _execute_when_free(cursor: Any, statement: str) -> None:
    for attempt in range(PRAGMA_TRIES):
        try:
            cursor.execute(statement)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == PRAGMA_TRIES - 1:
                raise
            time.sleep(PRAGMA_RETRY_S)


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


#: How long a SQLite connection waits for a lock (ms), as set by ``SQLITE_PRAGMAS``.
BUSY_TIMEOUT_MS = 10_000


@contextmanager
def writing(engine: sa.Engine, wait_ms: int | None = None) -> Iterator[Connection]:
    """A write transaction; on SQLite ``BEGIN IMMEDIATE``, so two writers never deadlock
    upgrading a read lock (the second waits up to ``busy_timeout`` instead).

    ``wait_ms`` (SQLite) waits that long for the write lock instead of 10 s, for
    best-effort writes that had rather give up (``is_locked`` tells the error)."""
    with engine.connect() as conn:
        conn.execution_options(sqlite_begin="IMMEDIATE")
        with _lock_wait(conn, wait_ms), conn.begin():
            yield conn


@contextmanager
def _lock_wait(conn: Connection, wait_ms: int | None) -> Iterator[None]:
    """Set the connection's busy timeout for the block (on the driver connection: a
    statement through SQLAlchemy would begin a transaction), then set it back."""
    if wait_ms is None or conn.dialect.name != "sqlite":
        yield
        return
    driver = conn.connection.driver_connection
    if driver is None:  # no live driver connection: nothing to set
        yield
        return
    driver.execute(f"PRAGMA busy_timeout={int(wait_ms)}")
    try:
        yield
    finally:
        driver.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


#: The PostgreSQL advisory lock that writers of articles take (``lock_writers``).
WRITER_LOCK = 0x64617465  # "date"


def lock_writers(conn: Connection) -> None:
    """Let one writer of articles at a time through, until its transaction ends: the
    near-duplicate search must see every article written before it. On SQLite the
    write transaction (``BEGIN IMMEDIATE``) is that lock already; on PostgreSQL it is
    a transaction-level advisory lock."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITER_LOCK)))


@contextmanager
def savepoint(conn: Connection) -> Iterator[None]:
    """A savepoint around the block, rolled back when the block raises.

    SQLite rolls the whole transaction back by itself on some errors ("database or
    disk is full", I/O errors), taking the savepoint with it: then the block's error
    is raised as a ``StoreError`` naming it (never "no such savepoint"), so nothing
    goes on writing outside a transaction."""
    nested = conn.begin_nested()
    try:
        yield
    except BaseException as exc:
        try:
            nested.rollback()
        except sa.exc.DBAPIError as lost:
            cause = getattr(exc, "orig", None) or exc
            raise StoreError(f"the transaction was rolled back: {_first_line(cause)}") from lost
        raise
    nested.commit()


def is_locked(exc: BaseException) -> bool:
    """Whether a database error is SQLite's "database is locked" (or busy)."""
    text = str(getattr(exc, "orig", exc)).lower()
    return isinstance(exc, sa.exc.OperationalError) and ("locked" in text or "busy" in text)


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


def create_missing(engine: sa.Engine, metadata: sa.MetaData) -> None:
    """Create ``metadata``'s tables if any is missing; whether they all exist is read
    first, without a lock, so readers of a database that has them never wait."""
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        if all(inspector.has_table(name) for name in metadata.tables):
            return
    with writing(engine) as conn:
        metadata.create_all(conn, checkfirst=True)
