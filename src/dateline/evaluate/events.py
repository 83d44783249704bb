"""Scoring the event coder against gold sentence sets.

Gold folders hold JSONL records ``{"text", "events": [{"code", "code_scheme", "source",
"target", ...}]}``. The scheme of each gold event (its ``code_scheme``; the folder
README names it) decides how its code becomes a PLOVER type:

- ``PLOVER-ZSP``: 15 classes, CONCEDE and RETREAT merged as ``YIELD`` (ours are merged too);
- ``PLOVER-0.5b1``: the record's ``code_plover_2023``;
- ``PLOVER``: the code itself;
- ``CAMEO``: the codebook's CAMEO→PLOVER table (longest prefix; 01/02 are no event);
- ``ACLED``: dateline's ACLED→PLOVER table (``plover_codebook.yaml``).

Which of our events answers a gold event: when the gold gives source/target spans, the
event whose actors overlap the source and whose recipients (or actors, for reciprocal
events) overlap the target, scoring 2 per side, then trigger distance to the spans, then
confidence; without spans (document-level sets), the type with the largest summed
confidence, each event weighted by its number of mentions. No event counts as wrong.

Metrics: ``type_accuracy`` and ``type_macro_f1`` (over the gold label set), ``quad_accuracy``
(the gold ``quad_penta`` where given, else the quad of the gold type), ``triple_f1`` on
(source, type, target) for gold events with spans: a chosen event is a true positive when
its type is right and both sides overlap, ``coverage`` (share of records where we coded
any event) and ``n``.

Large folders (``ngec-synthetic-plover`` has 4,500 long stories) can be scored on an
evenly spaced sample: pass ``limit`` (``dateline evaluate events DIR --limit N``) to score
at most N records; ``sampled`` in the result is 1 when a sample was taken. The dev copy of
``plover-gsr-cameo`` holds 61 of the set's 322 records: the rest overlap holdout sets and
were removed from dev, so ``n`` = 61 there is expected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dateline.evaluate.gold import overlaps, prf, read_gold
from dateline.knowledge.plover import Codebook, load_codebook
from dateline.model import Article, Event
from dateline.nlp import make_doc
from dateline.settings import Settings

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    label: str | None
    quad: int | None
    source: Span | None
    target: Span | None


def gold_label(event: dict[str, Any], codebook: Codebook) -> str | None:
    """The PLOVER (or ZSP) type of a gold event, by its scheme."""
    scheme = str(event.get("code_scheme") or "PLOVER").upper()
    code = event.get("code_plover_2023") or event.get("code")
    if code is None:
        return None
    if scheme.startswith("CAMEO"):
        return codebook.cameo_to_plover(str(code))
    if scheme.startswith(("ACLED", "CASE")):
        return codebook.acled_to_plover(str(code))
    if str(code).upper() not in codebook.types and str(code).lower() in codebook.acled_map:
        return codebook.acled_to_plover(str(code))  # ACLED-style labels under another name
    return str(code).upper()


def find_span(text: str, needle: Any) -> Span | None:
    if not isinstance(needle, str) or not needle.strip():
        return None
    first = needle.split(";")[0].strip()
    start = text.find(first)
    return (start, start + len(first)) if start >= 0 else None


def gold_events(record: dict[str, Any], codebook: Codebook) -> list[GoldEvent]:
    out = []
    for event in record.get("events") or []:
        label = gold_label(event, codebook)
        quad = event.get("quad_penta")
        out.append(GoldEvent(label, int(quad) if quad else None,
                             find_span(record["text"], event.get("source")),
                             find_span(record["text"], event.get("target"))))
    return out


def our_label(event: str, merges: Mapping[str, str]) -> str:
    """Our type as the gold labels it: ``merges`` is the codebook's merge table
    (CONCEDE, RETREAT -> YIELD) when the gold merges them, else empty."""
    return merges.get(event, event)


def _side(mentions: Iterable[Any], span: Span | None) -> bool:
    return span is not None and any(overlaps(m.span, span) for m in mentions)


def pick(events: Sequence[Event], gold: GoldEvent) -> Event | None:
    """Our event answering a gold event (see the module docstring)."""
    if not events:
        return None
    if gold.source is None and gold.target is None:
        return None
    def key(e: Event) -> tuple[float, float, float]:
        hit = 2.0 * _side(e.actor, gold.source) + 2.0 * _side((*e.recipient, *e.actor), gold.target)
        anchor = (gold.source or gold.target or (0, 0))[0]
        return hit, -abs(e.span[0] - anchor) / 1000, e.confidence
    return max(events, key=key)


def document_label(events: Sequence[Event], merges: Mapping[str, str]) -> str | None:
    scores: dict[str, float] = {}
    for event in events:
        label = our_label(event.event, merges)
        weight = len(event.mentions) or 1  # every mention of a happening is evidence
        scores[label] = scores.get(label, 0.0) + event.confidence * weight
    return max(scores, key=lambda k: scores[k]) if scores else None


def is_triple(event: Event, gold: GoldEvent, merges: Mapping[str, str], label: str) -> bool:
    return (our_label(event.event, merges) == label and _side(event.actor, gold.source)
            and _side((*event.recipient, *event.actor), gold.target))


def macro_f1(pairs: Sequence[tuple[str, str | None]]) -> float:
    labels = sorted({g for g, _ in pairs})
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        scores.append(prf(tp, fp, fn)[2])
    return sum(scores) / len(scores) if scores else 0.0


def code_records(records: Sequence[dict[str, Any]], nlp: Language) -> list[list[Event]]:
    """Run the pipeline over gold texts (dated by their record date when given)."""
    articles = [Article.create(r["text"]) for r in records]
    docs = nlp.pipe(given_actors(make_doc(nlp, a)) for a in articles)
    return [list(doc._.dateline_events or []) for doc in docs]


def given_actors(doc: Doc) -> Doc:
    """Sentence sets hand the coder their source and target: no event is dropped for
    sides the actor extractor does not know (the scorer aligns them to the gold spans)."""
    doc._.dateline_actors_given = True
    return doc




def sample(records: Sequence[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """At most ``limit`` records, evenly spaced (all of them when ``limit`` <= 0)."""
    if limit <= 0 or len(records) <= limit:
        return list(records)
    step = len(records) / limit
    return [records[int(k * step)] for k in range(limit)]


def evaluate(
    folder: Path, nlp: Language, settings: Settings, limit: int | None = None
) -> dict[str, float]:
    """Score the event coder on a gold folder; see the module docstring."""
    codebook = load_codebook(settings.user_knowledge)
    every = [r for r in read_gold(folder) if r.get("text")]
    records = sample(every, limit or 0)
    coded = code_records(records, nlp)
    golds = [gold_events(r, codebook) for r in records]
    merged = any(g.label in codebook.merged_quads for gs in golds for g in gs)
    result = score(golds, coded, codebook.merged if merged else {}, codebook)
    result["sampled"] = float(len(records) < len(every))
    return result


def score(
    golds: Sequence[Sequence[GoldEvent]], coded: Sequence[Sequence[Event]],
    merges: Mapping[str, str], codebook: Codebook,
) -> dict[str, float]:
    pairs: list[tuple[str, str | None]] = []
    quads: list[bool] = []
    tp = fp = fn = 0
    for gold_list, events in zip(golds, coded, strict=True):
        for gold in gold_list:
            if gold.label is None:
                continue
            chosen = pick(events, gold)
            spans = gold.source is not None or gold.target is not None
            label = (our_label(chosen.event, merges) if chosen else None) if spans else (
                document_label(events, merges))
            pairs.append((gold.label, label))
            quads.append((gold.quad or codebook.quad_of(gold.label)) == codebook.quad_of(label)
                         if label else False)
            if spans:
                hit = chosen is not None and is_triple(chosen, gold, merges, gold.label)
                tp += int(hit)
                fp += int(chosen is not None and not hit)
                fn += int(not hit)
    n = len(pairs)
    return {
        "type_accuracy": sum(g == p for g, p in pairs) / n if n else 0.0,
        "type_macro_f1": macro_f1(pairs),
        "quad_accuracy": sum(quads) / n if n else 0.0,
        "triple_f1": prf(tp, fp, fn)[2],
        "coverage": sum(bool(c) for c in coded) / len(coded) if coded else 0.0,
        "n": float(n),
    }
