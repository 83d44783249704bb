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
    """Code one sentence as the sentence gold sets do: its actors are handed over, so no
    event is dropped because Gondor or Arnor is in no knowledge file."""
    doc = make_doc(nlp, Article.create(text, published=STORY_DATE))
    doc._.dateline_actors_given = True
    return list(nlp(doc)._.dateline_events)


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


def test_one_attack_with_its_consequences_is_one_event(nlp: Language) -> None:
    events = code(nlp, "Gondor troops attacked a Rohan village on Monday, killing 12 people and "
                       "wounding 30.")
    assaults = [e for e in events if e.event == "ASSAULT"]
    assert len(assaults) == 1, [(e.rule, e.event_text) for e in assaults]
    assert assaults[0].size == {"dead": 12.0, "injured": 30.0}


def test_main_clause_outranks_a_purpose_participle(nlp: Language) -> None:
    events = code(nlp, "Gondor and Arnor signed an agreement aimed at easing the blockade of "
                       "Rohan.")
    assert only(events, "SUPPORT").confidence > only(events, "CONCEDE").confidence


@pytest.mark.parametrize(
    ("text", "kind", "rule", "actor", "recipient"),
    [
        ("The king of Gondor called the steward of Arnor on Monday to congratulate him.",
         "SUPPORT", "via:phone>", "The king of Gondor", "the steward of Arnor"),
        ("Gondor sent a team of experts to Arnor to investigate the explosion.",
         "ACCUSE", "via:send>", "Gondor", "Arnor"),
    ],
)
def test_a_call_or_mission_codes_its_purpose(
    nlp: Language, text: str, kind: str, rule: str, actor: str, recipient: str
) -> None:
    events = code(nlp, text)
    event = only(events, kind)
    assert event.rule.startswith(rule)
    assert [a.text for a in event.actor] == [actor]
    assert [r.text for r in event.recipient] == [recipient]
    assert not any(e.event in ("CONSULT", "AID") for e in events)


def test_troops_sent_to_fight_stay_a_mobilization(nlp: Language) -> None:
    events = code(nlp, "Gondor sent troops to Arnor to fight the rebels.")
    assert only(events, "MOBILIZE").confidence > only(events, "ASSAULT").confidence


def test_reported_obligation_is_the_speakers_request(nlp: Language) -> None:
    event = code(nlp, "Gondor says Arnor must withdraw its troops from Rohan.")[0]
    assert (event.event, event.mode) == ("REQUEST", "yield")
    assert [a.text for a in event.actor] == ["Gondor"]
    assert [r.text for r in event.recipient] == ["Arnor"]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("The opposition party of Gondor said it would boycott the election.", "violence"),
        ("The government of Gondor will impose a curfew in the capital.", "restrict"),
    ],
)
def test_announced_material_conflict_is_a_threat(nlp: Language, text: str, mode: str) -> None:
    event = code(nlp, text)[0]
    assert (event.event, event.mode) == ("THREATEN", mode)
    assert "future" in event.aux and "hypothetical" not in event.aux


def test_unaddressed_call_for_sanctions_accuses_the_target(nlp: Language) -> None:
    event = only(code(nlp, "The parliament of Gondor called for sanctions against Arnor."),
                 "ACCUSE")
    assert event.mode == "disapprove" and [r.text for r in event.recipient] == ["Arnor"]


def test_strike_is_a_protest_not_a_future(nlp: Language) -> None:
    event = only(code(nlp, "Dock workers in Gondor went on strike for better pay."), "PROTEST")
    assert event.mode == "strike" and "future" not in event.aux


