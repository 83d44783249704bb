"""Attribution scoring: ``dateline evaluate quotes DIR`` on PolNeAR-format gold.

Gold: one JSON object per article with ``text``, ``split`` and ``attributions``
(``source``, ``cue`` and ``content`` lists of ``[start, end)`` fragments), as in
``../shared/eval/dev/polnear``. The metrics follow that folder's README (after
Pareti 2016 and Newell et al. 2018), micro-averaged over articles:

- ``{source,cue,content}_{p,r,f1}_{exact,partial}``: span scores per role over the
  set of gold fragments and predicted spans of each article. Partial: a predicted
  span counts when it overlaps a gold span (precision), a gold span when a
  predicted one overlaps it (recall).
- ``pairing_{p,r,f1}``: source–content pairs: a predicted quote with a speaker is
  right when its content overlaps a gold content fragment and its speaker that
  same attribution's source. Gold attributions without a source are left out.
- ``attribution_f1_partial``: the same with the cue overlapping too.
- ``*_direct`` / ``*_indirect``: content and pairing scores by kind. A gold
  attribution is direct when most of its content lies inside quotation marks
  (the rule the extractor uses); recall counts gold of that kind, precision
  predictions of that kind, each matched against all of the other side.
- ``n``: gold attributions scored; ``n_documents``; ``n_predicted``.

Which articles: ``split`` (``dateline evaluate quotes DIR --split NAME``) names a split
(``train``, ``dev``, ``test``) or ``all``. By default the
``dev`` split is scored when the gold has one (PolNeAR's train split is for
tuning, its test split is kept for the end), else every article.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import EvaluationError
from dateline.evaluate.gold import overlaps, read_gold
from dateline.extract.quotes import extract_quotes, quote_regions
from dateline.model import Article, Quote
from dateline.nlp import make_doc
from dateline.settings import Settings

DEFAULT_SPLIT = "dev"
ROLES = ("source", "cue", "content")
CharSpan = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: tuple[CharSpan, ...]
    cue: tuple[CharSpan, ...]
    content: tuple[CharSpan, ...]
    direct: bool


@dataclass(slots=True)
class Counts:
    """Matched predictions, predictions, matched gold, gold: one P/R/F1 in the making."""

    pred_hit: int = 0
    pred: int = 0
    gold_hit: int = 0
    gold: int = 0

    def add(self, pred_hit: int, pred: int, gold_hit: int, gold: int) -> None:
        self.pred_hit += pred_hit
        self.pred += pred
        self.gold_hit += gold_hit
        self.gold += gold

    def scores(self) -> tuple[float, float, float]:
        p = self.pred_hit / self.pred if self.pred else 0.0
        r = self.gold_hit / self.gold if self.gold else 0.0
        return p, r, _f1(p, r)


@dataclass(slots=True)
class Tally:
    counts: dict[str, Counts] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Counts:
        return self.counts.setdefault(name, Counts())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(
    folder: Path,
    nlp: Language,
    settings: Settings,
    *,
    split: str | None = None,
    limit: int | None = None,
) -> dict[str, float]:
    """Score attribution extraction on the gold in ``folder`` (see the module doc)."""
    rows = select_rows(list(read_gold(folder)), split)
    rows = rows[:limit] if limit else rows
    predictions = predict(nlp, rows, settings)
    return score(rows, predictions)


def select_rows(rows: list[dict[str, Any]], split: str | None) -> list[dict[str, Any]]:
    """The rows of ``split``; by default ``dev`` when present, else all."""
    if split == "all":
        return rows
    splits = {row.get("split") for row in rows}
    wanted = split or (DEFAULT_SPLIT if DEFAULT_SPLIT in splits else None)
    chosen = [row for row in rows if wanted is None or row.get("split") == wanted]
    if not chosen:
        raise EvaluationError(
            f"no gold article in split {wanted!r}; have {sorted(map(str, splits))}"
        )
    return chosen


def predict(nlp: Language, rows: Sequence[dict[str, Any]], settings: Settings) -> list[list[Quote]]:
    """Run the pipeline over the gold texts and collect each article's quotes."""
    docs = (make_doc(nlp, _article(row)) for row in rows)
    return [_quotes_of(doc) for doc in nlp.pipe(docs, batch_size=settings.batch_size)]


def _article(row: dict[str, Any]) -> Article:
    try:
        published = date.fromisoformat(row["date"]) if row.get("date") else None
        return Article.create(row["text"], source=row.get("publisher"), published=published)
    except (KeyError, TypeError, ValueError) as exc:
        raise EvaluationError(f"gold article {row.get('id')!r} is malformed: {exc}") from exc


def _quotes_of(doc: Doc) -> list[Quote]:
    found = doc._.dateline_quotes
    return list(found) if found is not None else extract_quotes(doc)


def gold_attributions(row: dict[str, Any]) -> list[GoldAttribution]:
    """The attributions of one gold article, each marked direct or indirect."""
    regions = quote_regions(row["text"])
    found = []
    for item in row.get("attributions", []):
        spans = {role: tuple((int(s), int(e)) for s, e in item.get(role, [])) for role in ROLES}
        if not spans["content"]:
            continue
        direct = _quoted_share(spans["content"], regions) >= 0.5
        found.append(GoldAttribution(spans["source"], spans["cue"], spans["content"], direct))
    return found


