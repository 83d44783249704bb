"""Normalisers for durations, sets, clock times and generic references."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.extract.timex.calendar import month_day_year, safe_date, weekday_date
from dateline.extract.timex.context import Context, Norm
from dateline.extract.timex.lexicon import REFS, WEEKDAYS
from dateline.extract.timex.normalise import UNANCHORED, Match, month_of, relative
from dateline.extract.timex.numbers import parse_number
from dateline.extract.timex.periods import rel_period
from dateline.extract.timex.units import APPROX_MODS, duration_value, unit_name

DET_ONE = frozenset({"a", "an", "another", "an additional"})


def duration(match: Match, ctx: Context) -> Norm | None:
    """``two years``, ``the past five days``, ``a 10-year``, ``at least 30 days``."""
    unit = unit_name(match["unit"])
    plural = match["unit"].lower().endswith("s") and unit != "centurie"
    det = (match["det"] or "").lower()
    if (match["suffix"] or "").lower() == "-old":
        return None
    if match["num"] is None and not _bare_unit_ok(match, det, plural, unit):
        return None
    if unit == "weekend":
        return _weekend(ctx) if det == "the" else Norm("P2D", "DURATION")
    if det == "the" and unit == "year" and _the_year(match):
        return _current_year(ctx)
    if det == "the" and not plural and match["num"] is None and not match["rel"]:
        return _theunit_name(unit, ctx)
    amount = parse_number(match["num"]) if match["num"] else (1.0 if not plural else None)
    if match["half"] and amount is not None:
        amount += 0.5
    mod = APPROX_MODS.get(" ".join((match["approx"] or "").lower().split()))
    mod = mod or ("APPROX" if match["approx"] else None)
    return Norm(duration_value(amount, unit), "DURATION", mod=mod)


def _bare_unit_ok(match: Match, det: str, plural: bool, unit: str) -> bool:
    """A unit with no number: ``a year``, ``the year``, ``years``, ``day-long``."""
    if unit == "second" or (unit == "night" and not plural):
        return False
    if match["suffix"] or det in DET_ONE or det == "the" or match["rel"] or match["more"]:
        return True
    return plural and unit in ("year", "month", "week", "day", "hour", "decade", "century",
                               "minute", "quarter")  # fmt: skip


FISCAL_CLOSE = re.compile(r"\s+(?:ended|ending|that ended|which ended|to date)\b", re.IGNORECASE)


def _the_year(match: Match) -> bool:
    """``the year``, ``the full year``: the current year, unless a fiscal year is closed
    right after it (``the year ended Sept. 30`` is a twelve-month span)."""
    if match["num"] or match["rel"] or match["suffix"] or match["approx"]:
        return False
    if (match["more"] or "full").lower() != "full" or match["unit"].lower() != "year":
        return False
    return FISCAL_CLOSE.match(match.string, match.end()) is None


def _current_year(ctx: Context) -> Norm:
    """The year of the story date, as a DATE."""
    if ctx.base is None:
        return UNANCHORED
    return relative(str(ctx.base.year))


def _weekend(ctx: Context) -> Norm:
    """``the weekend``: the one before a weekday story in the past tense, else this one."""
    if ctx.base is None:
        return UNANCHORED
    day = ctx.base
    if ctx.direction() == "past" and day.isoweekday() < 6:
        day = day - timedelta(days=7)
    year, week, _ = day.isocalendar()
    return relative(f"{year}-W{week:02d}-WE")


def _theunit_name(unit: str, ctx: Context) -> Norm | None:
    """``the year`` (a duration), ``the week`` or ``the month`` (the current one)."""
    if unit in ("day", "night"):
        return None
    if unit in ("year", "hour", "minute"):
        return Norm(duration_value(1.0, unit), "DURATION")
    if ctx.base is None:
        return UNANCHORED
    from dateline.extract.timex.calendar import render

    return relative(render(ctx.base, unit))


SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
               "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
               "quarterly": "P3M", "semiannually": "P6M"}  # fmt: skip


def set_adverb(match: Match, ctx: Context) -> Norm | None:
    """``daily``, ``annually``."""
    return Norm(SET_ADVERBS[match["word"].lower()], "SET")


def set_every(match: Match, ctx: Context) -> Norm | None:
    """``every day``, ``each Thursday``, ``every two years``, ``each July``."""
    word = match["unit"].lower()
    if word in WEEKDAYS:
        return Norm(f"XXXX-WXX-{WEEKDAYS[word]}", "SET")
    month = month_of(match["unit"])
    if month is not None:
        return Norm(f"XXXX-{month:02d}", "SET")
    if word in ("morning", "evening", "night"):
        return Norm(f"XXXX-XX-XXT{ {'morning': 'MO', 'evening': 'EV', 'night': 'NI'}[word]}", "SET")
    amount = parse_number(match["num"]) if match["num"] else 1.0
    return Norm(duration_value(amount, unit_name(word)), "SET")


def ref(match: Match, ctx: Context) -> Norm | None:
    """``now``, ``recently``, ``the future``."""
    return relative(REFS[" ".join(match["word"].lower().split())])


def recent_units(match: Match, ctx: Context) -> Norm | None:
    """``recent years`` (PAST_REF), ``coming months`` (FUTURE_REF)."""
    rel = match["rel"].lower()
    unit = match["unit"].lower()
    if rel == "recent" and unit.startswith("year"):
        return relative("PAST_REF")
    if rel == "recent":
        return Norm(f"PX{unit[0].upper()}", "DURATION")
    if unit.startswith("week"):
        return Norm("PXW", "DURATION")
    return relative("FUTURE_REF")


def clock(match: Match, ctx: Context) -> Norm | None:
    """``10:30 a.m.``, ``3 p.m. EST Tuesday``, ``4 in the morning``."""
    hour = int(match["h"])
    minute = int(match["mi"] or 0)
    ampm = match["ampm"].lower()
    if hour > 12 or minute > 59 or (ampm == "o'clock" and hour == 0):
        return None
    if ampm.startswith("p") or ampm in ("in the afternoon", "in the evening", "at night"):
        hour = hour + 12 if hour < 12 else hour
    elif hour == 12 and ampm.startswith("a"):
        hour = 0
    day = _clock_day(match["when"], ctx)
    if day is None:
        return UNANCHORED
    return relative(f"{day.isoformat()}T{hour:02d}:{minute:02d}", kind="TIME")


def _clock_day(when: str | None, ctx: Context) -> date | None:
    """The day a clock time falls on: a weekday, ``yesterday``, a date or the story date."""
    base = ctx.base
    if base is None:
        return None
    if not when:
        return ctx.anchor if ctx.anchor and ctx.anchor_precision == "day" else base
    word = when.lower()
    if word in WEEKDAYS:
        return weekday_date(base, WEEKDAYS[word], ctx.direction())
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if word in offsets:
        return base + timedelta(days=offsets[word])
    month_text, _, day_text = when.rpartition(" ")
    month = month_of(month_text) or base.month
    day = int(day_text)
    return safe_date(month_day_year(base, month, day, ctx.direction()), month, day)


def noon(match: Match, ctx: Context) -> Norm | None:
    """``noon``, ``midnight Friday``, ``midday``."""
    word = match["word"].lower()
    day = _clock_day(match["when"], ctx)
    if day is None:
        return UNANCHORED
    suffix = {"noon": "12:00", "midnight": "24:00", "midday": "12:00"}[word]
    return relative(f"{day.isoformat()}T{suffix}", kind="TIME")


__all__ = ["clock", "duration", "noon", "recent_units", "ref", "rel_period", "set_adverb",
           "set_every"]  # fmt: skip
