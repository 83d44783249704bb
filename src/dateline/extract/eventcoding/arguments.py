"""Actor and recipient of a trigger, from the dependency parse.

First the syntactic argument heads are found (subjects, objects, prepositional
attachments, passive and ``by`` agents, relative clauses, control verbs, conjuncts);
then each head's phrase is mapped to the actor mentions found inside it by the
actor extractor; a plural description with ``members`` (``the leaders``) stands for
its members. Where none lies inside, the phrase itself becomes an uncoded
:class:`ActorMention` (so span-level evaluation does not depend on codes).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from dateline.extract.eventcoding.triggers import (
    QUANTITY_NOUNS,
    is_infinitive,
    is_passive,
    lemma_of,
    objects,
    prep_objects,
)
from dateline.knowledge.plover import Pattern
from dateline.model import ActorMention

CUT_DEPS = frozenset(
    {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis", "ccomp", "xcomp",
     "prep_cut"}
)
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
RELATIVE_WORDS = frozenset({"that", "which", "who"})  # a relative the tagger read as DT
RECIPIENT_PREPS = ("against", "on", "upon", "to", "with", "from", "at", "into", "toward",
                   "towards", "over", "for")
FALLBACK_PREPS = ("in", "across", "inside", "near")
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "order", "tell", "call", "press", "force", "invite", "encourage", "allow",
     "permit", "want", "persuade", "instruct", "direct", "authorize", "help", "push"}
)
PREP_CONTROL = frozenset(
    {"accuse", "charge", "blame", "convict", "suspect", "criticize", "criticise", "condemn",
     "praise", "thank", "congratulate", "commend", "fault", "punish", "sue", "indict",
     "prevent", "stop", "ban", "bar", "prohibit", "arrest", "detain", "sentence", "fine"}
)
OF_IS_ACTOR = frozenset({"RETREAT", "PROTEST", "MOBILIZE", "CONSULT", "AGREE", "SUPPORT",
                         "REQUEST", "THREATEN", "REJECT", "ACCUSE", "AID", "COOPERATE"})
ACTOR_CUT = CUT_DEPS | {"prep_locative"}
DIPLOMATS = frozenset({"ambassador", "envoy", "diplomat", "consul", "attache", "charge"})
# "the end of his tour", "on the sidelines of the summit": a phase of an event
PHASES = frozenset({"end", "start", "beginning", "course", "conclusion", "close", "middle",
                    "sideline", "margin", "eve", "wake", "aftermath", "outcome", "result",
                    "anniversary"})
# Phases one takes part in ("coming to the end of a US tour"), not times around an event
# ("in the wake of a Taliban attack").
PHASES_WITHIN = frozenset({"end", "start", "beginning", "course", "conclusion", "close",
                           "middle", "sideline", "margin"})
SERIES = frozenset({"number", "series", "string", "spate", "raft", "slew", "host", "litany",
                    "wave", "flurry", "round", "list"})  # "a number of allegations"
AUTHORED = frozenset({"report", "statement", "announcement"})
LEADING = frozenset({"lead", "spearhead", "head", "command"})  # "led an Arab intervention"
BLAMING_VERBS = frozenset({"blame", "accuse", "hold", "suspect"})
UNDERGOING_VERBS = frozenset({"face", "receive", "suffer", "undergo", "risk", "draw",
                              "attract", "earn", "incur"})
HAPPENINGS = frozenset({"protest", "strike", "storm", "flood", "earthquake", "quake",
                        "drought", "crisis", "hurricane", "cyclone", "typhoon", "wildfire",
                        "landslide", "tsunami", "epidemic", "pandemic", "outbreak"})
PARTY_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
EXPULSION_NOUNS = frozenset({"noun:expel", "noun:deport"})  # the country left expels
GIVING = frozenset({"AID", "COOPERATE"})  # what is given is the object, not who gets it
NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
SUMMONS = frozenset({"verb:summon-envoy", "verb:summon"})  # summoned to X: X summons
DEALS = frozenset({"deal", "contract", "agreement", "accord", "treaty", "pact", "package",
                   "arrangement"})  # "approved a deal to sell X": the approver sells
INSTRUMENTS = frozenset({"decree", "law", "bill", "order", "ordinance", "legislation", "resolution",
                         "letter", "message", "statement", "directive", "measure", "note",
                         "report"})
BACKGROUND_PREPS = frozenset({"after", "following", "since", "before", "during", "amid", "amidst",
                              "despite", "over"})
NON_AGENTS = frozenset(
    {"step", "move", "announcement", "decision", "plan", "measure", "rule", "law", "report",
     "statement", "news", "development", "situation", "event", "this", "that", "which",
     "what", "there", "change", "idea", "policy", "deal", "agreement", "pledge", "promise",
     "tariff", "protest", "crisis", "storm", "flood", "drought", "earthquake", "quake",
     "scandal", "inflation", "price", "shortage"}
)


def phrase_bounds(head: Token, cut: frozenset[str] = CUT_DEPS) -> tuple[int, int]:
    """Token bounds ``[start, end)`` of a head's phrase, without clauses and conjuncts."""
    keep = [head]
    stack = [c for c in head.children if c.dep_ not in cut and not _locative(c, cut)]
    while stack:
        tok = stack.pop()
        keep.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "appos", "acl"))
    tokens = sorted(keep, key=lambda t: t.i)
    while len(tokens) > 1 and tokens[0].is_punct:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1].is_punct:
        tokens.pop()
    return tokens[0].i, tokens[-1].i + 1


