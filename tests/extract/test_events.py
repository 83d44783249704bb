"""The events extractor on sentences of our own (fictional actors) and on the seed story."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from dateline.model import Article, Event
from dateline.nlp import make_doc
from dateline.settings import Settings

STORY_DATE = date(2021, 7, 26)


def code(nlp: Language, text: str) -> list[Event]:
    doc = nlp(make_doc(nlp, Article.create(text, published=STORY_DATE)))
    return list(doc._.dateline_events)


def only(events: list[Event], kind: str) -> Event:
    found = [e for e in events if e.event == kind]
    assert found, f"no {kind} in {[(e.event, e.event_text) for e in events]}"
    return found[0]


def test_withdrawal_with_date_is_historical(nlp: Language) -> None:
    event = only(code(nlp, "Arnor withdrew its soldiers from Gondor in 2011."), "RETREAT")
    assert event.mode == "withdraw"
    assert [a.text for a in event.actor] == ["Arnor"]
    assert any(r.text == "Gondor" for r in event.recipient)
    assert event.date == "2011" and "historical" in event.aux
    assert event.rule and 0 < event.confidence <= 1
    assert event.quad_code == 2 and event.cameo_root == "08"


def test_reported_speech_codes_the_content_with_its_source(nlp: Language) -> None:
    events = code(nlp, "The foreign minister of Arnor said that Gondor attacked the border posts.")
    event = only(events, "ASSAULT")
    assert event.source_quote is not None and "minister" in event.source_quote.text
    assert [a.text for a in event.actor] == ["Gondor"]


def test_statement_without_event_is_no_event(nlp: Language) -> None:
    assert code(nlp, "The minister of Arnor said the weather was fine.") == []


def test_future_meeting_is_agree(nlp: Language) -> None:
    event = code(nlp, "The king of Arnor will meet the steward of Gondor.")[0]
    assert event.event == "AGREE" and "future" in event.aux


def test_announced_future_withdrawal_is_concede(nlp: Language) -> None:
    event = code(nlp, "Arnor plans to withdraw its troops from Gondor.")[0]
    assert event.event == "CONCEDE" and "future" in event.aux


def test_negation_is_an_auxiliary_mode(nlp: Language) -> None:
    event = only(code(nlp, "Arnor did not attack Gondor."), "ASSAULT")
    assert "negated" in event.aux


def test_request_wraps_what_is_asked(nlp: Language) -> None:
    event = code(nlp, "Gondor urged Arnor to withdraw its troops from Rohan.")[0]
    assert (event.event, event.mode) == ("REQUEST", "yield")
    assert [a.text for a in event.actor] == ["Gondor"]
    assert any(r.text == "Arnor" for r in event.recipient)
    assert event.rule.startswith("wrap:request>")


def test_nominal_trigger_after_light_verb(nlp: Language) -> None:
    event = only(code(nlp, "Rohan rebels launched rocket attacks against Gondor."), "ASSAULT")
    assert event.mode == "heavy-weapons"
    assert any("Gondor" in r.text for r in event.recipient)


def test_meetings_put_all_participants_in_actor(nlp: Language) -> None:
    event = only(code(nlp, "The king of Arnor met with the steward of Gondor on Monday."),
                 "CONSULT")
    assert len(event.actor) == 2 and event.recipient == ()
    assert event.date == "2021-07-26"


def test_undated_past_is_never_the_story_date(nlp: Language) -> None:
    event = only(code(nlp, "Gondor has trained the soldiers of Arnor."), "AID")
    assert event.date is None and event.date_precision == "unknown"


def test_events_carry_contexts_and_scores(nlp: Language) -> None:
    event = only(code(nlp, "Gondor troops attacked the rebels in Rohan."), "ASSAULT")
    assert "military" in event.context
    assert event.score is not None and event.score < 0


def test_seed_story_history_and_non_events(nlp: Language, seed_article: Article) -> None:
    doc = nlp(make_doc(nlp, seed_article))
    events = list(doc._.dateline_events)
    by_text = {e.event_text: e for e in events}
    withdrew = next(e for t, e in by_text.items() if t.startswith("The U.S. withdrew"))
    assert (withdrew.event, withdrew.date) == ("RETREAT", "2011")
    assert "historical" in withdrew.aux
    deal = next(e for e in events if "nuclear deal" in e.event_text)
    assert deal.event == "SANCTION" and "historical" in deal.aux and deal.date is None
    assert not any("boasting" in e.event_text for e in events)
    history = [e for e in events if "historical" in e.aux]
    assert all(e.date != "2021-07-26" for e in history)


@pytest.mark.parametrize("text", ["", "Arnor."])
def test_degenerate_input(nlp: Language, text: str) -> None:
    assert isinstance(code(nlp, text), list)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Gondor summoned the ambassador of Arnor to complain about the raids.", "ACCUSE"),
        ("Gondor will not lift the ban on Arnor.", "REJECT"),
        ("The king of Gondor cancelled a planned visit to Arnor.", "REJECT"),
        ("Gondor returned the stolen paintings to Arnor.", "RETREAT"),
        ("The steward of Gondor pledged his full support for Arnor.", "SUPPORT"),
        ("A court in Gondor ordered the arrest of the mayor of Arnor.", "COERCE"),
        ("Gondor and Arnor failed to reach agreement on the border.", "REJECT"),
        ("Gondor has opened an investigation into the bank of Arnor.", "ACCUSE"),
    ],
)
def test_wrapper_and_multi_sense_recoding(nlp: Language, text: str, kind: str) -> None:
    events = code(nlp, text)
    assert kind in {e.event for e in events}, [(e.event, e.rule) for e in events]


def test_unwanted_role_is_a_rejection_with_the_parties(nlp: Language) -> None:
    event = only(code(nlp, "Rohan does not want to be a battlefield between Gondor and Arnor."),
                 "REJECT")
    assert {r.text for r in event.recipient} >= {"Gondor"}


def test_rules_alone_without_the_model(settings: Settings) -> None:
    from dateline.extract import COMPONENT_ORDER
    from dateline.nlp import load_base

    nlp = load_base(settings)
    for name in COMPONENT_ORDER:
        config = {"use_model": False} if name == "dateline_events" else {}
        nlp.add_pipe(name, config=config)
    assert nlp.get_pipe("dateline_events").model is None  # type: ignore[attr-defined]
    event = only(code(nlp, "Gondor troops attacked the rebels in Rohan."), "ASSAULT")
    assert not event.rule.startswith("model:")


def test_seed_story_reported_speech_and_the_leaders(nlp: Language, seed_article: Article) -> (
    None
):
    events = list(nlp(make_doc(nlp, seed_article))._.dateline_events)
    meeting = next(e for e in events if e.event == "CONSULT")
    assert {a.code for a in meeting.actor} == {"USA", "IRQ"}
    fight = next(e for e in events if e.event == "ASSAULT" and "fight" in e.event_text)
    assert fight.date == "2021-07"
    arena = next(e for e in events if "arena" in e.event_text)
    assert arena.event == "REJECT" and {r.code for r in arena.recipient} == {"USA", "IRN"}


def test_casualty_counts_fill_the_size_of_conflict_events(nlp: Language) -> None:
    doc = nlp("Gondor troops attacked a Rohan village on Monday, killing 12 people and "
              "wounding 30, officials said. Rohan praised the 40 doctors who came.")
    assaults = [e for e in doc._.dateline_events if e.event == "ASSAULT"]
    assert assaults and all(e.size == {"dead": 12.0, "injured": 30.0} for e in assaults)
    assert all(e.size is None for e in doc._.dateline_events if e.quad_code != 4)
