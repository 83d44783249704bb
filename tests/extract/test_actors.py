"""Golden actor tables: the seed story (expected.md) and a fictional-country story."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from dateline.extract.actors import ActorResources, build_resources, extract_actors
from dateline.knowledge.actors import actors_in_span, load_actor_knowledge
from dateline.model import ActorMention, Article

FICTION = Path(__file__).resolve().parents[1] / "data" / "actors"

# mention text -> (code, sector); from the Actors table of expected.md
SEED_GOLDEN = {
    "President Joe Biden": ("USA", "GOV"),
    "Biden": ("USA", "GOV"),
    "Iraqi Prime Minister Mustafa al-Kadhimi": ("IRQ", "GOV"),
    "Al-Kadhimi": ("IRQ", "GOV"),
    "a senior administration official": ("USA", "GOV"),
    "the official": ("USA", "GOV"),
    "U.S. troops": ("USA", "MIL"),
    "U.S. forces": ("USA", "MIL"),
    "the remaining 2,500 American troops": ("USA", "MIL"),
    "the combat troops": ("USA", "MIL"),
    "Americans": ("USA", "MIL"),
    "the U.S.": ("USA", "GOV"),
    "The U.S.": ("USA", "GOV"),
    "Washington": ("USA", "GOV"),
    "Iraqi leaders": ("IRQ", "GOV"),
    "Iraq’s troops": ("IRQ", "MIL"),
    "hard-line Shiite factions": ("IRQ", "REB"),
    "Iran-backed militias": ("IRQ", "REB"),
    "Islamic State militants": ("IMG", "REB"),
    "Islamic State terrorists": ("IMG", "REB"),
    "Islamic State": ("IMG", "REB"),
    "Iran": ("IRN", "GOV"),
    "Tehran": ("IRN", "GOV"),
    "former President Donald Trump": ("USA", "GOV"),
}


def by_text(actors: list[ActorMention]) -> dict[str, list[ActorMention]]:
    table: dict[str, list[ActorMention]] = {}
    for actor in actors:
        table.setdefault(actor.text, []).append(actor)
    return table


@pytest.fixture(scope="module")
def seed_actors(nlp: Language, seed_article: Article) -> tuple[str, list[ActorMention]]:
    from dateline.nlp import make_doc

    doc = nlp(make_doc(nlp, seed_article))
    return seed_article.text, list(doc._.dateline_actors)


@pytest.mark.parametrize("mention", sorted(SEED_GOLDEN))
def test_seed_row_is_coded(seed_actors: tuple[str, list[ActorMention]], mention: str) -> None:
    _, actors = seed_actors
    found = by_text(actors).get(mention)
    assert found, f"{mention!r} not found"
    coded = {(a.code, a.sector) for a in found}
    if mention == "Iran":  # "the Iran nuclear deal" names Iran without it acting
        coded.discard(("IRN", None))
    assert coded == {SEED_GOLDEN[mention]}


def test_seed_pronouns_refer_to_al_kadhimi(seed_actors: tuple[str, list[ActorMention]]) -> None:
    text, actors = seed_actors
    pronouns = [a for a in actors if a.text.lower() == "he"]
    assert len(pronouns) == 3
    for pronoun in pronouns:
        assert (pronoun.code, pronoun.sector) == ("IRQ", "GOV")
        assert pronoun.refers_to is not None
        assert "Kadhimi" in text[pronoun.refers_to[0] : pronoun.refers_to[1]]


def test_seed_leaders_are_biden_and_al_kadhimi(
    seed_actors: tuple[str, list[ActorMention]],
) -> None:
    _, actors = seed_actors
    leaders = [a for a in actors if a.text in ("the leaders", "both leaders")]
    assert len(leaders) == 2
    for mention in leaders:
        assert mention.sector == "GOV"
        assert {(m.code, m.sector) for m in mention.members} == {("USA", "GOV"), ("IRQ", "GOV")}
        assert mention.refers_to is not None


def test_seed_patron_former_and_role(seed_actors: tuple[str, list[ActorMention]]) -> None:
    _, actors = seed_actors
    table = by_text(actors)
    assert table["Iran-backed militias"][0].patron == "IRN"
    assert table["former President Donald Trump"][0].former
    assert not table["President Joe Biden"][0].former
    assert table["President Joe Biden"][0].role == "President"
    assert table["President Joe Biden"][0].wikidata == "Q6279"
    assert table["Washington"][0].kind == "metonym"


def test_seed_the_country_is_iraq(seed_actors: tuple[str, list[ActorMention]]) -> None:
    text, actors = seed_actors
    for mention in by_text(actors)["the country"]:
        assert mention.code == "IRQ"
        assert mention.refers_to is not None
        assert text[mention.refers_to[0] : mention.refers_to[1]] == "Iraq"


def test_seed_they_refers_to_the_trained_iraqis(
    seed_actors: tuple[str, list[ActorMention]],
) -> None:
    text, actors = seed_actors
    they = by_text(actors)["they"][0]
    assert they.code == "IRQ"
    assert they.refers_to is not None
    assert text[they.refers_to[0] : they.refers_to[1]] == "250,000 Iraqis"


def test_seed_islamic_alone_is_not_an_actor(seed_actors: tuple[str, list[ActorMention]]) -> None:
    _, actors = seed_actors
    assert "Islamic" not in by_text(actors)


def test_actors_in_span_returns_the_outer_mentions(
    seed_actors: tuple[str, list[ActorMention]],
) -> None:
    text, actors = seed_actors
    start = text.index("President Joe Biden and")
    end = text.index(" plan to announce")
    found = actors_in_span(actors, start, end)
    assert [a.code for a in found] == ["USA", "IRQ"]


# ---------------------------------------------------------------- fictional countries


@pytest.fixture(scope="module")
def fiction(nlp: Language) -> ActorResources:
    kb = load_actor_knowledge(sorted(FICTION.glob("actors_fictional_*.csv")))
    return build_resources(nlp.vocab, kb)


def fiction_actors(nlp: Language, fiction: ActorResources, day: date) -> list[ActorMention]:
    text = (FICTION / "fictional_story.txt").read_text(encoding="utf-8").strip()
    doc = nlp.make_doc(text)
    doc._.dateline_date = day
    for name, component in nlp.pipeline:
        if not name.startswith("dateline_"):
            doc = component(doc)
    return extract_actors(doc, fiction)


FICTION_GOLDEN = {
    "Steward Denethor": ("GON", "GOV", "person"),
    "Arnorian King Aragorn Elessar": ("ARN", "GOV", "person"),
    "He": ("ARN", "GOV", "pronoun"),
    "Gondor's troops": ("GON", "MIL", "description"),
    "the Uruk Legion": ("IMG", "REB", "group"),
    "Rohan-backed militias": ("GON", "REB", "description"),
    "a senior Gondorian official": ("GON", "GOV", "description"),
    "The official": ("GON", "GOV", "description"),
    "the country": ("GON", None, "description"),
    "the Uruk-hai": ("IMG", "REB", "group"),
}


def test_fictional_golden_table(nlp: Language, fiction: ActorResources) -> None:
    actors = by_text(fiction_actors(nlp, fiction, date(2021, 6, 14)))
    for text, expected in FICTION_GOLDEN.items():
        assert text in actors, text
        assert (actors[text][0].code, actors[text][0].sector, actors[text][0].kind) == expected
    assert actors["Rohan-backed militias"][0].patron == "ROH"
    leaders = actors["The leaders"][0]
    members = [m.text for m in leaders.members]
    assert members == ["Steward Denethor", "Arnorian King Aragorn Elessar"]
    assert "Minas Tirith" not in actors  # a capital used as a place is not an actor


def test_fictional_handover_day(nlp: Language, fiction: ActorResources) -> None:
    before = by_text(fiction_actors(nlp, fiction, date(2021, 6, 14)))["Steward Denethor"][0]
    after = by_text(fiction_actors(nlp, fiction, date(2021, 6, 15)))["Steward Denethor"][0]
    assert not before.former
    assert after.former
    assert after.code == "GON"


# ---------------------------------------------------------------- parsing cases (real names)


def actors_of(nlp: Language, text: str, day: date = date(2021, 7, 26)) -> dict[str, ActorMention]:
    from dateline.nlp import make_doc

    doc = nlp(make_doc(nlp, Article.create(text, published=day)))
    return {a.text: a for a in doc._.dateline_actors}


def test_coordinated_modifiers_split_into_members(nlp: Language) -> None:
    actors = actors_of(nlp, "U.S. and Russian negotiators met in Geneva on Monday.")
    pair = actors["U.S. and Russian negotiators"]
    assert pair.code is None
    assert [(m.text, m.code, m.sector) for m in pair.members] == [
        ("U.S.", "USA", "GOV"),
        ("Russian", "RUS", "GOV"),
    ]


def test_of_phrases_and_names_cut_by_the_parser(nlp: Language) -> None:
    actors = actors_of(
        nlp, "The Islamic State of Iraq and the Levant attacked the Government of Iraq."
    )
    assert actors["The Islamic State of Iraq and the Levant"].code == "IMG"
    government = actors["the Government of Iraq"]
    assert (government.code, government.sector) == ("IRQ", "GOV")
    assert "Iraq" not in actors


def test_a_leader_s_regime_is_a_body_not_the_person(nlp: Language) -> None:
    actors = actors_of(nlp, "The Assad regime bombed the town, and Assad's forces advanced.")
    regime = actors["The Assad regime"]
    assert (regime.code, regime.sector, regime.kind) == ("SYR", "GOV", "description")
    assert all(a.kind != "person" for a in actors.values())


def test_typographic_apostrophe_in_names(nlp: Language) -> None:
    actors = actors_of(nlp, "Coalition aircraft struck Da’esh fighters near the river.")
    assert actors["Da’esh fighters"].code == "IMG"


def test_a_surname_that_is_also_a_month_names_the_person_as_a_subject(nlp: Language) -> None:
    """``May has received …`` after ``Theresa May``: the parse makes May a doer, so it is
    the person (spaCy tags the first ``May`` a modal and the second a date)."""
    actors = actors_of(nlp, "British Prime Minister Theresa May spoke in London. May has "
                            "received strong backing from the United States.")
    assert (actors["May"].code, actors["May"].sector) == ("GBR", "GOV")
    assert "May" not in actors_of(nlp, "The vote was held in May. Turnout was low.")


def test_many_states_are_no_one_country(nlp: Language) -> None:
    """``two dozen Western countries`` in a Russian story are not Russia."""
    actors = actors_of(nlp, "Russia protested on Monday. The governments of two dozen "
                            "Western countries announced the expulsion of Russian diplomats "
                            "in Moscow.")
    assert actors["two dozen Western countries"].code is None
    assert actors["The governments"].code is None
    other = actors_of(nlp, "Morocco was the first country to recognise the United States. The "
                           "minister praised the relations binding the two countries.")
    assert other["the two countries"].code is None  # not "the first country" (Morocco)


def test_the_group_refers_to_the_group_named_before(nlp: Language) -> None:
    actors = actors_of(nlp, "A spokesman for the Taliban said the group attacked a "
                            "checkpoint in Kabul.", day=date(2024, 5, 8))
    taliban, group = actors["the Taliban"], actors["the group"]
    assert group.refers_to == taliban.span and group.code == taliban.code
