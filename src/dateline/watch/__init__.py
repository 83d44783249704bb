"""``dateline watch``: poll folders, globs and feed URLs and ingest what is new.

    from dateline.watch import WatchConfig, Watcher
    with Store.open(url) as store:
        Watcher(config, settings, store).cycle()     # one cycle: a CycleReport

State (which files were read, each feed's ETag and Last-Modified, failures and
back-off) is kept in the database's ``watch_*`` tables, so a restarted or killed
watcher resumes where it stopped; articles are content-hashed, so nothing is stored
twice. See ``docs/watch.md``.
"""

from __future__ import annotations

from dateline.watch.cycle import CycleReport, WatchConfig, Watcher, parse_duration

__all__ = ["CycleReport", "WatchConfig", "Watcher", "parse_duration"]
