"""Opening: SQLite pragmas on every connection, migrations, and errors."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from dateline.errors import StoreError
from dateline.store import Store, schema
from dateline.store.migrations import MIGRATIONS, Migration, current_version, migrate

from .factories import make_extraction


def test_every_new_sqlite_connection_gets_the_pragmas(store: Store) -> None:
    store.engine.dispose()  # the next connection is a fresh one
    with store.engine.connect() as conn:
        pragmas = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout")
        }
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 10000}


def test_foreign_keys_cascade_deletes(store: Store) -> None:
    extraction = make_extraction(1)
    store.write(extraction)
    with store.engine.begin() as conn:
        conn.execute(sa.delete(schema.articles))
    with store.engine.connect() as conn:
        for table in schema.ARTICLE_TABLES:
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0


def test_open_accepts_a_plain_path(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "plain.db")) as store:
        assert store.counts()["articles"] == 0
    assert (tmp_path / "plain.db").exists()


def test_open_reports_an_unusable_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        Store.open(f"sqlite:///{tmp_path / 'missing' / 'dir' / 'x.db'}")
    with pytest.raises(StoreError, match="cannot use database URL"):
        Store.open("nosuchdialect://x")


def test_migrating_twice_is_a_no_op_and_keeps_data(db_url: str) -> None:
    written = make_extraction(1)
    with Store.open(db_url) as store:
        store.write(written)
    with Store.open(db_url) as store:
        with store.engine.begin() as conn:
            assert migrate(conn) == schema.SCHEMA_VERSION
            versions = conn.execute(sa.select(schema.schema_version.c.version)).scalars().all()
        assert versions == [m.version for m in MIGRATIONS]
        assert list(store.extractions()) == [written]


def test_a_new_step_runs_once_on_an_existing_database(store: Store) -> None:
    calls: list[int] = []

    def add_column(conn: sa.Connection) -> None:
        calls.append(1)
        conn.exec_driver_sql("ALTER TABLE runs ADD COLUMN host TEXT")

    steps = (*MIGRATIONS, Migration(schema.SCHEMA_VERSION + 1, "runs.host", add_column))
    for _ in range(2):
        with store.engine.begin() as conn:
            assert migrate(conn, steps) == schema.SCHEMA_VERSION + 1
    assert calls == [1]
    with store.engine.connect() as conn:
        assert current_version(conn) == schema.SCHEMA_VERSION + 1
    assert not store.check().ok  # this dateline expects the older version


def test_a_failed_step_leaves_the_version_unchanged(store: Store) -> None:
    def broken(conn: sa.Connection) -> None:
        conn.exec_driver_sql("ALTER TABLE runs ADD COLUMN host TEXT")
        raise RuntimeError("step failed")

    steps = (*MIGRATIONS, Migration(schema.SCHEMA_VERSION + 1, "broken", broken))
    with pytest.raises(RuntimeError), store.engine.begin() as conn:
        migrate(conn, steps)
    with store.engine.connect() as conn:
        assert current_version(conn) == schema.SCHEMA_VERSION
        columns = {c["name"] for c in sa.inspect(conn).get_columns("runs")}
    assert "host" not in columns


def test_a_newer_database_is_refused(db_url: str, tmp_path: Path) -> None:
    Store.open(db_url).close()
    path = tmp_path / "test.db"
    with contextlib.closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("INSERT INTO schema_version VALUES (99, 'future', '2100-01-01')")
    with pytest.raises(StoreError, match="newer than this dateline"):
        Store.open(db_url)


@pytest.mark.parametrize("round_", range(5))
def test_concurrent_opens_of_a_new_database_migrate_once(tmp_path: Path, round_: int) -> None:
    """Eight threads open one new database at once: none is refused ("database is
    locked" came from switching the new file to WAL; seen on a loaded CI machine)."""
    url = f"sqlite:///{tmp_path / f'new{round_}.db'}"
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            Store.open(url).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_and_close) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store.open(url) as store, store.engine.connect() as conn:
        versions = conn.execute(sa.select(schema.schema_version.c.version)).scalars().all()
    assert versions == [m.version for m in MIGRATIONS]