def _locative(token: Token, cut: frozenset[str]) -> bool:
    return cut is ACTOR_CUT and token.dep_ == "prep" and token.lower_ in FALLBACK_PREPS


def with_conjuncts(heads: Iterable[Token]) -> list[Token]:
    """Heads plus their coordinated conjuncts ("Jordan and Britain"), in order; a plural
    noun that lists its members (``several EU countries — Austria, Slovakia, Cyprus and
    Greece —``) stands for them."""
    seen: dict[int, Token] = {}
    for head in heads:
        for tok in (head, *head.conjuncts):
            for member in listed_members(tok) or [tok]:
                seen.setdefault(member.i, member)
    return [seen[i] for i in sorted(seen)]


def listed_members(head: Token) -> list[Token]:
    """The named members in apposition to a plural noun, with their conjuncts."""
    if head.tag_ not in ("NNS", "NNPS"):
        return []
    named = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ in ("GPE", "NORP")]
    return [t for c in named for t in (c, *c.conjuncts)]


class ActorIndex:
    """A story's coded actor mentions, indexed by start offset, so that finding those
    inside a phrase costs a binary search, not a scan of the whole story."""

    def __init__(self, actors: Sequence[ActorMention]) -> None:
        coded = [a for a in actors if a.code or a.members]
        self._order = sorted(range(len(coded)), key=lambda k: coded[k].span[0])
        self._starts = [coded[k].span[0] for k in self._order]
        self._coded = coded

    def inside(self, start: int, end: int) -> list[ActorMention]:
        """Coded mentions (or compounds) within ``[start, end)``, in story order."""
        lo, hi = bisect_left(self._starts, start), bisect_right(self._starts, end)
        found = (self._coded[k] for k in sorted(self._order[lo:hi]))
        return [a for a in found if a.span[1] <= end]


