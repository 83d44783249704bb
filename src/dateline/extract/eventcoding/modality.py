"""Auxiliary modes and wrapper verbs: what happens to an event above its trigger.

From the trigger, the coder climbs complement links (xcomp, ccomp, the object of a
light verb, ``call for``/``ask for``) through wrapper verbs: ``plan``/``will``
(future), ``could``/``if`` (hypothetical), ``not``/``fail`` (negated), ``agree``,
``threaten``, ``urge``, ``refuse`` (which recode the event) and stops at a speech
verb (``say``), whose subject becomes the event's ``source_quote``. Then PLOVER's
rules apply: a future CONSULT/SUPPORT/COOPERATE/AID is AGREE, an announced future
withdrawal (future RETREAT) is CONCEDE.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from dateline.extract.eventcoding.triggers import lemma_of, objects
from dateline.extract.syntax import (
    COMPLEMENT_DEPS,
    COMPLEMENT_PREPS,
    NOUN_COMPLEMENT_DEPS,
    SAME_CLAUSE_PREPS,
)
from dateline.knowledge.plover import load_codebook

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "gonna"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "'d", "must"})
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether", "until"})
EVENT_ROLES = ("request", "reject", "threaten", "agree")
ROLE_AUX = {"future": "future", "hypothetical": "hypothetical", "negate": "negated"}
WANT = frozenset({"want", "wish", "like", "expect"})
COMMAND = frozenset({"order", "instruct", "direct"})
OBLIGATION_AUX = frozenset({"must", "should"})
BACKSHIFT_AUX = frozenset({"would", "'d"})


@dataclass(frozen=True, slots=True)
class Modality:
    """What the wrappers above a trigger say about it."""

    aux: frozenset[str] = frozenset()
    wrapper: Token | None = None  # the innermost event-bearing wrapper
    role: str | None = None  # its role: request, reject, threaten, agree
    speech: Token | None = None  # the speech verb that reports the event
    chain: tuple[Token, ...] = field(default=())  # every head climbed, trigger first
    side: bool = False  # reached through a purpose clause ("sent troops to help X")


def own_aux(token: Token) -> set[str]:
    """Modes marked on the token itself: modals, negation, conditional marks."""
    found: set[str] = set()
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or word in ("never", "not", "n't"):
            found.add("negated")
        elif child.dep_ == "aux" and (word in FUTURE_AUX or lemma_of(child) in FUTURE_AUX):
            found.add("future")
        elif _hypothetical(child.dep_, word):
            found.add("hypothetical")
    return found


def _hypothetical(dep: str, word: str) -> bool:
    return (dep == "aux" and word in HYPOTHETICAL_AUX) or (
        dep == "mark" and word in HYPOTHETICAL_MARKS
    )


def parent_link(token: Token) -> tuple[str, Token] | None:
    """How a head governs ``token``: ('comp'|'conj', parent), or None at a clause top."""
    head = token.head
    if head.i == token.i:  # spaCy makes a new Token object for every .head
        return None
    if token.dep_ in COMPLEMENT_DEPS:
        return "comp", head
    if token.dep_ == "conj":
        return "conj", head
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in NOUN_COMPLEMENT_DEPS:
        return "comp", head
    if token.dep_ in ("pobj", "pcomp") and lemma_of(head) in COMPLEMENT_PREPS:
        return "comp", head.head
    if token.dep_ == "pobj" and token.pos_ == "NOUN" and head.dep_ == "prep" and (
        lemma_of(head) in SAME_CLAUSE_PREPS and head.head.pos_ in ("VERB", "AUX")
    ):
        return "clause", head.head  # "will be detailed in a communique": the clause's modes
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for"
                                     for c in token.children):
        return "comp", head  # "called for Israel to withdraw": what is called for
    if token.dep_ == "advcl" and head.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    ):
        return "purpose", head  # "offered to send troops to help X": the purpose shares
    return None


def _speech_child(token: Token, roles: Callable[[Token], frozenset[str]]) -> Token | None:
    for child in token.children:
        if child.dep_ in ("parataxis", "advcl") and "speech" in roles(child):
            return child
    return None


def climb(trigger: Token, roles: Callable[[Token], frozenset[str]]) -> Modality:
    """Walk up from a trigger through wrappers, collecting modes and the speaker."""
    aux, chain = own_aux(trigger), [trigger]
    wrapper, role, speech = None, None, _speech_child(trigger, roles)
    cur, side = trigger, False
    while speech is None and len(chain) < 8:
        link = parent_link(cur)
        if link is None:
            break
        kind, parent = link
        found = _roles_here(parent, cur, roles(parent))
        if kind == "comp" and not found:
            break
        if kind in ("clause", "purpose"):
            if found & {"speech", *EVENT_ROLES}:
                break
            side = side or kind == "purpose"
            aux |= own_aux(parent)
            chain.append(parent)
            speech = _speech_child(parent, roles)
            cur = parent
            continue
        if "speech" in found and not any(r in found for r in EVENT_ROLES):
            speech = parent
            break
        if not (kind == "conj" and _has_subject(cur)):
            wrapper, role = _event_role(parent, found, cur, wrapper, role)
            aux |= {ROLE_AUX[r] for r in found if r in ROLE_AUX} | own_aux(parent)
        chain.append(parent)
        speech = _speech_child(parent, roles)
        cur = parent
    if speech is not None and _backshifted(chain):
        aux = (aux - {"hypothetical"}) | {"future"}
    return Modality(frozenset(_want_rule(aux, role)), wrapper, role, speech, tuple(chain),
                    side)


def _roles_here(parent: Token, child: Token, found: frozenset[str]) -> frozenset[str]:
    """``go`` is a future only as ``going to …`` (not ``went on strike``), ``set`` only as
    ``set to …`` (not ``set off sweeping expulsions``)."""
    if "future" in found and lemma_of(parent) == "go" and not (
        child.dep_ == "xcomp" and parent.tag_ == "VBG"
    ):
        return found - {"future"}
    if "future" in found and lemma_of(parent) == "set" and child.dep_ != "xcomp":
        return found - {"future"}
    return found


def _backshifted(chain: list[Token]) -> bool:
    """``said it would boycott the vote``: reported ``would`` is a future, not a
    hypothesis, unless a condition (``if``, ``unless``) or another modal marks it."""
    marks = [c for t in chain for c in t.children if c.dep_ in ("aux", "mark")]
    words = {c.lower_ for c in marks}
    return bool(words & BACKSHIFT_AUX) and not words & (HYPOTHETICAL_MARKS | (
        HYPOTHETICAL_AUX - BACKSHIFT_AUX))


def obligation(trigger: Token) -> bool:
    """``X must/should …``: an obligation put on the trigger's subject."""
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in trigger.children)


