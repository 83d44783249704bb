"""A watcher killed with SIGKILL mid-cycle and restarted stores every item once."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.ingest import read_paths
from dateline.ingest.feeds import parse_feed
from dateline.model import Article
from dateline.settings import Settings
from watch.feedserver import Route, rss, serving

# Several spaCy batches (64 articles each), so that a cycle spans several write
# transactions (many articles to a transaction) and a kill can land between two.
N_FILES = 300
COUNTRIES = ["Gondor", "Arnor", "Rohan", "Mordor", "Harad", "Rhun"]


def _stories(folder: Path) -> None:
    folder.mkdir()
    for n in range(N_FILES):
        a, b = COUNTRIES[n % 6], COUNTRIES[(n + 1) % 6]
        text = f"{a} sent {n + 2} envoys to {b} on Monday, officials said.\n"
        (folder / f"story-{n:03d}.txt").write_text(text, encoding="utf-8")


def _stored_ids(db: Path) -> list[str]:
    if not db.exists():
        return []
    conn = sqlite3.connect(db, timeout=10)
    try:
        return [row[0] for row in conn.execute("SELECT id FROM articles")]
    except sqlite3.OperationalError:  # tables not created yet
        return []
    finally:
        conn.close()


def _watch(folder: Path, url: str, db: Path, *extra: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "dateline.cli", "watch", str(folder), url, "--db", str(db),
               "--settle", "0s", "--every", "1s", *extra]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_sigkill_mid_cycle_then_restart_stores_each_item_once(tmp_path: Path) -> None:
    folder, db = tmp_path / "inbox", tmp_path / "watch.db"
    _stories(folder)
    feed = rss("Wire", [("Aid", "Arnor sent aid to Rohan."), ("Talks", "Rohan met Harad.")])
    settings = Settings()
    expected = {a.id for a in read_paths([folder], settings) if isinstance(a, Article)}
    expected |= {a.id for a in parse_feed(feed, "feed") if isinstance(a, Article)}
    with serving() as server:
        server.routes["/feed.rss"] = Route(feed)
        url = server.url("/feed.rss")
        watcher = _watch(folder, url, db)
        deadline = time.monotonic() + 120
        while len(_stored_ids(db)) < 5 and time.monotonic() < deadline:
            assert watcher.poll() is None, watcher.communicate()
            time.sleep(0.02)
        watcher.send_signal(signal.SIGKILL)
        watcher.communicate(timeout=30)  # reaps it and closes its pipes
        killed_at = len(_stored_ids(db))
        assert 5 <= killed_at < len(expected), "the kill should land mid-cycle"

        restarted = _watch(folder, url, db, "--once")
        _, err = restarted.communicate(timeout=300)
        assert restarted.returncode == 0, err
        assert f"inserted {len(expected) - killed_at}, unchanged {killed_at}" in err
        ids = _stored_ids(db)
        assert len(ids) == len(set(ids)) and set(ids) == expected

        again = _watch(folder, url, db, "--once")
        _, err = again.communicate(timeout=300)
        assert "files 0, feed items 0, not modified 1" in err and "inserted 0," in err
        assert [entry[1] for entry in server.log][-1] is not None  # If-None-Match sent
    assert sorted(_stored_ids(db)) == sorted(ids)
