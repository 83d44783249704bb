"""What a speaker's words judge: verdicts, dismissals, names given, causes backed.

A statement can be an act without an act verb: ``the ministry said the US action was a
serious violation`` accuses (a verdict), ``said the objections were baseless`` rejects
(a dismissal), ``called the order "tyranny"`` and ``described the kingdom as a leading
contributor of stability`` judge a party by the name they give it, ``advocates the
peninsula should be denuclearized`` asks for what it backs. The coder asks these
functions whether a trigger is used so and who the sides are.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from dateline.extract.eventcoding import arguments as args
from dateline.extract.eventcoding.triggers import lemma_of, objects, prep_objects
from dateline.knowledge.files import word_list

RIFE = frozenset({"widespread", "rampant", "rife", "endemic", "systemic", "pervasive",
                  "massive", "common", "real", "everywhere", "organised", "organized"})
DISMISSIVE = frozenset({"baseless", "groundless", "unfounded", "false", "untrue",
                        "fabricated", "absurd", "ridiculous", "nonsense", "unsubstantiated",
                        "misleading", "lie", "fabrication", "slander"})
ADVOCATING = frozenset({"advocate", "support", "favour", "favor", "back"})
OBLIGING = frozenset({"should", "must", "ought"})
HOSTILE_NAMES = frozenset({"escalation", "provocation", "aggression", "attack", "threat",
                           "declaration", "act", "violation", "casus"})  # "an act of war"
WARNING_AUX = frozenset({"would", "will", "could"})
WARNERS = frozenset({"speech", "threaten"})  # "has said", "warned" that it would count
PRAISE_WORDS = word_list("events_praise_names.txt")
BLAME_NAMES = word_list("events_blame_names.txt")


def verdict_clause(noun: Token, roles: Callable[[Token], frozenset[str]]) -> Token | None:
    """The reported ``be`` clause whose subject or predicate the wrongdoing noun is (``the
    ministry said the US action was a serious violation``, ``Trump said voter fraud is
    widespread``), or None: a wrongdoing named anywhere else accuses nobody."""
    clause = noun.head
    if noun.dep_ not in ("attr", "nsubj") or lemma_of(clause) != "be":
        return None
    if clause.dep_ != "ccomp" or "speech" not in roles(clause.head):
        return None
    if noun.dep_ == "nsubj" and not any(lemma_of(c) in RIFE for c in clause.children
                                        if c.dep_ == "acomp"):
        return None  # "corruption is a problem": a remark, not a charge
    return clause


def dismissal(noun: Token, roles: Callable[[Token], frozenset[str]]) -> Token | None:
    """The reported ``be`` clause that calls a charge or an objection baseless (``the
    office said … objections were "baseless"``, ``said the allegations are false``), or
    None. Its speaker rejects the charge."""
    clause = noun.head
    if noun.dep_ != "nsubj" or lemma_of(clause) != "be" or not any(
            lemma_of(c) in DISMISSIVE for c in clause.children if c.dep_ in ("acomp", "attr")):
        return None
    while clause.dep_ == "conj":
        clause = clause.head  # "said the tariffs were … and objections were baseless"
    return clause if clause.dep_ == "ccomp" and "speech" in roles(clause.head) else None


def verdict_sides(
    noun: Token, roles: Callable[[Token], frozenset[str]]
) -> tuple[list[Token], list[Token]]:
    """The speaker accuses whoever did the wrongdoing: the clause's subject when the noun
    is its predicate (``the US action``), else the noun's own doer (``abuse … by a
    regime``), else nobody named (the story's side may be given later)."""
    clause = verdict_clause(noun, roles)
    assert clause is not None
    if noun.dep_ == "attr":
        accused = [c for c in clause.children if c.dep_ == "nsubj"]
    else:
        accused = args.agents(noun) or [c for c in noun.children if c.dep_ == "poss"]
    return args.subjects(clause.head), accused


def judgement(call: Token) -> str | None:
    """``called the order "tyranny"``, ``called China a pillar of …``: calling something
    a name is a judgement of it, not a phone call. SUPPORT when the name is praise,
    ACCUSE when it is blame or quoted, ``""`` when it only describes (``called the
    tensions more than bilateral``: no event); None when ``call`` reaches a person (a
    call)."""
    named = [c for c in call.children if c.dep_ == "oprd"]
    if not named:
        named = [o for o in objects(call) if o.pos_ in ("NOUN", "ADJ") and o.ent_type_ == ""
                 and quoted(o)]
    if not named:
        return None
    words = {t.lemma_.lower() for n in named for t in n.subtree}
    if words & PRAISE_WORDS:
        return "SUPPORT"
    if words & BLAME_NAMES or any(quoted(n) for n in named):
        return "ACCUSE"
    return ""  # "called the tensions more than bilateral": a description, no judgement


def advocates_change(verb: Token) -> bool:
    """``advocates (that) the peninsula should be denuclearized``, ``supports that the issue
    must be settled by talks``: backing what someone should do asks for it."""
    return lemma_of(verb) in ADVOCATING and any(
        c.dep_ == "ccomp" and any(a.lower_ in OBLIGING for a in c.children if a.dep_ == "aux")
        for c in verb.children)


def judgement_as(verb: Token) -> str:
    """``described the kingdom as "a leading contributor of stability"``: SUPPORT or
    ACCUSE as the name after ``as`` praises or blames (see :func:`judgement`); ``""``
    when it only describes."""
    words = {t.lemma_.lower() for _, o in prep_objects(verb, ("as",)) for t in o.subtree}
    if words & PRAISE_WORDS:
        return "SUPPORT"
    return "ACCUSE" if words & BLAME_NAMES else ""


def quoted(token: Token) -> bool:
    doc = token.doc
    before = doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
    return any(t.tag_ in ("``", "''") or t.text in ('"', "“", "”") for t in (
        before, *token.subtree) if t is not None)


def deemed_hostile(verb: Token, roles: Callable[[Token], frozenset[str]]) -> Token | None:
    """``Washington has said that a response by Russia would be taken as an escalation``:
    the speech verb whose speaker warns that an act would count as hostile, or None (``was
    seen as a good sign`` warns nobody)."""
    named = {lemma_of(o) for _, o in prep_objects(verb, ("as",))}
    if not named & HOSTILE_NAMES or not any(
            c.lower_ in WARNING_AUX for c in verb.children if c.dep_ == "aux"):
        return None
    return verb.head if verb.dep_ == "ccomp" and roles(verb.head) & WARNERS else None


def would_be_doers(verb: Token) -> list[Token]:
    """Who would do the act deemed hostile: the ``by`` agent or owner of its subject
    (``a response by Russia``, ``Taiwan's visit``)."""
    acts = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return [d for a in acts for d in (args.agents(a) or [c for c in a.children
                                                         if c.dep_ == "poss"])]
