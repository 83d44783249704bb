"""Time units and approximation words shared by the period and duration normalisers:
``fortnights`` is a week, ``more than`` is ``MORE_THAN``, two and a half years is
``P2Y6M``."""

from __future__ import annotations

UNIT_CODES = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W",
              "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
              "millennium": "ML", "weekend": "WE"}  # fmt: skip
UNIT_NAMES = {"night": "day", "fortnight": "week", "centurie": "century", "millennia": "century"}


def unit_name(text: str) -> str:
    """``Nights`` -> ``day``, ``months`` -> ``month``."""
    word = text.lower().removesuffix("s")
    return UNIT_NAMES.get(word, word)


APPROX_MODS = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "well over": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
}  # fmt: skip


def approx_mod(text: str | None) -> str | None:
    """``more than`` -> ``MORE_THAN``; an unlisted hedge (``about``) -> ``APPROX``."""
    if not text:
        return None
    return APPROX_MODS.get(" ".join(text.lower().split()), "APPROX")


# A fraction of a unit is written in the next smaller one: P2Y6M, PT5H30M.
SMALLER = {"year": ("month", 12), "day": ("hour", 24), "hour": ("minute", 60),
           "minute": ("second", 60), "week": ("day", 7)}  # fmt: skip


def duration_value(amount: float | None, unit: str) -> str:
    """``P2Y``, ``PT5H``, ``PXD``, ``P2Y6M``; decades and centuries count in years."""
    time = "T" if unit in ("hour", "minute", "second") else ""
    if amount is None:
        return f"P{time}X{UNIT_CODES[unit]}"
    if unit in ("decade", "century"):
        amount, unit = amount * (10 if unit == "decade" else 100), "year"
    if amount == int(amount):
        return f"P{time}{int(amount)}{UNIT_CODES[unit]}"
    return _mixed_value(amount, unit, time)


def _mixed_value(amount: float, unit: str, time: str) -> str:
    """``2.5`` years -> ``P2Y6M``; a fraction the smaller unit cannot hold stays decimal."""
    small, factor = SMALLER.get(unit, (unit, 0))
    whole, part = int(amount), (amount - int(amount)) * factor
    if factor == 0 or part != int(part):
        return f"P{time}{amount:g}{UNIT_CODES[unit]}"
    head = f"{whole}{UNIT_CODES[unit]}" if whole else ""
    tail = f"{int(part)}{UNIT_CODES[small]}"
    if small in ("hour", "minute", "second") and not time:
        tail = f"T{tail}"
    return f"P{time}{head}{tail}"
