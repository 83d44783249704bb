"""What a normaliser knows: the story date, the narrative anchor and the tense."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from dateline.model import TimexType

QUARTER_REACH = 1500  # characters: about a paragraph or two of an earnings story
# Words that put the date after them ahead of the story, whatever the tense:
# ``payable Dec. 15``, ``effective Feb. 1``, ``extended the offer until Nov. 9``.
FUTURE_LEADS = frozenset({"payable", "effective", "until", "till"})


@dataclass(frozen=True, slots=True)
class Norm:
    """A normalised expression: TimeML value, type and precision."""

    value: str | None
    type: TimexType = "DATE"
    precision: str = "unknown"
    mod: str | None = None
    anchor: date | None = None  # the date this expression sets as narrative anchor
    relative: bool = False  # True when the value depended on the story date or an anchor


@dataclass(frozen=True, slots=True)
class Context:
    """The story date, the latest explicit anchor and a lazy tense lookup."""

    story_date: date | None
    anchor: date | None = None  # latest explicit date in the narration
    anchor_precision: str = "day"
    quarter: str | None = None  # latest quarter value mentioned ("1989-Q3")
    quarter_at: int = 0  # where it was mentioned (character offset)
    position: int = 0  # where the expression being normalised starts
    tense: Callable[[], str] = field(default=lambda: "none")
    lead: str = ""  # the word just before the expression, lower-cased

    @property
    def recent_quarter(self) -> str | None:
        """The latest quarter named, if named close enough to still be the topic."""
        return self.quarter if self.position - self.quarter_at <= QUARTER_REACH else None

    @property
    def base(self) -> date | None:
        """The date relative expressions count from: the story date."""
        return self.story_date

    @property
    def narrative(self) -> date | None:
        """The date anaphoric expressions (``that year``, ``later``) count from."""
        return self.anchor or self.story_date

    def direction(self, kind: str = "period") -> str:
        """``past``, ``future`` or ``nearest``: where an underspecified date lies.

        Measured on TimeBank: a past-tense weekday or month lies in the past, but a
        past-tense ``Nov. 10`` is as often ahead (``said it will pay on Nov. 10``).
        """
        if self.lead in FUTURE_LEADS:
            return "future"
        tense = self.tense()
        if kind == "month_day" and tense == "past":
            return "mostly_past"
        return {"past": "past", "future": "future"}.get(tense, "nearest")
