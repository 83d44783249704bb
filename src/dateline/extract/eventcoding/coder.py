"""The rule coder: triggers → wrappers and modes → arguments → PLOVER events.

Every verb is a potential trigger (not only the sentence root: in news that is
usually ``said``), and so is an event nominalisation in an eventive position: the
object of a light or wrapper verb (``launched attacks``, ``demanded the withdrawal``),
the object of a temporal preposition (``following Trump's withdrawal``), the subject
of an occurrence verb (``talks began``) or a headline root. A light verb whose object
is a nominal trigger yields to it; a wrapper verb with an event (``urge``, ``refuse``,
``agree``, ``threaten``) is merged with the event it wraps. Drafts that belong together
are then merged (:mod:`.combine`), and arguments missing from a sentence are looked up
in the rest of the story (:mod:`.discourse`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from dateline.extract.dating import Dating, date_of
from dateline.extract.eventcoding import arguments as args
from dateline.extract.eventcoding import attach
from dateline.extract.eventcoding.classifier import EventModel
from dateline.extract.eventcoding.combine import SENDING, combined
from dateline.extract.eventcoding.discourse import with_providers
from dateline.extract.eventcoding.draft import Draft
from dateline.extract.eventcoding.judgements import (
    advocates_change,
    deemed_hostile,
    dismissal,
    judgement,
    judgement_as,
    verdict_clause,
    verdict_sides,
    would_be_doers,
)
from dateline.extract.eventcoding.modality import (
    NOUN_COMPLEMENT_DEPS,
    Modality,
    climb,
    content_mode,
    obligation,
    own_aux,
    recode,
)
from dateline.extract.eventcoding.senses import is_question, plausible
from dateline.extract.eventcoding.sides import implied_authority, place_of, story_sides
from dateline.extract.eventcoding.story import one_per_happening
from dateline.extract.eventcoding.triggers import (
    event_pattern,
    governs,
    is_infinitive,
    lemma_of,
    matches,
    objects,
)
from dateline.extract.extensions import records
from dateline.extract.quantities import casualties
from dateline.knowledge.plover import EventKnowledge, Pattern
from dateline.model import ActorMention, Event, Place, Quantity, Quote, TimeRef, event_id

TEMPORAL_PREPS = frozenset({"after", "following", "since", "before", "during", "amid", "amidst",
                            "despite", "over", "in"})
OCCURRENCE_VERBS = frozenset({"occur", "happen", "begin", "start", "continue", "erupt", "break",
                              "resume", "take", "last", "end", "come", "intensify", "escalate"})
Found = Mapping[int, tuple[Pattern, ...]]
RECIPIENT_REQUIRED = frozenset({"AID", "COOPERATE"})
ROLE_NOUNS = frozenset({"role", "roles", "mission", "missions", "capacity", "position"})
ARMED_NOUNS = frozenset({"troop", "soldier", "force", "peacekeeper", "contingent", "warship",
                         "battalion", "brigade", "unit", "marine", "paratrooper", "army"})
COMPLEMENT_NEEDED = {  # nouns that name an event only with what it is about
    "opposition": ("to", "from", "against"),
    "concern": ("about", "over", "at", "regarding", "for", "on"),
    "willingness": ("for",),  # or "willingness to renegotiate"
    "readiness": ("for",),
    "intervention": ("in",),  # "an intervention in Yemen's civil war"
}
NOT_MILITARY = frozenset({"diplomatic", "verbal", "judicial", "legal", "medical", "surgical",
                          "divine", "personal", "timely", "political", "economic", "monetary",
                          "market", "currency", "state", "government", "court", "policy"})
BLAME_WORDS = frozenset({"responsible", "blame", "accountable", "culpable"})
CROWD_ACTIONS = frozenset({"strike", "protest", "rally", "march", "demonstration", "sit-in"})
SUBORDINATE_DEPS = frozenset({"advcl", "acl", "relcl", "pcomp"})
SUBORDINATE_FACTOR = 0.8  # a side clause's event ranks below its main clause's
HYPOTHETICAL_FACTOR = 0.9  # "if X attacks", "until Y pays": conditions, not events
BLAME_PATTERN = "verb:be-responsible"
VERDICT_PATTERN = "noun:wrongdoing"
WARNING_PATTERN = "wrap:threaten"
ALLEGED_ACTS = frozenset({"verb:violate-rule", "verb:misdeed"})  # reported: the reporter
UNREPORTED_NONE = frozenset({"verb:misdeed"})  # accuses; unreported, a misdeed is no event
ACCUSING = frozenset({"accuse", "blame", "charge", "suspect", "allege", "indict", "convict"})
HANDLING_VERBS = frozenset({"wear", "own", "read", "watch", "compile", "wrap",
                            "pack", "drive", "ride", "eat", "drink", "cook", "paint"})
PREVENTING_VERBS = frozenset({"avert", "prevent", "avoid", "forestall", "preempt",
                              "pre-empt"})
SUGGESTING_VERBS = frozenset({"suggest", "recommend", "envisage", "envision", "advise"})
AIMING = frozenset({"want", "wish", "seek", "hope", "aim", "like"})
BRIEFINGS = frozenset({"conference", "briefing", "session"})
PHONE_PATTERN, CALLED_PATTERN = "verb:phone", "verb:call-as"
DESCRIBED_PATTERN = "verb:describe-as"
DEEMED_PATTERN = "verb:deem-hostile"
WORKS = frozenset({"work", "works", "construction", "repair", "renovation", "reconstruction",
                   "rebuilding", "upgrade", "project"})  # done by whoever announces them
WITNESSES = frozenset({"survivor", "victim", "witness", "perpetrator", "suspect", "scene"})
INCIDENTS = frozenset({"shooting", "bombing", "stabbing", "massacre", "assassination",
                       "ambush", "beheading", "kidnapping", "abduction"})  # a doer unnamed
SUPPORT_PATTERN = "verb:support"
WORKERS = frozenset({"worker", "teacher", "educator", "nurse", "doctor", "employee", "staff",
                     "union", "miner", "driver", "pilot", "docker", "farmer", "student",
                     "labourer", "laborer", "workforce"})


def roles_of(found: Found) -> Callable[[Token], frozenset[str]]:
    return lambda token: governs(found.get(token.i, ()))


def _noun_trigger_objects(verb: Token, found: Found) -> bool:
    return any(event_pattern(found.get(o.i, ())) for o in objects(verb) if o.pos_ == "NOUN")


def _object_specific(found: tuple[Pattern, ...]) -> bool:
    """Whether the verb's event pattern names its object (``call off a strike``,
    ``sign a treaty``): then the verb codes the event, not its object noun."""
    pattern = event_pattern(found)
    return pattern is not None and bool(pattern.object) and pattern.object != ("*",)


def is_candidate(token: Token, pattern: Pattern, found: Found) -> bool:
    """Whether a matched token is coded as an event trigger."""
    if pattern.id == VERDICT_PATTERN:
        return verdict_clause(token, roles_of(found)) is not None
    if pattern.event == "ACCUSE" and dismissal(token, roles_of(found)) is not None:
        return True  # "said objections were baseless": the speaker rejects them
    if pattern.pos == "verb":
        mine = found.get(token.i, ())
        light = "light" in governs(mine) and not _object_specific(mine)
        return not (light and _noun_trigger_objects(token, found))
    return _eventive_noun(token, found)


def _eventive_noun(noun: Token, found: Found, depth: int = 0) -> bool:
    head = noun.head
    if any(c.dep_ == "det" and c.lower_ in ("any", "no") for c in noun.children):
        return False  # "any such visit would be seen as a provocation", "no talks"
    if noun.dep_ == "attr" and any(c.dep_ == "expl" for c in head.children):
        return False  # "there must be dialogue": a maxim, no event
    if noun.dep_ == "attr" and head.lemma_ == "be":
        return False  # "would be the biggest threat to his bid": an evaluation
    needed = COMPLEMENT_NEEDED.get(lemma_of(noun))
    if needed is not None and not any(
        (c.dep_ == "prep" and c.lower_ in needed) or (c.dep_ == "acl" and is_infinitive(c))
        for c in noun.children
    ):
        return False  # "a fractured opposition" (the parties), "security concerns" (interests)
    if lemma_of(noun) == "intervention" and any(
            lemma_of(c) in NOT_MILITARY for c in noun.children if c.dep_ in ("amod", "compound")):
        return False  # "a diplomatic intervention in the dispute"
    if noun.dep_ == "ROOT" or _made(noun, found) or args.agents(noun) or args.accused_of(noun):
        return True  # "protests by caste groups", "an attack that Britain blamed on Russia"
    if noun.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN") and depth < 3:
        return bool(found.get(head.i)) and _eventive_noun(head, found, depth + 1)
    if noun.dep_ == "nsubj" and head.dep_ == "ccomp" and is_infinitive(head):
        head = head.head  # "announced a ceasefire to coincide with …": the object
        if head.pos_ in ("VERB", "AUX"):
            mine = found.get(head.i, ())
            return not _object_specific(mine) and (bool(governs(mine)) or
                                                   event_pattern(mine) is None)
    if noun.dep_ in NOUN_COMPLEMENT_DEPS and head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() in HANDLING_VERBS:
            return False  # "wearing a suit", "compiling a list": things handled
        if head.lemma_.lower() in PREVENTING_VERBS:
            return False  # "to avert a war": what was prevented did not happen
        if head.lemma_.lower() in SUGGESTING_VERBS and noun.dep_ in ("dobj", "obj"):
            return False  # "suggested direct talks": proposed, not held
        mine = found.get(head.i, ())
        if _object_specific(mine):
            return False
        return bool(governs(mine)) or event_pattern(mine) is None
    if noun.dep_ == "pobj":
        if head.lower_ in TEMPORAL_PREPS and head.lower_ != "in":
            return True
        if head.dep_ == "agent" and lemma_of(noun) in args.HAPPENINGS:
            return True  # "India has been hit by protests": the happening is the event
        if head.lower_ == "of" and lemma_of(head.head) in WITNESSES:
            return True  # "one of the survivors of the shooting": a happening people lived
        if head.lower_ == "of" and lemma_of(head.head) in args.PHASES:
            return True  # "the end of a three-week US tour", "the aftermath of the attack"
        if head.lower_ == "on" and "light" in governs(found.get(head.head.i, ())):
            return True  # "went on strike"
        if head.lower_ == "of" and lemma_of(head.head) in args.SERIES and depth < 3:
            return _eventive_noun(head.head, found, depth + 1)  # "detailed a number of
            # allegations": the allegations are what is detailed
        if head.lower_ == "for" and head.head.lemma_.lower() in BLAME_WORDS:
            return True  # "responsible for the killings"
        return head.lower_ in ("for", "to") and bool(governs(found.get(head.head.i, ())))
    return noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in OCCURRENCE_VERBS


def _made(noun: Token, found: Found) -> bool:
    """A noun with a light-verb participle (``a communique issued after …``, ``the attack
    carried out by …``) or relative clause (``a lawsuit the SEC filed``) is an event
    wherever it stands."""
    return any(((c.dep_ == "acl" and c.tag_ == "VBN") or c.dep_ == "relcl")
               and "light" in governs(found.get(c.i, ())) for c in noun.children)


def drafts(doc: Doc, knowledge: EventKnowledge) -> list[Draft]:
    """Every coded trigger in the document, wrappers merged into what they wrap."""
    found = {t.i: m for t in doc if (m := matches(t, knowledge.patterns))}
    roles = roles_of(found)
    out = []
    for i, patterns in found.items():
        pattern = event_pattern(patterns)
        if pattern is None or not is_candidate(doc[i], pattern, found):
            continue
        draft = make_draft(doc[i], pattern, roles, knowledge)
        if draft is not None:
            out.append(draft)
    absorbed = {d.modality.wrapper.i for d in out if d.modality.wrapper is not None}
    kept = [d for d in out if d.trigger.i not in absorbed]
    return combined(kept)


def make_draft(
    trigger: Token, pattern: Pattern, roles: Callable[[Token], frozenset[str]],
    knowledge: EventKnowledge,
) -> Draft | None:
    assert pattern.event is not None
    if pattern.pos == "noun" and trigger.lemma_.lower() in BRIEFINGS and any(
        c.lower_ in ("news", "press", "media") for c in trigger.children
    ):
        return None  # "told a news conference": a venue for statements, no consultation
    if pattern.pos == "verb" and not plausible(trigger, pattern):
        return None
    if pattern.governs == "request" and is_own_aim(trigger):
        return None  # "the agenda he and Kenyatta seek to realise": an aim, asked of nobody
    if pattern.governs == "request" and trigger.dep_ == "acl" and trigger.tag_ == "VBG":
        return None  # "an organization seeking an end to Austro-Hungarian rule": its aim
    governor = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
    if pattern.pos == "noun" and governor.pos_ in ("VERB", "AUX") and is_question(governor):
        return None  # "how Mexico will pay for the new aid": asked about, not told
    if pattern.event == "PROTEST" and pattern.pos == "verb" and any(
        c.dep_ == "ccomp" or (c.dep_ == "dobj" and trigger.lemma_ == "demonstrate")
        for c in trigger.children
    ):
        return None  # "demonstrates that …", "demonstrate the safety": shows, no protest
    modality = climb(trigger, roles)
    quad = knowledge.codebook.types[pattern.event].quad
    event, mode = recode(pattern.event, pattern.mode, modality, quad)
    relabels = [] if (event == pattern.event and modality.role != "want") or (
        modality.wrapper is not None) else [f"{modal_reason(modality)}:{event}"]
    dismissed = dismissal(trigger, roles) if pattern.pos == "noun" else None
    if pattern.id == VERDICT_PATTERN:
        actor, recipient = verdict_sides(trigger, roles)
        relabels.append("verdict:ACCUSE")
    elif dismissed is not None:
        event, mode = "REJECT", None  # "said objections were baseless"
        actor = args.subjects(dismissed.head)
        recipient = args.agents(trigger) or [c for c in trigger.children if c.dep_ == "poss"]
        relabels.append("dismissed:REJECT")
    elif pattern.pos == "verb":
        actor, recipient = args.verb_arguments(trigger, pattern)
    else:
        actor, recipient = args.noun_arguments(trigger, pattern)
    if modality.wrapper is not None:
        actor, recipient = _wrapped_arguments(modality, actor, recipient)
    if modality.speech is not None and actor and all(lemma_of(a) in WORKS for a in actor):
        actor = args.subjects(modality.speech) or actor  # "announced that work will start"
    if args.is_non_agent(actor) or (
            pattern.pos == "verb" and args.is_happening(args.agents(trigger))):
        return None
    before = event
    event, mode = by_participants(trigger, event, mode, actor, recipient)
    if event != before:
        relabels.append(f"participants:{event}")
    if pattern.id == PHONE_PATTERN and (judged := judgement(trigger)) is not None:
        if not judged or any(c.tag_ in ("WP", "WDT") and c.dep_ not in ("nsubj", "nsubjpass")
               for c in trigger.children):
            return None  # "in what the governor called a senseless act": an aside
        pattern, event, mode = replace(pattern, id=CALLED_PATTERN), judged, None
        recipient = objects(trigger)[:1] if any(c.dep_ == "oprd" for c in trigger.children) \
            else recipient
    if pattern.id == DEEMED_PATTERN:
        speech = deemed_hostile(trigger, roles)
        if speech is None:
            return None  # "was seen as a good sign"
        actor, recipient = args.subjects(speech), would_be_doers(trigger)
    if pattern.id == DESCRIBED_PATTERN:
        judged, recipient = judgement_as(trigger), objects(trigger)[:1]
        if not judged or not recipient:
            return None  # "described the deal as historic": no party judged
        event, mode = judged, None
    if pattern.id == SUPPORT_PATTERN and advocates_change(trigger):
        event, mode = "REQUEST", "change"  # "China advocates the peninsula should be
        relabels.append("advocate:REQUEST")  # denuclearized": asks for it to be done
        recipient = recipient or [s for c in trigger.children if c.dep_ == "ccomp"
                                  for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    if pattern.id == WARNING_PATTERN and warns_of_others(trigger):
        event, mode = "ACCUSE", "disapprove"  # "is warning that Russians could face
        relabels.append("warning:ACCUSE")  # provocations": what others may do, no threat
    draft = Draft(trigger, pattern, event, mode, modality, actor, recipient,
                  relabels=tuple(relabels))
    if pattern.id == BLAME_PATTERN:
        return blamed(draft)
    if pattern.id in ALLEGED_ACTS and (accusation := blamed(draft)) is not None:
        return replace(accusation, event="ACCUSE", mode="allege")  # "the ministry said the
        # US violated its commitments": the ministry's accusation, not a US refusal
    if pattern.id in UNREPORTED_NONE:
        return None  # "the BJP erred", told by the story itself: no one's act on another
    return demanded(draft) or draft


def is_own_aim(wrapper: Token) -> bool:
    """``seek to realise``, ``want to win``: a want or aim whose content is the
    subject's own act (an infinitive without a subject of its own, nobody asked). Not
    a refusal (``does not want to be a conflict arena between the U.S. and Iran``)."""
    if lemma_of(wrapper) not in AIMING or objects(wrapper) or "negated" in own_aux(wrapper):
        return False
    return any(c.dep_ == "xcomp" and is_infinitive(c) and not any(
        g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in wrapper.children)


def warns_of_others(warning: Token) -> bool:
    """A warning that someone else (not the one who warns) will suffer or do something
    (``Russia's embassy is warning that Russians travelling to the UK could face
    provocations``) threatens nothing: it blames. Coded alone, the warning's content
    holds no event of the speaker's own."""
    content = [c for c in warning.children if c.dep_ == "ccomp"]
    speaker = {lemma_of(s) for s in args.subjects(warning)}
    return any((s.dep_ == "csubj" or (s.dep_ in ("nsubj", "nsubjpass")
                                      and s.pos_ in ("NOUN", "PROPN")))
               and lemma_of(s) not in speaker for c in content for s in c.children)


