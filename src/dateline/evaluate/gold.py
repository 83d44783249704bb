"""Reading gold JSONL folders and the arithmetic every scorer shares."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dateline.errors import EvaluationError


def read_gold(folder: Path) -> Iterator[dict[str, Any]]:
    """Yield every JSON object of every ``*.jsonl`` file directly in ``folder``."""
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise EvaluationError(f"no *.jsonl gold file in {folder}")
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvaluationError(f"{path}:{number}: not JSON ({exc.msg})") from exc


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall and F1; zero where undefined."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two half-open spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]
