"""Time evaluation in the TempEval-3 way, on TimeML-derived JSONL gold folders.

Each gold record has ``text``, ``date`` (the document creation time) and
``annotations`` (TIMEX3 spans of type DATE, TIME, DURATION or SET with a ``value``).
Metrics: strict span F1 (exact boundaries), relaxed span F1 (any overlap, one to
one), type accuracy over relaxed matches, and value F1 (TempEval-3's ranking
metric): relaxed matches with the right value, over system and gold counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import EvaluationError
from dateline.evaluate.gold import overlaps, prf, read_gold
from dateline.model import TimeRef
from dateline.settings import Settings

TIMEX_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "dateline_time")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One gold TIMEX3: span, type and value."""

    span: tuple[int, int]
    type: str
    value: str | None
    text: str


@dataclass(slots=True)
class Counts:
    """Running totals for the TempEval-3 metrics."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        """strict/relaxed P, R, F1, type accuracy, value P, R, F1 and n."""
        sp, sr, sf = prf(self.strict, self.system - self.strict, self.gold - self.strict)
        rp, rr, rf = prf(self.relaxed, self.system - self.relaxed, self.gold - self.relaxed)
        vp, vr, vf = prf(self.value_ok, self.system - self.value_ok, self.gold - self.value_ok)
        return {
            "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
            "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf,
            "type_accuracy": self.type_ok / self.relaxed if self.relaxed else 0.0,
            "value_precision": vp, "value_recall": vr, "value_f1": vf,
            "value_accuracy": self.value_ok / self.relaxed if self.relaxed else 0.0,
            "n": float(self.gold),
        }  # fmt: skip


def gold_timexes(record: dict[str, Any]) -> list[GoldTimex]:
    """The TIMEX3 annotations of one gold record."""
    return [
        GoldTimex((a["start"], a["end"]), a["type"], a.get("value"), a.get("text", ""))
        for a in record.get("annotations", [])
        if a.get("type") in TIMEX_TYPES
    ]


def story_date(record: dict[str, Any]) -> date | None:
    """The document creation date of a gold record (time of day dropped)."""
    text = str(record.get("date") or "")[:10]
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def match_pairs(
    gold: list[GoldTimex], system: list[TimeRef]
) -> list[tuple[GoldTimex, TimeRef]]:
    """One-to-one relaxed matches: exact spans first, then the largest overlaps."""
    pairs: list[tuple[GoldTimex, TimeRef]] = []
    used_gold: set[int] = set()
    used_sys: set[int] = set()
    ranked = sorted(
        ((_overlap(g.span, s.span), gi, si) for gi, g in enumerate(gold)
         for si, s in enumerate(system) if overlaps(g.span, s.span)),
        reverse=True,
    )  # fmt: skip
    for _, gi, si in ranked:
        if gi not in used_gold and si not in used_sys:
            used_gold.add(gi)
            used_sys.add(si)
            pairs.append((gold[gi], system[si]))
    return pairs


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0]) + (1000 if a == b else 0)


def score_document(counts: Counts, gold: list[GoldTimex], system: list[TimeRef]) -> None:
    """Add one document's matches to ``counts`` and note its errors."""
    counts.gold += len(gold)
    counts.system += len(system)
    pairs = match_pairs(gold, system)
    counts.relaxed += len(pairs)
    for g, s in pairs:
        counts.strict += g.span == s.span
        counts.type_ok += g.type == s.type
        counts.value_ok += g.value == s.value
        if g.value != s.value or g.span != s.span:
            counts.errors.append(("mismatch", f"{g.text!r}->{s.text!r}", g.value, s.value))
    matched_gold = {id(g) for g, _ in pairs}
    matched_sys = {id(s) for _, s in pairs}
    counts.errors += [("missed", g.text, g.value, None) for g in gold if id(g) not in matched_gold]
    counts.errors += [
        ("spurious", s.text, None, s.value) for s in system if id(s) not in matched_sys
    ]


def _docs(nlp: Language, records: Iterable[dict[str, Any]]) -> Iterator[Doc]:
    for record in records:
        doc = nlp.make_doc(record["text"])
        doc._.dateline_date = story_date(record)
        yield doc


def run(
    folder: Path, nlp: Language, limit: int | None = None
) -> tuple[Counts, list[dict[str, Any]]]:
    """Score the gold folder; also return the records scored (for error analysis)."""
    records = [r for r in read_gold(folder) if gold_timexes(r) or "annotations" in r]
    records = records[:limit] if limit else records
    if not records:
        raise EvaluationError(f"no time annotations in {folder}")
    if "dateline_time" not in nlp.pipe_names:
        raise EvaluationError("the pipeline has no dateline_time component")
    counts = Counts()
    disable = [name for name in nlp.pipe_names if name not in NEEDED]
    with nlp.select_pipes(disable=disable):
        for record, doc in zip(records, nlp.pipe(_docs(nlp, records)), strict=True):
            score_document(counts, gold_timexes(record), list(doc._.dateline_times or []))
    return counts, records


def evaluate(
    folder: Path, nlp: Language, settings: Settings, limit: int | None = None
) -> dict[str, float]:
    """Strict and relaxed span F1, type accuracy and value F1 on ``folder``."""
    counts, _ = run(folder, nlp, limit)
    return counts.metrics()
