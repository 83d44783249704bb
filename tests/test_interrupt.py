"""Ctrl-C during an ingest: a clean message saying how to resume, exit code 130, the
run recorded as interrupted, every article written so far whole; running the same
command again finishes the input. A real process gets a real SIGINT."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from dateline.ingest.size import estimate_documents

STORIES = 240


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for n in range(STORIES):
        (folder / f"2023-11-{n % 28 + 1:02d}-story-{n:03d}.txt").write_text(
            f"MINAS TIRITH (Fictional Wire) - Gondor sent {n + 2} riders to Arnor on Monday, "
            f"officials said. Rohan promised {n + 3} horses to the garrison at Osgiliath.\n",
            encoding="utf-8",
        )
    return folder


def _ingest(corpus: Path, db: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", "from dateline.cli import main; main()",
               "ingest", str(corpus), "--db", str(db)]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stored(db: Path) -> int:
    try:
        with closing(sqlite3.connect(db, timeout=1)) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_sigint_stops_cleanly_and_the_run_resumes(tmp_path: Path) -> None:
    corpus, db = _corpus(tmp_path / "corpus"), tmp_path / "t.db"
    assert estimate_documents([corpus]) == STORIES
    process = _ingest(corpus, db)
    deadline = time.monotonic() + 180
    while _stored(db) < 5 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert process.poll() is None, "the ingest ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "stopping" in stderr and "interrupted" in stderr and "again to resume" in stderr
    assert "Traceback" not in stderr
    with closing(sqlite3.connect(db)) as conn:
        (counts,) = conn.execute("SELECT counts FROM runs").fetchone()
        kept = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    summary = json.loads(counts)
    assert summary["interrupted"] is True and summary["inserted"] == kept
    assert 0 < kept < STORIES
    again = _ingest(corpus, db)
    stdout, stderr = again.communicate(timeout=600)
    assert again.returncode == 0, stderr
    final = json.loads(stdout[stdout.index("{") :])
    assert final["unchanged"] == kept and final["inserted"] + final["unchanged"] == STORIES
    assert final["rejected"] == 0