def modal_reason(modality: Modality) -> str:
    """Which modality relabelled an event's type (for the evidence in ``rule``); ``want``
    marks the wish of the subject itself (``she wanted to thank``), relabelled or not."""
    if modality.role == "want" and "negated" not in modality.aux:
        return "want"
    for aux in ("negated", "future", "hypothetical"):
        if aux in modality.aux:
            return aux
    return "modality"


def blamed(draft: Draft) -> Draft | None:
    """``the government said the militants were responsible``: the speaker accuses the
    one held responsible; unreported, the phrase is no event of its own."""
    speech = draft.modality.speech
    speaker = args.subjects(speech) if speech is not None else []
    if not speaker or not draft.actor:
        return None
    return replace(draft, actor=speaker, recipient=draft.actor,
                   relabels=(*draft.relabels, "blame:ACCUSE"))


def by_participants(
    trigger: Token, event: str, mode: str | None, actor: list[Token], recipient: list[Token]
) -> tuple[str, str | None]:
    """Senses that the participants decide: a crowd that protests demonstrates (a
    government that protests complains: ACCUSE), one person who vandalises destroys;
    troops that arrive or take part are moved (MOBILIZE), and troops sent as
    peacekeepers are aid."""
    if event == "ACCUSE" and trigger.lemma_.lower() == "protest" and _crowd(trigger, actor):
        return "PROTEST", "demo"
    if event == "ASSAULT" and trigger.lemma_.lower() == "strike" and not objects(trigger) and any(
        a.lemma_.lower() in WORKERS for a in actor
    ):  # a strike that hits something ("striking her arm") is a blow
        return "PROTEST", "strike"  # "teachers striking in West Virginia"
    if event == "PROTEST" and mode == "vandalize" and actor and not _crowd(trigger, actor):
        return "ASSAULT", "destroy"  # "the suspect vandalised two cars": damage, no protest
    if event == "CONSULT" and mode in ("visit", "multilateral") and any(
        a.lemma_.lower() in ARMED_NOUNS for a in actor
    ):
        event, mode = "MOBILIZE", "troops"  # "troops arrived in the capital"
    if event == "MOBILIZE" and _peacekeeping(trigger, (*actor, *recipient)):
        return "AID", None
    return event, mode


