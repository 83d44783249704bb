"""The statistical half of the event coder: a spaCy ``textcat`` that reviews rule events.

The model is a small blank-English pipeline with one exclusive-class ``textcat``
(``spacy.TextCatBOW.v3``, unigrams and bigrams) looked for in
``dateline/knowledge/models/event_textcat`` or at the factory's ``model_path``. No
weights ship: the dev sets' licences do not allow it (``docs/event-classifier.md``), so
without a model of the user's own the rules alone decide. It never finds
events on its own: each rule event is classified from its sentence plus the rule's own
evidence (pattern id, rule type, wrapper, trigger lemma, auxiliary modes, the words
around the trigger), so the model learns when to trust a pattern and when to overrule
it ("refused to X", "called for X", multi-sense lemmas such as *hold* or *return*).

Decision: the rule's type stands unless the classifier's top type differs and its
probability is at least ``threshold`` (and beats the rule type's probability by
``margin``); a rule event that a wrapper or a modality rule recoded (``urged … to
withdraw`` → REQUEST, ``plans to withdraw`` → CONCEDE) is *protected*: it needs the
higher ``strict`` probability; a relabel that flips cooperation and conflict
(MOBILIZE → YIELD) needs ``flip``. A relabelled event's ``rule`` becomes
``model:<name>+<rule>``. The
classifier's labels merge CONCEDE and RETREAT as ``YIELD`` (as the ZSP training data
does); a ``YIELD`` decision keeps the rule's CONCEDE/RETREAT, else uses RETREAT (CONCEDE
when the event is future). When the model directory is absent, nothing changes.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Span, Token

from dateline.extract.eventcoding import attach
from dateline.extract.eventcoding.modality import content_mode
from dateline.extract.eventcoding.triggers import lemma_of
from dateline.extract.syntax import CONTEXT_DEPS
from dateline.knowledge.plover import Codebook, EventKnowledge, load_codebook
from dateline.model import Event, event_id

if TYPE_CHECKING:
    from dateline.extract.eventcoding.draft import Draft

WORD = re.compile(r"[^a-z0-9]+")
DEFAULT_THRESHOLD = 0.5
DEFAULT_STRICT = 0.8
DEFAULT_FLIP = 0.95
DEFAULT_MARGIN = 0.0


def model_dir() -> Path:
    """Where locally trained weights are looked for by default (absent as installed)."""
    return Path(str(resources.files("dateline.knowledge") / "models" / "event_textcat"))


def merged(label: str, codebook: Codebook | None = None) -> str:
    """The classifier's label for a type: the codebook's merged label (CONCEDE and RETREAT
    -> YIELD, as the gold sets it is trained on give them), else the type itself."""
    return (codebook or load_codebook()).merged_label(label)


def _tag(prefix: str, value: str) -> str:
    return prefix + WORD.sub("_", value.lower()).strip("_")


def _near(token: Token) -> list[str]:
    """Lemmas of the trigger's own dependents and of its head (the local context)."""
    found = [lemma_of(c) for c in token.children if c.dep_ in CONTEXT_DEPS]
    found += [lemma_of(g) for c in token.children if c.dep_ == "prep" for g in c.children]
    if token.head is not token:
        found.append("h_" + lemma_of(token.head))
    return found


def features(draft: Draft, event: Event | None = None) -> str:
    """The classifier's input for one rule event: sentence words plus rule evidence."""
    sent: Span = draft.trigger.sent
    words = WORD.sub(" ", sent.text.lower()).split()
    tags = [
        _tag("ev_", merged(draft.event)), _tag("pev_", draft.pattern.event or "none"),
        _tag("pat_", draft.pattern.id), _tag("tl_", lemma_of(draft.trigger)),
        _tag("tp_", draft.pattern.pos), _tag("mo_", draft.mode or "none"),
    ]
    wrapper = draft.modality.wrapper
    if wrapper is not None:
        tags += [_tag("wr_", draft.modality.role or ""), _tag("wl_", lemma_of(wrapper))]
    tags += [_tag("aux_", a) for a in sorted(draft.modality.aux)]
    tags += [_tag("nb_", w) for w in _near(draft.trigger)]
    if event is not None:
        tags += [_tag("ew_", w) for w in WORD.sub(" ", event.event_text.lower()).split()[:24]]
    return " ".join([*words, *tags])


def plain_features(text: str) -> str:
    """The classifier's input for a text with no rule event (training only)."""
    return " ".join([*WORD.sub(" ", text.lower()).split(), "norule"])


