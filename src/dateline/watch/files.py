"""Which files of the watched folders and globs are new or changed, and settled.

A file is a candidate when its size or modification time differs from the last
time it was read. It is read only once it has settled: when it was modified less
than ``settle`` seconds ago it is looked at again after that long, and a file whose
size or time moved meanwhile (still being written) waits for the next cycle.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dateline.ingest.paths import GLOB_CHARS, expand_path
from dateline.model import Reject

Mark = tuple[int, int]  # (size, mtime_ns)


@dataclass(slots=True)
class Scan:
    """What one look at the file sources found."""

    ready: dict[str, Mark] = field(default_factory=dict)  # path -> mark, to read now
    unsettled: list[str] = field(default_factory=list)  # still being written
    down: dict[str, str] = field(default_factory=dict)  # source -> why it failed


def is_url(source: str) -> bool:
    """Whether a source is fetched over HTTP rather than read from disk."""
    return source.lower().startswith(("http://", "https://"))


def listing(source: str) -> tuple[list[Path], str | None]:
    """The files a folder or glob names now, or the reason it cannot be listed."""
    entries = expand_path(source)
    problems = [e for e in entries if isinstance(e, Reject)]
    found = [e for e in entries if isinstance(e, Path)]
    if problems:
        return found, f"{problems[0].origin}: {problems[0].detail}"
    if not entries and not GLOB_CHARS.intersection(source):
        return [], "no such file or folder"
    return found, None


def mark_of(path: Path) -> Mark | None:
    """A file's (size, mtime_ns), or None when it is gone."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def scan(
    sources: Sequence[str],
    seen: dict[str, Mark],
    settle: float,
    sleep: Callable[[float], None] = time.sleep,
) -> Scan:
    """New or changed files under ``sources`` that have settled (see the module doc)."""
    result = Scan()
    fresh: dict[str, Mark] = {}
    for source in sources:
        paths, problem = listing(source)
        if problem:
            result.down[source] = problem
        for path in paths:
            mark = mark_of(path)
            if mark is not None and seen.get(os.fspath(path)) != mark:
                fresh[os.fspath(path)] = mark
    _settle(fresh, settle, result, sleep)
    return result


def _settle(
    fresh: dict[str, Mark], settle: float, result: Scan, sleep: Callable[[float], None]
) -> None:
    """Move settled files to ``result.ready``; look again at recent ones after ``settle``."""
    youngest = max((m[1] for m in fresh.values()), default=0)
    wait = settle - (time.time_ns() - youngest) / 1e9
    if fresh and wait > 0:
        sleep(wait)
    for path, mark in fresh.items():
        if mark_of(Path(path)) == mark:
            result.ready[path] = mark
        else:
            result.unsettled.append(path)
