"""Word senses that are no events (``dateline.extract.eventcoding.senses``).

Each pair is written for this test: the same lemma in the sense its pattern codes, and in
a sense that is no event. Coded as a user's story is coded (no actors handed over).
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from dateline.model import Article, Event
from dateline.nlp import make_doc


def kinds(nlp: Language, text: str) -> set[str]:
    article = Article.create(text, published=date(2024, 5, 8))
    events: list[Event] = list(nlp(make_doc(nlp, article))._.dateline_events)
    return {e.event for e in events}


@pytest.mark.parametrize(("event", "coded", "not_coded"), [
    ("AID", "Germany sent aid to Sudan on Monday.",
     "The German minister sent a message to Sudan on Monday."),
    ("COOPERATE", "France and Morocco share intelligence on militants.",
     "France and Morocco share the same values of peace and democracy."),
    ("ASSAULT", "Iranian authorities executed three Kurdish prisoners on Monday.",
     "The Pakistani projects have been executed by army engineers."),
    ("ASSAULT", "Israeli troops fired rockets at Hamas positions in Gaza on Monday.",
     "Malaysian Prime Minister Najib Razak has fired critics within the government."),
    ("SANCTION", "Turkey recalled its ambassador to Austria on Monday.",
     "The Turkish minister praised Austria, recalling that the two countries are old allies."),
    ("REJECT", "Kenya's opposition contested the election result on Monday.",
     "The Kenyan opposition leader said they are going to contest."),
    ("CONSULT", "Indian Prime Minister Narendra Modi attended the summit in Tokyo.",
     "The Indian minister was the first in his family to attend university in Delhi."),
    ("ASSAULT", "Police in Nairobi dispersed the protesters with tear gas.",
     "The crowd of Kenyan protesters began to disperse in Nairobi."),
    ("MOBILIZE", "Russia amassed troops on the Ukrainian border on Monday.",
     "The American students have amassed a large following online."),
    ("ACCUSE", "The Kenyan police reviewed the case of the missing activist.",
     "The British ministry said it was reviewing the Russian request."),
    ("CONSULT", "Chinese and Russian leaders met in Moscow on Monday.",
     "China said the Korean parties should meet each other half way."),
    ("REJECT", "India ruled out talks with Pakistan on Monday.",
     "India's BJP rules 21 out of 29 Indian states."),
    ("ACCUSE", "France voiced concern about Russian troop movements.",
     "North Korea's security concerns must be addressed, China said."),
    ("RETREAT", "The American combat mission in Iraq was over by December.",
     "Saudi Crown Prince Mohammed Bin Salman is coming to the end of a three-week US tour."),
    ("AGREE", "The Egyptian government offered to mediate between Israel and Hamas.",
     "The Egyptian general visited the family and offered prayers for the dead."),
    ("AGREE", "Ghana committed to holding talks with Togo.",
     "The Ghanaian minister said the suspect had committed a crime in Accra."),
    ("AID", "Germany took in 500 refugees from Syria.",
     "The German party said it would take care of rich people first."),
    ("SANCTION", "Washington cut aid to the Honduran government on Monday.",
     "The Honduran candidate pledged to cut taxes for farmers."),
    ("SUPPORT", "Ethiopia and Eritrea reached an agreement on the border.",
     "Ethiopian inflation reached 12 percent in 2017."),
    ("SUPPORT", "Poland stood with Ukraine after the invasion.",
     "The Polish mayor stands accused of fraud."),
    ("CONCEDE", "The Malaysian opposition party submitted to the government of Malaysia.",
     "The Malaysian party failed to submit documents for its registration."),
    ("CONCEDE", "The Kenyan government halted the deportation of Somali refugees.",
     "The Kenyan opposition said no one would stop them from contesting the election."),
    ("ASSAULT", "Nigerian troops engaged the militants near Maiduguri.",
     "Zimbabwe's ministers are continuing to engage British Airways over flights."),
])
def test_the_eventive_sense_is_coded_and_the_other_is_not(
    nlp: Language, event: str, coded: str, not_coded: str
) -> None:
    assert event in kinds(nlp, coded), coded
    assert event not in kinds(nlp, not_coded), not_coded


@pytest.mark.parametrize("text", [
    "Malaysian Prime Minister Mahathir Mohamad has helped unite a fractured opposition.",
    "Indian Prime Minister Narendra Modi's failure to create jobs would be the biggest threat "
    "to his bid for another term.",
])
def test_descriptions_are_no_events(nlp: Language, text: str) -> None:
    assert not kinds(nlp, text) & {"AID", "REJECT", "THREATEN"}, text


def test_what_is_given_is_not_who_gets_it(nlp: Language) -> None:
    """``sent aid to Sudan``: Sudan receives, the aid is the thing given."""
    doc = nlp(make_doc(nlp, Article.create("Germany sent aid to Sudan on Monday.",
                                           published=date(2024, 5, 8))))
    (aid,) = [e for e in doc._.dateline_events if e.event == "AID"]
    assert {m.code for m in aid.recipient} == {"SDN"}


def test_a_search_is_an_investigation(nlp: Language) -> None:
    assert "ACCUSE" in kinds(nlp, "British officers searched a Russian passenger plane at "
                                  "Heathrow airport on Friday.")


def test_british_spellings_with_a_hyphen_stay_one_word(nlp: Language) -> None:
    text = "LIVERPOOL, England - The club will co-operate fully with the British authorities."
    doc = nlp(make_doc(nlp, Article.create(text, published=date(2024, 5, 8))))
    assert "co-operate" in [t.text for t in doc]
    assert "AGREE" in {e.event for e in doc._.dateline_events}


def test_a_happening_is_no_doer_but_an_investigation_by_someone_is_theirs(
    nlp: Language,
) -> None:
    assert "ASSAULT" not in kinds(nlp, "India has been hit by several protests by caste "
                                       "groups.")
    assert "ASSAULT" not in kinds(nlp, "Unemployment in India hit its highest level in 16 "
                                       "months.")
    doc = nlp(make_doc(nlp, Article.create(
        "The tariffs follow an investigation by the United States into China's trade "
        "practices.",
        published=date(2024, 5, 8))))
    probes = [e for e in doc._.dateline_events if e.event == "ACCUSE"]
    assert probes and {m.code for m in probes[0].actor} == {"USA"}
    assert {m.code for m in probes[0].recipient} == {"CHN"}


def test_one_vandal_damages_and_a_bare_warning_threatens_nobody(nlp: Language) -> None:
    vandal = kinds(nlp, "LOS ANGELES - The suspect vandalised two cars on Bedford Drive.")
    assert "PROTEST" not in vandal and "ASSAULT" in vandal
    assert "THREATEN" not in kinds(nlp, "The Chinese trade expert said the dispute could "
                                        "grow, he warned.")


def test_a_pledge_to_cut_taxes_threatens_nobody(nlp: Language) -> None:
    """The promise may stand (AGREE); the cut is no sanction, so no threat of one."""
    assert kinds(nlp, "The Honduran candidate pledged to cut taxes for farmers.") <= {"AGREE"}


@pytest.mark.parametrize(("event", "text"), [
    ("ACCUSE", "A French court found the Lyon archbishop guilty of failing to report abuse."),
    ("ASSAULT", "The Israeli army is currently striking Islamic Jihad targets in Gaza."),
    ("CONSULT", "Turkish President Recep Tayyip Erdogan discussed the migrant crisis with "
                "German Chancellor Angela Merkel."),
    ("MOBILIZE", "The Nigerian Army had mobilised its men to the border town."),
])
def test_the_checks_keep_what_they_should(nlp: Language, event: str, text: str) -> None:
    """Regressions met while writing the checks: ``guilty of`` is no compound preposition,
    targets are struck, a crisis discussed is no doer, soldiers are men."""
    assert event in kinds(nlp, text), text


def test_a_nominal_event_text_shows_what_it_is_about(nlp: Language) -> None:
    doc = nlp(make_doc(nlp, Article.create(
        "We reiterate our willingness to renegotiate the North American Free Trade "
        "Agreement, Mexico said.", published=date(2024, 5, 8))))
    (agree,) = [e for e in doc._.dateline_events if e.event == "AGREE"]
    assert agree.event_text.endswith("to renegotiate the North American Free Trade Agreement")
    assert "AGREE" not in kinds(nlp, "The American teens have also shown a willingness.")


def test_a_wrapper_shows_what_is_wanted_and_a_list_stands_for_its_members(
    nlp: Language,
) -> None:
    doc = nlp(make_doc(nlp, Article.create(
        "Russia said several EU countries — Austria, Slovakia, Cyprus and Greece — declined "
        "to take similar measures.", published=date(2024, 5, 8))))
    (refusal,) = [e for e in doc._.dateline_events if e.event == "REJECT"]
    assert "declined to take similar measures" in refusal.event_text
    assert {m.code for m in refusal.actor} == {"AUT", "SVK", "CYP", "GRC"}


def test_a_clause_top_has_no_parent_link(nlp: Language) -> None:
    """``token.head`` is a new object on every access: the root is found by index."""
    from dateline.extract.eventcoding.modality import parent_link

    doc = nlp("Russia attacked Ukraine.")
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert parent_link(root) is None
