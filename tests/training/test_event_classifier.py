"""Training the event classifier (dateline.training.event_classifier)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from dateline.extract.eventcoding.classifier import EventModel, features, load_model
from dateline.extract.eventcoding.coder import coded
from dateline.knowledge.plover import load_event_knowledge
from dateline.model import Article
from dateline.nlp import make_doc
from dateline.training.event_classifier import Item, _metrics, train


def parsed_pairs(nlp: Language, text: str) -> list[tuple[object, object]]:
    doc = nlp(make_doc(nlp, Article.create(text, published=date(2021, 7, 26))))
    return list(coded(doc, load_event_knowledge()))


def test_trained_model_relabels_and_records_itself(nlp: Language, tmp_path: Path) -> None:
    pairs = parsed_pairs(nlp, "Gondor returned the paintings to Arnor.")
    draft, event = pairs[0]
    text = features(draft, event)  # type: ignore[arg-type]
    items = [Item("t", str(k), text, "AID", "YIELD") for k in range(20)]
    items += [Item("t", f"o{k}", "arnor wept norule", "ACCUSE", None) for k in range(5)]
    model_nlp = train(items, epochs=4)
    model_nlp.to_disk(tmp_path)
    model = load_model(str(tmp_path))
    assert model is not None
    (relabelled,) = model.review(pairs[:1], load_event_knowledge())  # type: ignore[arg-type]
    assert relabelled.event == "AID" and relabelled.rule.startswith("model:")
    assert relabelled.quad_code == 2 and relabelled.span == event.span  # type: ignore[attr-defined]


def test_cross_validation_metrics_score_the_rule_labels_when_the_model_abstains() -> None:
    items = [
        Item("zsp", "a", "Gondor attacked Arnor.", "ASSAULT", "ASSAULT"),
        Item("zsp", "b", "Gondor met Arnor.", "CONSULT", "AGREE"),
        Item("zsp", "c", "Gondor spoke.", "ACCUSE", None),
    ]
    never = EventModel(spacy.blank("en"), "test", 2.0, 0.0, 2.0, 2.0)
    metrics = _metrics(never, [(item, {}) for item in items])
    assert metrics["type_accuracy"] == pytest.approx(1 / 3)
    assert metrics["quad_accuracy"] == pytest.approx(2 / 3)  # AGREE and CONSULT share quad 1
