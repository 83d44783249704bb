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


EARNINGS_DAY = date(2021, 10, 26)  # a Tuesday, after the third quarter closed


@pytest.mark.parametrize(
    ("text", "story", "expected"),
    [
        # a bare participle reports what happened: the past Wednesday, not the next one
        ("The decision, announced Wednesday, angered exporters.", MONDAY, "2021-07-21"),
        ("The dollar was at 1.84 marks, compared with 1.83 marks Wednesday.", MONDAY, "2021-07-21"),
        # ... unless it is one of expecting or scheduling
        ("Elections expected Sunday will test the coalition.", MONDAY, "2021-08-01"),
        # ... and a participle clause takes its main clause's tense
        ("Its stock has slumped, closing unchanged Thursday at $29.", MONDAY, "2021-07-22"),
        # "is to" + infinitive is a schedule: the coming Friday
        ("Trading in the shares is to resume Friday.", MONDAY, "2021-07-30"),
        # a plan in the past perfect is over: the Friday gone
        ("The offer had been due to expire Friday.", MONDAY, "2021-07-23"),
    ],
)
def test_weekday_direction_follows_the_clause(
    nlp: Language, text: str, story: date, expected: str
) -> None:
    assert one(nlp, text, story).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The company declared a dividend payable Dec. 15 to holders.", "2021-12-15"),
        ("It named a new chairman, effective Feb. 1.", "2022-02-01"),
        ("Regulators extended the offer until mid-November.", "2021-11"),
    ],
)
def test_payable_effective_and_until_look_ahead(nlp: Language, text: str, expected: str) -> None:
    assert one(nlp, text, EARNINGS_DAY).value == expected


def earnings(nlp: Language, text: str) -> dict[str, str | None]:
    return {t.text: t.value for t in times(nlp, text, EARNINGS_DAY)}


def test_year_ago_quarters_and_periods(nlp: Language) -> None:
    found = earnings(
        nlp,
        "Profit rose in the third quarter. In the year-ago third quarter, it earned $5 million. "
        "Sales for last year's quarter fell. Net compares with a loss for the corresponding "
        "period last year. The latest period included a gain.",
    )
    assert found["the year-ago third quarter"] == "2020-Q3"
    assert found["last year's quarter"] == "2020-Q3"
    assert found["the corresponding period last year"] == "2020-Q3"
    assert found["The latest period"] == "2021-Q3"


def test_the_topic_quarter_is_the_latest_one_closed(nlp: Language) -> None:
    found = earnings(
        nlp,
        "Profit rose in the third quarter after a flat second quarter. It expects a gain in "
        "the fourth quarter. In the year-earlier period, it lost money.",
    )
    assert found["the year-earlier period"] == "2020-Q3"


def test_the_year_is_this_year_unless_a_fiscal_year_closes(nlp: Language) -> None:
    full = one(nlp, "Sales for the full year rose.", EARNINGS_DAY)
    assert (full.value, full.type) == ("2021", "DATE")
    fiscal = times(nlp, "Net for the year ended Sept. 30 rose.", EARNINGS_DAY)[0]
    assert (fiscal.text, fiscal.value, fiscal.type) == ("the year", "P1Y", "DURATION")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The siege lasted 2 1/2 years.", "P2Y6M"),
        ("The talks went on for five and a half hours.", "PT5H30M"),
        ("The vote took a minute and a half.", "PT1M30S"),
        ("The truce held for a couple of years.", "P2Y"),
    ],
)
def test_fractional_and_couple_durations(nlp: Language, text: str, value: str) -> None:
    found = one(nlp, text)
    assert (found.value, found.type) == (value, "DURATION")


def test_the_near_future_is_a_future_reference(nlp: Language) -> None:
    found = one(nlp, "The company plans an offering in the near future.")
    assert (found.text, found.value) == ("the near future", "FUTURE_REF")


def test_year_end(nlp: Language) -> None:
    deadline = one(nlp, "The deal should close by year-end.", EARNINGS_DAY)
    assert (deadline.value, deadline.role) == ("2021-12-31", "end")
    since = one(nlp, "The index has risen 10% since year-end.", EARNINGS_DAY)
    assert (since.text, since.value, since.role) == ("year-end", "2020", "start")


def test_names_and_index_levels_are_not_dates(nlp: Language) -> None:
    assert times(nlp, "Czech Foreign Minister Jan Kavan signed the treaty.") == []
    assert times(nlp, "The index closed at 2082.1, down 4.5%.") == []


@pytest.mark.parametrize(
    ("text", "story"),
    [
        ("The temple was built 3000 years ago.", MONDAY),
        ("They will meet next year.", date(9999, 12, 31)),
        ("They will meet next week.", date(9999, 12, 31)),
        ("Rebels attacked the base yesterday.", date(1, 1, 1)),
        ("The deal must be signed by the end of next month.", date(9999, 12, 15)),
    ],
)
def test_a_date_outside_the_calendar_is_no_value(nlp: Language, text: str, story: date) -> None:
    """Arithmetic past years 1-9999 gives an expression without a value, not an error."""
    found = times(nlp, text, story)
    assert found, text
    assert all(t.value is None for t in found if t.type == "DATE"), found
