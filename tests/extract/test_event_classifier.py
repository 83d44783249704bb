"""The statistical event classifier: features, the decision rule, loading (training:
``tests/training/``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from dateline.extract.eventcoding.classifier import (
    EventModel,
    features,
    load_model,
    merged,
    plain_features,
)
from dateline.extract.eventcoding.coder import coded
from dateline.knowledge.plover import load_event_knowledge
from dateline.model import Article
from dateline.nlp import make_doc


def parsed_pairs(nlp: Language, text: str) -> list[tuple[object, object]]:
    doc = nlp(make_doc(nlp, Article.create(text, published=date(2021, 7, 26))))
    return list(coded(doc, load_event_knowledge()))


def test_features_carry_the_rule_evidence(nlp: Language) -> None:
    draft, event = parsed_pairs(nlp, "Gondor urged Arnor to withdraw its troops.")[0]
    text = features(draft, event)  # type: ignore[arg-type]
    assert "ev_request" in text and "wr_request" in text and "tl_withdraw" in text
    assert text.startswith("gondor urged arnor")
    assert plain_features("Arnor rests.").endswith("norule")


def test_yield_merges_concede_and_retreat() -> None:
    assert merged("CONCEDE") == merged("RETREAT") == "YIELD"
    assert merged("AID") == "AID"


def test_decision_keeps_the_rule_unless_confident_otherwise() -> None:
    model = EventModel(Language(), "test", threshold=0.5)
    assert model.decide("AID", {"AID": 0.3, "AGREE": 0.7}) == "AGREE"
    assert model.decide("AID", {"AID": 0.45, "AGREE": 0.46}) is None
    assert model.decide("RETREAT", {"YIELD": 0.9, "AID": 0.1}) is None
    assert model.decide("AID", {}) is None
    assert model.decide("REQUEST", {"REQUEST": 0.3, "REJECT": 0.7}, protected=True) is None
    assert model.decide("REQUEST", {"REQUEST": 0.1, "REJECT": 0.9}, protected=True) == "REJECT"
    assert model.decide("MOBILIZE", {"MOBILIZE": 0.05, "YIELD": 0.9}) is None  # a flip
    assert model.decide("MOBILIZE", {"MOBILIZE": 0.01, "YIELD": 0.97}) == "YIELD"


def test_recoded_events_are_protected(nlp: Language) -> None:
    from dateline.extract.eventcoding.classifier import is_protected, protected_text

    wrapped, event = parsed_pairs(nlp, "Gondor urged Arnor to withdraw its troops.")[0]
    assert is_protected(wrapped)  # type: ignore[arg-type]
    assert protected_text(features(wrapped, event))  # type: ignore[arg-type]
    plain, event = parsed_pairs(nlp, "Gondor attacked Arnor.")[0]
    assert not is_protected(plain)  # type: ignore[arg-type]
    assert not protected_text(features(plain, event))  # type: ignore[arg-type]


def test_absent_model_is_none(tmp_path: Path) -> None:
    assert load_model(str(tmp_path / "nothing")) is None


@pytest.mark.parametrize("label", ["YIELD"])
def test_yield_unmerges_by_the_rule(nlp: Language, label: str) -> None:
    from dateline.extract.eventcoding.classifier import unmerge

    draft, _ = parsed_pairs(nlp, "Gondor released the prisoners of Arnor.")[0]
    assert unmerge(label, draft) == "RETREAT"  # type: ignore[arg-type]