def _crowd(trigger: Token, actor: Sequence[Token]) -> bool:
    """People in numbers (``thousands``, ``workers``), or a protest already under way
    (``went on a hunger strike, protesting …``)."""
    if any(a.tag_ == "NNS" or any(c.dep_ == "nummod" for c in a.children) for a in actor):
        return True
    head = trigger.head if trigger.dep_ == "advcl" else None
    return head is not None and any(o.lemma_.lower() in CROWD_ACTIONS for o in objects(head))


def _peacekeeping(trigger: Token, heads: Sequence[Token]) -> bool:
    tokens = [t for h in (trigger, *heads) for t in h.subtree]
    return any(t.lower_.startswith("peacekeep") for t in tokens)


def demanded(draft: Draft) -> Draft | None:
    """``Russia says Israel must end the attacks``: an obligation reported from someone
    else is that speaker's REQUEST to the obliged party."""
    speech = draft.modality.speech
    if speech is None or draft.modality.wrapper is not None or not obligation(draft.trigger):
        return None
    speaker = args.subjects(speech)
    obliged = draft.actor or draft.recipient
    if not speaker or any(h.pos_ == "PRON" for h in obliged) or draft.event == "REQUEST":
        return None
    aux = draft.modality.aux - {"hypothetical"}
    return replace(draft, event="REQUEST", mode=content_mode(draft.event, draft.mode, "request"),
                   actor=speaker, recipient=obliged,
                   modality=replace(draft.modality, aux=aux),
                   relabels=(*draft.relabels, "obligation:REQUEST"))


