"""Readers take no write lock: while another real process holds SQLite's write lock
(``BEGIN IMMEDIATE``, as an ingest does while it writes), ``dateline events``, ``check``,
``export`` and ``rejects`` answer at once, and the HTTP app serves its last index."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from typer.testing import CliRunner

from dateline.cli import app
from dateline.query import open_db
from dateline.settings import Settings
from dateline.store import Store
from reliability.live import served
from shared_paths import CACHE
from store.factories import make_extraction

runner = CliRunner()
_HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO runs (id, started, command) VALUES ('lock', 'now', 'hold')")
print("locked", flush=True)
time.sleep(120)
"""


@contextmanager
def write_lock_held(db: Path) -> Iterator[None]:
    """Another process holds the database's write lock until the block ends."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(db)],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.kill()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()


def _database(tmp_path: Path) -> Path:
    db = tmp_path / "locked.db"
    with Store.open(str(db)) as store:
        store.write(make_extraction(1))
    open_db(str(db)).close()  # side tables exist and are up to date
    with Store.open(str(db)) as store:
        store.write(make_extraction(2))  # ...then stale: the next refresh wants to write
    return db


def _timed(arguments: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = runner.invoke(app, arguments)
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, (arguments, result.output, result.exception)
    return elapsed, result.stdout


def test_readers_answer_while_another_process_holds_the_write_lock(tmp_path: Path) -> None:
    db = _database(tmp_path)
    settings = Settings(db_url=f"sqlite:///{db}", cache_dir=CACHE)
    with write_lock_held(db):
        cli, output = _timed(["events", "--db", str(db), "--format", "json"])
        assert cli < 1.0, f"dateline events took {cli:.2f} s under the write lock"
        assert len(output.splitlines()) == 6  # three events in each of the two stories
        for command in (["check", "--db", str(db)], ["rejects", "--db", str(db)],
                        ["export", "--db", str(db), "--format", "plover"]):  # fmt: skip
            elapsed, _ = _timed(command)
            assert elapsed < 1.0, (command, elapsed)
        with open_db(str(db)) as reader:
            assert reader.count() == 6
        with served(settings) as url, httpx.Client(base_url=url, timeout=30) as client:
            started = time.perf_counter()
            stats = client.get("/api/stats")
            events = client.get("/api/events", params={"per_page": 50})
            elapsed = time.perf_counter() - started
    assert stats.status_code == 200, stats.text
    assert events.status_code == 200, events.text
    assert stats.json()["articles"] == 2
    assert elapsed < 2.0, f"the API took {elapsed:.2f} s under the write lock"
    print(f"\nunder the write lock: dateline events {cli:.3f} s, two API requests {elapsed:.3f} s")
