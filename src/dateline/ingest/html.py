"""HTML pages: the main text through trafilatura, boilerplate (menus, ads, scripts) off."""

from __future__ import annotations

from typing import Any

import trafilatura

from dateline.ingest.dates import NO_HINTS, DateHints, parse_date
from dateline.ingest.text import parse_text_article
from dateline.model import Article, Reject

# Metadata only: no guessing a date from the text or the URL.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


def parse_html(page: str, origin: str, hints: DateHints = NO_HINTS) -> Article | Reject:
    """The article in one HTML page, or a ``Reject`` when the page has no main text.

    The page's text goes through the plain-text reader (a first line repeating the
    title, bylines and wire headers off); the page's metadata date wins."""
    document = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    text = getattr(document, "text", None)
    if not isinstance(text, str) or not text.strip():
        return Reject(origin, "empty", "the HTML page has no main text (only markup or scripts)")
    title = _str_or_none(getattr(document, "title", None))
    article = parse_text_article(text, origin=origin, hints=hints, title=title)
    if not article.text:
        return Reject(origin, "empty", "the HTML page's text is only header and footer")
    given = parse_date(getattr(document, "date", None), hints.day_first)
    return Article.create(
        article.text,
        source=article.source or _str_or_none(getattr(document, "sitename", None)),
        published=given or article.published,
        title=title or article.title,
        url=_str_or_none(getattr(document, "url", None)) or article.url,
        origin=origin,
        date_source="metadata" if given else article.date_source,
    )


def _str_or_none(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
