"""Drafts that belong together, merged into one event.

- consequence participles of an attack (``attacked the village, killing 12``) and
  purposes that repeat their event (``met to discuss``) merge into the head event;
- a call or a mission carries its purpose (``called X to congratulate him``, ``sent
  experts to Y to investigate``): the purpose is the event;
- aid given for a purpose is one AID event whose recipient the purpose may name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from spacy.tokens import Token

from dateline.extract.eventcoding.draft import Draft
from dateline.extract.eventcoding.triggers import is_infinitive, objects, prep_objects
from dateline.extract.syntax import PURPOSE_DEPS

CONSEQUENCE_VERBS = frozenset({"kill", "wound", "injure", "maim", "hurt", "leave"})
PHONE_PATTERN = "verb:phone"
SENDING = frozenset({"send", "dispatch"})


def combined(found: list[Draft]) -> list[Draft]:
    """All merging steps, in order."""
    return aid_purposes(carried_by_calls(without_consequences(found)))


def aid_purposes(found: list[Draft]) -> list[Draft]:
    """Aid given for a purpose (``provided $2 billion in assistance to support refugees``)
    is one AID event; the purpose names its recipient when the giving does not."""
    by_trigger = {d.trigger.i: d for d in found}
    purposes: dict[int, Draft] = {}
    for draft in found:
        giver = by_trigger.get(draft.trigger.head.i)
        if (giver is not None and giver is not draft and giver.event == "AID"
                and draft.trigger.dep_ in PURPOSE_DEPS and is_infinitive(draft.trigger)
                and _peaceful(draft) and draft.event not in ("REQUEST", "ACCUSE", "REJECT")):
            purposes.setdefault(giver.trigger.i, draft)
    merged = {d.trigger.i for d in purposes.values()}
    out = []
    for draft in found:
        if draft.trigger.i in merged:
            continue
        purpose = purposes.get(draft.trigger.i)
        if purpose is not None and not draft.recipient:
            draft = replace(draft, recipient=purpose.recipient)
        out.append(draft)
    return out


def consequence_of(draft: Draft, triggers: Mapping[int, Draft]) -> Draft | None:
    """The attack whose outcome a participle reports (``attacked the village, killing 12
    and wounding 30``): one attack, whose casualties fill its ``size``."""
    token = draft.trigger
    if draft.event != "ASSAULT" or token.lemma_.lower() not in CONSEQUENCE_VERBS:
        return None
    while token.dep_ == "conj" and token.head.tag_ == "VBG":
        token = token.head
    if token.tag_ != "VBG" or token.dep_ not in ("advcl", "xcomp", "conj"):
        return None
    head = triggers.get(token.head.i)
    return head if head is not None and head.event == "ASSAULT" and head is not draft else None


def without_consequences(found: list[Draft]) -> list[Draft]:
    """Drop consequence participles merged into the attack they follow, and purposes
    that repeat their head event (``met in Ankara to discuss the bid``: one meeting)."""
    by_trigger = {d.trigger.i: d for d in found}
    return [d for d in found
            if consequence_of(d, by_trigger) is None and not _repeats_head(d, by_trigger)]


def _repeats_head(draft: Draft, triggers: Mapping[int, Draft]) -> bool:
    head = triggers.get(draft.trigger.head.i)  # (AID purposes: see aid_purposes)
    return (head is not None and head is not draft and head.event == draft.event != "AID"
            and draft.trigger.dep_ in PURPOSE_DEPS and is_infinitive(draft.trigger))


def carried_by_calls(found: list[Draft]) -> list[Draft]:
    """A call or a mission that carries a purpose codes the purpose: ``called X to
    congratulate him`` is SUPPORT from the caller to the one called; ``sent experts to
    Y to investigate`` is ACCUSE towards Y (the destination). Sending troops to fight
    stays a MOBILIZE: a purpose of force is not yet an attack."""
    by_trigger = {d.trigger.i: d for d in found}
    carriers: dict[int, tuple[Draft, list[Token]]] = {}
    for draft in found:
        head = draft.trigger.head
        if draft.trigger.dep_ not in PURPOSE_DEPS or head.i not in by_trigger:
            continue
        carrier = by_trigger[head.i]
        if carrier.pattern.id == PHONE_PATTERN and carrier.recipient:
            carriers[draft.trigger.i] = (carrier, carrier.recipient)
        elif _sends(carrier.trigger) and _peaceful(draft) and is_infinitive(draft.trigger):
            destination = _destination(carrier.trigger)
            carriers[draft.trigger.i] = (carrier, destination or draft.recipient)
    used = {carrier.trigger.i for carrier, _ in carriers.values()}
    out = []
    for draft in found:
        if draft.trigger.i in carriers:
            carrier, recipient = carriers[draft.trigger.i]
            out.append(replace(draft, actor=carrier.actor or draft.actor, recipient=recipient,
                               medium=carrier.trigger))
        elif draft.trigger.i not in used:
            out.append(draft)
    return out


def _destination(verb: Token) -> list[Token]:
    """Where something is sent: ``sent experts to Y``, ``sent a team of experts to Y``."""
    owners = [verb, *objects(verb)]
    owners += [o for head in objects(verb) for _, o in prep_objects(head, ("of",))]
    for owner in owners:
        found = [o for _, o in prep_objects(owner, ("to", "into"))]
        if found:
            return found
    return []


def _sends(token: Token) -> bool:
    return token.lemma_.lower() in SENDING and token.pos_ == "VERB"


def _peaceful(draft: Draft) -> bool:
    return draft.event not in ("ASSAULT", "MOBILIZE", "COERCE")