def _event_role(
    parent: Token, found: frozenset[str], child: Token, wrapper: Token | None, role: str | None
) -> tuple[Token | None, str | None]:
    if wrapper is not None:
        return wrapper, role
    for name in EVENT_ROLES:
        if name in found:
            if name == "request" and lemma_of(parent) in WANT and not _own_subject(child):
                return None, "want"
            return parent, name
    return None, None


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _own_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children) or (
        token.dep_ == "xcomp" and any(c.dep_ in ("dobj", "obj") for c in token.head.children)
    )


def _want_rule(aux: set[str], role: str | None) -> set[str]:
    return aux | {"future"} if role == "want" else aux


def content_mode(event: str, mode: str | None, role: str) -> str | None:
    """The mode a wrapper gives to what it wraps (REQUEST yield, THREATEN arrest …)."""
    if role in ("request", "reject"):
        if event in ("RETREAT", "CONCEDE"):
            return "yield"
        if event in ("AID", "COOPERATE"):
            return "assist"
        return "meet" if event == "CONSULT" else "change"
    if role == "threaten":
        return _threat_mode(event, mode)
    return None


def _threat_mode(event: str, mode: str | None) -> str:
    if event == "COERCE":
        return {"arrest": "arrest", "deport": "expel", "seize": "territory"}.get(mode or "",
                                                                                "restrict")
    if event == "SANCTION":
        return "expel" if mode == "expel" else "relations"
    return "violence"


