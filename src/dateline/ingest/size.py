"""How many documents an input holds, known before it is read, for a progress bar.

Files are counted by expanding the paths as the readers do; a JSON Lines or CSV file
counts as its size over the mean length of the lines in its first 64 KB (an
estimate); any other file as one document (a feed may hold more: the bar then
stretches). Standard input has no known size (``None``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dateline.ingest.formats import format_from_name
from dateline.ingest.paths import expand_path
from dateline.ingest.sources import STDIN

_SAMPLE = 65_536


def estimate_documents(paths: Iterable[str | Path]) -> int | None:
    """About how many documents ``paths`` hold, or ``None`` when it cannot be known."""
    total = 0
    for item in paths:
        if str(item) == STDIN:
            return None
        entries = expand_path(item)
        total += sum(_documents_in(e) if isinstance(e, Path) else 1 for e in entries) or 1
    return total


def _documents_in(path: Path) -> int:
    """1, or the estimated line count of a JSON Lines or CSV file (0 when empty)."""
    if format_from_name(path.name) not in ("jsonl", "csv"):
        return 1
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_SAMPLE)
    except OSError:
        return 1
    lines = head.count(b"\n") + (0 if head.endswith(b"\n") or not head else 1)
    if not lines:
        return 0
    return max(1, round(size / (len(head) / lines)))
