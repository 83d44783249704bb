"""Matching tokens against the pattern dictionary: one dict lookup per token.

A token is looked up as a verb (VERB, or AUX used as a main verb) or as a noun
(NOUN, PROPN) by its lemma; the patterns found are filtered by their constraints
(particle/child word, preposition, object lemma — ``"*"``: any nominal direct object —,
passive voice).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from dateline.extract.syntax import ADJECTIVAL_DEPS, AUX_DEPS, OBJECT_DEPS, PASSIVE_DEPS, PREP_DEPS
from dateline.knowledge.plover import Pattern, PatternIndex

VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
QUANTITY_NOUNS = frozenset({"batch", "group", "contingent", "team", "number", "dozen", "hundred",
                            "thousand", "unit", "squad", "detachment", "wave", "convoy",
                            "some", "part", "much", "most", "all", "share"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "ADJ"})  # ADJ: a mis-tagged object noun
# Adjectives looked up as verbs: "willing"/"ready" (agree wrappers), "critical of",
# "scathing about" (criticism).
VERBAL_ADJECTIVES = frozenset({"willing", "ready", "critical", "scathing"})


LOOKED_UP_POS = VERB_POS | NOUN_POS | {"AUX", "ADJ"}  # any other part of speech: never


def pos_of(token: Token) -> str | None:
    """``verb``, ``noun`` or None: how the dictionary is consulted for this token (called
    on every token: the part of speech is read once, and most tokens stop there)."""
    pos = token.pos_
    if pos not in LOOKED_UP_POS or token.dep_ in ADJECTIVAL_DEPS:
        return None
    if pos in VERB_POS or (pos == "AUX" and token.dep_ not in AUX_DEPS):
        return "verb"
    if pos in NOUN_POS:
        return "noun"
    if pos == "ADJ" and (token.tag_ == "VBN" or token.lower_ in VERBAL_ADJECTIVES):
        return "verb"
    return None


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def objects(token: Token) -> list[Token]:
    """Direct objects of a verb (with their conjuncts), and the subject of an infinitive
    clause under it (``declared a state of siege to begin at midnight``)."""
    heads = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    heads += [s for s in raised_subjects(token) if s.pos_ in ("NOUN", "PROPN")]
    return [t for h in heads for t in (h, *h.conjuncts)]


def raised_subjects(verb: Token) -> list[Token]:
    """Subjects of ``to``-infinitive clauses that complement ``verb``."""
    return [s for c in verb.children if c.dep_ == "ccomp" and is_infinitive(c)
            for s in c.children if s.dep_ == "nsubj"]


def is_infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def prep_objects(token: Token, preps: tuple[str, ...] = ()) -> Iterator[tuple[str, Token]]:
    """(preposition, object head) pairs under ``token``, optionally only for ``preps``."""
    for child in token.children:
        if child.dep_ not in PREP_DEPS and child.dep_ != "prep":
            continue
        word = lemma_of(child)
        if preps and word not in preps:
            continue
        for obj in child.children:
            if obj.dep_ in ("pobj", "pcomp"):
                yield word, obj


def is_passive(token: Token) -> bool:
    return any(c.dep_ in PASSIVE_DEPS for c in token.children)


def _has_child_word(token: Token, word: str) -> bool:
    """``rule out``, ``open fire``: the word hangs on the verb (not ``out`` of ``rule 21
    out of 29 states``, a compound preposition)."""
    if any((lemma_of(c) == word or c.lower_ == word) and not _dated(c)
           and not _starts_preposition(c) for c in token.children):
        return True
    if any(g.dep_ == "mark" and g.lower_ == word for c in token.children
           if c.dep_ in ("advcl", "ccomp", "xcomp") for g in c.children):
        return True  # "called for Israel to withdraw": the parser marks the clause
    return any(lemma_of(o) == word for _, o in prep_objects(token))


def _starts_preposition(token: Token) -> bool:
    """``out`` of ``out of``: a compound preposition, not the particle of ``rule out``."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.lower_ == "out" and following is not None and following.lower_ == "of"


def direct_lemmas(token: Token) -> set[str]:
    """Lemmas of a verb's direct objects and passive subjects, with their compound
    modifiers (``violated the ceasefire agreement`` → agreement, ceasefire), looking
    through quantities (``withdrew a batch of 200 peacekeepers`` → peacekeeper)."""
    heads = [*objects(token), *(c for c in token.children if c.dep_ == "nsubjpass")]
    found = set()
    for head in heads:
        found.add(lemma_of(head))
        found |= {lemma_of(c) for c in head.children if c.dep_ == "compound"}
        if lemma_of(head) in QUANTITY_NOUNS or head.pos_ == "NUM":  # "23 of the diplomats"
            found |= {lemma_of(o) for _, o in prep_objects(head, ("of",))}
    return found


def _object_lemmas(token: Token, pos: str) -> set[str]:
    if pos == "verb":
        return direct_lemmas(token) | {lemma_of(o) for _, o in prep_objects(token)}
    return {lemma_of(o) for _, o in prep_objects(token)}


def _dated(child: Token) -> bool:
    """A preposition heading a date ("called X on Wednesday" is no "call on")."""
    return any(o.ent_type_ in ("DATE", "TIME") for o in child.children if o.dep_ == "pobj")


def satisfied(pattern: Pattern, token: Token) -> bool:
    """Whether the pattern's constraints hold for this token."""
    if pattern.particle and not _has_child_word(token, pattern.particle):
        return False
    if pattern.prep and not any(
        lemma_of(c) in pattern.prep for c in token.children if c.dep_ in PREP_DEPS
    ):
        return False
    if pattern.object == ("*",):
        if not any(o.pos_ in NOMINAL_POS for o in objects(token)):
            return False
    elif pattern.object and not (_object_lemmas(token, pattern.pos) & set(pattern.object)):
        return False
    return not (pattern.passive_only and not is_passive(token))


def matches(token: Token, index: PatternIndex) -> tuple[Pattern, ...]:
    """Every pattern that fires on ``token``, most specific first."""
    pos = pos_of(token)
    if pos is None:
        return ()
    found = [p for p in index.get(pos, lemma_of(token)) if satisfied(p, token)]
    if pos == "verb" and any(p.object for p in found):
        direct = direct_lemmas(token)
        found.sort(key=lambda p: -p.specificity - 0.5 * bool(set(p.object) & direct))
    return tuple(found)


def event_pattern(found: tuple[Pattern, ...]) -> Pattern | None:
    """The first matching pattern that codes an event; none when a more specific
    ``nonevent`` pattern matched first (``fight the epidemic`` is no attack)."""
    for pattern in found:
        if pattern.governs == "nonevent":
            return None
        if pattern.event:
            return pattern
    return None


def governs(found: tuple[Pattern, ...]) -> frozenset[str]:
    """The wrapper roles among the matching patterns (speech, future, request …)."""
    return frozenset(p.governs for p in found if p.governs and p.governs != "nonevent")
