"""The watch loop: a cycle every ``every`` seconds (or once), one summary line each."""

from __future__ import annotations

import time
from collections.abc import Callable

from dateline.watch.cycle import CycleReport, Watcher

AfterCycle = Callable[[CycleReport], None]


def run(
    watcher: Watcher,
    every: float,
    once: bool,
    report: Callable[[str], None],
    after: AfterCycle | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Run cycles until interrupted (or one with ``once``); ``after`` runs after each
    cycle (alerts), then its line goes to ``report``. The next cycle starts ``every``
    seconds after the last one started."""
    while True:
        started = time.monotonic()
        result = watcher.cycle()
        if after is not None:
            after(result)
        report(result.line())
        if once:
            return
        sleep(max(0.0, every - (time.monotonic() - started)))
