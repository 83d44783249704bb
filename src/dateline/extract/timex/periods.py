"""Normalisers for periods relative to the story date or to the narrative anchor.

``this month``, ``last year``, ``the end of the year``, ``two years ago``, quarters,
``a year earlier``, holidays and ``the next day``.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter

from dateline.extract.timex.calendar import render, shift
from dateline.extract.timex.context import Context, Norm
from dateline.extract.timex.normalise import (
    UNANCHORED,
    Match,
    explicit,
    mod_of,
    relative,
    season_year,
)
from dateline.extract.timex.numbers import parse_number, parse_ordinal
from dateline.extract.timex.units import approx_mod, duration_value, unit_name

CURRENT = frozenset({"this", "the current", "the present", "current"})
PREVIOUS = frozenset(
    {"last", "past", "the past", "the last", "previous", "this past", "recent", "the latest",
     "the most recent"}
)  # fmt: skip
NEXT = frozenset({"next", "the next", "coming", "the coming", "this coming"})
ANCHORED = {"that": 0, "the same": 0, "the following": 1, "following": 1,
            "the previous": -1, "the prior": -1}  # fmt: skip
YEAR_AGO_WORDS = ("year-ago", "year-earlier", "year earlier", "prior-year")
SEASON_UNITS = {"summer": "SU", "winter": "WI", "spring": "SP", "fall": "FA", "autumn": "FA"}


def rel_period(match: Match, ctx: Context) -> Norm | None:
    """``this month``, ``last week``, ``next year``, ``that year``, ``earlier this year``."""
    rel = " ".join(match["rel"].lower().split())
    unit = match["unit"].lower().removesuffix("'s").removeprefix("fiscal ")
    if rel in ("the first", "the second", "the final"):
        return _half(ctx, rel) if unit == "half" else None
    if unit == "half":
        return None
    offset, base = _offset_and_base(rel, ctx)
    if offset is None:
        return None
    if base is None:
        return UNANCHORED
    if unit == "quarter" and rel in ("the latest", "the most recent") and ctx.quarter:
        return relative(ctx.quarter, mod_of(match))
    return relative(_period_value(base, unit, offset), mod_of(match))


def _offset_and_base(rel: str, ctx: Context) -> tuple[int | None, date | None]:
    if rel in CURRENT:
        return 0, ctx.base
    if rel in PREVIOUS:
        return -1, ctx.base
    if rel in NEXT:
        return 1, ctx.base
    if rel in ANCHORED:
        return ANCHORED[rel], ctx.narrative
    return None, None


def _half(ctx: Context, rel: str) -> Norm:
    if ctx.narrative is None:
        return UNANCHORED
    return relative(f"{ctx.narrative.year}-H{1 if rel == 'the first' else 2}")


def _period_value(base: date, unit: str, offset: int) -> str:
    """The value of the ``unit`` period ``offset`` periods from the one holding ``base``."""
    if unit in SEASON_UNITS:
        code = SEASON_UNITS[unit]
        return f"{season_year(base, code, offset)}-{code}"
    if unit == "weekend":
        return render(shift(base, "week", offset), "weekend")
    return render(shift(base, unit, offset), unit)


def mod_period(match: Match, ctx: Context) -> Norm | None:
    """``earlier in the year``, ``later in the week``."""
    base = ctx.narrative
    if base is None:
        return UNANCHORED
    return relative(render(base, match["unit"].lower()), mod_of(match))


def end_of(match: Match, ctx: Context) -> Norm | None:
    """``the end of the year``, ``the beginning of next month`` (mod END/START)."""
    rel = match["rel"].lower()
    base = ctx.narrative if rel == "that" else ctx.base
    if base is None:
        return UNANCHORED
    offset = {"next": 1, "last": -1}.get(rel, 0)
    unit = match["unit"].lower()
    mod = None if match["mod"].lower() == "the rest" else mod_of(match)
    return relative(render(shift(base, unit, offset), unit), mod)


def year_end(match: Match, ctx: Context) -> Norm | None:
    """``by year-end``, ``since year-end``: the end of this year, or of the last one when
    the clause looks back (``since``, a past tense)."""
    if ctx.base is None:
        return UNANCHORED
    back = ctx.lead == "since" or ctx.direction() == "past"
    return relative(str(ctx.base.year - 1 if back else ctx.base.year), "END")


AGO_BASE = {"ago": -1, "back": -1, "from now": 1, "hence": 1}
ANCHOR_DIR = {"earlier": -1, "before": -1, "later": 1, "after": 1}


def ago(match: Match, ctx: Context) -> Norm | None:
    """``two years ago``, ``a year earlier``, ``three days later``."""
    unit = unit_name(match["unit"])
    amount = parse_number(match["num"])
    direction = " ".join(match["dir"].lower().split())
    base = ctx.base if direction in AGO_BASE else ctx.narrative
    sign = AGO_BASE.get(direction) or ANCHOR_DIR[direction]
    mod = approx_mod(match["approx"])
    if direction in ("before", "after"):
        return Norm(duration_value(amount, unit), "DURATION", mod=mod)
    if base is None:
        return UNANCHORED
    if amount is None or amount != int(amount):
        return relative("PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    if unit in ("hour", "minute", "second"):
        return Norm(f"PT{int(amount)}{unit[0].upper()}", "DURATION", mod=mod)
    if unit == "year" and int(amount) == 1 and ctx.recent_quarter and sign < 0:
        return relative(_year_before(ctx.recent_quarter), mod)
    granularity = unit if direction in AGO_BASE else _coarser(unit, ctx.anchor_precision)
    return relative(render(shift(base, unit, sign * int(amount)), granularity), mod)


ORDER = ("day", "week", "month", "quarter", "year", "decade", "century")


def _coarser(unit: str, anchor_precision: str) -> str:
    """``two months later`` after ``in 2014`` is known to the year only."""
    if ctx_rank(anchor_precision) > ctx_rank(unit):
        return anchor_precision
    return unit


def ctx_rank(granularity: str) -> int:
    return ORDER.index(granularity) if granularity in ORDER else 0


def _year_before(value: str) -> str:
    """``1989-Q3`` -> ``1988-Q3``."""
    return f"{int(value[:4]) - 1}{value[4:]}"


def quarter(match: Match, ctx: Context) -> Norm | None:
    """``the third quarter``, ``third-quarter``, ``the fourth quarter of 1989``."""
    number = parse_ordinal(match["ord"])
    if number is None or number > 4:
        return None
    unit = match["unit"].lower()
    if unit == "half" and number > 2:
        return None
    letter = "Q" if unit == "quarter" else "H"
    year_text = match["year"] or match["year2"]
    if year_text:
        return explicit(f"{year_text}-{letter}{number}", date(int(year_text), 1, 1))
    det = " ".join((match["det"] or "").lower().split())
    if ctx.base is None:
        return UNANCHORED
    offset = {"last year's": -1, "next year's": 1}.get(det, 0)
    if any(word in det for word in YEAR_AGO_WORDS):
        offset = -1
    return relative(f"{ctx.base.year + offset}-{letter}{number}")


def year_ago_adj(match: Match, ctx: Context) -> Norm | None:
    """``year-earlier``, ``the year-ago quarter``: the current quarter a year back."""
    if ctx.recent_quarter:
        return relative(_year_before(ctx.recent_quarter))
    if ctx.base is None:
        return UNANCHORED
    return relative(str(ctx.base.year - 1))


def anchor_period(match: Match, ctx: Context) -> Norm | None:
    """``the quarter``, ``that quarter``, ``the period``, ``the quarter a year ago``."""
    current = ctx.quarter or _last_quarter(ctx.base)
    if current is None or (match["unit"].lower() == "period" and ctx.quarter is None):
        return None if ctx.base is not None else UNANCHORED
    if match["ago"] or match["det"].lower() == "last year's":
        return relative(_year_before(current))
    return relative(current)


def _last_quarter(base: date | None) -> str | None:
    """The last complete quarter before ``base``: what an earnings story reports."""
    if base is None:
        return None
    return render(shift(base, "quarter", -1), "quarter")


def the_year_period(match: Match, ctx: Context) -> Norm | None:
    """``the 1988 period``, ``the 1988 quarter``: that year's version of the current quarter."""
    year_text = match["year"]
    if ctx.quarter:
        return explicit(f"{year_text}{ctx.quarter[4:]}", None)
    return explicit(year_text, date(int(year_text), 1, 1))


