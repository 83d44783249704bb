"""Attribution scoring: span, pairing and direct/indirect arithmetic, and a dev slice."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from dateline.errors import EvaluationError
from dateline.evaluate.quotes import evaluate, gold_attributions, score, select_rows
from dateline.model import ActorMention, Quote
from dateline.settings import Settings
from shared_paths import eval_dir

TEXT = 'Smith said the war is over. "We won," Jones said.'


def row(split: str = "dev") -> dict[str, Any]:
    return {
        "id": "a",
        "text": TEXT,
        "split": split,
        "attributions": [
            {"id": "E1", "source": [[0, 5]], "cue": [[6, 10]], "content": [[11, 26]]},
            {"id": "E2", "source": [[38, 43]], "cue": [[44, 48]], "content": [[28, 36]]},
            {"id": "E3", "no_source": True, "source": [], "cue": [[6, 10]], "content": [[15, 18]]},
        ],
    }


def quote(source: tuple[int, int] | None, cue: tuple[int, int], content: tuple[int, int]) -> Quote:
    speaker = ActorMention(TEXT[source[0] : source[1]], source) if source else None
    direct = TEXT[content[0]] == '"'
    text = TEXT[content[0] : content[1]]
    return Quote(speaker, TEXT[cue[0] : cue[1]], cue, text, content, direct)


def test_gold_attributions_mark_direct_quotes() -> None:
    kinds = [g.direct for g in gold_attributions(row())]
    assert kinds == [False, True, False]


def test_perfect_predictions_score_one() -> None:
    preds = [quote((0, 5), (6, 10), (11, 26)), quote((38, 43), (44, 48), (28, 36))]
    metrics = score([row()], [preds])
    assert metrics["pairing_f1"] == 1.0 and metrics["content_f1_exact"] == pytest.approx(0.8)
    assert metrics["content_p_partial"] == 1.0 and metrics["n"] == 3
    assert metrics["pairing_f1_direct"] == 1.0 and metrics["pairing_f1_indirect"] == 1.0


def test_partial_overlap_counts_only_in_partial_scores() -> None:
    preds = [quote((0, 5), (6, 10), (15, 26))]  # content "war is over": overlaps, not exact
    metrics = score([row()], [preds])
    assert metrics["content_p_exact"] == 0.0 and metrics["content_p_partial"] == 1.0
    assert metrics["content_r_partial"] == pytest.approx(2 / 3)
    assert metrics["pairing_p"] == 1.0 and metrics["pairing_r"] == 0.5


def test_wrong_speaker_breaks_the_pair_but_not_the_content() -> None:
    preds = [quote((38, 43), (6, 10), (11, 26))]
    metrics = score([row()], [preds])
    assert metrics["content_p_partial"] == 1.0 and metrics["pairing_p"] == 0.0


def test_split_selection() -> None:
    rows = [row("train"), row("dev"), row("dev")]
    assert len(select_rows(rows, None)) == 2  # dev by default
    assert len(select_rows(rows, "train")) == 1 and len(select_rows(rows, "all")) == 3
    assert len(select_rows([row("train")], None)) == 1  # no dev split: everything
    with pytest.raises(EvaluationError):
        select_rows(rows, "test")


@pytest.mark.slow
def test_dev_slice_meets_the_floor(nlp: Language, settings: Settings) -> None:
    metrics = evaluate(eval_dir("polnear"), nlp, settings, split="dev", limit=20)
    for key in ("source_f1_partial", "cue_f1_partial", "content_f1_partial", "n"):
        assert key in metrics
    assert metrics["content_f1_partial"] >= 0.84  # 0.859 when set
    assert metrics["pairing_f1"] >= 0.68  # 0.697 when set
