"""The event-dating API: the time attached to a clause; history never gets the story date."""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Token

from dateline.extract.dating import EventDate, date_event
from dateline.extract.time import extract_times

MONDAY = date(2021, 7, 26)
PARSER = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


def parse(nlp: Language, text: str) -> Doc:
    with nlp.select_pipes(enable=PARSER):
        return nlp(text)


def trigger(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


def dated(nlp: Language, text: str, word: str, story: date | None = MONDAY) -> EventDate:
    doc = parse(nlp, text)
    return date_event(doc, trigger(doc, word), extract_times(doc, story), story)


def test_attached_year_dates_history(nlp: Language) -> None:
    result = dated(nlp, "The U.S. withdrew from Iraq in 2011.", "withdrew")
    assert (result.date, result.precision, result.date_text) == ("2011", "year", "in 2011")
    assert result.historical and result.time is not None


def test_reporting_verb_boundary(nlp: Language) -> None:
    text = "The official said on Monday that the army withdrew in 2011."
    assert dated(nlp, text, "withdrew").date == "2011"
    assert dated(nlp, text, "said").date == "2021-07-26"


def test_deadline_gives_an_end_date(nlp: Language) -> None:
    result = dated(nlp, "The combat mission will be over by the end of the year.", "be")
    assert result.enddate == "2021-12-31"
    assert (result.date, result.precision) == ("2021-07-26", "day")


def test_plans_are_dated_to_the_story_date(nlp: Language) -> None:
    result = dated(nlp, "The two leaders plan to announce a new deal.", "announce")
    assert (result.date, result.precision, result.historical) == ("2021-07-26", "day", False)


def test_undated_past_is_not_stamped_with_the_story_date(nlp: Language) -> None:
    for text, word in [
        ("Militias have launched rocket attacks against bases.", "launched"),
        ("The army trained thousands of recruits.", "trained"),
    ]:
        result = dated(nlp, text, word)
        assert (result.date, result.precision, result.time) == (None, "unknown", None)


def test_relative_day_dates_the_event(nlp: Language) -> None:
    result = dated(nlp, "Rebels attacked the convoy yesterday.", "attacked")
    assert (result.date, result.precision, result.historical) == ("2021-07-25", "day", False)


def test_no_story_date_no_guess(nlp: Language) -> None:
    result = dated(nlp, "The ministers meet on Monday.", "meet", story=None)
    assert result.date is None and result.precision == "unknown"