def mentions(doc: Doc, heads: Sequence[Token], actors: ActorIndex) -> tuple[
    ActorMention, ...
]:
    """Actor mentions for argument heads: those inside each phrase, else the phrase."""
    out: list[ActorMention] = []
    for head in with_conjuncts(heads):
        span = doc.__getitem__(slice(*phrase_bounds(head, ACTOR_CUT)))
        inside = actors.inside(span.start_char, span.end_char)
        if not inside:  # "allies in Europe", not "Europe, which accepted Britain's view"
            whole = doc[head.left_edge.i : before_relative(head)]
            inside = actors.inside(whole.start_char, whole.end_char)[:1]
        if inside:
            found = [m for a in _outermost(inside) for m in (a.members or (a,)) if not a.code]
            found += [a for a in _outermost(inside) if a.code]
            out.extend(a for a in sorted(found, key=lambda m: m.span) if a not in out)
        else:
            out.append(ActorMention(span.text, (span.start_char, span.end_char),
                                    kind="phrase"))  # no actor the extractor knows
    return tuple(out)


def before_relative(head: Token) -> int:
    """End of a head's subtree before its relative clause, if it has one."""
    relatives = [c.left_edge.i for c in head.children if c.dep_ == "relcl" and c.i > head.i]
    return min(relatives, default=head.right_edge.i + 1)


def _outermost(found: Sequence[ActorMention]) -> list[ActorMention]:
    def nested(a: ActorMention) -> bool:
        return any(b is not a and b.span[0] <= a.span[0] and a.span[1] <= b.span[1]
                   and b.span != a.span for b in found)
    return [a for a in found if not nested(a)]


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Subject heads of a verb, inherited through control, conjunction and relatives."""
    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.dep_ != "expl"]
    if own:
        if verb.dep_ == "relcl" and (own[0].tag_ in RELATIVE_TAGS or own[0].lower_ in
                                     RELATIVE_WORDS):
            return by_instrument(verb.head, depth) or [verb.head]
        return own
    if depth > 4 or is_passive(verb):
        return []
    return _inherited_subjects(verb, depth)


def by_instrument(noun: Token, depth: int) -> list[Token]:
    """``signed legislation that granted salary increases``: what a law or decree does is
    done by whoever signed or passed it."""
    if lemma_of(noun) in INSTRUMENTS and noun.dep_ in ("dobj", "obj") and (
            noun.head.pos_ in ("VERB", "AUX")):
        return subjects(noun.head, depth + 1)
    return []


def _inherited_subjects(verb: Token, depth: int) -> list[Token]:
    head = verb.head
    if verb.dep_ == "acl" and lemma_of(head) in INSTRUMENTS and head.dep_ in ("dobj", "obj") and (
        head.head.pos_ in ("VERB", "AUX")
    ):
        return subjects(head.head, depth + 1)  # "signed a decree granting …": the signer
    if misread_active(verb):
        return [head]
    to_do = (verb.dep_ == "relcl" and is_infinitive(verb) and lemma_of(head) in DEALS
             and head.dep_ in ("dobj", "obj") and head.head.pos_ == "VERB")
    if (verb.dep_ == "relcl" and not to_do) or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return [head]
    if (verb.dep_ == "acl" or to_do) and head.dep_ in ("dobj", "obj") and (
            head.head.pos_ == "VERB"):
        return subjects(head.head, depth + 1)  # "approved a deal to sell …": who approved
    if verb.dep_ in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
        objs = objects(head)
        if objs and lemma_of(head) in OBJECT_CONTROL:
            return objs[:1]
        return subjects(head, depth + 1)
    if verb.dep_ == "acomp" and verb.pos_ == "ADJ" and head.pos_ in ("VERB", "AUX"):
        return subjects(head, depth + 1)  # "the ZTA boss was scathing about Air Zimbabwe"
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.head.pos_ in ("VERB", "AUX"):
        return subjects(head.head, depth + 1)  # "X is willing (ready, able) to withdraw"
    if verb.dep_ in ("conj", "advcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
        return subjects(head, depth + 1)
    if verb.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX"):
        governor = head.head
        objs = objects(governor)
        if objs and lemma_of(governor) in PREP_CONTROL:
            return objs[:1]  # "accused X of sheltering …", "prevented X from leaving"
        return subjects(governor, depth + 1)
    return []


def antecedent(verb: Token, head: Token) -> Token:
    """The noun a relative pronoun stands for (``the journalist, who was sentenced``)."""
    if head.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
        return verb.head
    return head


def agents(token: Token) -> list[Token]:
    """``by`` agents of a passive verb or a nominalisation."""
    return [o for p, o in prep_objects(token, ("by",))]


def verb_arguments(verb: Token, pattern: Pattern) -> tuple[list[Token], list[Token]]:
    """(actor heads, recipient heads) of a verb trigger."""
    if is_passive(verb) or (is_participle(verb) and not misread_active(verb)):
        patients = [antecedent(verb, c) for c in verb.children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "acl" and not patients:
            patients = [verb.head]
        doers = agents(verb)
        if not doers and pattern.id in SUMMONS:  # "the envoy was summoned to the Kenyan
            doers = [o for _, o in prep_objects(verb, ("to",))]  # foreign ministry"
        return doers, patients or _prep_recipients(verb, pattern)
    actor = subjects(verb)
    if pattern.reciprocal:
        partners = [o for _, o in prep_objects(verb, ("with", "between", "among"))]
        named = [o for o in objects(verb) if lemma_of(o) not in pattern.object]
        return actor + named + partners, []  # "exchanged fire": fire is no party
    recipient = _verb_recipients(verb, pattern)
    if not recipient and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        recipient = _prep_recipients(verb.head, pattern)
    if not recipient and pattern.governs in ("request", "reject"):
        recipient = complement_parties(verb)
    if not recipient:
        recipient = [o for a in actor for _, o in prep_objects(a, ("in", "against", "on"))]
    return actor, [r for r in recipient if r.ent_type_ not in NOT_ACTORS]


def is_participle(verb: Token) -> bool:
    return verb.tag_ == "VBN" and verb.dep_ == "acl"


def misread_active(verb: Token) -> bool:
    """``Mahathir, Asia's longest serving leader, called Thursday's order "tyranny"``:
    a participle the parser hung on a name that it made the sentence's root (so the
    sentence has no finite verb) is the name's own past act."""
    return is_participle(verb) and verb.head.dep_ == "ROOT" and verb.head.pos_ == "PROPN"


