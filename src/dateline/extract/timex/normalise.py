"""Normalisers for calendar dates: one function per grammar rule in :mod:`.patterns`.

Each takes the regex match and the :class:`Context` and returns a :class:`Norm`,
or None to reject the candidate. Relative expressions with no story date get
``Norm(None, relative=True)``: no value, never a guess.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.extract.timex.calendar import (
    month_day_year,
    month_year,
    safe_date,
    weekday_date,
)
from dateline.extract.timex.context import Context, Norm
from dateline.extract.timex.lexicon import MONTHS, SEASONS, WEEKDAYS
from dateline.extract.timex.numbers import parse_ordinal, parse_year_words
from dateline.model import TimexType

Match = re.Match[str]
UNANCHORED = Norm(None, relative=True)

MODS = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "late": "END", "later": "END", "the end of": "END", "mid": "MID", "the middle of": "MID",
    "the end": "END", "the beginning": "START", "the start": "START", "the middle": "MID",
}  # fmt: skip


def mod_of(match: Match) -> str | None:
    """The TimeML ``mod`` of a match's ``mod`` group."""
    text = match.groupdict().get("mod")
    return MODS.get(" ".join(text.lower().split())) if text else None


def month_of(text: str) -> int | None:
    """The month number of a (capitalised) month name or abbreviation."""
    if not text[:1].isupper():
        return None
    return MONTHS.get(text.rstrip(".").lower())


def explicit(value: str, anchor: date | None, mod: str | None = None) -> Norm:
    """A value written out in full in the text: it becomes the narrative anchor."""
    return Norm(value, "DATE", mod=mod, anchor=anchor)


def relative(value: str | None, mod: str | None = None, kind: TimexType = "DATE") -> Norm:
    """A value that depended on the story date or an anchor."""
    return Norm(value, kind, mod=mod, relative=True)


def month_day(match: Match, ctx: Context) -> Norm | None:
    """``July 26``, ``Monday, July 26, 2021``, ``Jan. 9``."""
    month = month_of(match["month"])
    day = parse_ordinal(match["day"])
    if month is None or day is None or not 1 <= day <= 31:
        return None
    if match["year"]:
        found = safe_date(int(match["year"]), month, day)
        return explicit(found.isoformat(), found, mod_of(match)) if found else None
    if ctx.base is None:
        return UNANCHORED
    year = month_day_year(ctx.base, month, day, ctx.direction("month_day"))
    found = safe_date(year, month, day)
    return relative(found.isoformat(), mod_of(match)) if found else None


def numeric(match: Match, ctx: Context) -> Norm | None:
    """``7/26/2021`` (US order) and ``2021-07-26``."""
    year = int(match["y"])
    if year < 100:
        year += 1900 if year > 30 else 2000
    found = safe_date(year, int(match["m"]), int(match["d"]))
    return explicit(found.isoformat(), found) if found else None


def month_year_rule(match: Match, ctx: Context) -> Norm | None:
    """``July 2021``, ``July``, ``early December``, ``June last year``."""
    month = month_of(match["month"])
    if month is None or (match["month"].lower() in ("may", "march") and not _has_tail(match)):
        return _bare_ambiguous_month(match, ctx, month)
    if match["year"]:
        year = _year_value(match["year"])
        if year is None:
            return None
        return explicit(f"{year}-{month:02d}", date(year, month, 1), mod_of(match))
    if ctx.base is None:
        return UNANCHORED
    if match["rel"]:
        offset = {"last": -1, "this": 0, "next": 1}[match["rel"].split()[0].lower()]
        return relative(f"{ctx.base.year + offset}-{month:02d}", mod_of(match))
    year = month_year(ctx.base, month, ctx.direction())
    return relative(f"{year}-{month:02d}", mod_of(match))


def _has_tail(match: Match) -> bool:
    return bool(match["year"] or match["rel"] or match["mod"])


def _bare_ambiguous_month(match: Match, ctx: Context, month: int | None) -> Norm | None:
    """A bare ``May`` or ``March``: kept only when capitalised mid-sentence (checked later)."""
    if month is None or ctx.base is None:
        return None if month is None else UNANCHORED
    year = month_year(ctx.base, month, ctx.direction())
    return Norm(f"{year}-{month:02d}", mod="AMBIGUOUS_MONTH", relative=True)


def _year_value(text: str) -> int | None:
    return int(text) if text.isdigit() else parse_year_words(text)


def rel_month(match: Match, ctx: Context) -> Norm | None:
    """``last October``, ``next May``, ``this September``."""
    month = month_of(match["month"])
    if month is None:
        return None
    if ctx.base is None:
        return UNANCHORED
    rel = match["rel"].lower()
    base = ctx.base
    if rel.startswith("last") or rel == "this past":
        year = base.year if month < base.month else base.year - 1
    elif rel.startswith("next") or rel == "this coming":
        year = base.year if month > base.month else base.year + 1
    else:
        year = base.year
    return relative(f"{year}-{month:02d}", mod_of(match))


HALVES = {"the first half of": "H1", "the second half of": "H2", "the last half of": "H2"}


