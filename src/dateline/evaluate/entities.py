"""Score entity spans on re3d (Person, Organisation, Location), ours beside bare spaCy.

Gold: the annotations re3d marks ``gold`` whose type is Person, Organisation or Location.
Ours: dateline's actor mentions (people, pronouns, descriptions, countries,
organisations, groups, metonyms), then its places, then spaCy entities nothing else
covers. Types: a person, a singular person noun or he/she/I -> Person; a country acting
(sector GOV), a metonym, an organisation, a group, a plural description or we/they ->
Organisation; a country or place used as a place -> Location; bare demonym adjectives
are Nationality and not scored. Bare spaCy: PERSON -> Person, ORG -> Organisation,
GPE/LOC/FAC -> Location.

- exact: same start, end and type;
- partial: same type and overlapping spans, matched one to one in text order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dateline.evaluate.gold import overlaps, prf, read_gold
from dateline.extract.extensions import records
from dateline.knowledge.actors import ActorKnowledge, load_actor_knowledge
from dateline.model import ActorMention, Article
from dateline.nlp import make_doc
from dateline.settings import Settings

TYPES = frozenset({"Person", "Organisation", "Location"})
SPACY_TYPES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Location",
               "LOC": "Location", "FAC": "Location"}
PERSON_PRONOUNS = frozenset({"he", "him", "she", "her", "i", "me"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
Entity = tuple[int, int, str]


def evaluate(folder: Path, nlp: Language, settings: Settings) -> dict[str, float]:
    """Exact and partial P/R/F1 for dateline's entities and for bare spaCy NER."""
    kb = load_actor_knowledge(settings.user_knowledge)
    records_ = list(read_gold(folder))
    docs = nlp.pipe(make_doc(nlp, Article.create(r["text"])) for r in records_)
    ours: list[tuple[list[Entity], list[Entity]]] = []
    bare: list[tuple[list[Entity], list[Entity]]] = []
    for record, doc in zip(records_, docs, strict=True):
        gold = gold_entities(record)
        ours.append((gold, dateline_entities(doc, kb)))
        bare.append((gold, spacy_entities(doc)))
    return {**score(ours, ""), **score(bare, "spacy_")}


def gold_entities(record: dict[str, Any]) -> list[Entity]:
    return [(a["start"], a["end"], a["type"]) for a in record.get("annotations", [])
            if a.get("attrs", {}).get("gold") and a["type"] in TYPES]


def spacy_entities(doc: Doc) -> list[Entity]:
    return [(e.start_char, e.end_char, SPACY_TYPES[e.label_]) for e in doc.ents
            if e.label_ in SPACY_TYPES]


def dateline_entities(doc: Doc, kb: ActorKnowledge) -> list[Entity]:
    """Actor mentions first, then places, then spaCy entities that nothing covers."""
    entities: list[Entity] = []
    for mention in records(doc, "dateline_actors"):
        kind = mention_type(doc, mention, kb)
        if kind is not None:
            entities.append((mention.span[0], mention.span[1], kind))
    places = [(p.span[0], p.span[1], "Location") for p in records(doc, "dateline_places")
              if p.use == "location"]
    covered = [(s, e) for s, e, _ in entities]
    for extra in [*places, *spacy_entities(doc)]:
        if not any(overlaps((extra[0], extra[1]), span) for span in covered):
            entities.append(extra)
            covered.append((extra[0], extra[1]))
    return entities


def mention_type(doc: Doc, mention: ActorMention, kb: ActorKnowledge) -> str | None:
    """The re3d type of one actor mention (None for demonym adjectives)."""
    if mention.kind == "person":
        return "Person"
    if mention.kind == "pronoun":
        return "Person" if mention.text.lower() in PERSON_PRONOUNS else "Organisation"
    if mention.kind == "description":
        noun = kb.noun(mention.text.split()[-1])
        return "Person" if noun is not None and noun.type != "collective" else "Organisation"
    if mention.kind == "country":
        return country_type(doc, mention, kb)
    return "Organisation"


def country_type(doc: Doc, mention: ActorMention, kb: ActorKnowledge) -> str | None:
    """Demonyms: plural people are an Organisation, adjectives unscored; a country is an
    Organisation as the subject of a clause, a Location otherwise."""
    match = kb.lookup(mention.text)
    if match is not None and match.kind == "demonym":
        return "Organisation" if mention.text.endswith("s") else None
    if match is None and mention.sector is None:
        return None if " " not in mention.text else "Organisation"
    span = doc.char_span(*mention.span, alignment_mode="expand")
    acting = span is not None and span.root.dep_ in SUBJECT_DEPS
    return "Organisation" if acting else "Location"


def score(pairs: Sequence[tuple[list[Entity], list[Entity]]], prefix: str) -> dict[str, float]:
    n_gold = sum(len(g) for g, _ in pairs)
    n_pred = sum(len(p) for _, p in pairs)
    exact = sum(len(set(g) & set(p)) for g, p in pairs)
    partial = sum(partial_matches(g, p) for g, p in pairs)
    pe, re_, fe = prf(exact, n_pred - exact, n_gold - exact)
    pp, rp, fp = prf(partial, n_pred - partial, n_gold - partial)
    metrics = {"f1_exact": fe, "precision_exact": pe, "recall_exact": re_,
               "f1_partial": fp, "precision_partial": pp, "recall_partial": rp}
    result = {prefix + k: v for k, v in metrics.items()}
    if not prefix:
        result["n"] = float(n_gold)
    return result


def partial_matches(gold: Iterable[Entity], predicted: Iterable[Entity]) -> int:
    """Count one-to-one pairs of the same type whose spans overlap."""
    free = sorted(gold)
    matched = 0
    for start, end, kind in sorted(predicted):
        for i, (g_start, g_end, g_kind) in enumerate(free):
            if g_kind == kind and overlaps((start, end), (g_start, g_end)):
                del free[i]
                matched += 1
                break
    return matched