def _wrapped_arguments(
    modality: Modality, actor: list[Token], recipient: list[Token]
) -> tuple[list[Token], list[Token]]:
    wrapper = modality.wrapper
    assert wrapper is not None
    outer = args.subjects(wrapper) or args.agents(wrapper)
    if modality.role == "request":
        asked = [a for a in actor if a not in outer]
        return outer, asked or recipient
    return outer or actor, recipient


@dataclass(frozen=True, slots=True)
class Story:
    """What the other extractors found in a document, read once for all its events."""

    sentences: dict[int, int]  # token index of each sentence start → sentence number
    actors: args.ActorIndex
    times: list[TimeRef]
    places: list[Place]
    quotes: list[Quote]
    quantities: list[Quantity]
    focus: str | None = None  # the country the story happens in (the actors component's)

    @classmethod
    def of(cls, doc: Doc) -> Story:
        return cls(
            sentences={sent.start: n for n, sent in enumerate(doc.sents)},
            actors=args.ActorIndex(records(doc, "dateline_actors")),
            times=records(doc, "dateline_times"),
            places=records(doc, "dateline_places"),
            quotes=records(doc, "dateline_quotes"),
            quantities=records(doc, "dateline_quantities"),
            focus=doc._.dateline_focus,
        )


def event_bounds(draft: Draft) -> tuple[int, int]:
    """Token bounds of the event text: trigger, wrapper and argument phrases, in-sentence,
    and what a nominal trigger is about (``our willingness to renegotiate NAFTA``)."""
    sent = draft.trigger.sent
    heads = [draft.trigger, *draft.actor, *draft.recipient]
    if draft.modality.wrapper is not None:
        heads.append(draft.modality.wrapper)
    if (draft.pattern.id == VERDICT_PATTERN or "dismissed:REJECT" in draft.relabels) and (
            draft.trigger.head.lemma_ == "be"):
        heads.append(draft.trigger.head)  # "voter fraud is widespread": the whole verdict
    if draft.trigger.dep_ == "relcl":  # "lists of questions that it wants Britain to answer"
        heads.append(draft.trigger.head)
    bounds = [args.phrase_bounds(h) for h in heads if h.sent == sent]
    bounds += [(c.left_edge.i, c.right_edge.i + 1) for c in draft.trigger.children
               if c.sent == sent and is_content(draft.pattern, c)]
    start = max(sent.start, min(b[0] for b in bounds))
    return start, min(sent.end, max(b[1] for b in bounds))


