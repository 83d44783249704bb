"""Accuracy of event clusters on story pairs: do two reports of one real event share a
cluster, and do reports of different events stay apart?

    .venv/bin/python benchmarks/cluster_accuracy.py [--window-days 0 1 3 7]

``tests/data/clusters/stories.jsonl`` holds 26 short stories (the title is the story's
name, ``event`` its real event): ten real events reported twice by different wires
(paraphrased, with other words for the actors, a story date one day later, "on
Saturday" vs "late on Saturday"), and six near misses that must stay apart (the same
dyad and type at another place, two weeks later, another type). The stories go through
the real pipeline into a fresh database. Two stories are *linked* when any of their
events share a cluster. Precision is the share of linked story pairs that report the same
event; recall the share of same-event pairs that are linked (10 pairs).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
STORIES = REPO / "tests" / "data" / "clusters" / "stories.jsonl"


def gold(path: Path = STORIES) -> dict[str, str]:
    """Story name → its real event."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {row["title"]: row["event"] for row in map(json.loads, lines)}


def linked_pairs(db: Any, window_days: int) -> set[frozenset[str]]:
    """Pairs of story titles with events in one cluster."""
    titles = dict(db.articles(limit=10_000)[["id", "title"]].values)
    pairs: set[frozenset[str]] = set()
    for articles in db.clusters(window_days=window_days)["article_ids"]:
        names = sorted({titles[a] for a in articles})
        pairs |= {frozenset(p) for p in itertools.combinations(names, 2)}
    return pairs


def score(linked: set[frozenset[str]], events: dict[str, str]) -> dict[str, float]:
    """Pairwise precision and recall of linked story pairs against the gold events."""
    same = {frozenset(p) for p in itertools.combinations(sorted(events), 2)
            if events[p[0]] == events[p[1]]}  # fmt: skip
    hits = len(linked & same)
    return {
        "precision": hits / len(linked) if linked else 1.0,
        "recall": hits / len(same) if same else 1.0,
        "linked_pairs": len(linked),
        "same_event_pairs": len(same),
    }


def measure(url: str, windows: list[int]) -> dict[str, dict[str, float]]:
    from dateline.query import open_db

    events = gold()
    with open_db(url) as db:
        return {f"window_days={w}": score(linked_pairs(db, w), events) for w in windows}


def ingest(folder: Path, nlp: Any = None) -> str:
    """The stories through the real pipeline into a new database; its URL."""
    from dateline.runs import ingest_paths
    from dateline.settings import Settings
    from dateline.store import Store

    url = f"sqlite:///{folder / 'clusters.db'}"
    with Store.open(url) as store:
        ingest_paths([STORIES], Settings(), store, nlp)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--window-days", type=int, nargs="+", default=[0, 1, 3, 7])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        figures = measure(ingest(Path(tmp)), args.window_days)
    json.dump(figures, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
