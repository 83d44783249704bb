"""POST /api/ingest: stories in, through the real pipeline, into the store.

Off unless the app was created with ``ServeConfig(allow_ingest=True, token=...)``.
The bearer token is compared in constant time (``hmac.compare_digest``).
Bodies: ``text/plain`` is one story in dateline text format (``date ... (Source) --``
header); ``application/x-ndjson`` (or ``application/jsonl``, ``application/json``)
is one JSON object per line with ``text`` and optional ``source``, ``date``,
``title``, ``url``.
"""

from __future__ import annotations

import hmac
import json
import threading
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.language import Language

from dateline.clean import clean_text
from dateline.ingest import parse_text_article
from dateline.model import Article, Extraction, Reject
from dateline.query import Database
from dateline.settings import Settings
from dateline.webapi.config import ServeConfig
from dateline.webapi.errors import ApiError

JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/json")


def check_token(config: ServeConfig, authorization: str | None) -> None:
    """403 when ingest is off; 401 without a bearer token; 403 with a wrong one."""
    if not config.allow_ingest or not config.token:
        raise ApiError(403, "ingest over HTTP is disabled on this server")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "a bearer token is required", {"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), config.token.encode()):
        raise ApiError(403, "the bearer token is not valid")


def parse_body(body: bytes, content_type: str, config: ServeConfig) -> list[Article]:
    """The articles of a request body (400 when unreadable, 413 when too many)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "the body is not UTF-8 text") from None
    kind = content_type.split(";")[0].strip().lower()
    if kind in JSONL_TYPES:
        articles = [
            _json_article(line, n) for n, line in enumerate(text.splitlines(), 1) if line.strip()
        ]
    elif kind in ("text/plain", ""):
        articles = [parse_text_article(text, origin="http")] if text.strip() else []
    else:
        raise ApiError(
            415, f"unsupported content type {kind!r}: use text/plain or application/x-ndjson"
        )
    if not articles:
        raise ApiError(400, "the body holds no story")
    if len(articles) > config.max_ingest_articles:
        raise ApiError(413, f"at most {config.max_ingest_articles} stories per request")
    return articles


def _json_article(line: str, number: int) -> Article:
    try:
        data = json.loads(line)
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise ValueError("expected an object with a 'text' string")
        published = date.fromisoformat(data["date"]) if data.get("date") else None
        meta = {k: _text(data.get(k)) for k in ("source", "title", "url")}
        text = clean_text(data["text"])
        return Article.create(text, published=published, origin=f"http:{number}", **meta)
    except (ValueError, TypeError) as exc:
        raise ApiError(400, f"line {number}: {exc}") from None


def _text(value: Any) -> str | None:
    return clean_text(value) if isinstance(value, str) else None


@dataclass
class Ingester:
    """Builds the spaCy pipeline on first use and writes extractions, one at a time."""

    settings: Settings
    _nlp: Language | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self, db: Database, articles: list[Article]) -> dict[str, Any]:
        from dateline.pipeline import extract_articles

        with self._lock:
            nlp = self._nlp = self._nlp or _build_nlp(self.settings)
            counts: dict[str, Any] = {
                "inserted": 0, "unchanged": 0, "rejected": 0, "events": 0, "warnings": 0,
            }  # fmt: skip
            ids: list[str] = []
            for result in extract_articles(nlp, articles, self.settings):
                _record(db, result, counts, ids)
            db.refresh()
        return {**_summary(counts), "articles": ids}


def _summary(counts: dict[str, Any]) -> dict[str, object]:
    from dateline.api import summary_from_counts

    return summary_from_counts(counts, None).as_dict()


def _build_nlp(settings: Settings) -> Language:
    from dateline.nlp import build_nlp

    return build_nlp(settings)


def _record(
    db: Database, result: Extraction | Reject, counts: dict[str, Any], ids: list[str]
) -> None:
    from dateline.api import record_result

    outcome = record_result(db.store, result, None, counts)
    if isinstance(result, Extraction) and outcome != "rejected":
        ids.append(result.article.id)