def complement_parties(verb: Token) -> list[Token]:
    """Parties named in a wrapper's complement with no event of its own (``doesn't want
    to be a conflict arena between the U.S. and Iran`` -> the U.S., Iran)."""
    for child in verb.children:
        if child.dep_ not in ("xcomp", "ccomp"):
            continue
        for token in child.subtree:
            if token.dep_ == "pobj" and token.head.lower_ in ("between", "against", "among"):
                return [token]
    return []


def _verb_recipients(verb: Token, pattern: Pattern) -> list[Token]:
    objs = [o for o in objects(verb) if o.pos_ != "VERB"]
    preps = pattern.prep or (("on",) if lemma_of(verb) == "blame" else ())
    constrained = [o for _, o in prep_objects(verb, preps)] if preps else []  # "blamed on X"
    if constrained:
        return constrained
    dative = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    given_to = [o for _, o in prep_objects(verb, ("to",))]
    if pattern.event in GIVING and given_to and objs and not dative and not any(
        o.ent_type_ in PARTY_ENTS or o.pos_ in ("PRON", "PROPN") for o in objs
    ):
        return given_to  # "sent aid to Sudan": the aid is what is given, Sudan who gets it
    if "object" in pattern.recipient:  # "fired critics": the object is whom it is done to
        return objs
    if "poss" in pattern.recipient:  # "accepted Britain's view": whose view it is
        owners = [c for o in objs for c in o.children if c.dep_ == "poss"]
        if owners:
            return owners
    if not pattern.object and (dative or objs):
        return dative or objs
    held = [o for ob in objs if lemma_of(ob) in QUANTITY_NOUNS  # "put some of the blame on X"
            for _, o in prep_objects(ob, ("of",))]
    envoys = [o for o in objs if lemma_of(o) in DIPLOMATS]  # "summoned the Ugandan envoy",
    # "expelled British diplomats in retaliation"
    return envoys or _prep_recipients(verb, pattern, [*objs, *held])