def recode(event: str, mode: str | None, modality: Modality, quad: int) -> tuple[str, str | None]:
    """Apply the wrapper's recoding and PLOVER's future rules.

    - ``agree``/``pledge`` + a support noun (``pledged support``, ``agreed a deal``) stays
      SUPPORT (finalising an agreement); ``agree to <coop verb>`` is AGREE;
    - a requested investigation (``ordered an inquiry``) stays ACCUSE, an ordered arrest,
      sanction or release stays COERCE/SANCTION/RETREAT;
    - a failed agreement (``failed to reach a deal``) is REJECT;
    - a refused or negated future concession (``will not lift the ban``, ``will not end
      the strike``) is REJECT;
    - future CONSULT/SUPPORT/COOPERATE/AID and promised releases are AGREE; an announced
      future withdrawal or ceasefire is CONCEDE.
    """
    role = modality.role
    trigger = modality.chain[0] if modality.chain else None
    nominal = trigger is not None and trigger.pos_ in ("NOUN", "PROPN")
    if role == "request" and quad == 4 and _unaddressed(modality, trigger):
        return "ACCUSE", "disapprove"  # "called for sanctions against X": X is accused
    if role == "agree" and modality.wrapper is not None:
        if event == "SUPPORT" and nominal:
            return event, mode
        return ("AGREE", None) if quad in (1, 2) else ("THREATEN", _threat_mode(event, mode))
    if role == "request" and event == "ACCUSE" and mode == "investigate":
        return event, mode
    if role == "request" and event in type_group("commanded") and modality.wrapper is not None and (
        lemma_of(modality.wrapper) in COMMAND
    ):
        return event, mode  # "ordered the arrest", "ordered airstrikes": the order is the act
    if role in ("request", "reject", "threaten") and modality.wrapper is not None:
        target = {"request": "REQUEST", "reject": "REJECT", "threaten": "THREATEN"}[role]
        if event == target:
            return event, mode
        return target, content_mode(event, mode, role)
    negated = "negated" in modality.aux
    if negated and event == "CONCEDE" and modality.wrapper is None and (
        "hypothetical" not in modality.aux
    ):
        return "REJECT", "yield"  # "did not give permission": a concession refused
    if negated and event in ("REQUEST", "AGREE") and modality.wrapper is None and not nominal:
        return "REJECT", mode if event == "REQUEST" else None  # "did not ask", "won't accept"
        # ("won't make false promises" makes none: a negated noun is an act not done)
    if negated and "future" in modality.aux and quad in (1, 2) and event != "AGREE":
        return "REJECT", content_mode(event, mode, "reject")
    if negated and event == "SUPPORT" and nominal:
        return "REJECT", "change"  # "failed to reach agreement"
    if "future" in modality.aux and not negated:
        if event in type_group("promised_as_agree"):
            return "AGREE", None
        if event == "RETREAT":
            return ("CONCEDE", None) if mode in (None, "withdraw", "ceasefire") else (
                "AGREE", None)
        if quad == 4 and event != "THREATEN":
            return "THREATEN", _threat_mode(event, mode)  # "will boycott", "will extend curfew"
    return event, mode


def type_group(name: str) -> frozenset[str]:
    """A group of types the rules above name, from the codebook (``type_groups``)."""
    return load_codebook().groups[name]


def _unaddressed(modality: Modality, trigger: Token | None) -> bool:
    """A request that names nobody to act (``called for sanctions against X``)."""
    wrapper = modality.wrapper
    if wrapper is None or trigger is None or lemma_of(wrapper) in COMMAND:
        return False
    asked = [o for o in objects(wrapper) if o.i != trigger.i and o.pos_ in ("PROPN", "NOUN",
                                                                             "PRON")]
    addressed = any(c.dep_ in ("prep", "prt", "dative") and c.lower_ in ("on", "upon", "to")
                    for c in wrapper.children)
    return not asked and not addressed and trigger.pos_ in ("NOUN", "PROPN")
