"""Assemble: the records the extractors left on a ``Doc`` become one ``Extraction``."""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.extract.extensions import records
from dateline.ingest.screen import article_warnings
from dateline.model import Article, Event, Extraction


def unique_events(events: list[Event]) -> tuple[Event, ...]:
    """Events with distinct ids (same span and type), keeping the most confident."""
    best: dict[str, Event] = {}
    for event in events:
        kept = best.get(event.id)
        if kept is None or event.confidence > kept.confidence:
            best[event.id] = event
    return tuple(e for e in events if best[e.id] is e)


def assemble(article: Article, doc: Doc) -> Extraction:
    """Collect the extractors' records for ``article`` from its parsed ``doc``."""
    return Extraction(
        article=article,
        events=unique_events(records(doc, "dateline_events")),
        actors=tuple(records(doc, "dateline_actors")),
        times=tuple(records(doc, "dateline_times")),
        places=tuple(records(doc, "dateline_places")),
        quotes=tuple(records(doc, "dateline_quotes")),
        quantities=tuple(records(doc, "dateline_quantities")),
        warnings=article_warnings(article),
    )
