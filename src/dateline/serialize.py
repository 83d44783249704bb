"""Records to the output contract (plain JSON-ready dicts) and back.

The shape is the one in the design's "output contract": one object per article
with ``article``, ``events``, ``actors``, ``times``, ``places``, ``quotes`` and
``quantities``. Spans become two-element lists.
"""

from __future__ import annotations

import dataclasses
import functools
from datetime import date
from typing import Any

from dateline.model import (
    ActorMention,
    Article,
    Event,
    Extraction,
    Mention,
    Place,
    Quantity,
    Quote,
    TimeRef,
)

#: Field values that are their own JSON form (most of them: checked first, by exact type).
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    if type(value) in _SCALARS:
        return value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return record_to_dict(value)
    return value


@functools.cache
def _field_names(cls: Any) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def record_to_dict(record: Any) -> dict[str, Any]:
    """A record as a JSON-ready dict (spans as lists, dates as ISO strings)."""
    cls: Any = type(record)
    return {name: _plain(getattr(record, name)) for name in _field_names(cls)}


def actor_to_dict(actor: ActorMention) -> dict[str, Any]:
    """An actor in the contract shape; empty optional fields are dropped."""
    out = record_to_dict(actor)
    if not actor.members:
        out.pop("members")
    return out


def article_to_dict(article: Article) -> dict[str, Any]:
    """The ``article`` object of the contract."""
    return {
        "id": article.id,
        "source": article.source,
        "date": article.published.isoformat() if article.published else None,
        "date_source": article.date_source,
        "title": article.title,
        "url": article.url,
        "text": article.text,
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    """One event of the contract."""
    out = record_to_dict(event)
    out["actor"] = [actor_to_dict(a) for a in event.actor]
    out["recipient"] = [actor_to_dict(a) for a in event.recipient]
    out["source_quote"] = actor_to_dict(event.source_quote) if event.source_quote else None
    return out


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    """The full contract record of one article."""
    return {
        "article": article_to_dict(extraction.article),
        "events": [event_to_dict(e) for e in extraction.events],
        "actors": [actor_to_dict(a) for a in extraction.actors],
        "times": [record_to_dict(t) for t in extraction.times],
        "places": [record_to_dict(p) for p in extraction.places],
        "quotes": [quote_to_dict(q) for q in extraction.quotes],
        "quantities": [record_to_dict(q) for q in extraction.quantities],
    }


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    """One quote of the contract."""
    out = record_to_dict(quote)
    out["speaker"] = actor_to_dict(quote.speaker) if quote.speaker else None
    return out


def _span(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value is not None else None


def actor_from_dict(d: dict[str, Any]) -> ActorMention:
    """Inverse of :func:`actor_to_dict`."""
    fields = {**d, "span": _span(d["span"]), "refers_to": _span(d.get("refers_to"))}
    fields["members"] = tuple(actor_from_dict(m) for m in d.get("members", ()))
    return ActorMention(**fields)


def place_from_dict(d: dict[str, Any]) -> Place:
    """Inverse of ``record_to_dict`` for places."""
    return Place(**{**d, "span": _span(d["span"])})


def time_from_dict(d: dict[str, Any]) -> TimeRef:
    """Inverse of ``record_to_dict`` for times."""
    return TimeRef(**{**d, "span": _span(d["span"])})


def quantity_from_dict(d: dict[str, Any]) -> Quantity:
    """Inverse of ``record_to_dict`` for quantities."""
    return Quantity(**{**d, "span": _span(d["span"])})


def quote_from_dict(d: dict[str, Any]) -> Quote:
    """Inverse of :func:`quote_to_dict`."""
    speaker = actor_from_dict(d["speaker"]) if d.get("speaker") else None
    return Quote(
        **{**d, "speaker": speaker, "span": _span(d["span"]), "cue_span": _span(d.get("cue_span"))}
    )


def mention_from_dict(d: dict[str, Any]) -> Mention:
    """Inverse of ``record_to_dict`` for event mentions."""
    return Mention(**{**d, "span": _span(d["span"])})


def event_from_dict(d: dict[str, Any]) -> Event:
    """Inverse of :func:`event_to_dict`."""
    loc = place_from_dict(d["event_loc"]) if d.get("event_loc") else None
    src = actor_from_dict(d["source_quote"]) if d.get("source_quote") else None
    return Event(
        **{
            **d,
            "span": _span(d["span"]),
            "context": tuple(d.get("context", ())),
            "aux": tuple(d.get("aux", ())),
            "actor": tuple(actor_from_dict(a) for a in d.get("actor", ())),
            "recipient": tuple(actor_from_dict(a) for a in d.get("recipient", ())),
            "event_loc": loc,
            "source_quote": src,
            "mentions": tuple(mention_from_dict(m) for m in d.get("mentions", ())),
        }
    )