def year(match: Match, ctx: Context) -> Norm | None:
    """``2011``, ``fiscal 1989``, ``early 2014``, ``the first half of 1990``."""
    value = int(match["year"])
    mod_text = " ".join((match["mod"] or "").lower().split())
    if mod_text in HALVES:
        return explicit(f"{value}-{HALVES[mod_text]}", date(value, 1, 1))
    mod = "ON_OR_AFTER" if match.group(0).lower().endswith("or later") else mod_of(match)
    return explicit(str(value), date(value, 1, 1), mod)


def year_words(match: Match, ctx: Context) -> Norm | None:
    """``nineteen ninety-seven``, ``the year two thousand``."""
    value = parse_year_words(match["words"])
    return explicit(str(value), date(value, 1, 1)) if value else None


def decade(match: Match, ctx: Context) -> Norm | None:
    """``the 1990s``, ``the '80s``, ``the nineties``, ``the early 1980s``."""
    if match["dec"]:
        value = match["dec"][:3]
    elif match["short"]:
        value = f"19{match['short'][0]}"
    else:
        from dateline.extract.timex.numbers import decade_word

        digit = decade_word(match["word"])
        if digit is None:
            return None
        value = f"19{digit}"
    return explicit(value, None, mod_of(match))


def century(match: Match, ctx: Context) -> Norm | None:
    """``the 20th century``."""
    number = parse_ordinal(match["ord"])
    return explicit(f"{number - 1:02d}", None) if number and number <= 21 else None


def rel_century(match: Match, ctx: Context) -> Norm | None:
    """``this century``, ``the last century``."""
    if ctx.base is None:
        return UNANCHORED
    rel = match["rel"].lower().removeprefix("the ")
    offset = {"this": 0, "last": -1, "past": -1, "next": 1}[rel]
    return relative(f"{ctx.base.year // 100 + offset:02d}")


POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def weekday(match: Match, ctx: Context) -> Norm | None:
    """``Monday``, ``last Friday``, ``Thursday morning``: resolved by tense."""
    if not match["wd"][:1].isupper():
        return None
    if ctx.base is None:
        return UNANCHORED
    day = _weekday_day(ctx.base, WEEKDAYS[match["wd"].lower()], match["rel"], ctx.direction())
    return _with_pod(day, match["pod"], mod_of(match))


def _weekday_day(base: date, number: int, rel: str | None, direction: str) -> date:
    word = (rel or "").lower()
    if word in ("last", "this past", "past"):
        return weekday_date(base - timedelta(days=1), number, "past")
    if word in ("next", "this coming", "coming"):
        return weekday_date(base + timedelta(days=1), number, "future")
    return weekday_date(base, number, direction)


def _with_pod(day: date, pod: str | None, mod: str | None) -> Norm:
    """A day, or a part of it (``TMO``); ``Friday night`` stays a DATE, as TimeBank has it."""
    if pod and pod.lower() != "night":
        return relative(f"{day.isoformat()}T{POD[pod.lower()]}", mod, "TIME")
    return relative(day.isoformat(), mod)


DEICTIC = {
    "today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip


def deictic(match: Match, ctx: Context) -> Norm | None:
    """``today``, ``yesterday morning``, ``late yesterday``, ``tonight``."""
    if ctx.base is None:
        return UNANCHORED
    word = " ".join(match["word"].lower().split())
    day = ctx.base + timedelta(days=DEICTIC[word])
    return _with_pod(day, match["pod"], mod_of(match))


def this_pod(match: Match, ctx: Context) -> Norm | None:
    """``this morning``, ``last night``, ``that evening``."""
    rel = match["rel"].lower()
    base = ctx.narrative if rel == "that" else ctx.base
    if base is None:
        return UNANCHORED
    if rel == "last" and match["pod"].lower() not in ("night", "evening"):
        return None
    day = base - timedelta(days=1) if rel == "last" else base
    return _with_pod(day, match["pod"], mod_of(match))


SEASON_END = {"SP": 5, "SU": 8, "FA": 11, "WI": 14}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_year(base: date, code: str, offset: int) -> int:
    """The year of the season ``offset`` seasons of that name away from ``base``."""
    if offset < 0:
        return base.year if SEASON_END[code] < base.month else base.year - 1
    if offset > 0:
        return base.year if SEASON_START[code] > base.month else base.year + 1
    return base.year


def season(match: Match, ctx: Context) -> Norm | None:
    """``this summer``, ``last fall``, ``the winter of 1994``."""
    code = SEASONS[match["season"].lower()]
    year_text = match["year"] or match["year2"]
    if year_text:
        value = _year_value(year_text)
        return explicit(f"{value}-{code}", None, mod_of(match)) if value else None
    rel = (match["rel"] or "").lower()
    if not rel or (rel == "the" and code in ("SP", "FA")):
        return None
    base = ctx.narrative if rel in ("that", "the") else ctx.base
    if base is None:
        return UNANCHORED
    offset = {"last": -1, "this past": -1, "next": 1}.get(rel, 0)
    return relative(f"{season_year(base, code, offset)}-{code}", mod_of(match))
