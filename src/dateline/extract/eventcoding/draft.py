"""An event before its record is built (shared by the coder and its merging steps)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dateline.extract.eventcoding.modality import Modality
from dateline.knowledge.plover import Pattern


@dataclass(frozen=True, slots=True)
class Draft:
    """An event before its record is built: trigger, codes, argument heads, modes."""

    trigger: Token
    pattern: Pattern
    event: str
    mode: str | None
    modality: Modality
    actor: list[Token]
    recipient: list[Token]
    medium: Token | None = None  # the call or mission that carried it ("called X to thank")
    relabels: tuple[str, ...] = ()  # why the type differs from the pattern's ("negated:REJECT")
