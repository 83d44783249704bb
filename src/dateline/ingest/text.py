"""Dateline-format and wire-style plain text: header and footer off, metadata kept."""

from __future__ import annotations

import re
from datetime import date

from dateline.model import Article

_DATELINE_HEADER = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s*\((?P<source>[^)]{1,80})\)\s*[-–—]{1,2}\s*"
)
_FOOTER = re.compile(r"^\s*(©|\(c\)|copyright\b).*$", re.IGNORECASE | re.MULTILINE)


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def parse_text_article(raw: str, origin: str | None = None) -> Article:
    """Split a plain-text story into header metadata, body and footer."""
    source: str | None = None
    published: date | None = None
    match = _DATELINE_HEADER.match(raw)
    body = raw
    if match:
        source = match.group("source").strip()
        published = _parse_date(match.group("date"))
        body = raw[match.end() :]
    body = _FOOTER.sub("", body).strip()
    return Article.create(body, source=source, published=published, origin=origin)
