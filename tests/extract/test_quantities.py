"""Quantities: numbers attached to what they count, and PLOVER casualty sizes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc, Token

from dateline.extract.quantities import casualties, extract_quantities
from dateline.model import Article, Quantity
from dateline.nlp import build_nlp, make_doc
from dateline.settings import Settings


@pytest.fixture(scope="module")
def light(settings: Settings) -> Language:
    """spaCy plus the quantities component only: fast unit tests."""
    return build_nlp(settings, components=("dateline_quantities",))


def parse(nlp: Language, text: str) -> Doc:
    return nlp(make_doc(nlp, Article.create(text)))


def only(doc: Doc) -> Quantity:
    found = extract_quantities(doc)
    assert len(found) == 1, found
    return found[0]


def token(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


def test_seed_story_quantities(nlp: Language, seed_article: Article) -> None:
    doc = nlp(make_doc(nlp, seed_article))
    found = {q.value: q for q in doc._.dateline_quantities}
    assert found[2500].of == "American troops" and found[2500].text == "2,500"
    assert found[250000].of == "Iraqis"
    assert not any(q.value in (2011, 2014) for q in found.values())  # years are times
    for q in found.values():
        assert seed_article.text[q.span[0] : q.span[1]] == q.text


@pytest.mark.parametrize(
    ("text", "value", "unit", "of", "approx"),
    [
        ("At least 12 people were killed.", 12, "people", "people", "at least"),
        ("Dozens of protesters gathered.", 24, "protesters", "protesters", "dozens"),
        ("The fund holds $1.2 billion in aid.", 1.2e9, "USD", "aid", None),
        ("Twelve soldiers were wounded.", 12, "soldiers", "soldiers", None),
        ("More than 300 civilians fled.", 300, "civilians", "civilians", "more than"),
        ("Tens of thousands of people marched.", 20000, "people", "people", "tens"),
        ("Turnout fell to 43 percent.", 43, "percent", None, None),
    ],
)
def test_numbers_and_what_they_count(
    light: Language, text: str, value: float, unit: str, of: str | None, approx: str | None
) -> None:
    quantity = only(parse(light, text))
    assert (quantity.value, quantity.unit, quantity.of, quantity.approx) == (
        value,
        unit,
        of,
        approx,
    )


def test_ranges_keep_both_bounds(light: Language) -> None:
    quantity = only(parse(light, "Police arrested between 40 and 50 protesters."))
    assert (quantity.value, quantity.upper, quantity.unit) == (40, 50, "protesters")
    assert only(parse(light, "Some 3 to 5 villages burned.")).upper == 5


def test_years_and_labels_are_not_quantities(light: Language) -> None:
    assert extract_quantities(parse(light, "They returned in 2014 under Article 5.")) == []


def test_casualties_fill_the_size_object(light: Language) -> None:
    doc = parse(light, "The bombing killed 15 civilians and wounded 30 others, officials said.")
    size = casualties(doc, token(doc, "bombing"), extract_quantities(doc))
    assert size == {"dead": 15, "injured": 30}


def test_casualties_of_one_verb_ignore_the_other_clause(light: Language) -> None:
    doc = parse(light, "Police arrested 40 protesters after 12 people were killed.")
    quantities = extract_quantities(doc)
    assert casualties(doc, token(doc, "arrested"), quantities) == {"arrested": 40}
    assert casualties(doc, token(doc, "killed"), quantities) == {"dead": 12}


def test_money_and_other_sentences_are_not_casualties(light: Language) -> None:
    doc = parse(light, "The attack cost $5 million. Later 3 soldiers died.")
    assert casualties(doc, token(doc, "attack"), extract_quantities(doc)) == {}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(min_value=2, max_value=900_000_000))
def test_digit_counts_round_trip(light: Language, number: int) -> None:
    doc = parse(light, f"Officials said {number:,} soldiers were killed.")
    quantities = extract_quantities(doc)
    assert [(q.value, q.unit) for q in quantities] == [(number, "soldiers")]
    assert casualties(doc, token(doc, "killed"), quantities) == {"dead": number}
