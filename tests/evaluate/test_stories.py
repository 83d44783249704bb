"""Whole-story scoring: the README's procedure on constructed stories, and agreement with
the reference scorer in ``../shared/eval/dev/stories/check_stories.py`` on our output."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from spacy.language import Language
from tests.shared_paths import eval_dir

from dateline.errors import EvaluationError
from dateline.evaluate.stories import (
    code_stories,
    load_stories,
    metrics,
    score_story,
    story_article,
)
from dateline.model import ActorMention, Event, Mention
from dateline.serialize import event_to_dict
from dateline.settings import Settings

STORY: dict[str, Any] = {
    "id": "t-1", "date": "2020-05-08", "text": "",
    "events": [
        {"cue": "shelled|the attack", "types": ["ASSAULT"], "actor": ["GON"],
         "recipient": ["ARN"], "date": "2020-05-07"},
        {"cue": "condemned", "types": ["ACCUSE"], "actor": ["ARN"], "recipient": ["GON"],
         "date": None},
        {"cue": "met", "types": ["CONSULT"], "actor": ["ARN", "GON"], "recipient": None,
         "date": "2020-05"},
    ],
    "also_ok": [{"cue": "denied", "types": ["REJECT"]}],
}


def ev(kind: str, text: str, actor: str | None = None, recipient: str | None = None,
       when: str | None = None, mentions: tuple[str, ...] = ()) -> Event:
    def side(code: str | None) -> tuple[ActorMention, ...]:
        return (ActorMention(code or "x", (0, 1), code=code),) if code else ()
    return Event(id=text, event=kind, span=(0, len(text)), event_text=text, sentence=0,
                 rule="t", confidence=0.9, actor=side(actor), recipient=side(recipient),
                 date=when, mentions=tuple(Mention(m, (0, len(m)), 0, "t") for m in mentions))


def test_match_duplicate_also_ok_and_false_positive() -> None:
    events = [
        ev("ASSAULT", "Gondor shelled Arnor", "GON", "ARN", "2020-05-07"),
        ev("ASSAULT", "the attack was condemned", "GON", "ARN"),  # same happening again
        ev("REJECT", "Gondor denied it"),
        ev("COOPERATE", "they shelled together"),  # cue hits, type does not
        ev("ACCUSE", "Arnor condemned the shelling", "ARN", None),
    ]
    s = score_story(STORY, events)
    assert [v.kind for v in s.verdicts] == [
        "match", "duplicate", "also-ok", "false-positive", "match"]
    assert s.counts["fully_right"] == 1
    assert s.verdicts[4].problems == ("recipient blank",)
    assert s.missed == [2]


def test_a_mention_text_matches_and_first_free_gold_is_taken() -> None:
    events = [ev("CONSULT", "the two sides", "ARN", None, "2020-05-06", mentions=("they met",))]
    s = score_story(STORY, events)
    assert s.verdicts[0].kind == "match" and s.verdicts[0].gold == 2
    assert s.counts["fully_right"] == 1  # a gold month accepts a day within it


def test_wrong_date_and_wrong_actor_are_not_fully_right() -> None:
    s = score_story(STORY, [ev("ASSAULT", "shelled", "ARN", "GON", "2020-05")])
    assert s.verdicts[0].problems == ("actor wrong", "recipient wrong", "date wrong")
    assert s.counts["fully_right"] == 0


def test_metrics_micro_average() -> None:
    s = score_story(STORY, [ev("ASSAULT", "shelled", "GON", "ARN", "2020-05-07"),
                            ev("ACCUSE", "nothing here")])
    m = metrics([STORY], [s])
    assert m["recall"] == pytest.approx(1 / 3)
    assert m["full_recall"] == pytest.approx(1 / 3)
    assert m["precision"] == pytest.approx(0.5)
    assert m["f1"] == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))
    assert m["recall_ASSAULT"] == 1.0 and m["recall_ACCUSE"] == 0.0
    assert metrics([STORY], [score_story(STORY, [])])["precision"] == 0.0


def test_bad_records_are_named(tmp_path: Path) -> None:
    (tmp_path / "s.jsonl").write_text(json.dumps({**STORY, "events": [
        {"cue": "(", "types": ["ACCUSE"], "actor": ["ARN"], "recipient": None, "date": None}]}))
    with pytest.raises(EvaluationError, match="bad cue"):
        load_stories(tmp_path)
    with pytest.raises(EvaluationError, match="bad date"):
        story_article({**STORY, "date": "08/05/2020"})


def reference_scorer(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_stories", folder / "check_stories.py")
    if spec is None or spec.loader is None:
        pytest.skip("check_stories.py is absent")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_agrees_with_the_reference_scorer(nlp: Language, settings: Settings) -> None:
    folder = eval_dir("stories")
    reference = reference_scorer(folder)
    stories = load_stories(folder)[:8]
    coded = code_stories(stories, nlp)
    ours = metrics(stories, [score_story(s, e) for s, e in zip(stories, coded, strict=True)])
    counts = [reference.score_story(s, [event_to_dict(e) for e in events])[0]
              for s, events in zip(stories, coded, strict=True)]
    theirs = reference.metrics(counts)
    for name in ("recall", "full_recall", "precision", "duplicates_per_story"):
        assert ours[name] == pytest.approx(theirs[name]), name