def is_content(pattern: Pattern, child: Token) -> bool:
    """What a trigger is about, shown in its event text: ``our willingness to
    renegotiate NAFTA``, ``tried to force him to resign``; for a wrapper coded alone,
    what is wanted, refused or warned of (``wants Britain and France to answer the lists
    of questions``)."""
    if pattern.pos == "noun":
        return child.dep_ == "acl" and is_infinitive(child)
    if child.dep_ == "ccomp" and advocates_change(child.head):
        return True  # "advocates the peninsula should be denuclearized"
    if child.dep_ == "xcomp" and any(c.dep_ in ("dobj", "obj") for c in child.head.children):
        return True  # "tried to force him to resign": what the object is made to do
    return pattern.id.startswith("wrap:") and child.dep_ in ("xcomp", "ccomp")


def build_event(doc: Doc, draft: Draft, knowledge: EventKnowledge, story: Story) -> Event:
    """The event record: spans, codes, scores, date, place, source and contexts."""
    actor = story_sides(doc, outside_clause(args.mentions(doc, draft.actor, story.actors),
                                            draft.trigger), story.quotes,
                        story.focus) or implied_authority(draft, story.actors, story.focus)
    recipient = tuple(place_of(m, story.places) for m in story_sides(
        doc, args.mentions(doc, draft.recipient, story.actors), story.quotes, story.focus))
    if draft.event in RECIPIENT_REQUIRED and not any(r.code for r in recipient) and all(
        r.text.split()[-1].lower() in ROLE_NOUNS for r in recipient
    ):
        recipient = attach.host_country(doc, draft.trigger, story.places)
    event_loc = attach.location_of(doc, draft.trigger, draft.modality, story.places)
    if draft.event == "PROTEST" and not any(r.code for r in recipient):
        recipient = protested_state(draft.trigger, event_loc, story.focus) or recipient
    start, end = event_bounds(draft)
    span = doc[start:end]
    dating = date_of(doc, draft.trigger, draft.modality, story.times, doc._.dateline_date)
    aux = set(draft.modality.aux)
    if any(a.former for a in actor) and dating.text is None:
        dating = Dating(historical=True)
    if dating.historical:
        aux.add("historical")
    if is_alleged(draft.trigger):
        aux.add("alleged")
    rule = rule_of(draft)
    if not actor and draft.pattern.pos == "noun" and lemma_of(draft.trigger) in INCIDENTS:
        actor = modifying_doers(draft.trigger, story.actors)  # "the police shooting of X"
        if not actor and (unnamed := unnamed_attackers(draft, event_loc, dating, story.focus)):
            actor, rule = unnamed, f"{rule}+actor:unnamed"
    codebook = knowledge.codebook
    return Event(
        id=event_id(doc._.dateline_article_id or "", (span.start_char, span.end_char),
                    draft.event),
        event=draft.event, span=(span.start_char, span.end_char), event_text=span.text,
        sentence=story.sentences.get(draft.trigger.sent.start, 0), rule=rule,
        confidence=confidence(draft, actor, recipient), mode=draft.mode,
        context=attach.contexts(draft.trigger.sent, draft.event, draft.pattern.context,
                                (*actor, *recipient), codebook),
        actor=actor, recipient=recipient, date=dating.date, date_precision=dating.precision,
        enddate=dating.enddate, date_text=dating.text,
        event_loc=event_loc,
        aux=tuple(sorted(aux)), quad_code=codebook.types[draft.event].quad,
        score=codebook.score(draft.event, draft.mode),
        cameo_root=codebook.cameo_root(draft.event, draft.mode),
        source_quote=source_of(doc, draft, story),
        size=size_of(doc, draft, codebook.types[draft.event].quad, story.quantities),
    )


