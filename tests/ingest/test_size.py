"""The input size a progress bar is given before reading: files counted, JSON Lines
and CSV rows estimated from their bytes, stdin unknown."""

from __future__ import annotations

import json
from pathlib import Path

from dateline.ingest.size import estimate_documents


def test_files_are_counted_and_jsonl_lines_estimated(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One story here.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<html><body>x</body></html>", encoding="utf-8")
    lines = [json.dumps({"text": f"Story number {n} " + "word " * (n % 40)}) for n in range(5000)]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    estimate = estimate_documents([tmp_path])
    assert estimate is not None and abs(estimate - 5002) < 5002 * 0.1
    assert estimate_documents([tmp_path / "a.txt", tmp_path / "sub"]) == 2


def test_stdin_and_missing_paths() -> None:
    assert estimate_documents(["-"]) is None
    assert estimate_documents(["/no/such/file.txt"]) == 1  # it will be one reject