@pytest.mark.parametrize(
    ("text", "kind", "absent"),
    [
        # multi-sense lemmas decided by their arguments
        ("Gondor held talks with Arnor.", "CONSULT", "COERCE"),
        ("Rebels in Rohan are holding three journalists from Gondor.", "COERCE", "CONSULT"),
        ("Gondor struck a deal with Arnor.", "SUPPORT", "ASSAULT"),
        ("Gondor jets struck a depot in Arnor.", "ASSAULT", "SUPPORT"),
        ("Gondor opened talks with Arnor.", "CONSULT", "RETREAT"),
        ("Gondor opened its borders to refugees from Arnor.", "AID", "RETREAT"),
        ("Thousands of students protested the new tax in Gondor.", "PROTEST", "ACCUSE"),
        ("The government of Gondor protested the decision of Arnor.", "ACCUSE", "PROTEST"),
        ("The minister of Gondor launched a scathing attack on the king of Arnor.", "ACCUSE",
         "ASSAULT"),
        ("Arnor violated the ban on missile tests.", "REJECT", "ASSAULT"),
        ("Gondor halted its attacks on Arnor.", "RETREAT", "CONCEDE"),
        ("Gondor suspended aid to Arnor in protest at the arrests.", "SANCTION", "CONCEDE"),
        ("Gondor withdrew a batch of 200 peacekeepers from Arnor.", "SANCTION", "RETREAT"),
        ("A court in Gondor convicted the mayor of Arnor of fraud.", "ACCUSE", "SANCTION"),
        ("The government of Gondor ordered the newspaper to suspend publication.", "COERCE",
         "REQUEST"),
        ("Gondor launched a mediation effort between Arnor and Rohan.", "CONSULT", "ASSAULT"),
        # troops: moved, or sent as peacekeepers
        ("Gondor troops arrived in Arnor.", "MOBILIZE", "CONSULT"),
        ("Gondor deployed 200 soldiers to Arnor as peacekeepers.", "AID", "MOBILIZE"),
        # wrappers and negation
        ("Gondor pressured Arnor to release the prisoners.", "REQUEST", "RETREAT"),
        ("Gondor will not accept the proposal of Arnor.", "REJECT", "AGREE"),
        ("Gondor did not give permission for the rally of the Arnor party.", "REJECT",
         "CONCEDE"),
        ("Gondor reiterated that it will not lift the embargo on Arnor.", "REJECT", "SUPPORT"),
        ("Gondor offered to send troops to help the army of Arnor.", "AGREE", "AID"),
        ("The king of Gondor signed a decree granting citizenship to refugees from Arnor.",
         "CONCEDE", "SUPPORT"),
    ],
)
def test_general_coding_rules(nlp: Language, text: str, kind: str, absent: str) -> None:
    events = code(nlp, text)
    kinds = {e.event for e in events}
    assert kind in kinds and absent not in kinds, [(e.event, e.rule) for e in events]


def test_fighting_a_problem_is_no_event(nlp: Language) -> None:
    assert code(nlp, "Gondor is fighting the cholera epidemic.") == []


def test_talks_held_include_the_host(nlp: Language) -> None:
    event = only(code(nlp, "Gondor held talks with Arnor."), "CONSULT")
    assert [a.text for a in event.actor] == ["Gondor", "Arnor"]


def test_decree_content_is_the_signers_event(nlp: Language) -> None:
    event = only(code(nlp, "The king of Gondor signed a decree granting citizenship to refugees "
                           "from Arnor."), "CONCEDE")
    assert [a.text for a in event.actor] == ["The king of Gondor"]


def test_coordinated_nouns_share_the_speaker(nlp: Language) -> None:
    events = code(nlp, "The Council of Gondor expressed its rejection and condemnation of the "
                       "plan of Arnor.")
    assert only(events, "ACCUSE").actor


def test_background_noun_does_not_take_the_main_subject(nlp: Language) -> None:
    events = code(nlp, "Gondor released the aid to Arnor despite concerns over corruption.")
    assert all(not e.actor for e in events if e.event == "ACCUSE")


def test_unaddressed_request_for_help_goes_to_its_provider(nlp: Language) -> None:
    events = code(nlp, "Norway trains the army of Chile. The president of Chile said his army "
                       "still needs more training.")
    request = only(events, "REQUEST")
    assert [r.code for r in request.recipient] == ["NOR"]


def test_seed_story_communique_and_the_request_for_backup(
    nlp: Language, seed_article: Article
) -> None:
    events = list(nlp(make_doc(nlp, seed_article))._.dateline_events)
    communique = next(e for e in events if "communique" in e.event_text)
    assert communique.event in ("AGREE", "SUPPORT") and "future" in communique.aux
    assert {a.code for a in communique.actor} == {"USA", "IRQ"}
    assert communique.date == "2021-07-26"
    backup = next(e for e in events if e.event == "REQUEST" and e.mode == "assist")
    assert {r.code for r in backup.recipient} == {"USA"}
    attacks = [e for e in events if "drone attacks" in e.event_text]
    assert len(attacks) == 1


@pytest.mark.parametrize(
    ("text", "kind", "absent"),
    [
        ("Rebels in Rohan violated the ceasefire agreement near the border.", "ASSAULT",
         "REJECT"),
        ("Rebels in Rohan are using villagers as human shields.", "ASSAULT", "COERCE"),
        ("The rebels of Rohan were responsible for the killings in Gondor.", "ASSAULT", "AID"),
        ("Dock workers in Gondor stopped work on Monday.", "PROTEST", "CONCEDE"),
        ("The king of Gondor ordered airstrikes on the rebels of Rohan.", "ASSAULT", "REQUEST"),
        ("Gondor jets forced the plane of Arnor to land.", "COERCE", "CONSULT"),
        ("Bolivian authorities declared a state of siege in Bolivia to begin at midnight.",
         "COERCE", "ASSAULT"),
        ("Gondor provided 2 million dollars in aid to help the refugees of Arnor.", "AID",
         "SUPPORT"),
    ],
)
def test_more_general_coding_rules(nlp: Language, text: str, kind: str, absent: str) -> None:
    kinds = {e.event for e in code(nlp, text)}
    assert kind in kinds and absent not in kinds