def outside_clause(
    mentions: tuple[ActorMention, ...], trigger: Token
) -> tuple[ActorMention, ...]:
    """``the initiative expelling Russian diplomats``: a participle's doer is the noun it
    modifies, never a phrase of its own clause (the diplomats are expelled, not expelling)."""
    if trigger.dep_ != "acl" or trigger.tag_ != "VBG":
        return mentions
    last = trigger.doc[trigger.right_edge.i]
    start, end = trigger.left_edge.idx, last.idx + len(last.text)
    return tuple(m for m in mentions if not (start <= m.span[0] and m.span[1] <= end))


def modifying_doers(noun: Token, actors: args.ActorIndex) -> tuple[ActorMention, ...]:
    """``the fatal police shooting``: coded actors among the words before an incident noun
    are its doers."""
    start = noun.left_edge.idx
    return tuple(m for m in actors.inside(start, noun.idx) if m.code or m.sector)


def unnamed_attackers(
    draft: Draft, place: Place | None, dating: Dating, focus: str | None
) -> tuple[ActorMention, ...]:
    """``the shooting in February at Marjory Stoneman Douglas High School``: an incident
    told with its time or place but no doer was done by unnamed attackers of the country
    it happened in (as ACLED codes "unidentified armed group")."""
    trigger = draft.trigger
    code = place.country if place is not None and place.country else focus
    if code is None or (dating.text is None and place is None):
        return ()
    span = (trigger.idx, trigger.idx + len(trigger.text))
    return (ActorMention(trigger.text, span, code, kind="implied"),)


