"""The rule coder: triggers → wrappers and modes → arguments → PLOVER events.

Every verb is a potential trigger (not only the sentence root: in news that is
usually ``said``), and so is an event nominalisation in an eventive position: the
object of a light or wrapper verb (``launched attacks``, ``demanded the withdrawal``),
the object of a temporal preposition (``following Trump's withdrawal``), the subject
of an occurrence verb (``talks began``) or a headline root. A light verb whose object
is a nominal trigger yields to it; a wrapper verb with an event (``urge``, ``refuse``,
``agree``, ``threaten``) is merged with the event it wraps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dateline.extract.eventcoding import arguments as args
from dateline.extract.eventcoding import attach
from dateline.extract.eventcoding.classifier import EventModel
from dateline.extract.eventcoding.modality import NOUN_COMPLEMENT_DEPS, Modality, climb, recode
from dateline.extract.eventcoding.triggers import event_pattern, governs, matches, objects
from dateline.extract.extensions import records
from dateline.extract.quantities import casualties
from dateline.knowledge.plover import EventKnowledge, Pattern
from dateline.model import ActorMention, Event, event_id

TEMPORAL_PREPS = frozenset({"after", "following", "since", "before", "during", "amid", "amidst",
                            "despite", "over", "in"})
OCCURRENCE_VERBS = frozenset({"occur", "happen", "begin", "start", "continue", "erupt", "break",
                              "resume", "take", "last", "end", "come", "intensify", "escalate"})
Found = Mapping[int, tuple[Pattern, ...]]
RECIPIENT_REQUIRED = frozenset({"AID", "COOPERATE"})
ROLE_NOUNS = frozenset({"role", "roles", "mission", "missions", "capacity", "position"})


@dataclass(frozen=True, slots=True)
class Draft:
    """An event before its record is built: trigger, codes, argument heads, modes."""

    trigger: Token
    pattern: Pattern
    event: str
    mode: str | None
    modality: Modality
    actor: list[Token]
    recipient: list[Token]


def roles_of(found: Found) -> Callable[[Token], frozenset[str]]:
    return lambda token: governs(found.get(token.i, ()))


def _noun_trigger_objects(verb: Token, found: Found) -> bool:
    return any(event_pattern(found.get(o.i, ())) for o in objects(verb) if o.pos_ == "NOUN")


def is_candidate(token: Token, pattern: Pattern, found: Found) -> bool:
    """Whether a matched token is coded as an event trigger."""
    if pattern.pos == "verb":
        light = "light" in governs(found.get(token.i, ()))
        return not (light and _noun_trigger_objects(token, found))
    return _eventive_noun(token, found)


def _eventive_noun(noun: Token, found: Found) -> bool:
    head = noun.head
    if noun.dep_ == "ROOT":
        return True
    if noun.dep_ in NOUN_COMPLEMENT_DEPS and head.pos_ in ("VERB", "AUX"):
        mine = found.get(head.i, ())
        return bool(governs(mine)) or event_pattern(mine) is None
    if noun.dep_ == "pobj":
        if head.lower_ in TEMPORAL_PREPS and (noun.dep_ != "pobj" or head.lower_ != "in"):
            return True
        return head.lower_ in ("for", "to") and bool(governs(found.get(head.head.i, ())))
    return noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in OCCURRENCE_VERBS


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
    return [d for d in out if d.trigger.i not in absorbed]


def make_draft(
    trigger: Token, pattern: Pattern, roles: Callable[[Token], frozenset[str]],
    knowledge: EventKnowledge,
) -> Draft | None:
    assert pattern.event is not None
    modality = climb(trigger, roles)
    quad = knowledge.codebook.types[pattern.event].quad
    event, mode = recode(pattern.event, pattern.mode, modality, quad)
    if pattern.pos == "verb":
        actor, recipient = args.verb_arguments(trigger, pattern)
    else:
        actor, recipient = args.noun_arguments(trigger, pattern)
    if modality.wrapper is not None:
        actor, recipient = _wrapped_arguments(modality, actor, recipient)
    if args.is_non_agent(actor):
        return None
    return Draft(trigger, pattern, event, mode, modality, actor, recipient)


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


def sentence_index(doc: Doc) -> dict[int, int]:
    """Token index of each sentence start → sentence number."""
    return {sent.start: n for n, sent in enumerate(doc.sents)}


def event_bounds(draft: Draft) -> tuple[int, int]:
    """Token bounds of the event text: trigger, wrapper and argument phrases, in-sentence."""
    sent = draft.trigger.sent
    heads = [draft.trigger, *draft.actor, *draft.recipient]
    if draft.modality.wrapper is not None:
        heads.append(draft.modality.wrapper)
    bounds = [args.phrase_bounds(h) for h in heads if h.sent == sent]
    start = max(sent.start, min(b[0] for b in bounds))
    return start, min(sent.end, max(b[1] for b in bounds))


def build_event(doc: Doc, draft: Draft, knowledge: EventKnowledge, sentences: dict[int, int]) -> (
    Event
):
    """The event record: spans, codes, scores, date, place, source and contexts."""
    known = records(doc, "dateline_actors")
    actor = args.mentions(doc, draft.actor, known)
    recipient = args.mentions(doc, draft.recipient, known)
    if draft.event in RECIPIENT_REQUIRED and not any(r.code for r in recipient) and all(
        r.text.split()[-1].lower() in ROLE_NOUNS for r in recipient
    ):
        recipient = attach.host_country(doc, draft.trigger, records(doc, "dateline_places"))
    start, end = event_bounds(draft)
    span = doc[start:end]
    dating = attach.date_of(doc, draft.trigger, draft.modality,
                            records(doc, "dateline_times"), doc._.dateline_date)
    aux = set(draft.modality.aux)
    if any(a.former for a in actor) and dating.text is None:
        dating = attach.Dating(historical=True)
    if dating.historical:
        aux.add("historical")
    codebook = knowledge.codebook
    return Event(
        id=event_id(doc._.dateline_article_id or "", (span.start_char, span.end_char),
                    draft.event),
        event=draft.event, span=(span.start_char, span.end_char), event_text=span.text,
        sentence=sentences.get(draft.trigger.sent.start, 0), rule=rule_of(draft),
        confidence=confidence(draft, actor, recipient), mode=draft.mode,
        context=attach.contexts(draft.trigger.sent, draft.event, draft.pattern.context,
                                (*actor, *recipient), codebook),
        actor=actor, recipient=recipient, date=dating.date, date_precision=dating.precision,
        enddate=dating.enddate, date_text=dating.text,
        event_loc=attach.location_of(doc, draft.trigger, draft.modality,
                                     records(doc, "dateline_places")),
        aux=tuple(sorted(aux)), quad_code=codebook.types[draft.event].quad,
        score=codebook.score(draft.event, draft.mode),
        cameo_root=codebook.cameo_root(draft.event, draft.mode),
        source_quote=source_of(doc, draft, known),
        size=size_of(doc, draft, codebook.types[draft.event].quad),
    )


def size_of(doc: Doc, draft: Draft, quad: int) -> dict[str, float] | None:
    """PLOVER's size object (dead, injured, arrested) for material-conflict events."""
    if quad != 4:
        return None
    counts = casualties(doc, draft.trigger, records(doc, "dateline_quantities"))
    return counts or None