def test_aid_takes_the_recipient_of_its_purpose(nlp: Language) -> None:
    event = only(code(nlp, "Gondor provided 2 million dollars in aid to help the refugees of "
                           "Arnor."), "AID")
    assert [r.text for r in event.recipient] == ["the refugees of Arnor"]


@pytest.mark.parametrize(
    "text",
    ["The report demonstrates that Gondor is not cooperating.",
     "The government of Gondor insists it is enforcing the ban."],
)
def test_verbs_of_showing_and_saying_are_no_protest_or_request(nlp: Language, text: str) -> None:
    assert not any(e.event in ("PROTEST", "REQUEST") for e in code(nlp, text))


def test_promised_disarmament_is_agree(nlp: Language) -> None:
    event = code(nlp, "The rebels of Rohan said they will lay down their weapons.")[0]
    assert event.event == "AGREE" and "future" in event.aux


def test_conditions_are_hypothetical_and_less_certain(nlp: Language) -> None:
    condition = only(code(nlp, "If Gondor attacks Arnor, the alliance will respond."), "ASSAULT")
    fact = only(code(nlp, "Gondor attacked Arnor."), "ASSAULT")
    assert "hypothetical" in condition.aux and condition.confidence < fact.confidence
    until = code(nlp, "Gondor will not end the strike until Arnor meets its demands.")
    assert only(until, "REJECT").aux == ("future", "negated")
    assert "hypothetical" in only(until, "CONCEDE").aux


def test_a_purpose_that_repeats_its_event_is_one_event(nlp: Language) -> None:
    events = code(nlp, "Negotiators of Gondor and Arnor met in Minas Tirith on Tuesday to discuss "
                       "the border.")
    assert len([e for e in events if e.event == "CONSULT"]) == 1


def test_what_someone_is_accused_of_is_done_by_the_accused(nlp: Language) -> None:
    events = code(nlp, "Gondor has accused Arnor of sheltering the rebels of Rohan.")
    sheltering = next(e for e in events if "sheltering" in e.event_text and e.event != "ACCUSE")
    assert [a.text for a in sheltering.actor] == ["Arnor"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Gondor and Arnor agreed on the text of a trade deal.", "SUPPORT"),
        ("Gondor and Arnor agreed to hold a joint exercise.", "AGREE"),
        ("Gondor and Arnor are upgrading their diplomatic ties.", "SUPPORT"),
        ("Gondor paid 5 million dollars as compensation to the families of Arnor.", "CONCEDE"),
    ],
)
def test_agreements_endorsements_and_compensation(nlp: Language, text: str, kind: str) -> None:
    assert kind in {e.event for e in code(nlp, text)}


def test_reported_responsibility_is_the_speakers_accusation(nlp: Language) -> None:
    event = only(code(nlp, "The government of Gondor said the rebels of Rohan were responsible."),
                 "ACCUSE")
    assert [a.text for a in event.actor] == ["The government of Gondor"]
    assert [r.text for r in event.recipient] == ["the rebels of Rohan"]


def test_a_report_accusing_is_its_publishers_accusation(nlp: Language) -> None:
    event = only(code(nlp, "The council of Gondor put out a report accusing the army of Arnor of "
                           "torture."), "ACCUSE")
    assert [a.text for a in event.actor] == ["The council of Gondor"]


def test_event_dating_looks_only_at_its_own_sentence(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: every event once resolved the root of every time expression in the
    story, so coding grew with the square of its length (a 50 kB story took 26 s)."""
    from dateline.extract import dating

    calls = 0
    real = dating.span_root

    def counting(doc, span):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(doc, span)

    monkeypatch.setattr(dating, "span_root", counting)
    paragraph = "Arnor attacked Gondor on Monday. Rohan met Gondor on Tuesday. "
    once = {(e.event, e.date) for e in code(nlp, paragraph)}
    calls = 0
    events = code(nlp, paragraph * 30)
    assert len(events) >= 60 and len(once) == 2
    assert {(e.event, e.date) for e in events} == once  # each sentence keeps its own day
    assert calls <= 4 * len(events)  # a time or two per sentence, not all 60
