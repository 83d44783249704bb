"""Arguments taken from the rest of the story, after every event is built."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from dateline.extract.eventcoding.draft import Draft
from dateline.model import ActorMention, Event

GENERIC_WORDS = frozenset({"have", "give", "take", "make", "need", "role", "do"})


def _content_lemmas(tokens: Iterable[Token]) -> set[str]:
    """Stems (first five letters) of content words: ``training`` meets ``trains``."""
    return {t.lemma_.lower()[:5] for t in tokens if t.pos_ in ("NOUN", "VERB")
            and not t.is_stop and t.lemma_.lower() not in GENERIC_WORDS}


def with_providers(doc: Doc, pairs: list[tuple[Draft, Event]]) -> list[tuple[Draft, Event]]:
    """A request for help that names no one to give it (``still needed training and
    intelligence backup``) is addressed to whoever the story shows giving that help:
    the actor of an earlier AID or COOPERATE event about the same thing (``troops
    transitioned into a training role``)."""
    out = []
    for draft, event in pairs:
        if event.event == "REQUEST" and event.mode == "assist" and not any(
            r.code for r in event.recipient
        ):
            event = replace(event, recipient=_provider(doc, draft, event, pairs) or
                            event.recipient)
        out.append((draft, event))
    return out


def _provider(doc: Doc, draft: Draft, request: Event, pairs: Sequence[tuple[Draft, Event]]) -> (
    tuple[ActorMention, ...]
):
    wanted = _content_lemmas(t for c in (draft.trigger, *draft.trigger.conjuncts)
                             for t in c.subtree)
    asking = {a.code for a in request.actor if a.code}
    for _, given in reversed([p for p in pairs if p[1].span[1] <= request.span[0]]):
        if given.event not in ("AID", "COOPERATE"):
            continue
        givers = tuple(a for a in given.actor if a.code and a.code not in asking)
        span = doc.char_span(*given.span, alignment_mode="expand")
        if givers and span is not None and wanted & _content_lemmas(span):
            return givers
    return ()
