"""Scoring toponym recognition and resolution on geoparsing gold (LGL, GeoWebNews).

Resolution uses the gold spans ("oracle NER") and scores, over the toponyms
with GeoNames coordinates: accuracy within 161 km, mean and median error in km,
the AUC of the error curve (Gritta et al. 2018; lower is better) and the share
of exact GeoNames ids. Recognition compares the spans our own pipeline finds
with the gold toponym spans (exact match P/R/F1, plus overlap F1). The naive
baseline (most populous candidate) is scored on the same spans as
``baseline_acc_161km``.

End to end, nobody hands us spans: the places the pipeline itself finds are
scored against the gold.

- ``e2e_recall_161km``: the share of the gold toponyms scored for resolution
  that one of our places overlaps *and* resolves within 161 km;
- ``e2e_precision``: the share of our places that overlap a gold toponym (any
  toponym type, with or without coordinates);
- ``e2e_f1``: their harmonic mean.

Where the gold set marks toponym types (GeoWebNews), the same three are given
for the **literal** group (Literal, Literal_Modifier, Mixed, Coercion,
Embedded_Literal; the README's grouping) as ``e2e_*_literal``: recall over the
literal toponyms, and precision over our places that overlap a literal toponym
(right) or no toponym at all (wrong). A place of ours on an associative
toponym only (a metonym, a demonym) is left out of that precision: the set's
authors say such toponyms should be tagged, not that they must not be.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dateline.evaluate.gold import overlaps, prf, read_gold
from dateline.extract.places import resolve_spans
from dateline.knowledge.gazetteer import Gazetteer, load_gazetteer
from dateline.model import Place
from dateline.settings import Settings

EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0
NON_TOPONYMS = frozenset({"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"})
LITERAL_TYPES = frozenset({"Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal"})
ASSOCIATIVE_TYPES = frozenset(
    {
        "Metonymic",
        "Non_Literal_Modifier",
        "Demonym",
        "Language",
        "Homonym",
        "Embedded_Non_Lit",
    }
)


@dataclass(frozen=True, slots=True)
class GoldToponym:
    span: tuple[int, int]
    lat: float
    lon: float
    geonameid: int | None
    literal: bool | None = None  # None where the gold set does not mark toponym types


@dataclass(slots=True)
class EndToEnd:
    """Counts for the end-to-end figures: all toponyms, and the literal group."""

    gold: int = 0  # gold toponyms scored for resolution
    found: int = 0  # ... that one of our places overlaps and resolves within 161 km
    ours: int = 0  # our places
    right: int = 0  # ... that overlap a gold toponym
    literal_gold: int = 0
    literal_found: int = 0
    literal_ours: int = 0  # our places on a literal toponym or on none
    literal_right: int = 0
    typed: bool = False  # the gold set marks literal and associative toponyms

    def add(
        self, golds: Sequence[GoldToponym], spans: Sequence[GoldSpan], places: Sequence[Place]
    ) -> None:
        """Count one document: its scored gold toponyms, every gold toponym span,
        and the places we found."""
        for gold in golds:
            hit = any(
                overlaps(p.span, gold.span) and error_km(gold, p) < ACCURACY_KM for p in places
            )
            self.gold += 1
            self.found += hit
            if gold.literal:
                self.literal_gold += 1
                self.literal_found += hit
        self.typed = self.typed or any(s.literal is not None for s in spans)
        for place in places:
            under = [s for s in spans if overlaps(place.span, s.span)]
            self.ours += 1
            self.right += bool(under)
            if any(s.literal for s in under):
                self.literal_ours += 1
                self.literal_right += 1
            elif not under:
                self.literal_ours += 1

    def figures(self) -> dict[str, float]:
        """The e2e metrics (the literal ones only where the gold set marks types)."""
        result = _e2e(self.found, self.gold, self.right, self.ours, "")
        if self.typed:
            result |= _e2e(
                self.literal_found,
                self.literal_gold,
                self.literal_right,
                self.literal_ours,
                "_literal",
            )
        return result


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """A gold toponym span, and whether it is literal (None: the set does not say)."""

    span: tuple[int, int]
    literal: bool | None


def _e2e(found: int, gold: int, right: int, ours: int, suffix: str) -> dict[str, float]:
    recall = found / gold if gold else 0.0
    precision = right / ours if ours else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        f"e2e_recall_161km{suffix}": recall,
        f"e2e_precision{suffix}": precision,
        f"e2e_f1{suffix}": f1,
    }


def evaluate(
    folder: Path, nlp: Language, settings: Settings, limit: int | None = None
) -> dict[str, float]:
    """Score places on the gold JSONL in ``folder`` (the first ``limit`` documents)."""
    gazetteer = _gazetteer(nlp, settings)
    records = list(islice(read_gold(folder), limit))
    need_id = any(_has_geonameid(record) for record in records)
    texts = (record["text"] for record in records)
    errors: list[float] = []
    baseline: list[float] = []
    ids: list[bool] = []
    counts = [0, 0, 0, 0]  # tp, fp, fn, overlap tp
    e2e = EndToEnd()
    with nlp.select_pipes(disable=_other_extractors(nlp)):
        for record, doc in zip(records, nlp.pipe(texts), strict=True):
            golds = list(gold_toponyms(record, need_id))
            ours = resolve_spans(doc, [g.span for g in golds], gazetteer)
            naive = resolve_spans(doc, [g.span for g in golds], gazetteer, "population")
            errors += [error_km(g, p) for g, p in zip(golds, ours, strict=True)]
            baseline += [error_km(g, p) for g, p in zip(golds, naive, strict=True)]
            ids += [
                p is not None and p.geonameid == g.geonameid
                for g, p in zip(golds, ours, strict=True)
            ]
            _count(counts, gold_spans(record), _predicted_spans(doc))
            e2e.add(golds, typed_gold_spans(record), doc._.dateline_places or [])
    return _summary(errors, baseline, ids, counts) | e2e.figures()


def _gazetteer(nlp: Language, settings: Settings) -> Gazetteer:
    if "dateline_places" in nlp.pipe_names:
        component: Any = nlp.get_pipe("dateline_places")
        return component.gazetteer  # type: ignore[no-any-return]
    return load_gazetteer(str(settings.cache_dir or ""))


def _other_extractors(nlp: Language) -> list[str]:
    return [n for n in nlp.pipe_names if n.startswith("dateline_") and n != "dateline_places"]


def _predicted_spans(doc: Doc) -> set[tuple[int, int]]:
    places: Sequence[Place] = doc._.dateline_places or []
    return {p.span for p in places}


def _has_geonameid(record: dict[str, Any]) -> bool:
    return any((a.get("value") or {}).get("geonameid") for a in record.get("annotations", []))


def gold_toponyms(record: dict[str, Any], need_id: bool = True) -> Iterator[GoldToponym]:
    """The gold toponyms scored for resolution.

    Where a gold set gives GeoNames ids (LGL, GeoWebNews) only toponyms with an id
    and coordinates are scored, as their READMEs say; a set with coordinates and no
    ids at all (GeoVirus: Wikipedia coordinates) is scored on its coordinates.
    """
    for ann in record.get("annotations", []):
        value, attrs = ann.get("value") or {}, ann.get("attrs") or {}
        if ann.get("type") in NON_TOPONYMS or attrs.get("geocoding_eval") is False:
            continue
        if value.get("lat") is None or (need_id and not value.get("geonameid")):
            continue
        gid = int(value["geonameid"]) if value.get("geonameid") else None
        yield GoldToponym(
            (ann["start"], ann["end"]),
            float(value["lat"]),
            float(value["lon"]),
            gid,
            literal_type(ann.get("type")),
        )


def literal_type(kind: str | None) -> bool | None:
    """True for a literal toponym type, False for an associative one, None for a
    gold set without these types (LGL's ``toponym``)."""
    if kind in LITERAL_TYPES:
        return True
    return False if kind in ASSOCIATIVE_TYPES else None


def gold_spans(record: dict[str, Any]) -> set[tuple[int, int]]:
    """Every gold toponym span (recognition), whether or not it has coordinates."""
    return {
        (a["start"], a["end"])
        for a in record.get("annotations", [])
        if a.get("type") not in NON_TOPONYMS
    }


def typed_gold_spans(record: dict[str, Any]) -> list[GoldSpan]:
    """Every gold toponym span with its literal flag (end-to-end precision)."""
    return [
        GoldSpan((a["start"], a["end"]), literal_type(a.get("type")))
        for a in record.get("annotations", [])
        if a.get("type") not in NON_TOPONYMS
    ]


def error_km(gold: GoldToponym, place: Place | None) -> float:
    """Great-circle error; an unresolved toponym counts as the largest error."""
    if place is None or place.lat is None or place.lon is None:
        return MAX_ERROR_KM
    return great_circle_km(gold.lat, gold.lon, place.lat, place.lon)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def auc(errors: Iterable[float]) -> float:
    """Area under the sorted curve of ln(error + 1) / ln(20039), trapezoid rule."""
    ys = sorted(math.log(e + 1) / math.log(MAX_ERROR_KM) for e in errors)
    if len(ys) < 2:
        return ys[0] if ys else 0.0
    area = sum((a + b) / 2 for a, b in pairwise(ys))
    return area / (len(ys) - 1)


def _count(counts: list[int], gold: set[tuple[int, int]], found: set[tuple[int, int]]) -> None:
    tp = len(gold & found)
    counts[0] += tp
    counts[1] += len(found) - tp
    counts[2] += len(gold) - tp
    counts[3] += sum(1 for f in found if any(overlaps(f, g) for g in gold))


def _summary(
    errors: list[float], baseline: list[float], ids: list[bool], counts: list[int]
) -> dict[str, float]:
    n = len(errors)
    p, r, f = prf(counts[0], counts[1], counts[2])
    op, _, _ = prf(counts[3], counts[1] + counts[0] - counts[3], 0)
    orr = counts[3] / (counts[0] + counts[2]) if counts[0] + counts[2] else 0.0
    of = 2 * op * orr / (op + orr) if op + orr else 0.0
    within = [e < ACCURACY_KM for e in errors]
    return {
        "acc_161km": sum(within) / n if n else 0.0,
        "mean_error_km": statistics.fmean(errors) if n else 0.0,
        "median_error_km": statistics.median(errors) if n else 0.0,
        "auc": auc(errors),
        "geonameid_match": sum(ids) / n if n else 0.0,
        "recognition_precision": p,
        "recognition_recall": r,
        "recognition_f1": f,
        "recognition_f1_overlap": of,
        "baseline_acc_161km": sum(e < ACCURACY_KM for e in baseline) / n if n else 0.0,
        "n": float(n),
    }
