"""The sides of an event from the whole story, not only its clause.

The clause gives argument phrases; the story says who they are: a speaker's ``we``
inside their own quote, people the knowledge lacks (they belong to the country the story
happens in), a place standing for its country, and the state behind a passive arrest or
charge with no agent named (kind ``implied``, spanning the verb).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from dateline.extract.eventcoding.arguments import ActorIndex, is_authored, is_undergone
from dateline.extract.eventcoding.draft import Draft
from dateline.model import ActorMention, Place, Quote

FIRST_PERSON = frozenset({"we", "us", "i", "me", "our"})
PEOPLE_NOUNS = frozenset({
    "man", "woman", "boy", "girl", "child", "teenager", "person", "people", "owner",
    "suspect", "driver", "resident", "victim", "father", "mother", "son", "daughter",
    "wife", "husband", "family", "worker", "employee", "student", "teacher", "doctor",
    "nurse", "lawyer", "businessman", "businesswoman", "citizen", "villager", "farmer",
    "civilian", "passenger", "prisoner", "detainee", "gunman", "attacker", "assailant"})
EXPULSIONS = frozenset({"COERCE", "SANCTION"})
AUTHORITY_ACTS = {"verb:expel-diplomat": "GOV", "verb:arrest": "COP", "verb:deport": "COP",
                  "verb:seize": "COP", "verb:accuse": "JUD", "verb:convict": "JUD",
                  "verb:investigate": "COP", "noun:accuse": "JUD", "noun:convict": "JUD",
                  "noun:arrest": "COP", "verb:award-honour": "GOV"}


def story_sides(
    doc: Doc, sides: tuple[ActorMention, ...], quotes: Sequence[Quote], focus: str | None
) -> tuple[ActorMention, ...]:
    """The sides of an event with what the story tells about them: a speaker's ``we``
    inside their own quote, and people the knowledge does not know."""
    return local_people(doc, tuple(speaker_of(m, quotes) for m in sides), focus)


def place_of(mention: ActorMention, places: Sequence[Place]) -> ActorMention:
    """A recipient that is a place the actor extractor left alone (``striking in West
    Virginia``, ``sued California``) stands for the country it lies in: a country's name
    is the state (kind ``metonym``), a region or town its people there (kind ``place``,
    so a state acting in its own region keeps it: ``inaugurated hospitals in
    Waziristan``)."""
    if mention.kind != "phrase":
        return mention
    for place in places:
        if place.country and place.span == mention.span and place.use != "associative":
            kind = "metonym" if place.feature == "country" else "place"
            return replace(mention, code=place.country, kind=kind)
    return mention


def speaker_of(mention: ActorMention, quotes: Sequence[Quote]) -> ActorMention:
    """``"We apologise unreservedly," the club said``: a first-person pronoun inside a
    quote is its speaker."""
    if mention.code is not None or mention.text.lower() not in FIRST_PERSON:
        return mention
    for quote in quotes:
        speaker = quote.speaker
        if speaker is not None and speaker.code and (
            quote.span[0] <= mention.span[0] and mention.span[1] <= quote.span[1]
        ):
            return replace(mention, code=speaker.code, sector=speaker.sector, kind="pronoun",
                           refers_to=speaker.refers_to or speaker.span)
    return mention


def local_people(
    doc: Doc, sides: tuple[ActorMention, ...], focus: str | None
) -> tuple[ActorMention, ...]:
    """People the knowledge does not know (``the owner of a restaurant``, ``a
    47-year-old man``, ``Paul Floyd``) belong to the country the story happens in."""
    if focus is None:
        return sides
    return tuple(local(doc, m, focus) if m.kind == "phrase" else m for m in sides)


def local(doc: Doc, mention: ActorMention, focus: str) -> ActorMention:
    """A phrase naming someone the knowledge lacks, as one of the story's country: a
    person (``a 47-year-old man``), or a body behind a report (``a Yahoo Sports
    report``); anything else stays a phrase."""
    span = doc.char_span(*mention.span, alignment_mode="expand")
    if span is None:
        return mention
    if is_person_phrase(doc, mention):
        return replace(mention, code=focus, sector=mention.sector or "CVL", kind="description")
    if is_authored(span.root) and any(c.ent_type_ == "ORG" for c in span.root.children):
        return replace(mention, code=focus, kind="organisation")
    return mention


def is_person_phrase(doc: Doc, mention: ActorMention) -> bool:
    span = doc.char_span(*mention.span, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.ent_type_ == "PERSON" or root.lemma_.lower() in PEOPLE_NOUNS


def implied_authority(
    draft: Draft, actors: ActorIndex, focus: str | None
) -> tuple[ActorMention, ...]:
    """``X was arrested``, ``Y was charged``, ``Z faces charges``: with no agent named,
    the act is the state's, in the country the story happens in (police for arrests and
    seizures, the justice system for charges and sentences)."""
    sector = AUTHORITY_ACTS.get(draft.pattern.id)
    trigger = draft.trigger
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children) or (
        trigger.dep_ == "acl" and trigger.tag_ == "VBN") or is_undergone(trigger)
    if sector is None or focus is None or not passive or draft.actor:
        return ()
    span = (trigger.idx, trigger.idx + len(trigger.text))
    code = expelling_country(trigger, actors) if draft.event in EXPULSIONS else None
    return (ActorMention(trigger.text, span, code or focus, sector, kind="implied"),)


def expelling_country(trigger: Token, actors: ActorIndex) -> str | None:
    """``diplomats expelled from the United States``: the country they leave expels."""
    for prep in (c for c in trigger.children if c.lower_ == "from"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            last = obj.doc[obj.right_edge.i]
            found = actors.inside(obj.left_edge.idx, last.idx + len(last.text))
            if found and found[0].code:
                return found[0].code
    return None
