"""The tense of the clause a time expression (or an event trigger) sits in."""

from __future__ import annotations

from spacy.tokens import Span, Token

from dateline.extract.syntax import PARTICIPLE_DEPS

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "going"})
PLAN_VERBS = frozenset(
    {"plan", "expect", "schedule", "intend", "aim", "set", "hope", "want", "prepare",
     "propose", "agree", "promise", "pledge", "vow", "threaten", "seek", "decide", "due"}
)  # fmt: skip
SCHEDULE_VERBS = frozenset({"plan", "schedule"})
SET_VERBS = frozenset({"set", "slate", "due"})  # "a summit set for April"
PAST_TAGS = frozenset({"VBD"})
PRESENT_TAGS = frozenset({"VBP", "VBZ"})
# Past participles that still look ahead: "elections expected Sunday".
AHEAD_PARTICIPLES = frozenset({"expect", "plan", "schedule", "slate", "set", "intend", "propose"})


def governing_verb(token: Token) -> Token | None:
    """The nearest verb or auxiliary up the head chain from ``token``."""
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def verb_tense(verb: Token) -> str:
    """``past``, ``future``, ``present`` or ``none`` for a verb and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX or a.lemma_ in FUTURE_AUX for a in auxes):
        return "future"
    if verb.lemma_ in SCHEDULE_VERBS or (verb.lemma_ in SET_VERBS and verb.tag_ == "VBN"):
        return "future"
    if any(a.lower_ == "to" for a in auxes) or verb.tag_ == "VB":
        return _infinitive_tense(verb)
    if any(a.tag_ in PAST_TAGS for a in auxes) or verb.tag_ in PAST_TAGS:
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if any(a.tag_ in PRESENT_TAGS for a in auxes) or verb.tag_ in PRESENT_TAGS:
        return "present"
    if not auxes:
        return _participle_tense(verb)
    return "none"


def _participle_tense(verb: Token) -> str:
    """A bare participle: ``the deal, announced Friday`` is past (``expected Friday`` is
    not); ``closing Friday`` takes the tense of the clause it hangs from."""
    if verb.tag_ == "VBN":
        return "future" if verb.lemma_ in AHEAD_PARTICIPLES else "past"
    head = verb.head
    if verb.tag_ == "VBG" and verb.dep_ in PARTICIPLE_DEPS and head.pos_ in ("VERB", "AUX"):
        return verb_tense(head) if head.tag_ != "VBG" else "none"
    return "none"


def _infinitive_tense(verb: Token) -> str:
    """An infinitive under a plan/expect verb, or with a modal, looks ahead."""
    head = verb.head
    if head.i != verb.i and head.lemma_ in PLAN_VERBS:
        return "past" if _past_perfect(head) else "future"
    if head.i != verb.i and head.lemma_ == "be" and head.tag_ in PRESENT_TAGS:
        return "future"  # "trading is to resume Tuesday"
    if any(c.tag_ == "MD" and c.lower_ not in ("would", "could", "might") for c in verb.children):
        return "future"
    if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
        return verb_tense(head) if head.tag_ != "VB" else "none"
    return "none"


def _past_perfect(token: Token) -> bool:
    """``had planned``, ``had been due``: a plan already in the past."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def span_tense(span: Span) -> str:
    """The tense of the clause ``span`` belongs to."""
    verb = governing_verb(span.root)
    return verb_tense(verb) if verb is not None else "none"
