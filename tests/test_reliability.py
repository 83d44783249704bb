"""Crash and resume: an ingest killed with SIGKILL leaves whole articles, and re-running
completes with exactly the data of an uninterrupted run."""

from __future__ import annotations

import io
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from dateline.export import export_plover
from dateline.query import Database
from dateline.store import Store
from reliability.corpus import start_ingest as _ingest
from reliability.corpus import synthetic_corpus as _corpus


def _articles_whole(db: Path, reference: dict[str, int]) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = dict(conn.execute(
            "SELECT a.id, COUNT(e.id) FROM articles a LEFT JOIN events e ON e.article_id = a.id "
            "GROUP BY a.id"
        ).fetchall())  # fmt: skip
    finally:
        conn.close()
    for article_id, n_events in stored.items():
        assert reference[article_id] == n_events, "an article was stored in part"


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=10)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0
    finally:
        conn.close()


def _wait_for_articles(db: Path, process: subprocess.Popen[bytes], target: int) -> None:
    """Return once ``target`` articles are stored (a random point mid-run) or the run ends."""
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline and _stored(db) < target:
        time.sleep(0.02)


def _plover(db: Path) -> str:
    buffer = io.StringIO()
    with Store.open(str(db)) as store:
        export_plover(Database(store), buffer)
    return buffer.getvalue()


def _event_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT a.id, COUNT(e.id) FROM articles a LEFT JOIN events e ON e.article_id = a.id "
            "GROUP BY a.id"
        ).fetchall()
    finally:
        conn.close()
    return dict(rows)


@pytest.mark.slow
def test_sigkill_then_resume_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    n = 300
    corpus = _corpus(tmp_path / "corpus.jsonl", n)
    reference_db, db = tmp_path / "reference.db", tmp_path / "killed.db"
    assert _ingest(corpus, reference_db).wait(timeout=300) == 0
    reference = _event_counts(reference_db)
    rng = random.Random(11)
    kills = 0
    for _ in range(3):
        process = _ingest(corpus, db)
        _wait_for_articles(db, process, rng.randint(n // 10, n * 8 // 10))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
        if db.exists():
            _articles_whole(db, reference)
    assert _ingest(corpus, db).wait(timeout=300) == 0
    assert kills >= 1, "the ingest finished before any kill: raise the corpus size"
    assert _event_counts(db) == reference
    assert _plover(db) == _plover(reference_db)