def _prep_recipients(
    token: Token, pattern: Pattern, extra_heads: Sequence[Token] = ()
) -> list[Token]:
    preps = pattern.recipient or RECIPIENT_PREPS
    for group in (preps, FALLBACK_PREPS):
        for owner in (token, *extra_heads):
            found = [h for p, o in prep_objects(owner, group)
                     if o.pos_ != "VERB" and (h := through_amount(o)) is not None]
            if found:
                return found
    return []


def through_amount(token: Token) -> Token | None:
    """The party behind an amount (``tariffs on $50 billion of imports from China`` ->
    ``imports``, whose phrase names China); an amount alone is nobody."""
    if token.ent_type_ not in NOT_ACTORS:
        return token
    return next((o for _, o in prep_objects(token, ("of",)) if o.ent_type_ not in NOT_ACTORS),
                None)


def noun_arguments(noun: Token, pattern: Pattern) -> tuple[list[Token], list[Token]]:
    """(actor heads, recipient heads) of a nominal trigger."""
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound")
                 and c.ent_type_ in ("NORP", "GPE")]
    destinations = [c for c in modifiers if pattern.mode == "visit" and c.ent_type_ == "GPE"]
    named_by = [c for c in modifiers if c not in destinations]  # "a US tour" goes to the US
    if lemma_of(noun.head) in LEADING and noun.dep_ in ("dobj", "obj"):
        named_by = subjects(noun.head) or named_by  # "Saudi Arabia led an Arab intervention"
    actor = [c for c in noun.children if c.dep_ == "poss"] + agents(noun) + named_by
    of = [o for _, o in prep_objects(noun, ("of",))]
    if pattern.event in OF_IS_ACTOR and not actor:
        actor, of = of, []
    partners = [o for _, o in prep_objects(noun, ("with", "between", "among"))]
    if pattern.reciprocal and any(prep_objects(noun, ("between", "among"))):
        actor += partners  # "talks between X and Y": no one else takes part
    if not actor and (accused := accused_of(noun)):
        return accused, [o for _, o in prep_objects(noun, ("on", "against"))]
    if not actor and pattern.id in EXPULSION_NOUNS:  # "expulsions of X from Britain"
        actor = [o for _, o in prep_objects(noun, ("from",))]
    if not actor and noun.dep_ == "pobj" and noun.head.dep_ == "agent":
        return suffered_by(noun)  # "India has been hit by protests by caste groups"
    if not actor and is_undergone(noun):  # "he faces charges", "drew criticism from X"
        givers = [o for _, o in prep_objects(noun, ("from",))] or [
            o for _, o in prep_objects(noun.head, ("from",))]  # "received backing from X"
        return givers, subjects(noun.head)
    if not actor:
        actor = issuers(noun) or governor_subjects(noun)
    if pattern.reciprocal:
        return actor + [p for p in partners if p not in actor], []
    recipient = of or _prep_recipients(noun, pattern) or destinations
    if not recipient and noun.dep_ in ("dobj", "obj") and noun.head.pos_ == "VERB":
        recipient = _prep_recipients(noun.head, pattern)
    return actor, recipient


def accused_of(noun: Token) -> list[Token]:
    """``blamed the Russian government for the attack``, ``the attack, which Britain
    blamed on Russia``: the one blamed is the (alleged) doer of the act, not the one who
    blames."""
    for clause in (c for c in noun.children if c.dep_ == "relcl"):
        if lemma_of(clause) in BLAMING_VERBS:
            blamed = [o for _, o in prep_objects(clause, ("on",))]
            if blamed:
                return blamed
    head = noun.head
    if noun.dep_ != "pobj" or head.lower_ not in ("for", "of"):
        return []
    verb = head.head
    if verb.pos_ != "VERB" or lemma_of(verb) not in BLAMING_VERBS:
        return []
    return [o for o in objects(verb) if o.i < noun.i]


