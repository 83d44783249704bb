"""Places scorer: distance arithmetic, gold reading, and a dev slice."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from dateline.evaluate.places import auc, evaluate, gold_spans, gold_toponyms, great_circle_km
from dateline.settings import Settings

LGL = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev" / "lgl"
GWN = LGL.parent / "geowebnews"

RECORD = {
    "text": "Paris and London.",
    "annotations": [
        {
            "start": 0,
            "end": 5,
            "type": "Literal",
            "value": {"lat": 48.85, "lon": 2.35, "geonameid": "2988507"},
        },
        {
            "start": 10,
            "end": 16,
            "type": "Literal",
            "value": {"lat": 51.5, "lon": -0.12, "geonameid": None},
        },
        {"start": 0, "end": 9, "type": "Non_Toponym", "value": None},
    ],
}


def test_great_circle() -> None:
    assert great_circle_km(0, 0, 0, 0) == 0
    assert great_circle_km(48.85, 2.35, 51.5, -0.12) == pytest.approx(343, abs=5)


def test_auc_bounds() -> None:
    assert auc([0.0, 0.0, 0.0]) == 0.0
    assert auc([20039.0, 20039.0]) == pytest.approx(1.0, abs=1e-4)


def test_gold_reading() -> None:
    assert [g.span for g in gold_toponyms(RECORD)] == [(0, 5)]
    assert gold_spans(RECORD) == {(0, 5), (10, 16)}


@pytest.mark.slow
def test_lgl_slice(nlp: Language, settings: Settings) -> None:
    if not LGL.is_dir():
        pytest.skip("../shared/eval/dev/lgl is absent")
    result = evaluate(LGL, nlp, settings, limit=40)
    assert result["n"] > 100
    assert result["acc_161km"] > result["baseline_acc_161km"]
    assert result["acc_161km"] >= 0.83  # 0.856 on 2026-11-24 (full set 0.81)
    assert 0 <= result["auc"] <= 1 and result["recognition_f1"] > 0.3


@pytest.mark.slow
def test_geowebnews_slice(nlp: Language, settings: Settings) -> None:
    if not GWN.is_dir():
        pytest.skip("../shared/eval/dev/geowebnews is absent")
    result = evaluate(GWN, nlp, settings, limit=30)
    assert result["n"] > 200
    assert result["acc_161km"] >= 0.81  # 0.841 on 2026-11-24 (full set 0.86)