def holiday(match: Match, ctx: Context) -> Norm | None:
    """``Thanksgiving``, ``Christmas``, ``Easter``, ``Election Day``."""
    if not match["name"][:1].isupper():
        return None
    if ctx.base is None:
        return UNANCHORED
    name = " ".join(match["name"].lower().split())
    rel = (match["rel"] or "").lower()
    direction = {"last": "past", "next": "future"}.get(rel) or ctx.direction()
    day = _nearest_holiday(name, ctx.base, direction)
    if day is None:
        return None
    if name == "easter week":
        return relative(render(day, "week"))
    return relative(day.isoformat())


def _nearest_holiday(name: str, base: date, direction: str) -> date | None:
    """The occurrence of a holiday nearest ``base`` in ``direction``."""
    days = [d for d in (holiday_date(name, base.year + k) for k in (-1, 0, 1)) if d]
    if direction == "past":
        days = [d for d in days if d <= base] or days
    elif direction == "future":
        days = [d for d in days if d >= base] or days
    return min(days, key=lambda d: abs((d - base).days)) if days else None


FIXED = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
         "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
         "independence day": (7, 4), "valentine's day": (2, 14), "halloween": (10, 31),
         "veterans day": (11, 11)}  # fmt: skip


def holiday_date(name: str, year: int) -> date | None:
    """The date of a named holiday in ``year``."""
    if name in FIXED:
        return date(year, *FIXED[name])
    if name.startswith("thanksgiving"):
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name.startswith("easter"):
        return easter(year)
    if name == "election day":
        first = date(year, 11, 1)
        return first + timedelta(days=(0 - first.weekday()) % 7 + 1)
    return None


def anchored_day(match: Match, ctx: Context) -> Norm | None:
    """``that day``, ``the next day``, ``the following morning``, ``earlier that day``."""
    base = ctx.anchor if ctx.anchor is not None and ctx.anchor_precision == "day" else ctx.base
    if base is None:
        return UNANCHORED
    rel = " ".join(match["rel"].lower().split())
    offset = {"the next": 1, "the following": 1, "the previous": -1, "the prior": -1,
              "the preceding": -1}.get(rel, 0)  # fmt: skip
    return relative((base + timedelta(days=offset)).isoformat(), mod_of(match))