def protested_state(
    trigger: Token, place: Place | None, focus: str | None
) -> tuple[ActorMention, ...]:
    """``teachers striking in West Virginia``: a protest that names no target is made to
    the authorities of the country where it happens (the story's, when unplaced)."""
    code = (place.country if place is not None else None) or focus
    if code is None:
        return ()
    span = (trigger.idx, trigger.idx + len(trigger.text))
    return (ActorMention(trigger.text, span, code, "GOV", kind="implied"),)


def is_alleged(trigger: Token) -> bool:
    """What a speaker alleges (``accused Rwanda of backing the rebels``, ``allegedly
    attacked``) is marked ``alleged``: the accusation is the reported fact."""
    if any(c.lower_ in ("allegedly", "reportedly") for c in trigger.children):
        return True
    head = trigger.head
    if any(c.dep_ == "relcl" and lemma_of(c) in ACCUSING for c in trigger.children):
        return True  # "the attack, which Britain blamed on Russia"
    return (trigger.dep_ in ("pcomp", "pobj") and head.lower_ in ("of", "for")
            and lemma_of(head.head) in ACCUSING)


def size_of(
    doc: Doc, draft: Draft, quad: int, quantities: Sequence[Quantity]
) -> dict[str, float] | None:
    """PLOVER's size object (dead, injured, arrested) for material-conflict events."""
    if quad != 4:
        return None
    counts = casualties(doc, draft.trigger, quantities)
    return counts or None


