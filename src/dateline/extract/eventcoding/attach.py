"""Date, location, reporting source and contexts of an event.

The specialised extractors (``dateline.extract.dating``, ``places``, ``quotes``) are
used when they are installed; otherwise small fallbacks read the same records from
``Doc._`` and attach them through the dependency parse.

Dates: the time expression attached to the trigger's clause (or a wrapper above it:
``announce Monday that …``); else the story date for present, ongoing and future
events; else unknown precision for an undated past. ``historical`` is set when the
event's period ends more than 180 days before the story date, or an actor is a
*former* office holder; history never gets the story date.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc, Span, Token

from dateline.extract.eventcoding.modality import Modality
from dateline.knowledge.plover import Codebook
from dateline.model import ActorMention, Place, Quote, TimeRef

HISTORY_GAP = timedelta(days=180)
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
PAST_TAGS = frozenset({"VBD", "VBN"})
LOCATION_PREPS = frozenset({"in", "at", "near", "inside", "outside"})
SECTOR_CONTEXTS = {"MIL": "military", "REB": "military", "SPY": "intelligence",
                   "LEG": "legislative", "JUD": "legal", "REF": "migration"}


@dataclass(frozen=True, slots=True)
class Dating:
    """The date fields of an event."""

    date: str | None = None
    precision: str = "unknown"
    enddate: str | None = None
    text: str | None = None
    historical: bool = False


def optional(module: str, name: str) -> Callable[..., Any] | None:
    """A function from a sibling extractor, or None when that module is not there yet."""
    try:
        return getattr(importlib.import_module(module), name, None)  # type: ignore[no-any-return]
    except ImportError:
        return None


def span_root(doc: Doc, span: tuple[int, int]) -> Token | None:
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return found.root if found is not None and len(found) else None


def attached_to(token: Token, heads: frozenset[int]) -> bool:
    """Whether the nearest clause head above ``token`` is one of ``heads``."""
    for anc in (token, *token.ancestors):
        if anc.i in heads:
            return True
        if anc is not token and anc.pos_ in ("VERB", "AUX"):
            return False
    return False


def clause_times(doc: Doc, modality: Modality, times: Sequence[TimeRef]) -> list[TimeRef]:
    found: list[tuple[int, TimeRef]] = []
    for time in times:
        root = span_root(doc, time.span)
        if root is None or time.type not in ("DATE", "TIME"):
            continue
        for rank, head in enumerate(modality.chain):
            if attached_to(root, frozenset({head.i})):
                found.append((rank, time))
                break
    return [t for _, t in sorted(found, key=lambda pair: pair[0])]


def period_end(value: str) -> date | None:
    """Last day of an ISO date, month or year value ("2011" → 2011-12-31)."""
    try:
        parts = [int(p) for p in value[:10].split("-")]
    except ValueError:
        return None
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(parts[0], parts[1], parts[2])


def tense_default(modality: Modality, story: date | None) -> Dating:
    """Story date for present, ongoing and future events; unknown for an undated past."""
    if story is None:
        return Dating()
    if "future" in modality.aux or any(_is_present(t) for t in modality.chain[:3]):
        return Dating(story.isoformat(), "day")
    return Dating()


def _is_present(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ in ("VBD", "VBN") or a.lower_ in ("has", "have", "'ve") for a in auxes):
        return False
    if token.tag_ in PRESENT_TAGS:
        return True
    return token.tag_ == "VBG" and any(a.tag_ in PRESENT_TAGS for a in auxes)


def date_of(
    doc: Doc, trigger: Token, modality: Modality, times: Sequence[TimeRef], story: date | None
) -> Dating:
    """The event date: attached time (trigger first), else the time extractor's dater,
    else the tense default."""
    local = in_sentence(times, trigger.sent)  # attachment never crosses a sentence
    attached = clause_times(doc, modality, local)
    point = next((t for t in attached if t.role != "end" and t.value), None)
    end = next((t for t in attached if t.role == "end" and t.value), None)
    if point is not None and point.value is not None:
        return Dating(point.value, point.precision, end.value if end else None, point.text,
                      _historical(point.value, story))
    reported = speech_time(doc, modality, times)
    if reported is not None and reported.value is not None:
        return Dating(reported.value, reported.precision, end.value if end else None,
                      reported.text, _historical(reported.value, story))
    external = optional("dateline.extract.dating", "date_event")
    if external is not None:
        got = external(doc, trigger, local, story)
        if got.date and got.time is not None:
            return Dating(got.date, got.precision, got.enddate, got.date_text, got.historical)
    base = tense_default(modality, story)
    return Dating(base.date, base.precision, end.value if end else None,
                  end.text if end else None)


def speech_time(doc: Doc, modality: Modality, times: Sequence[TimeRef]) -> TimeRef | None:
    """The time of the speech act that reports an undated event.

    The reporting verb's own time (``said this month``), else that of an earlier
    reporting verb, up to three sentences back, by a speaker with the same actor code
    (``Al-Kadhimi said … this month. He said Iraq's troops were …``).
    """
    speech = modality.speech
    if speech is None and modality.chain:
        top = modality.chain[-1]
        speech = next((a for a in top.ancestors if a.lemma_.lower() in REPORTING), None)
    if speech is None:
        return None
    dated = [t for t in times if t.type == "DATE" and t.value and t.role == "point"]
    own = _speech_times(doc, speech, dated)
    if own:
        return own[0]
    code = _speaker_code(doc, speech)
    if code is None:
        return None
    for sent in _previous_sentences(doc, speech.sent, 3):
        for token in sent:
            if token.lemma_.lower() in REPORTING and _speaker_code(doc, token) == code:
                found = _speech_times(doc, token, dated)
                if found:
                    return found[0]
    return None


REPORTING = frozenset({"say", "tell", "add", "state", "declare"})


def in_sentence(times: Sequence[TimeRef], sent: Span) -> list[TimeRef]:
    """The times that overlap ``sent``: a cheap filter that keeps per-event work
    proportional to the sentence, not the story."""
    return [t for t in times if t.span[0] < sent.end_char and t.span[1] > sent.start_char]


def _previous_sentences(doc: Doc, sent: Span, count: int) -> list[Span]:
    """Up to ``count`` sentences before ``sent``, nearest first."""
    out: list[Span] = []
    while len(out) < count and sent.start > 0:
        sent = doc[sent.start - 1].sent
        out.append(sent)
    return out


def _speech_times(doc: Doc, speech: Token, dated: Sequence[TimeRef]) -> list[TimeRef]:
    out = []
    for time in in_sentence(dated, speech.sent):
        root = span_root(doc, time.span)
        if root is not None and root.sent == speech.sent and _reporting_clause(root, speech):
            out.append(time)
    return out


def _reporting_clause(token: Token, speech: Token) -> bool:
    """Whether a time belongs to the report rather than to a reported event: it hangs
    on the speech verb, or under it on a copula or a noun (``said there is no need …
    in an interview this month``), not on a reported event verb."""
    for anc in (token, *token.ancestors):
        if anc.i == speech.i:
            return True
        if anc is not token and anc.pos_ == "VERB" and anc.lemma_ != "be":
            return False
    return False


def _speaker_code(doc: Doc, speech: Token) -> str | None:
    heads = [c for c in speech.children if c.dep_ == "nsubj"]
    if not heads:
        return None
    start = doc[heads[0].left_edge.i].idx
    end = heads[0].idx + len(heads[0].text)
    actors: Sequence[ActorMention] = getattr(doc._, "dateline_actors", None) or ()
    codes = [a.code for a in actors if start <= a.span[0] and a.span[1] <= end and a.code]
    return codes[-1] if codes else None


def _historical(value: str, story: date | None) -> bool:
    last = period_end(value)
    return bool(story and last and last < story - HISTORY_GAP)


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
    an advisory role``): the country of the nearest earlier location mention."""
    before = [p for p in places if p.use == "location" and p.country
              and p.span[1] <= trigger.idx]
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
