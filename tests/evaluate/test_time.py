"""Time evaluation: the TempEval-3 arithmetic on toy records, and a dev slice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from dateline.errors import EvaluationError
from dateline.evaluate.time import Counts, GoldTimex, evaluate, score_document
from dateline.model import TimeRef
from dateline.settings import Settings

TBAQ = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev" / "tbaq-cleaned"


def test_strict_relaxed_and_value_counts() -> None:
    gold = [GoldTimex((0, 6), "DATE", "2021-07-26", "Monday"),
            GoldTimex((20, 29), "DATE", "2021", "this year")]  # fmt: skip
    system = [TimeRef("Monday", (0, 6), "2021-07-26", "day"),
              TimeRef("earlier this year", (12, 29), "2020", "year"),
              TimeRef("now", (40, 43), "PRESENT_REF", "unknown")]  # fmt: skip
    counts = Counts()
    score_document(counts, gold, system)
    metrics = counts.metrics()
    assert (counts.strict, counts.relaxed, counts.value_ok) == (1, 2, 1)
    assert metrics["relaxed_precision"] == pytest.approx(2 / 3)
    assert metrics["relaxed_recall"] == 1.0
    assert metrics["value_f1"] == pytest.approx(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5))
    assert metrics["type_accuracy"] == 1.0


def test_toy_folder_end_to_end(nlp: Language, settings: Settings, tmp_path: Path) -> None:
    text = "The talks resumed on Monday after two weeks."
    record = {"id": "d1", "text": text, "date": "2021-07-26", "annotations": [
        {"start": 21, "end": 27, "text": "Monday", "type": "DATE", "value": "2021-07-26"},
        {"start": 34, "end": 43, "text": "two weeks", "type": "DURATION", "value": "P2W"},
    ]}  # fmt: skip
    (tmp_path / "toy.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    metrics = evaluate(tmp_path, nlp, settings)
    assert metrics["strict_f1"] == metrics["value_f1"] == 1.0
    assert metrics["n"] == 2


def test_missing_gold_is_an_evaluation_error(
    nlp: Language, settings: Settings, tmp_path: Path
) -> None:
    with pytest.raises(EvaluationError):
        evaluate(tmp_path, nlp, settings)


@pytest.mark.slow
def test_dev_slice_scores(nlp: Language, settings: Settings) -> None:
    if not TBAQ.is_dir():
        pytest.skip("../shared/eval/dev/tbaq-cleaned is absent")
    metrics = evaluate(TBAQ, nlp, settings, limit=60)
    assert metrics["relaxed_f1"] >= 0.88
    assert metrics["value_f1"] >= 0.72
