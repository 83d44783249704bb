"""Location, reporting source and contexts of an event (its date: :mod:`dateline.extract.dating`).

The specialised extractors (``places``, ``quotes``) are used when they are installed;
otherwise small fallbacks read the same records from ``Doc._`` and attach them through
the dependency parse.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from spacy.tokens import Doc, Span, Token

from dateline.extract.dating import span_root
from dateline.extract.eventcoding.modality import Modality
from dateline.knowledge.plover import Codebook
from dateline.model import ActorMention, Place, Quote

HISTORY_GAP = timedelta(days=180)
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
PAST_TAGS = frozenset({"VBD", "VBN"})
LOCATION_PREPS = frozenset({"in", "at", "near", "inside", "outside"})
SECTOR_CONTEXTS = {"MIL": "military", "REB": "military", "SPY": "intelligence",
                   "LEG": "legislative", "JUD": "legal", "REF": "migration"}


def optional(module: str, name: str) -> Callable[..., Any] | None:
    """A function from a sibling extractor, or None when that module is not there yet."""
    try:
        return getattr(importlib.import_module(module), name, None)  # type: ignore[no-any-return]
    except ImportError:
        return None


def location_of(doc: Doc, trigger: Token, modality: Modality, places: Sequence[Place]) -> (
    Place | None
):
    """An attached place used as a location, else None."""
    external = optional("dateline.extract.places", "locate_event")
    if external is not None:
        return external(doc, trigger, places)  # type: ignore[no-any-return]
    heads = frozenset(t.i for t in modality.chain)
    for place in places:
        root = span_root(doc, place.span)
        if place.use != "location" or root is None:
            continue
        prep = root.head
        if prep.lower_ in LOCATION_PREPS and prep.head.i in heads:
            return place
    return None


def host_country(doc: Doc, trigger: Token, places: Sequence[Place]) -> tuple[
    ActorMention, ...
]:
    """The recipient of an aid or cooperation event that names none (``troops moved into
    an advisory role in Iraq``): the country of the nearest earlier location mention in
    its sentence (a place named in another sentence hosts nothing here)."""
    start = trigger.sent.start_char
    before = [p for p in places if p.use == "location" and p.country
              and start <= p.span[0] and p.span[1] <= trigger.idx]
    if not before:
        return ()
    place = before[-1]
    return (ActorMention(place.text, place.span, code=place.country, kind="country"),)


def quote_source(
    doc: Doc, trigger: Token, speaker: ActorMention | None, quotes: Sequence[Quote]
) -> ActorMention | None:
    """Who reported the event: the quote extractor's speaker, else the speech subject."""
    external = optional("dateline.extract.quotes", "quote_source_for")
    if external is not None:
        found = external(doc, trigger, quotes)
        if found is not None and found.speaker is not None:
            return found.speaker  # type: ignore[no-any-return]
    return speaker


def contexts(
    sentence: Span, event: str, extra: Sequence[str], actors: Sequence[ActorMention],
    codebook: Codebook,
) -> tuple[str, ...]:
    """PLOVER contexts from the pattern, cue words in the sentence, and actor sectors."""
    found = list(extra)
    lower = [t.lower_ for t in sentence]
    words = [t.lemma_.lower() for t in sentence] + lower
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(lower)]
    for word in (*words, *pairs):
        found.extend(codebook.cues.get(word, ()))
    found.extend(SECTOR_CONTEXTS[a.sector] for a in actors if a.sector in SECTOR_CONTEXTS)
    if not found:
        found.extend(codebook.type_contexts.get(event, ()))
    order = list(codebook.contexts)
    return tuple(sorted(set(found), key=lambda c: order.index(c) if c in order else 99))
