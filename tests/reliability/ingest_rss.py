"""Run in a subprocess by the big-input tests: ingest a small folder, then a big one,
into one database through ``dateline.runs.ingest_paths``; print the summaries and the
peak resident memory after each (KiB) as one JSON object.

    python ingest_rss.py DB SMALL_DIR BIG_DIR
"""

from __future__ import annotations

import json
import resource
import sys
import time

from dateline.nlp import build_nlp
from dateline.runs import ingest_paths
from dateline.settings import Settings
from dateline.store import Store


def peak_kib() -> int:
    """This process's peak resident set size so far, in KiB (Linux units; macOS in bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def main(db: str, small: str, big: str) -> None:
    settings = Settings.from_env()
    nlp = build_nlp(settings)
    out: dict[str, object] = {}
    with Store.open(db) as store:
        out["small"] = ingest_paths([small], settings, store, nlp).as_dict()
        out["baseline_kib"] = peak_kib()
        started = time.monotonic()
        out["big"] = ingest_paths([big], settings, store, nlp).as_dict()
        out["big_seconds"] = round(time.monotonic() - started, 2)
        out["peak_kib"] = peak_kib()
    print(json.dumps(out))


if __name__ == "__main__":
    main(*sys.argv[1:4])
