"""The time extractor: recognition, normalisation against the story date, anchoring."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from dateline.extract.time import extract_times
from dateline.model import Article, TimeRef
from dateline.nlp import make_doc

MONDAY = date(2021, 7, 26)
WEDNESDAY = date(2021, 7, 28)


def times(nlp: Language, text: str, story: date | None = MONDAY) -> list[TimeRef]:
    """Parse ``text`` through the pipeline's parser and extract its times."""
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]):
        doc = nlp(text)
    return extract_times(doc, story)


def one(nlp: Language, text: str, story: date | None = MONDAY) -> TimeRef:
    found = times(nlp, text, story)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "story", "expected", "precision"),
    [
        ("Leaders plan to announce Monday that the mission ends.", MONDAY, "2021-07-26", "day"),
        ("The two leaders met on Monday in Baghdad.", WEDNESDAY, "2021-07-26", "day"),
        ("They will meet next Tuesday.", WEDNESDAY, "2021-08-03", "day"),
        ("The minister resigned last Friday.", MONDAY, "2021-07-23", "day"),
        ("The talks resumed today.", MONDAY, "2021-07-26", "day"),
        ("Rebels attacked the base yesterday.", MONDAY, "2021-07-25", "day"),
        ("Prices rose last week.", MONDAY, "2021-W29", "week"),
        ("He gave an interview this month.", MONDAY, "2021-07", "month"),
        ("The army withdrew in 2011.", MONDAY, "2011", "year"),
        ("Sales fell two years ago.", MONDAY, "2019", "year"),
        ("Violence surged in the 1990s.", MONDAY, "199", "decade"),
        ("Profit rose in the third quarter.", MONDAY, "2021-Q3", "quarter"),
        ("Troops arrived last summer.", MONDAY, "2020-SU", "season"),
        ("The treaty was signed on July 4, 1998.", MONDAY, "1998-07-04", "day"),
        ("Talks ended in March 2020.", MONDAY, "2020-03", "month"),
        ("The budget for fiscal 2022 was cut.", MONDAY, "2022", "year"),
        ("The vote was held earlier this year.", MONDAY, "2021", "year"),
    ],
)
def test_dates_resolve_against_the_story_date(
    nlp: Language, text: str, story: date, expected: str, precision: str
) -> None:
    found = one(nlp, text, story)
    assert (found.value, found.precision, found.type) == (expected, precision, "DATE")


def test_deadline_is_an_end_date(nlp: Language) -> None:
    found = one(nlp, "The mission will be over by the end of the year.")
    assert found.text == "the end of the year"
    assert (found.value, found.precision, found.role) == ("2021-12-31", "day", "end")


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("The strike lasted three weeks.", "P3W", "DURATION"),
        ("The siege went on for five hours.", "PT5H", "DURATION"),
        ("The paper is published daily.", "P1D", "SET"),
        ("They meet every Thursday.", "XXXX-WXX-4", "SET"),
        ("The blast came at 10:30 a.m. Monday.", "2021-07-26T10:30", "TIME"),
    ],
)
def test_durations_sets_and_times(nlp: Language, text: str, value: str, kind: str) -> None:
    found = one(nlp, text)
    assert (found.value, found.type) == (value, kind)


def test_spans_leave_prepositions_out(nlp: Language) -> None:
    text = "The U.S. withdrew from Iraq in 2011."
    found = one(nlp, text)
    assert found.text == "2011"
    assert text[found.span[0] : found.span[1]] == "2011"


def test_narrative_anchor_for_later_and_that_year(nlp: Language) -> None:
    found = times(nlp, "The rebels took the city in 2014. Two months later, they lost it.")
    assert [t.value for t in found] == ["2014", "2014"]
    found = times(nlp, "The war began on March 3, 2003. The next day, troops crossed.")
    assert found[-1].value == "2003-03-04"


def test_copyright_year_is_not_a_time(nlp: Language) -> None:
    assert times(nlp, "©2021 Bloomberg L.P.") == []


def test_modal_may_and_verbs_are_not_months(nlp: Language) -> None:
    assert times(nlp, "The army may march into the town.") == []


def test_counted_number_is_not_a_year(nlp: Language) -> None:
    assert times(nlp, "The army sent 2011 troops to the border.") == []


def test_no_story_date_means_no_value_for_relative_expressions(nlp: Language) -> None:
    found = times(nlp, "They met on Monday and signed a deal in 2011.", story=None)
    monday, year = found
    assert (monday.value, monday.note) == (None, "unanchored")
    assert (year.value, year.note) == ("2011", None)


def test_component_writes_times_from_the_story_date(nlp: Language) -> None:
    article = Article.create("The talks resumed today.", source="Test", published=MONDAY)
    doc = nlp(make_doc(nlp, article))
    assert [t.value for t in doc._.dateline_times] == ["2021-07-26"]


def test_seed_story_times(nlp: Language, seed_article: Article) -> None:
    doc = nlp(make_doc(nlp, seed_article))
    found = {t.text: t for t in doc._.dateline_times}
    assert found["Monday"].value == "2021-07-26"
    end = found["the end of the year"]
    assert (end.value, end.precision, end.role) == ("2021-12-31", "day", "end")
    assert (found["this month"].value, found["this month"].precision) == ("2021-07", "month")
    assert found["2011"].precision == "year" and found["2014"].value == "2014"
    assert all("©" not in t.text for t in doc._.dateline_times)
