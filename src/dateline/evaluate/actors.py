"""Score actor codes against gold sets that give them (PLOVER GSR) or mark spans (ZSP).

For every gold source/target actor with a country code, the gold ``actorText`` is found
in the sentence and the predicted actor mention overlapping it most is taken (an uncoded
compound mention, "U.S. and Russian negotiators", is replaced by its coded members):

- ``country_accuracy``: share of gold actors whose code we match;
- ``country_sector_accuracy``: code and sector both match; a gold actor without a sector
  (a state acting as a whole) accepts no sector or GOV;
- ``coded_rate``: share of gold actor spans (coded or not) covered by a coded mention;
- ``spacy_country_accuracy``: the same score for bare spaCy NER, each entity text looked
  up in pycountry, for comparison.

Gold quirks handled: legacy CAMEO codes (JAP, ITL, VTN, ...) are mapped to ISO, and our
UNO and EUR count as IGO where the gold says IGO (PLOVER 0.5b1 had no UNO/EUR).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
from spacy.language import Language
from spacy.tokens import Doc

from dateline.evaluate.gold import overlaps, read_gold
from dateline.model import ActorMention, Article, Span
from dateline.nlp import make_doc
from dateline.settings import Settings

LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "GMY": "DEU", "UKG": "GBR",
                "SRB": "SRB", "ROM": "ROU", "SAF": "ZAF", "IRE": "IRL"}
IGO_FAMILY = frozenset({"IGO", "UNO", "EUR"})


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    span: Span | None
    code: str | None
    sector: str | None


def evaluate(folder: Path, nlp: Language, settings: Settings) -> dict[str, float]:
    """Parse every gold sentence and score the codes of the actors found in it."""
    records = list(read_gold(folder))
    scores = Scores()
    articles = [to_article(record) for record in records]
    docs = nlp.pipe(make_doc(nlp, a) for a in articles)
    for record, doc in zip(records, docs, strict=True):
        for gold in gold_actors(record, doc.text):
            scores.add(gold, predicted(doc, gold), spacy_code(doc, gold))
    return scores.metrics()


def to_article(record: dict[str, Any]) -> Article:
    day = record.get("date")
    return Article.create(record["text"], published=date.fromisoformat(day) if day else None)


def gold_actors(record: dict[str, Any], text: str) -> Iterator[GoldActor]:
    """Coded actors (PLOVER GSR) or bare source/target spans (ZSP)."""
    for event in record.get("events", []):
        actors = event.get("source_actors", []) + event.get("target_actors", [])
        if actors:
            for actor in actors:
                code = actor.get("code")
                yield GoldActor(actor["actorText"], locate(text, actor["actorText"]),
                                LEGACY_CODES.get(code, code), (actor.get("sector") or "")[:3]
                                or None)
            continue
        for key in ("source", "target"):
            if event.get(key):
                yield GoldActor(event[key], locate(text, event[key]), None, None)


def locate(text: str, phrase: str) -> Span | None:
    """Where the gold phrase is: exactly, else its first capitalised word."""
    start = text.find(phrase)
    if start >= 0:
        return (start, start + len(phrase))
    for word in phrase.replace("...", " ").split():
        if word[:1].isupper():
            start = text.find(word)
            if start >= 0:
                return (start, start + len(word))
    return None


def predicted(doc: Doc, gold: GoldActor) -> ActorMention | None:
    """The actor mention (or member of a compound one) overlapping the gold span most."""
    if gold.span is None:
        return None
    every = [
        x
        for m in doc._.dateline_actors or []
        for x in (m.members if m.members and m.code is None else (m,))
    ]
    mentions = [m for m in every if overlaps(m.span, gold.span)]
    if not mentions:
        return None
    span = gold.span
    return max(mentions, key=lambda m: (min(m.span[1], span[1]) - max(m.span[0], span[0]),
                                        m.code is not None))


def spacy_code(doc: Doc, gold: GoldActor) -> str | None:
    """Bare spaCy: the overlapping entity's text looked up in pycountry."""
    if gold.span is None:
        return None
    for ent in doc.ents:
        if overlaps((ent.start_char, ent.end_char), gold.span):
            try:
                return str(pycountry.countries.lookup(ent.text.removeprefix("the ")).alpha_3)
            except LookupError:
                continue
    return None


def same_code(gold: str, code: str | None) -> bool:
    return code == gold or (gold == "IGO" and code in IGO_FAMILY)


@dataclass
class Scores:
    n: int = 0
    country: int = 0
    country_sector: int = 0
    spans: int = 0
    coded: int = 0
    spacy: int = 0

    def add(self, gold: GoldActor, mention: ActorMention | None, spacy: str | None) -> None:
        self.spans += 1
        self.coded += mention is not None and mention.code is not None
        if gold.code is None:
            return
        self.n += 1
        self.spacy += same_code(gold.code, spacy)
        if mention is None or not same_code(gold.code, mention.code):
            return
        self.country += 1
        accepted = {None, "GOV"} if gold.sector is None else {gold.sector}
        self.country_sector += mention.sector in accepted

    def metrics(self) -> dict[str, float]:
        def share(k: int, n: int) -> float:
            return k / n if n else 0.0

        return {
            "country_accuracy": share(self.country, self.n),
            "country_sector_accuracy": share(self.country_sector, self.n),
            "n": float(self.n),
            "coded_rate": share(self.coded, self.spans),
            "spans": float(self.spans),
            "spacy_country_accuracy": share(self.spacy, self.n),
        }