@dataclasses.dataclass(frozen=True)
class EventModel:
    """A loaded classifier with its decision thresholds."""

    nlp: Language
    name: str
    threshold: float = DEFAULT_THRESHOLD
    margin: float = DEFAULT_MARGIN
    strict: float = DEFAULT_STRICT
    flip: float = DEFAULT_FLIP

    def probabilities(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Class probabilities for each feature text."""
        return [dict(doc.cats) for doc in self.nlp.pipe(texts)]

    def decide(
        self, rule_label: str, probs: dict[str, float], protected: bool = False,
        codebook: Codebook | None = None,
    ) -> str | None:
        """The merged label the classifier imposes, or None to keep the rule's; a flip
        between cooperation (quads 1-2) and conflict needs ``flip`` probability."""
        if not probs:
            return None
        book = codebook or load_codebook()
        top = max(probs, key=lambda k: probs[k])
        mine = merged(rule_label, book)
        need = self.strict if protected else self.threshold
        if book.cooperative(top) != book.cooperative(mine):
            need = max(need, self.flip)
        if top == mine or probs[top] < need:
            return None
        if probs[top] - probs.get(mine, 0.0) < self.margin:
            return None
        return top

    def review(self, pairs: Sequence[tuple[Draft, Event]], knowledge: EventKnowledge) -> (
        list[Event]
    ):
        """The rule events, relabelled where the classifier is confident otherwise."""
        probs = self.probabilities([features(d, e) for d, e in pairs])
        out = []
        for (draft, event), p in zip(pairs, probs, strict=True):
            label = self.decide(event.event, p, is_protected(draft), knowledge.codebook)
            out.append(event if label is None else
                       relabel(draft, event, label, p[label], self.name, knowledge))
        return out


def is_protected(draft: Draft) -> bool:
    """Whether a wrapper or a modality rule recoded the pattern's type."""
    return draft.modality.wrapper is not None or draft.event != draft.pattern.event


def protected_text(text: str) -> bool:
    """:func:`is_protected` read back from a feature text (for cross-validation)."""
    tags = text.split()
    event = next((t[3:] for t in tags if t.startswith("ev_")), "")
    pattern = next((t[4:] for t in tags if t.startswith("pev_")), "")
    return any(t.startswith("wr_") for t in tags) or merged(pattern.upper()).lower() != event


def unmerge(label: str, draft: Draft) -> str:
    """A concrete PLOVER type for a classifier label (YIELD → CONCEDE or RETREAT)."""
    if label != "YIELD":
        return label
    for candidate in (draft.event, draft.pattern.event):
        if candidate in ("CONCEDE", "RETREAT"):
            return candidate
    return "CONCEDE" if "future" in draft.modality.aux else "RETREAT"


def relabel(
    draft: Draft, event: Event, label: str, prob: float, name: str, knowledge: EventKnowledge
) -> Event:
    """The event recoded as ``label`` by the classifier."""
    kind = unmerge(label, draft)
    codebook = knowledge.codebook
    if kind == draft.pattern.event:
        mode = draft.pattern.mode
    elif draft.modality.role and kind in ("REQUEST", "REJECT", "THREATEN"):
        mode = content_mode(draft.pattern.event or kind, draft.pattern.mode, draft.modality.role)
    else:
        mode = None
    if mode is not None and mode not in codebook.types[kind].modes:
        mode = None
    return dataclasses.replace(
        event, id=event_id(draft.trigger.doc._.dateline_article_id or "", event.span, kind),
        event=kind, mode=mode, rule=f"model:{name}+{event.rule}",
        confidence=round(prob, 3), quad_code=codebook.types[kind].quad,
        score=codebook.score(kind, mode), cameo_root=codebook.cameo_root(kind, mode),
        context=attach.contexts(draft.trigger.sent, kind, draft.pattern.context,
                                (*event.actor, *event.recipient), codebook),
    )


@lru_cache(maxsize=4)
def load_model(path: str = "") -> EventModel | None:
    """The classifier at ``path`` (default: the shipped one), or None when absent."""
    folder = Path(path) if path else model_dir()
    if not (folder / "config.cfg").is_file():
        return None
    nlp = spacy.load(folder)
    meta = folder / "dateline.json"
    info = json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() else {}
    return EventModel(nlp, str(info.get("name", "textcat-bow@1")),
                      float(info.get("threshold", DEFAULT_THRESHOLD)),
                      float(info.get("margin", DEFAULT_MARGIN)),
                      float(info.get("strict", DEFAULT_STRICT)),
                      float(info.get("flip", DEFAULT_FLIP)))
