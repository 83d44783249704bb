"""PLOVER events from the dependency parse (stub; see issue 4)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.extract.extensions import register_extensions
from dateline.model import Event


def extract_events(doc: Doc, article_id: str = "") -> list[Event]:
    """Code the events in ``doc``."""
    return []


class EventsComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_events = extract_events(doc, doc._.dateline_article_id)
        return doc


@Language.factory(
    "dateline_events",
    assigns=["doc._.dateline_events"],
    default_config={"user_files": []},
)
def make_events(nlp: Language, name: str, user_files: list[str]) -> EventsComponent:
    register_extensions()
    return EventsComponent()
