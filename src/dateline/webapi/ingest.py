"""POST /api/ingest: stories in, through the readers and the one ingest path, into the store.

Off unless the app was created with ``ServeConfig(allow_ingest=True, token=...)``.
The bearer token is compared in constant time (``hmac.compare_digest``).
The body is read by the same readers as files (``ingest.read_bytes``), chosen by the
content type: ``text/plain`` is one story (a metadata block, dateline or wire header
is read as in a file); ``application/x-ndjson`` (or ``application/jsonl``,
``application/json``) is one JSON object per line with ``text`` and optional
``source``, ``date``, ``title``, ``url``, ``id``; ``text/csv``, ``text/html`` and
``application/rss+xml`` / ``application/atom+xml`` are read as those files are. A bad
line is that line's reject (origin ``http:LINE``), never a failed request. Each request
is one run, recorded like an ingest's (command ``ingest http``).
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from dateline.ingest import read_bytes
from dateline.ingest.formats import Format
from dateline.model import Article, Reject
from dateline.query import Database
from dateline.settings import Settings
from dateline.webapi.config import ServeConfig
from dateline.webapi.errors import ApiError

JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/json")
FORMATS: dict[str, Format] = {
    **dict.fromkeys(JSONL_TYPES, "jsonl"),
    "text/plain": "text",
    "": "text",
    "text/csv": "csv",
    "text/html": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
}
ORIGIN = "http"


def check_token(config: ServeConfig, authorization: str | None) -> None:
    """403 when ingest is off; 401 without a bearer token; 403 with a wrong one."""
    if not config.allow_ingest or not config.token:
        raise ApiError(403, "ingest over HTTP is disabled on this server")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "a bearer token is required", {"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), config.token.encode()):
        raise ApiError(403, "the bearer token is not valid")


def parse_body(
    body: bytes, content_type: str, config: ServeConfig, settings: Settings
) -> list[Article | Reject]:
    """The articles and rejects of a request body (400 when not UTF-8 or blank, 413
    when it holds too many documents, 415 for another content type)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "the body is not UTF-8 text") from None
    kind = content_type.split(";")[0].strip().lower()
    fmt = FORMATS.get(kind)
    if fmt is None:
        known = ", ".join(k for k in FORMATS if k)
        raise ApiError(415, f"unsupported content type {kind!r}: use one of {known}")
    if not text.strip():
        raise ApiError(400, "the body holds no story")
    items = list(read_bytes(body, ORIGIN, settings, fmt))
    if len(items) > config.max_ingest_articles:
        raise ApiError(413, f"at most {config.max_ingest_articles} stories per request")
    return items


@dataclass
class Ingester:
    """Builds the spaCy pipeline on first use (again when a user knowledge file changed)
    and ingests one request at a time."""

    settings: Settings
    _nlp: Language | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self, db: Database, items: list[Article | Reject]) -> dict[str, Any]:
        from dateline.runs import ingest_items

        with self._lock:
            nlp = self._nlp = _current_nlp(self._nlp, self.settings)
            ids: list[str] = []
            summary = ingest_items(
                items, self.settings, db.store, "ingest http", nlp=nlp, kept=ids.append
            )
            db.refresh()
        return {**summary.as_dict(), "articles": ids}


def _current_nlp(nlp: Language | None, settings: Settings) -> Language:
    from dateline.nlp import current_nlp

    return current_nlp(nlp, settings)
