"""Records to table rows and back (pure functions; no database here).

Each row keeps the record's contract dict as JSON in ``record``; the other
columns are copies of key fields for queries. Reading uses only ``record``
(and the article columns), through the inverse functions of ``serialize``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa

from dateline.isodates import date_bounds
from dateline.model import ActorMention, Article, Event, Extraction, Span
from dateline.serialize import (
    actor_from_dict,
    actor_to_dict,
    article_to_dict,
    event_from_dict,
    event_to_dict,
    place_from_dict,
    quantity_from_dict,
    quote_from_dict,
    quote_to_dict,
    record_to_dict,
    time_from_dict,
)
from dateline.store import schema

Row = dict[str, Any]



def to_json(value: Any) -> str:
    """Compact, deterministic JSON (key order as given; non-ASCII kept)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=True)


def _span_cols(span: Span) -> Row:
    return {"span_start": span[0], "span_end": span[1]}


def article_row(
    article: Article, warnings: Iterable[str], ingested_at: str, run: str | None
) -> Row:
    """The ``articles`` row of one article."""
    return {
        "id": article.id,
        "source": article.source,
        "published": article.published,
        "title": article.title,
        "url": article.url,
        "origin": article.origin,
        "text": article.text,
        "warnings": to_json(list(warnings)),
        "ingested_at": ingested_at,
        "run_id": run,
        "date_source": article.date_source,
    }


def _first(mentions: tuple[ActorMention, ...]) -> tuple[str | None, str | None]:
    return (mentions[0].code, mentions[0].sector) if mentions else (None, None)


def event_row(article_id: str, ordinal: int, event: Event) -> Row:
    """The ``events`` row of one event."""
    lo, hi = date_bounds(event.date)
    end = date_bounds(event.enddate)[1]
    hi = (end or hi) if lo else None
    actor_code, actor_sector = _first(event.actor)
    recipient_code, recipient_sector = _first(event.recipient)
    return {
        "id": event.id, "article_id": article_id, "ordinal": ordinal,
        "event": event.event, "mode": event.mode, "quad_code": event.quad_code,
        "score": event.score, "date": event.date, "date_precision": event.date_precision,
        "enddate": event.enddate, "date_lo": lo, "date_hi": hi,
        "cameo_root": event.cameo_root, "sentence": event.sentence, **_span_cols(event.span),
        "confidence": event.confidence, "rule": event.rule,
        "actor_code": actor_code, "actor_sector": actor_sector,
        "recipient_code": recipient_code, "recipient_sector": recipient_sector,
        "record": to_json(event_to_dict(event)),
    }  # fmt: skip


def event_actor_rows(article_id: str, event: Event) -> list[Row]:
    """One ``event_actors`` row per actor and recipient of an event."""
    pairs = [("actor", event.actor), ("recipient", event.recipient)]
    return [
        {"event_id": event.id, "role": role, "ordinal": i, "article_id": article_id,
         "code": m.code, "sector": m.sector}
        for role, mentions in pairs
        for i, m in enumerate(mentions)
    ]  # fmt: skip


def _child_rows(extraction: Extraction) -> dict[str, list[Row]]:
    return {
        "actors": [
            {"text": a.text, "code": a.code, "sector": a.sector, "kind": a.kind,
             **_span_cols(a.span), "record": to_json(actor_to_dict(a))}
            for a in extraction.actors
        ],
        "times": [
            {"value": t.value, "precision": t.precision, "type": t.type,
             **_span_cols(t.span), "record": to_json(record_to_dict(t))}
            for t in extraction.times
        ],
        "places": [
            {"text": p.text, "geonameid": p.geonameid, "country": p.country, "use": p.use,
             **_span_cols(p.span), "record": to_json(record_to_dict(p))}
            for p in extraction.places
        ],
        "quotes": [
            {"speaker_code": q.speaker.code if q.speaker else None, "cue": q.cue,
             "direct": q.direct, **_span_cols(q.span), "record": to_json(quote_to_dict(q))}
            for q in extraction.quotes
        ],
        "quantities": [
            {"value": q.value, "unit": q.unit, **_span_cols(q.span),
             "record": to_json(record_to_dict(q))}
            for q in extraction.quantities
        ],
    }  # fmt: skip


def extraction_rows(
    extraction: Extraction, ingested_at: str, run_id: str | None
) -> list[tuple[sa.Table, list[Row]]]:
    """Every row of one article, table by table, parents first (see ``ARTICLE_TABLES``)."""
    aid = extraction.article.id
    children = _child_rows(extraction)
    out: list[tuple[sa.Table, list[Row]]] = [
        (
            schema.articles,
            [article_row(extraction.article, extraction.warnings, ingested_at, run_id)],
        ),
        (schema.events, [event_row(aid, i, e) for i, e in enumerate(extraction.events)]),
        (schema.event_actors, [r for e in extraction.events for r in event_actor_rows(aid, e)]),
    ]
    for table in schema.ARTICLE_TABLES[3:]:
        rows = [{"article_id": aid, "ordinal": i, **r} for i, r in enumerate(children[table.name])]
        out.append((table, rows))
    return out


def article_from_row(row: Mapping[Any, Any]) -> Article:
    """Inverse of :func:`article_row` (bookkeeping columns are dropped)."""
    published = row["published"]
    if isinstance(published, str):  # some drivers hand dates back as text
        published = date.fromisoformat(published)
    return Article(
        id=row["id"], text=row["text"], source=row["source"], published=published,
        title=row["title"], url=row["url"], origin=row["origin"],
        date_source=row.get("date_source"),
    )  # fmt: skip


#: The record lists of the output contract, in its key order.
RECORD_KEYS: tuple[str, ...] = ("events", "actors", "times", "places", "quotes", "quantities")


def contract_from_rows(
    article: Mapping[Any, Any], records: Mapping[str, list[str]]
) -> dict[str, Any]:
    """The output-contract dict of an article straight from the stored JSON; equal to
    ``serialize.extraction_to_dict`` of the rebuilt extraction, key order included."""
    out: dict[str, Any] = {"article": article_to_dict(article_from_row(article))}
    for key in RECORD_KEYS:
        out[key] = [json.loads(text) for text in records.get(key, [])]
    return out


def extraction_from_rows(
    article: Mapping[Any, Any], records: Mapping[str, list[str]]
) -> Extraction:
    """Rebuild an ``Extraction`` from its article row and each table's ``record`` texts
    (in ordinal order)."""

    def load(name: str) -> list[dict[str, Any]]:
        return [json.loads(text) for text in records.get(name, [])]

    return Extraction(
        article=article_from_row(article),
        events=tuple(event_from_dict(d) for d in load("events")),
        actors=tuple(actor_from_dict(d) for d in load("actors")),
        times=tuple(time_from_dict(d) for d in load("times")),
        places=tuple(place_from_dict(d) for d in load("places")),
        quotes=tuple(quote_from_dict(d) for d in load("quotes")),
        quantities=tuple(quantity_from_dict(d) for d in load("quantities")),
        warnings=tuple(json.loads(article["warnings"])),
    )
