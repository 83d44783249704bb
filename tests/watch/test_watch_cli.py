"""``dateline watch`` on the command line: the bundled examples with alert rules, and
bad options or rules files as one-line errors (exit code 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RULES = "rules:\n  - name: any-day\n    count: {above: 0}\n"


def _watch(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "dateline.cli", "watch", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_examples_then_alerts_then_nothing_new(tmp_path: Path) -> None:
    rules, db = tmp_path / "alerts.yaml", str(tmp_path / "w.db")
    rules.write_text(RULES, encoding="utf-8")
    first = _watch(str(REPO / "examples"), "--db", db, "--once", "--alerts", str(rules))
    assert first.returncode == 0, first.stderr
    assert "cycle 1: files 3," in first.stderr and "inserted 3," in first.stderr
    fired = int(first.stderr.split("; alerts ")[1].split(";")[0])
    assert fired >= 1
    again = _watch(str(REPO / "examples"), "--db", db, "--once", "--alerts", str(rules))
    assert "files 0," in again.stderr and "inserted 0," in again.stderr
    assert "; alerts 0;" in again.stderr  # evaluated again (first cycle): nothing new
    command = [sys.executable, "-m", "dateline.cli", "alerts", "--db", db, "--format", "json"]
    listed = subprocess.run(command, capture_output=True, text=True, check=True)
    assert len(listed.stdout.splitlines()) == fired


def test_bad_rules_and_options_are_one_line_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(RULES.replace("above: 0", "above: lots"), encoding="utf-8")
    result = _watch(str(tmp_path), "--db", str(tmp_path / "w.db"), "--once", "--alerts", str(bad))
    assert result.returncode == 2
    assert f"{bad}:3: above: expected a number, got 'lots'" in result.stderr.replace("\n", "")
    result = _watch(str(tmp_path), "--db", str(tmp_path / "w.db"), "--every", "soon")
    assert result.returncode == 2 and "--every: expected a duration" in result.stderr
