"""Score entity spans on re3d (Person, Organisation, Location), ours beside bare spaCy.

Gold: the annotations re3d marks ``gold`` whose type is Person, Organisation or Location.

Ours, in this order (a later source only fills text nothing earlier covers):

1. dateline's actor mentions (people, pronouns, descriptions, countries, organisations,
   groups, metonyms);
2. dateline's places (``doc._.dateline_places`` used as locations);
3. nominal place descriptions: noun chunks headed by a place noun (``the town``, ``a
   hospital``, ``fighting positions``; the list is :data:`PLACE_NOUNS`) and the deictic
   adverbs ``here`` and ``there`` (not the expletive ``there is``). dateline does not
   resolve these to coordinates; they are counted because re3d annotates them as
   Location. A place chunk also replaces the names that only modify it
   (``an ISIL-held building`` is one Location, as re3d marks it);
4. spaCy entities nothing else covers; a name that is the object of a locative
   preposition (``in Raqqah``, ``near Palmyra``) is a Location whatever spaCy's label.

Types of actor mentions:

- a person, a singular person noun, he/she/him/I/me -> Person;
- an organisation, group, metonym, plural description, we/us/they -> Organisation;
- a description headed by a place noun (``the hospital``) -> Location;
- a description headed by a weapon or platform noun (``aircraft``, ``artillery``) is not
  scored: re3d types those Weapon or MilitaryPlatform;
- a country name follows its syntax: an actor (subject, possessor, modifier of another
  noun, object of ``of``, ``with``, ``against``, ``by``, ``between``, ``among``, ``for``:
  ``the government of Iraq``, ``talks with Turkey``) -> Organisation; a place (object of
  another preposition, object of a verb, apposition) -> Location; in a coordination the
  first conjunct decides;
- bare demonym adjectives are Nationality and not scored; plural demonyms -> Organisation;
- ``them`` and possessive pronouns are not scored (re3d marks few of them).

Bare spaCy: PERSON -> Person, ORG -> Organisation, GPE/LOC/FAC -> Location.

- exact: same start, end and type;
- partial: same type and overlapping spans, matched one to one in text order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.evaluate.gold import overlaps, prf, read_gold
from dateline.extract.actors import located_names, name_text
from dateline.extract.extensions import records
from dateline.knowledge.actors import ActorKnowledge, load_actor_knowledge
from dateline.model import ActorMention, Article
from dateline.nlp import make_doc
from dateline.settings import Settings

TYPES = frozenset({"Person", "Organisation", "Location"})
SPACY_TYPES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Location",
               "LOC": "Location", "FAC": "Location"}
PERSON_PRONOUNS = frozenset({"he", "him", "she", "her", "i", "me"})
UNSCORED_PRONOUNS = frozenset({"them"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj"})
ACTOR_DEPS = SUBJECT_DEPS | {"poss", "compound", "nmod", "amod"}
ACTOR_PREPS = frozenset({"of", "with", "against", "by", "between", "among", "for"})
PLACE_NOUNS = frozenset(
    [
        "airport", "airbase", "area", "base", "basement", "border", "bridge", "building",
        "camp", "capital", "centre", "center", "checkpoint", "church", "city", "compound",
        "country", "dam", "district", "east", "entrance", "facility", "farm", "field",
        "frontier", "frontline", "headquarters", "highway", "home", "hospital", "house",
        "island", "land", "library", "location", "market", "mosque", "mountain",
        "neighbourhood", "neighborhood", "north", "office-block", "oilfield", "outpost",
        "place", "port", "position", "prison", "province", "region", "restaurant", "river",
        "road", "room", "route", "safehouse", "school", "scene", "site", "south", "square",
        "station", "street", "structure", "territory", "town", "tunnel", "university",
        "valley", "village", "west"
    ]
)
PLACE_PAIRS = frozenset({"front line", "supply route", "supply routes", "fighting position",
                         "tunnel entrance", "petrol station", "supply cache", "oil field"})
EQUIPMENT_NOUNS = frozenset(
    [
        "aircraft", "airplane", "artillery", "bomb", "drone", "fighter-jet", "gun",
        "helicopter", "jet", "missile", "mortar", "plane", "rocket", "ship", "tank",
        "truck", "uav", "vbied", "vehicle", "vessel", "warplane", "weapon"
    ]
)
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
    """Actor mentions, then places, then place descriptions, then uncovered spaCy names."""
    entities: list[Entity] = []
    for mention in records(doc, "dateline_actors"):
        kind = mention_type(doc, mention, kb)
        if kind is not None:
            entities.append((mention.span[0], mention.span[1], kind))
    places = [(p.span[0], p.span[1], "Location") for p in records(doc, "dateline_places")
              if p.use == "location"]
    entities = add_uncovered(entities, places)
    entities = add_place_descriptions(doc, entities)
    entities = add_uncovered(entities, located_spacy_entities(doc, kb))
    return merge_containers(doc.text, entities)


def merge_containers(text: str, entities: list[Entity]) -> list[Entity]:
    """"Tabqa Dam, Syria": a place and the place it lies in, one Location as re3d marks."""
    merged: list[Entity] = []
    for item in sorted(entities):
        if merged:
            start, end, kind = merged[-1]
            if (
                kind == item[2] == "Location"
                and text[end : item[0]] == ", "
                and (item[1] == len(text) or not text[item[1]].isalnum())
            ):
                merged[-1] = (start, item[1], kind)
                continue
        merged.append(item)
    return merged


def add_uncovered(entities: list[Entity], extra: Iterable[Entity]) -> list[Entity]:
    """``entities`` plus each extra entity that overlaps none of them."""
    result = list(entities)
    for item in extra:
        if not any(overlaps((item[0], item[1]), (s, e)) for s, e, _ in result):
            result.append(item)
    return result


def add_place_descriptions(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """Noun chunks headed by a place noun, and deictic here/there, as Locations."""
    result = list(entities)
    for chunk in doc.noun_chunks:
        root = chunk.root
        if not is_place_noun(doc, root):
            continue
        root_span = (root.idx, root.idx + len(root.text))
        if any(overlaps(root_span, (s, e)) for s, e, _ in result):
            continue
        span = (chunk.start_char, chunk.end_char)
        result = [x for x in result if not (span[0] <= x[0] and x[1] <= root.idx)]
        result.append((span[0], span[1], "Location"))
    for token in doc:
        if token.lower_ in ("here", "there") and token.dep_ == "advmod":
            item = (token.idx, token.idx + len(token.text), "Location")
            result = add_uncovered(result, [item])
    return result


def is_place_noun(doc: Doc, root: Token) -> bool:
    if root.pos_ not in ("NOUN", "PROPN") or root.ent_type_:
        return False
    if root.i > 0 and f"{doc[root.i - 1].lower_} {root.lower_}" in PLACE_PAIRS:
        return True
    return root.lemma_.lower() in PLACE_NOUNS or root.lower_ in PLACE_NOUNS


def located_spacy_entities(doc: Doc, kb: ActorKnowledge) -> list[Entity]:
    """spaCy's names; a "person" the story uses as a place (``near Raqqah``, and the same
    name elsewhere in the story) is a Location, as the actors extractor reads it; so is a
    singular proper noun spaCy calls a nationality that is no known demonym (``Aleppo``)."""
    place_names = located_names(doc, records(doc, "dateline_places"))
    entities = []
    for ent in doc.ents:
        if ent.label_ == "NORP" and is_misread_place(ent, kb):
            entities.append((ent.start_char, ent.end_char, "Location"))
        if ent.label_ not in SPACY_TYPES:
            continue
        kind = SPACY_TYPES[ent.label_]
        start = ent.start_char
        if ent.label_ == "PERSON" and name_text(ent) in place_names:
            kind = "Location"
            start = ent.end_char - len(name_text(ent))
        entities.append((start, ent.end_char, kind))
    return entities


def is_misread_place(ent: Span, kb: ActorKnowledge) -> bool:
    return ent.root.tag_ == "NNP" and kb.lookup(ent.text) is None and ent.root.pos_ == "PROPN"


def mention_type(doc: Doc, mention: ActorMention, kb: ActorKnowledge) -> str | None:
    """The re3d type of one actor mention (None when re3d would not type it P/O/L)."""
    if mention.kind == "person":
        return "Person"
    if mention.kind == "pronoun":
        word = mention.text.lower()
        if word in UNSCORED_PRONOUNS:
            return None
        return "Person" if word in PERSON_PRONOUNS else "Organisation"
    if mention.kind == "description":
        return description_type(doc, mention, kb)
    if mention.kind == "country":
        return country_type(doc, mention, kb)
    return "Organisation"


def description_type(doc: Doc, mention: ActorMention, kb: ActorKnowledge) -> str | None:
    span = doc.char_span(*mention.span, alignment_mode="expand")
    root = span.root if span is not None else None
    if root is not None:
        if root.lemma_.lower() in EQUIPMENT_NOUNS or root.lower_ in EQUIPMENT_NOUNS:
            return None
        if root.lemma_.lower() in PLACE_NOUNS - {"country"}:
            return "Location"
    noun = (kb.noun(root.text) or kb.noun(root.lemma_)) if root is not None else None
    return "Person" if noun is not None and noun.type != "collective" else "Organisation"


def country_type(doc: Doc, mention: ActorMention, kb: ActorKnowledge) -> str | None:
    """Demonyms: plural people are an Organisation, adjectives unscored; a country's name
    is an Organisation when it acts or owns, a Location where it is a place."""
    span = doc.char_span(*mention.span, alignment_mode="expand")
    if span is None:
        return None
    name = doc[span.root.i : span.root.i + 1].text
    match = kb.lookup(mention.text) or kb.lookup(name)
    if match is not None and match.kind == "demonym":
        return "Organisation" if span.root.tag_ in ("NNS", "NNPS") else None
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in ACTOR_DEPS:
        return "Organisation"
    if token.dep_ == "pobj" and token.head.lower_ in ACTOR_PREPS:
        return "Organisation"
    return "Location"


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
