"""Constant word tables for time expressions."""

from __future__ import annotations

from types import MappingProxyType

MONTHS = MappingProxyType(
    {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
        "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
        "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
        "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    }
)  # fmt: skip

WEEKDAYS = MappingProxyType(
    {
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4,
        "friday": 5, "saturday": 6, "sunday": 7,
    }
)  # fmt: skip

UNITS = MappingProxyType(
    {
        "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D",
        "week": "W", "weekend": "WE", "fortnight": "F", "month": "M", "quarter": "Q",
        "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE", "millennium": "ML",
    }
)  # fmt: skip

TIME_UNITS = frozenset({"second", "minute", "hour"})

NUMBERS = MappingProxyType(
    {
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
        "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
        "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        "hundred": 100, "thousand": 1000, "half": 0.5, "dozen": 12,
    }
)  # fmt: skip

VAGUE_NUMBERS = frozenset(
    {"several", "few", "a few", "some", "many", "the few", "the several", "numerous"}
)  # fmt: skip

ORDINALS = MappingProxyType(
    {
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
        "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
        "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
        "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
        "twentieth": 20, "twenty-first": 21, "thirtieth": 30, "1st": 1, "2nd": 2,
        "3rd": 3, "4th": 4,
    }
)  # fmt: skip

SEASONS = MappingProxyType(
    {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
)

PARTS_OF_DAY = MappingProxyType(
    {
        "morning": "MO", "afternoon": "AF", "mid-afternoon": "AF", "mid afternoon": "AF",
        "evening": "EV", "night": "NI", "tonight": "NI", "midday": "MI", "noon": "12:00",
        "midnight": "24:00", "dawn": "MO", "dusk": "EV", "overnight": "NI",
    }
)  # fmt: skip

# Fixed-date holidays: (month, day).
HOLIDAYS = MappingProxyType(
    {
        "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
        "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
        "valentine's day": (2, 14), "halloween": (10, 31), "veterans day": (11, 11),
        "bastille day": (7, 14), "boxing day": (12, 26),
    }
)  # fmt: skip

DECADE_WORDS = MappingProxyType(
    {
        "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
        "seventies": 7, "eighties": 8, "nineties": 9,
    }
)  # fmt: skip

# Generic reference words: TimeML's PRESENT_REF, PAST_REF, FUTURE_REF.
REFS = MappingProxyType(
    {
        "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
        "nowadays": "PRESENT_REF", "at present": "PRESENT_REF", "the present": "PRESENT_REF",
        "these days": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
        "recently": "PAST_REF", "formerly": "PAST_REF", "the past": "PAST_REF",
        "lately": "PAST_REF", "more recently": "PAST_REF", "the future": "FUTURE_REF",
        "someday": "FUTURE_REF", "the near future": "FUTURE_REF", "the near term": "FUTURE_REF",
        "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    }
)  # fmt: skip
