"""Store failures: one article the database refuses is that article's reject and the
run goes on; database-wide failures (read-only file, corrupt file) stop with one line."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from spacy.language import Language

from dateline.errors import StoreError, UnstorableError
from dateline.runs import ingest_paths, record_result
from dateline.scale import SqlSink
from dateline.settings import Settings
from dateline.store import Store
from shared_paths import CACHE
from store.factories import make_extraction


def test_an_article_the_database_refuses_becomes_its_reject(tmp_path: Path) -> None:
    good, bad = make_extraction(1), make_extraction(2)
    # built through the Python API, so no reader cleaned it: UTF-8 cannot encode the title
    bad = replace(bad, article=replace(bad.article, title="T\udc80", origin="api\udc81"))
    counts = {"inserted": 0, "unchanged": 0, "rejected": 0, "events": 0}
    with Store.open(str(tmp_path / "s.db")) as store:
        outcomes = [record_result(store, e, None, counts) for e in (bad, good)]
        (reject,) = store.rejects()
        stored = [e.article.id for e in store.extractions()]
        assert store.check().ok
    assert outcomes == ["rejected", "inserted"]
    assert counts == {"inserted": 1, "unchanged": 0, "rejected": 1, "events": 3,
                      "warnings": int(bool(good.warnings)), "rejected:unstorable": 1}  # fmt: skip
    assert stored == [good.article.id]
    assert (reject["origin"], reject["reason"]) == ("api\ufffd", "unstorable")
    assert "UnicodeEncodeError" in reject["detail"] and bad.article.id in reject["detail"]


def _cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATELINE_CACHE_DIR": str(CACHE), "COLUMNS": "60"}
    command = [sys.executable, "-m", "dateline.cli", *arguments]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def _one_error_line(done: subprocess.CompletedProcess[str], *words: str) -> str:
    """The command failed with exit code 2 and one line on stderr holding ``words``."""
    lines = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert all(word in lines[0] for word in words), lines[0]
    return lines[0]


def _written(db: Path, stories: int) -> Path:
    with Store.open(str(db)) as store:
        for n in range(stories):
            store.write(make_extraction(n))
    return db


def test_reads_of_a_file_that_is_no_database_fail_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "garbage.db"
    db.write_bytes(bytes((i * 31 + 7) % 256 for i in range(100_000)))
    for command in (["events"], ["export", "--format", "plover"], ["check"], ["rejects"]):
        _one_error_line(_cli(*command, "--db", str(db)), "file is not a database")


def test_ingest_into_a_read_only_database_fails_with_one_line(tmp_path: Path) -> None:
    db = _written(tmp_path / "ro.db", 1)
    story = tmp_path / "story.txt"
    story.write_text("Gondor sent troops to Arnor on Monday.\n", encoding="utf-8")
    read_only = f"sqlite:///file:{db}?mode=ro&uri=true"  # read-only even for root
    _one_error_line(_cli("ingest", str(story), "--db", read_only), "readonly database")


def test_ingest_refuses_a_database_with_smashed_pages(tmp_path: Path) -> None:
    db = _written(tmp_path / "smashed.db", 60)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    assert pages > 8
    with db.open("r+b") as handle:  # pages 4-6 overwritten: b-tree pages no longer parse
        handle.seek(4096 * 3)
        handle.write(b"\xde\xad\xbe\xef" * 3 * 1024)
    story = tmp_path / "story.txt"
    story.write_text("Gondor sent troops to Arnor on Monday.\n", encoding="utf-8")
    _one_error_line(_cli("ingest", str(story), "--db", str(db)), "is corrupt", "dateline check")
    with pytest.raises(StoreError, match="is corrupt"), Store.open(str(db)) as store:
        store.ensure_sound()
    with pytest.raises(StoreError, match="is corrupt"):  # ingest --dask starts the same way
        SqlSink(str(db)).start("ingest --dask")


def test_a_full_database_stops_the_run_with_one_store_error(
    tmp_path: Path, nlp: Language, settings: Settings
) -> None:
    """SQLite's own "database or disk is full" (a page cap, as a full disk gives) is a
    database-wide failure: the ingest stops with a ``StoreError``, it does not turn
    every following story into a reject."""
    corpus = tmp_path / "stories.jsonl"
    corpus.write_text("".join(
        json.dumps({"text": f"Gondor sent {n} troops to Arnor on Monday. " * 40}) + "\n"
        for n in range(30)
    ), encoding="utf-8")  # fmt: skip
    with Store.open(str(tmp_path / "full.db")) as store:
        with store.engine.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        sa.event.listen(store.engine, "connect", _page_cap(int(pages or 0) + 8))
        store.engine.dispose()  # new connections get the cap
        with pytest.raises(StoreError, match="database or disk is full") as raised:
            ingest_paths([corpus], settings, store, nlp)
        assert not isinstance(raised.value, UnstorableError)
        assert "\n" not in str(raised.value)
        assert store.rejects() == []


def _page_cap(pages: int) -> Callable[[Any, Any], None]:
    def cap(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    return cap
