"""Finding candidate spans: every rule over the text, then longest-first selection."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dateline.extract.timex import durations, normalise, periods
from dateline.extract.timex.context import Context, Norm
from dateline.extract.timex.patterns import RULES, folded, scanned

Normaliser = Callable[[re.Match[str], Context], Norm | None]

NORMALISERS: dict[str, Normaliser] = {
    "month_day": normalise.month_day,
    "day_month": normalise.month_day,
    "numeric": normalise.numeric,
    "iso": normalise.numeric,
    "month_year": normalise.month_year_rule,
    "rel_month": normalise.rel_month,
    "year": normalise.year,
    "year_words": normalise.year_words,
    "decade": normalise.decade,
    "century": normalise.century,
    "rel_century": normalise.rel_century,
    "weekday": normalise.weekday,
    "deictic": normalise.deictic,
    "this_pod": normalise.this_pod,
    "season": normalise.season,
    "rel_period": periods.rel_period,
    "mod_period": periods.mod_period,
    "end_of": periods.end_of,
    "year_end": periods.year_end,
    "ago": periods.ago,
    "quarter": periods.quarter,
    "year_ago_adj": periods.year_ago_adj,
    "anchor_period": periods.anchor_period,
    "the_year_period": periods.the_year_period,
    "holiday": periods.holiday,
    "anchored_day": periods.anchored_day,
    "time": durations.clock,
    "noon": durations.noon,
    "duration": durations.duration,
    "set_adverb": durations.set_adverb,
    "set_every": durations.set_every,
    "ref": durations.ref,
    "recent_units": durations.recent_units,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One rule's match: its character span, rule name and regex match."""

    start: int
    end: int
    rule: str
    priority: int
    match: re.Match[str]


def find_candidates(text: str) -> list[Candidate]:
    """Every match of every rule, overlapping ones included."""
    found: list[Candidate] = []
    words = folded(text)
    for priority, rule in enumerate(RULES):
        if not scanned(rule, words):
            continue  # none of the words every match of the rule has: no scan
        for match in rule.pattern.finditer(text):
            start, end = _trim(text, *span_bounds(match))
            if end > start:
                found.append(Candidate(start, end, rule.name, priority, match))
    return found


LEADING_OUT = frozenset({"about", "around", "only", "just", "roughly", "approximately", "some"})


def span_bounds(match: re.Match[str]) -> tuple[int, int]:
    """TimeML boundaries: no ``about``/``only`` in front, no ``a`` before ``two-year``,
    no ``before``/``after`` behind a duration."""
    groups = match.groupdict()
    start, end = match.start(), match.end()
    approx = (groups.get("approx") or "").lower()
    if approx in LEADING_OUT or (approx == "over" and (groups.get("det") or "").lower() == "the"):
        start = match.start("approx") + len(approx) + 1
        start = start + (match.group(0)[start - match.start():].startswith(" ") or 0)
    if groups.get("det") and _hyphenated(match):
        start = max(start, match.end("det") + 1)
    if (groups.get("dir") or "").lower() in ("before", "after"):
        end = match.start("dir")
    return start, end


def _hyphenated(match: re.Match[str]) -> bool:
    """``two-year``, ``third-quarter``: an adjective, whose determiner TimeML leaves out."""
    unit = match.groupdict().get("unit")
    return unit is not None and match.string[match.start("unit") - 1] == "-"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop trailing spaces and a sentence-final period that is not an abbreviation's."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first (ties: earlier rule), in text order."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), c.priority, c.start))
    taken: list[Candidate] = []
    for candidate in ranked:
        if all(candidate.end <= t.start or t.end <= candidate.start for t in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)
