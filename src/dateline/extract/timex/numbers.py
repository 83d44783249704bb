"""Spelled-out and written numbers in time expressions."""

from __future__ import annotations

import re

from dateline.extract.timex.lexicon import DECADE_WORDS, NUMBERS, ORDINALS, VAGUE_NUMBERS

_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen",
)  # fmt: skip

COUPLE = frozenset({"couple", "a couple", "couple of", "a couple of"})


def parse_number(text: str) -> float | None:
    """``two`` -> 2, ``twenty-four`` -> 24, ``2.5`` -> 2.5; None for vague amounts."""
    words = text.lower().replace(",", "").strip()
    if not words or words in VAGUE_NUMBERS or words == "two or three":
        return None
    if words in COUPLE:
        return 2.0
    half = 0.5 if words.endswith((" and a half", " 1/2")) else 0.0
    words = words.removesuffix(" and a half").removesuffix(" 1/2")
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words) + half
    total = 0.0
    for part in re.split(r"[- ]+", words):
        if part not in NUMBERS:
            return None
        value = NUMBERS[part]
        total = total * value if value in (100, 1000) and total else total + value
    return total + half


def parse_ordinal(text: str) -> int | None:
    """``third`` -> 3, ``21st`` -> 21."""
    lower = text.lower()
    if lower in ORDINALS:
        return ORDINALS[lower]
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", lower)
    return int(match.group(1)) if match else None


def parse_year_words(text: str) -> int | None:
    """``nineteen ninety-seven`` -> 1997, ``the year two thousand`` -> 2000."""
    words = re.split(r"[- ]+", text.lower().removeprefix("the year ").replace(" and ", " "))
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        return 2000 + (_ONES.index(rest[0]) + 1 if rest and rest[0] in _ONES else 0)
    if len(words) < 2 or words[0] not in ("nineteen", "twenty"):
        return None
    century = 1900 if words[0] == "nineteen" else 2000
    return century + _two_digit(words[1:])


def _two_digit(words: list[str]) -> int:
    if words[0] in _TEENS:
        return 10 + _TEENS.index(words[0])
    tens = int(NUMBERS.get(words[0], 0))
    ones = _ONES.index(words[1]) + 1 if len(words) > 1 and words[1] in _ONES else 0
    return tens + ones


def decade_word(text: str) -> int | None:
    """``nineties`` -> 9 (the decade digit), or None."""
    return DECADE_WORDS.get(text.lower())
