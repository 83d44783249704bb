"""Event clusters on story pairs (benchmarks/cluster_accuracy.py): reports of one real
event share a cluster, near misses stay apart; figures in docs/exports.md."""

from __future__ import annotations

from pathlib import Path

from benchmarks.cluster_accuracy import gold, ingest, measure, score
from spacy.language import Language


def test_score_counts_story_pairs() -> None:
    events = {"a1": "a", "a2": "a", "b1": "b", "c1": "c"}
    linked = {frozenset({"a1", "a2"}), frozenset({"a1", "b1"})}
    assert score(linked, events) == {
        "precision": 0.5, "recall": 1.0, "linked_pairs": 2, "same_event_pairs": 1,
    }  # fmt: skip
    assert score(set(), events)["recall"] == 0.0


def test_the_story_set_has_ten_same_event_pairs_and_six_near_misses() -> None:
    events = gold()
    assert len(events) == 26
    assert sum(1 for e in set(events.values()) if list(events.values()).count(e) == 2) == 10


def test_clusters_link_reports_of_one_event_and_keep_near_misses_apart(
    nlp: Language, tmp_path: Path
) -> None:
    figures = measure(ingest(tmp_path, nlp), [3])["window_days=3"]
    assert figures["precision"] >= PRECISION_FLOOR and figures["recall"] >= RECALL_FLOOR, figures


# Measured 0.80 / 0.80 at window 3 (docs/exports.md); the floors leave room for changes in
# extraction, and fail the blocking by first actor and recipient code (recall 0.30).
PRECISION_FLOOR = 0.6
RECALL_FLOOR = 0.6