def source_of(doc: Doc, draft: Draft, story: Story) -> ActorMention | None:
    speech = draft.modality.speech
    heads = args.subjects(speech) if speech is not None else []
    speaker = args.mentions(doc, heads[:1], story.actors)[0] if heads else None
    return attach.quote_source(doc, draft.trigger, speaker, story.quotes)


def rule_of(draft: Draft) -> str:
    """The pattern id, prefixed by the wrapper that recoded it (``wrap:request>verb:…``)
    and by the call or mission that carried it (``via:phone>verb:support``,
    ``via:send>verb:investigate``)."""
    wrapper = draft.modality.wrapper
    rule = "+".join((draft.pattern.id, *draft.relabels))
    if wrapper is not None:
        rule = f"wrap:{draft.modality.role}>{rule}"
    if draft.medium is None:
        return rule
    return f"via:{'phone' if draft.medium.lemma_.lower() not in SENDING else 'send'}>{rule}"


def is_subordinate(draft: Draft) -> bool:
    """Whether the event sits in a non-finite side clause (a participle or a purpose
    infinitive: ``signed a deal aimed at easing …``) or after a temporal preposition
    (``resigned after protests``)."""
    if draft.medium is not None:
        return False
    if draft.modality.side:
        return True
    top = draft.modality.chain[-1] if draft.modality.chain else draft.trigger
    if top.dep_ in SUBORDINATE_DEPS:
        return not any(c.dep_ in ("nsubj", "nsubjpass") for c in top.children)  # non-finite
    return top.dep_ == "pobj" and top.head.lower_ in TEMPORAL_PREPS and top.head.lower_ != "in"


def confidence(draft: Draft, actor: Sequence[ActorMention], recipient: Sequence[ActorMention]) -> (
    float
):
    """Pattern confidence, lowered when arguments are missing or uncoded."""
    value = draft.pattern.confidence
    if is_subordinate(draft):
        value *= SUBORDINATE_FACTOR
    if "hypothetical" in draft.modality.aux:
        value *= HYPOTHETICAL_FACTOR
    if not actor:
        value *= 0.75
    if not recipient and not draft.pattern.reciprocal:
        value *= 0.9
    if actor and all(a.code is None for a in actor):
        value *= 0.9
    return round(value, 3)


def coded(doc: Doc, knowledge: EventKnowledge) -> list[tuple[Draft, Event]]:
    """Every rule draft with the event built from it (before dedup), in draft order."""
    story = Story.of(doc)
    pairs = [(d, build_event(doc, d, knowledge, story)) for d in drafts(doc, knowledge)]
    return with_providers(doc, pairs)


def code_events(
    doc: Doc, knowledge: EventKnowledge, model: EventModel | None = None
) -> list[Event]:
    """All PLOVER events of a parsed document, in text order.

    With a ``model`` (the statistical event classifier), each rule event is checked
    against it and relabelled where the classifier is confident otherwise
    (:func:`dateline.extract.eventcoding.classifier.EventModel.review`).
    """
    pairs = coded(doc, knowledge)
    if model is not None and pairs:
        events = model.review(pairs, knowledge)
    else:
        events = [e for _, e in pairs]
    unique = {(e.span, e.event): e for e in events}
    ordered = sorted(unique.values(), key=lambda e: (e.span[0], e.span[1], e.event))
    return one_per_happening(ordered, actors_given=bool(doc._.dateline_actors_given),
                             story_date=doc._.dateline_date, focus=doc._.dateline_focus,
                             actors=records(doc, "dateline_actors"))
