"""Entity-span scoring: unit tests of the scorer and a re3d slice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from dateline.evaluate.entities import (
    evaluate,
    gold_entities,
    merge_containers,
    partial_matches,
    score,
)
from dateline.settings import Settings
from shared_paths import eval_dir


def test_partial_matches_are_one_to_one_and_typed() -> None:
    gold = [(0, 10, "Person"), (20, 30, "Location")]
    predicted = [(2, 5, "Person"), (3, 8, "Person"), (20, 25, "Organisation")]
    assert partial_matches(gold, predicted) == 1


def test_a_place_and_its_country_are_one_location() -> None:
    text = "near Tabqa Dam, Syria, and in Iraq, Baghdad."
    entities = [(5, 14, "Location"), (16, 21, "Location"), (30, 34, "Location")]
    assert merge_containers(text, entities) == [(5, 21, "Location"), (30, 34, "Location")]


def test_score_exact_and_partial() -> None:
    pairs = [([(0, 10, "Person"), (20, 30, "Location")], [(0, 10, "Person"), (22, 30, "Location")])]
    metrics = score(pairs, "")
    assert metrics["f1_exact"] == 0.5
    assert metrics["f1_partial"] == 1.0
    assert metrics["n"] == 2.0


def test_gold_keeps_confident_person_organisation_location() -> None:
    record = {"annotations": [
        {"start": 0, "end": 4, "type": "Person", "attrs": {"gold": True}},
        {"start": 0, "end": 4, "type": "Location", "attrs": {"gold": False}},
        {"start": 5, "end": 9, "type": "Weapon", "attrs": {"gold": True}},
    ]}
    assert gold_entities(record) == [(0, 4, "Person")]


@pytest.mark.slow
def test_re3d_slice_beats_bare_spacy(
    nlp: Language, settings: Settings, tmp_path: Path
) -> None:
    source = eval_dir("re3d") / "re3d.jsonl"
    lines = source.read_text(encoding="utf-8").splitlines()[:25]
    (tmp_path / "slice.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    metrics = evaluate(tmp_path, nlp, settings)
    assert metrics["n"] > 300
    assert metrics["f1_partial"] > metrics["spacy_f1_partial"] + 0.15
    # regression floors: this slice scored 0.813 partial / 0.685 exact (full dev 0.780/0.645)
    assert metrics["f1_partial"] >= 0.80
    assert metrics["f1_exact"] >= 0.66
    assert json.dumps(metrics)
