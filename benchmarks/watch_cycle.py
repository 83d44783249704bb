"""The cost of a watch cycle: one with 100 new stories, and an idle one.

    .venv/bin/python benchmarks/watch_cycle.py [--items 100]

A folder receives ``--items`` short stories (three sentences each); the watcher,
with its spaCy pipeline already built, runs one cycle (everything new), then idle
cycles (nothing changed: a listing, a stat per file, one state read). Times are
wall-clock seconds on whatever machine runs it.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from dateline.nlp import build_nlp
from dateline.settings import Settings
from dateline.store import Store
from dateline.watch import WatchConfig, Watcher

NAMES = ["Gondor", "Arnor", "Rohan", "Mordor", "Harad", "Rhun", "Dale", "Erebor"]


def write_stories(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        a, b = NAMES[i % 8], NAMES[(i + 3) % 8]
        text = (f"{a} sent {i + 2} envoys to {b} on Monday, officials said. The talks in "
                f"{b} ended without a deal. {b} accused {a} of stalling.\n")  # fmt: skip
        (folder / f"story-{i:04d}.txt").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100)
    args = parser.parse_args()
    settings = Settings()
    nlp = build_nlp(settings)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "inbox")
        write_stories(folder, args.items)
        time.sleep(0.1)
        config = WatchConfig((str(folder),), settle=0.0)
        with Store.open(str(Path(tmp, "watch.db"))) as store:
            watcher = Watcher(config, settings, store, nlp=nlp)
            busy = watcher.cycle()
            print(f"{busy.seconds:8.2f} s  cycle with {args.items} new stories: {busy.line()}")
            idle = [watcher.cycle().seconds for _ in range(5)]
            print(f"{statistics.median(idle) * 1000:8.1f} ms idle cycle (median of 5), "
                  f"{args.items} files watched")  # fmt: skip


if __name__ == "__main__":
    main()