def _quoted_share(spans: Sequence[CharSpan], regions: Sequence[CharSpan]) -> float:
    total = sum(e - s for s, e in spans)
    inside = sum(max(0, min(e, re) - max(s, rs)) for s, e in spans for rs, re in regions)
    return inside / max(1, total)


def score(rows: Sequence[dict[str, Any]], predictions: Sequence[list[Quote]]) -> dict[str, float]:
    """All metrics over the articles and their predicted quotes."""
    tally = Tally()
    for row, quotes in zip(rows, predictions, strict=True):
        _score_article(tally, gold_attributions(row), quotes)
    metrics: dict[str, float] = {}
    for name, counts in tally.counts.items():
        if name == "attributions":
            continue
        p, r, f = counts.scores()
        metrics.update(_named(name, p, r, f))
    metrics["n"] = float(tally["attributions"].gold)
    metrics["n_documents"] = float(len(rows))
    metrics["n_predicted"] = float(tally["attributions"].pred)
    return metrics


def _named(name: str, p: float, r: float, f: float) -> dict[str, float]:
    """``content_partial`` -> content_p_partial, content_r_partial, content_f1_partial."""
    role, _, kind = name.partition("_")
    suffix = f"_{kind}" if kind else ""
    return {f"{role}_p{suffix}": p, f"{role}_r{suffix}": r, f"{role}_f1{suffix}": f}


def _score_article(tally: Tally, gold: list[GoldAttribution], quotes: list[Quote]) -> None:
    for role in ROLES:
        golds = sorted({span for g in gold for span in getattr(g, role)})
        preds = sorted({span for q in quotes if (span := _pred_span(q, role)) is not None})
        tally[f"{role}_exact"].add(*_exact(preds, golds))
        tally[f"{role}_partial"].add(*_partial(preds, golds))
    tally["attributions"].add(0, len(quotes), 0, len(gold))
    _score_pairs(tally, gold, quotes)
    _score_kinds(tally, gold, quotes)


def _pred_span(quote: Quote, role: str) -> CharSpan | None:
    if role == "source":
        return quote.speaker.span if quote.speaker else None
    if role == "cue":
        return quote.cue_span
    return quote.span


def _exact(preds: Sequence[CharSpan], golds: Sequence[CharSpan]) -> tuple[int, int, int, int]:
    hits = len(set(preds) & set(golds))
    return hits, len(preds), hits, len(golds)


def _partial(preds: Sequence[CharSpan], golds: Sequence[CharSpan]) -> tuple[int, int, int, int]:
    pred_hit = sum(1 for p in preds if any(overlaps(p, g) for g in golds))
    gold_hit = sum(1 for g in golds if any(overlaps(p, g) for p in preds))
    return pred_hit, len(preds), gold_hit, len(golds)


def _any_overlap(span: CharSpan | None, spans: Iterable[CharSpan]) -> bool:
    return span is not None and any(overlaps(span, other) for other in spans)


def _pairs(quote: Quote, gold: GoldAttribution, with_cue: bool = False) -> bool:
    if not _any_overlap(quote.span, gold.content):
        return False
    if not _any_overlap(quote.speaker.span if quote.speaker else None, gold.source):
        return False
    return not with_cue or _any_overlap(quote.cue_span, gold.cue)


def _score_pairs(tally: Tally, gold: list[GoldAttribution], quotes: list[Quote]) -> None:
    sourced = [g for g in gold if g.source]
    spoken = [q for q in quotes if q.speaker is not None]
    for name, with_cue in (("pairing", False), ("attribution_partial", True)):
        pred_hit = sum(1 for q in spoken if any(_pairs(q, g, with_cue) for g in sourced))
        gold_hit = sum(1 for g in sourced if any(_pairs(q, g, with_cue) for q in spoken))
        tally[name].add(pred_hit, len(spoken), gold_hit, len(sourced))


def _score_kinds(tally: Tally, gold: list[GoldAttribution], quotes: list[Quote]) -> None:
    sourced = [g for g in gold if g.source]
    for kind, direct in (("direct", True), ("indirect", False)):
        preds = [q for q in quotes if q.direct == direct]
        golds = [g for g in gold if g.direct == direct]
        hit = sum(1 for q in preds if any(_any_overlap(q.span, g.content) for g in gold))
        found = sum(1 for g in golds if any(_any_overlap(q.span, g.content) for q in quotes))
        tally[f"content_partial_{kind}"].add(hit, len(preds), found, len(golds))
        spoken = [q for q in preds if q.speaker is not None]
        pair_golds = [g for g in sourced if g.direct == direct]
        hit = sum(1 for q in spoken if any(_pairs(q, g) for g in sourced))
        found = sum(1 for g in pair_golds if any(_pairs(q, g) for q in quotes if q.speaker))
        tally[f"pairing_{kind}"].add(hit, len(spoken), found, len(pair_golds))
