"""A time rule's ``needs`` only skip texts the rule cannot match in."""

from __future__ import annotations

import pytest

from dateline.extract.timex.patterns import RULES, folded, scanned

PHRASES = (
    "the 21st century", "this century", "nineteen ninety-nine", "two thousand and eight",
    "last Monday evening", "tomorrow night", "the following day", "that morning",
    "the past three weeks", "earlier in the year", "year-end", "the end of the month",
    "two years ago", "the third quarter of 2019", "year-earlier", "the same period",
    "the 2019 quarter", "late summer of 2010", "Christmas Eve", "New Year's Day",
    "midnight today", "recent weeks", "about three days", "a decade", "quarterly",
    "every Tuesday", "last March", "LAST MARCH", "Year-End", "ONE CENTURY",
)
#: Characters ``re.IGNORECASE`` takes for an ASCII letter: Kelvin sign, dotless and
#: dotted i, long s.
ODD = ("the past wee\u212a", "last \u017fummer", "m\u0131dnight", "Chr\u0130stmas", "\u017fpring")


@pytest.mark.parametrize("text", PHRASES + ODD)
def test_a_rule_that_matches_is_scanned(text: str) -> None:
    for rule in RULES:
        if rule.pattern.search(text):
            assert scanned(rule, folded(text)), rule.name


@pytest.mark.parametrize("text", ODD)
def test_odd_letters_match_as_the_rules_say(text: str) -> None:
    assert any(r.needs and r.pattern.search(text) for r in RULES)


def test_a_text_without_the_words_skips_the_rule() -> None:
    skipped = {r.name for r in RULES if not scanned(r, folded("Officials met in Paris."))}
    assert {"century", "holiday", "season", "duration"} <= skipped