def source_of(doc: Doc, draft: Draft, known: Sequence[ActorMention]) -> ActorMention | None:
    speech = draft.modality.speech
    heads = args.subjects(speech) if speech is not None else []
    speaker = args.mentions(doc, heads[:1], known)[0] if heads else None
    return attach.quote_source(doc, draft.trigger, speaker, records(doc, "dateline_quotes"))


def rule_of(draft: Draft) -> str:
    """The pattern id, prefixed by the wrapper that recoded it (``wrap:request>verb:…``)."""
    wrapper = draft.modality.wrapper
    if wrapper is None:
        return draft.pattern.id
    return f"wrap:{draft.modality.role}>{draft.pattern.id}"


def confidence(draft: Draft, actor: Sequence[ActorMention], recipient: Sequence[ActorMention]) -> (
    float
):
    """Pattern confidence, lowered when arguments are missing or uncoded."""
    value = draft.pattern.confidence
    if not actor:
        value *= 0.75
    if not recipient and not draft.pattern.reciprocal:
        value *= 0.9
    if actor and all(a.code is None for a in actor):
        value *= 0.9
    return round(value, 3)


def coded(doc: Doc, knowledge: EventKnowledge) -> list[tuple[Draft, Event]]:
    """Every rule draft with the event built from it (before dedup), in draft order."""
    sentences = sentence_index(doc)
    return [(d, build_event(doc, d, knowledge, sentences)) for d in drafts(doc, knowledge)]


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
    return sorted(unique.values(), key=lambda e: (e.span[0], e.span[1], e.event))
