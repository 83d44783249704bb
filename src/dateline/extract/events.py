"""PLOVER events from the dependency parse, coded by an extensible pattern dictionary.

The logic lives in :mod:`dateline.extract.eventcoding`; the knowledge (codebook and
verb/noun patterns) in :mod:`dateline.knowledge.plover` and its data files. Every
event carries the id of the rule that produced it and a confidence.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from dateline.extract.eventcoding import code_events
from dateline.extract.eventcoding.classifier import EventModel, load_model
from dateline.knowledge.plover import EventKnowledge, load_event_knowledge
from dateline.model import Event


def extract_events(
    doc: Doc, article_id: str = "", knowledge: EventKnowledge | None = None,
    model: EventModel | None = None,
) -> list[Event]:
    """Code the events in ``doc`` (a parsed document; other extractors may have run)."""
    if article_id and not doc._.dateline_article_id:
        doc._.dateline_article_id = article_id
    return code_events(doc, knowledge or load_event_knowledge(), model)


class EventsComponent:
    """Writes ``doc._.dateline_events``."""

    def __init__(
        self, user_files: Sequence[str] = (), use_model: bool = True, model_path: str = ""
    ) -> None:
        self.knowledge = load_event_knowledge(user_files)
        self.model = load_model(model_path) if use_model else None

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_events = extract_events(doc, doc._.dateline_article_id, self.knowledge,
                                               self.model)
        return doc


@Language.factory(
    "dateline_events",
    requires=[
        "token.dep", "doc._.dateline_quantities", "doc._.dateline_times",
        "doc._.dateline_places", "doc._.dateline_actors", "doc._.dateline_quotes",
    ],
    assigns=["doc._.dateline_events"],
    default_config={"user_files": [], "use_model": True, "model_path": ""},
)
def make_events(
    nlp: Language, name: str, user_files: list[str], use_model: bool, model_path: str
) -> EventsComponent:
    return EventsComponent(user_files, use_model, model_path)
