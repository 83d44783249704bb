"""``Store.check`` on sound, orphaned and corrupted databases."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

from dateline.errors import StoreError
from dateline.store import Store, schema

from .factories import make_extraction


def test_a_sound_database_checks_ok(store: Store) -> None:
    store.write_many([make_extraction(i) for i in range(3)])
    report = store.check()
    assert report.ok and report.problems == []
    assert report.schema_version == schema.SCHEMA_VERSION


def test_orphan_rows_are_reported(db_url: str, tmp_path: Path) -> None:
    with Store.open(db_url) as store:
        store.write_many([make_extraction(1), make_extraction(2)])
        victim = make_extraction(1).article.id
    with contextlib.closing(sqlite3.connect(tmp_path / "test.db")) as raw, raw:
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute("DELETE FROM articles WHERE id = ?", (victim,))
    with Store.open(db_url) as store:
        report = store.check()
    assert not report.ok
    assert any("3 row(s) of events" in p for p in report.problems)
    assert any("of quantities" in p for p in report.problems)


def test_overwritten_bytes_are_detected(db_url: str, tmp_path: Path) -> None:
    with Store.open(db_url) as store:
        store.write_many([make_extraction(i) for i in range(150)])
    copy = tmp_path / "copy.db"
    shutil.copy(tmp_path / "test.db", copy)
    size = copy.stat().st_size
    with copy.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xff\x00garbage" * 512)
    try:
        with Store.open(f"sqlite:///{copy}") as damaged:
            report = damaged.check()
    except StoreError as exc:  # damage that reaches the schema is caught on open
        assert "cannot open" in str(exc)
    else:
        assert not report.ok
        assert any(p.startswith("integrity") for p in report.problems), report.problems