def is_undergone(noun: Token) -> bool:
    """``faces charges``, ``received a sentence``, ``drew criticism``: the subject
    undergoes the act the noun names."""
    return (noun.dep_ in ("dobj", "obj") and noun.head.pos_ in ("VERB", "AUX")
            and lemma_of(noun.head) in UNDERGOING_VERBS)


def governor_subjects(noun: Token) -> list[Token]:
    """The subject of the verb a nominal trigger depends on (``Gondor held talks``,
    ``Gondor expressed its rejection and condemnation``), not for background nouns
    (``despite concerns``)."""
    anchor = noun
    while anchor.dep_ == "conj" and anchor.head.pos_ in ("NOUN", "PROPN"):
        anchor = anchor.head
    if anchor is not noun:
        own = [c for c in anchor.children if c.dep_ == "poss"]
        if own:
            return own
    while anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and (
            lemma_of(anchor.head.head) in PHASES_WITHIN | SERIES):
        anchor = anchor.head.head  # "is coming to the end of a US tour": the tour's;
        # "detailed a number of allegations"
    if anchor.dep_ == "pobj" and lemma_of(anchor.head) in BACKGROUND_PREPS:
        return []
    if anchor.dep_ not in ("dobj", "obj", "attr", "nsubjpass", "pobj"):
        return []
    governor = anchor.head.head if anchor.dep_ == "pobj" else anchor.head
    if governor.pos_ == "ADJ" and governor.dep_ == "acomp":
        governor = governor.head  # "X was responsible for the killings"
    return subjects(governor) if governor.pos_ in ("VERB", "AUX") else []


def issuers(noun: Token) -> list[Token]:
    """Who made a nominal event through a participle or a relative clause: ``a statement
    issued by X``; ``a communique issued after the leaders (have) met`` (the meeting's
    participants); ``a related lawsuit the SEC filed``."""
    for clause in (c for c in noun.children if c.dep_ == "relcl"):
        own = [s for s in clause.children if s.dep_ == "nsubj" and s.tag_ not in RELATIVE_TAGS]
        if own:
            return own
    for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        found = agents(acl)
        for clause in (c for c in acl.children if c.dep_ == "advcl"):
            if any(m.lower_ in ("after", "following") for m in clause.children
                   if m.dep_ == "mark"):
                found = found or subjects(clause)
        if found:
            return found
    return []


def suffered_by(noun: Token) -> tuple[list[Token], list[Token]]:
    """A happening that hits someone (``India has been hit by several protests by caste
    groups``): its doers are the other ``by`` agents of the passive verb (the parser
    often hangs ``by caste groups`` there), its recipient who was hit."""
    verb = noun.head.head
    doers = [o for p, o in prep_objects(verb, ("by",)) if o.i != noun.i and not is_happening([o])]
    return doers, [c for c in verb.children if c.dep_ == "nsubjpass"]


def is_happening(heads: Sequence[Token]) -> bool:
    """``hit by several protests``, ``damaged by the storm``: the doer is itself a
    happening (coded as its own event where it is one), not a party."""
    return any(lemma_of(h) in HAPPENINGS for h in heads)


def is_non_agent(heads: Sequence[Token]) -> bool:
    """True when the only actor is an abstract noun ("the formal step gives …")."""
    return bool(heads) and all(lemma_of(h) in NON_AGENTS and h.pos_ != "PROPN"
                               and not is_authored(h) for h in heads)


def is_authored(noun: Token) -> bool:
    """``a Yahoo Sports report``, ``Amnesty's statement``: a text whose author is named
    acts for its author."""
    return lemma_of(noun) in AUTHORED and any(
        c.dep_ in ("compound", "poss") and c.ent_type_ in PARTY_ENTS for c in noun.children)
