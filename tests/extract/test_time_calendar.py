"""Calendar arithmetic and number parsing behind time normalisation (no parser needed)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.extract.timex.calendar import (
    end_of,
    month_day_year,
    render,
    shift,
    weekday_date,
)
from dateline.extract.timex.numbers import parse_number, parse_year_words
from dateline.extract.timex.recognise import find_candidates, select
from dateline.extract.timex.units import duration_value
from dateline.extract.timex.values import precision_of, start_of

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(DAYS, st.integers(1, 7))
def test_weekday_resolution_stays_within_a_week(base: date, weekday: int) -> None:
    past = weekday_date(base, weekday, "past")
    future = weekday_date(base, weekday, "future")
    assert past.isoweekday() == future.isoweekday() == weekday
    assert 0 <= (base - past).days < 7 and 0 <= (future - base).days < 7


@given(DAYS)
def test_the_story_weekday_is_the_story_day_in_every_direction(base: date) -> None:
    for direction in ("past", "future", "nearest"):
        assert weekday_date(base, base.isoweekday(), direction) == base


@given(DAYS)
def test_rendered_values_read_back_to_a_day_they_contain(base: date) -> None:
    for granularity in ("day", "week", "month", "quarter", "year"):
        value = render(base, granularity)
        assert precision_of(value) == granularity
        first = start_of(value)
        assert first is not None and first <= base <= end_of(first, granularity)


def test_shift_clamps_month_ends() -> None:
    assert shift(date(2021, 1, 31), "month", 1) == date(2021, 2, 28)
    assert shift(date(2021, 7, 26), "year", -10) == date(2011, 7, 26)


def test_month_day_year_prefers_the_near_occurrence() -> None:
    base = date(1989, 11, 2)
    assert month_day_year(base, 11, 10, "mostly_past") == 1989
    assert month_day_year(base, 3, 31, "mostly_past") == 1989
    assert month_day_year(date(2000, 1, 15), 11, 25, "nearest") == 1999


def test_numbers_and_year_words() -> None:
    assert parse_number("twenty-four") == 24
    assert parse_number("a few") is None
    assert parse_year_words("nineteen ninety-seven") == 1997
    assert parse_year_words("the year two thousand") == 2000


def test_longest_match_wins() -> None:
    chosen = select(find_candidates("on Monday, July 26, 2021 at noon"))
    assert chosen[0].match.group(0) == "Monday, July 26, 2021"


@given(st.text(max_size=200))
def test_recognition_never_fails_on_arbitrary_text(text: str) -> None:
    chosen = select(find_candidates(text))
    assert all(0 <= c.start < c.end <= len(text) for c in chosen)


def test_a_couple_is_two_and_halves_count() -> None:
    assert parse_number("a couple of") == 2
    assert parse_number("2 1/2") == 2.5
    assert parse_number("five and a half") == 5.5


@pytest.mark.parametrize(
    ("amount", "unit", "value"),
    [
        (2.5, "year", "P2Y6M"),
        (5.5, "hour", "PT5H30M"),
        (1.5, "minute", "PT1M30S"),
        (0.5, "year", "P6M"),
        (1.5, "day", "P1DT12H"),
        (2.5, "month", "P2.5M"),
        (2.5, "decade", "P25Y"),
        (None, "day", "PXD"),
    ],
)
def test_fractional_durations_use_the_smaller_unit(
    amount: float | None, unit: str, value: str
) -> None:
    assert duration_value(amount, unit) == value


@given(st.integers(0, 500))
def test_half_years_are_six_months(years: int) -> None:
    expected = f"P{years}Y6M" if years else "P6M"
    assert duration_value(years + 0.5, "year") == expected


@given(st.integers(0, 500))
def test_half_hours_are_thirty_minutes(hours: int) -> None:
    expected = f"PT{hours}H30M" if hours else "PT30M"
    assert duration_value(hours + 0.5, "hour") == expected


def test_a_bare_month_abbreviation_before_a_name_is_not_a_month() -> None:
    rules = {c.rule for c in find_candidates("Foreign Minister Jan Kavan said")}
    assert "month_year" not in rules
    assert any(c.rule == "month_day" for c in find_candidates("on Jan 5"))


def test_a_decimal_number_is_not_a_year() -> None:
    assert find_candidates("the index closed at 2082.1 points") == []


def test_a_future_reading_never_reaches_a_year_ahead_for_last_week() -> None:
    assert month_day_year(date(2018, 4, 6), 4, 5, "future") == 2018
    assert month_day_year(date(2018, 4, 6), 5, 10, "future") == 2018
    assert month_day_year(date(2018, 12, 20), 1, 10, "future") == 2019
