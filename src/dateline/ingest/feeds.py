"""RSS and Atom feeds: one article per entry, through feedparser (bytes in, no network)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date
from email.utils import parsedate_tz
from typing import Any

import feedparser

from dateline.ingest.dates import make_date
from dateline.ingest.markup import html_to_text
from dateline.model import Article, Reject

_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")


def parse_feed(data: bytes, origin: str) -> Iterator[Article | Reject]:
    """Every entry of a feed; broken XML is used as far as feedparser could read it."""
    parsed = feedparser.parse(data)  # bytes: feedparser never treats it as a URL or path
    entries = list(parsed.get("entries") or [])
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f"not a readable feed: {problem}" if problem else "the feed has no entries"
        yield Reject(origin, "feed", detail)
        return
    source = _feed_title(parsed)
    for number, entry in enumerate(entries, 1):
        yield _guarded_entry(entry, source, f"{origin}#{number}")


def _guarded_entry(entry: Any, source: str | None, origin: str) -> Article | Reject:
    """One entry's article; an entry that cannot be read is its own reject, not the
    end of the feed."""
    try:
        return _entry_article(entry, source, origin)
    except Exception as exc:  # feedparser hands over whatever the XML held
        return Reject(origin, "feed", f"unreadable entry: {type(exc).__name__}: {exc}")


def _feed_title(parsed: Any) -> str | None:
    feed = parsed.get("feed") or {}
    return _text(feed.get("title")) or None


def _entry_article(entry: Any, source: str | None, origin: str) -> Article | Reject:
    title = _text(entry.get("title")) or None
    body = _entry_body(entry) or title
    if not body:
        return Reject(origin, "empty", "the feed entry has no title, summary or content")
    return Article.create(
        body,
        source=source,
        published=_entry_date(entry),
        title=title,
        url=_text(entry.get("link")) or None,
        origin=origin,
    )


def _entry_body(entry: Any) -> str:
    """The longest of the entry's content blocks and its summary, as plain text."""
    candidates = [block.get("value") for block in entry.get("content") or []]
    candidates.append(entry.get("summary"))
    texts = [_text(value) for value in candidates]
    return max(texts, key=len, default="")


def _entry_date(entry: Any) -> date | None:
    """The entry's date; an impossible one as written (``2021-02-30``) is no date, not
    the day feedparser rolls it over to (2021-03-02)."""
    for key in ("published", "updated", "created"):
        # dict.get: the entry's own keys, without feedparser's deprecated key fallbacks
        value = dict.get(entry, f"{key}_parsed")
        if isinstance(value, time.struct_time):
            if impossible_date(dict.get(entry, key)):
                return None
            return make_date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def impossible_date(raw: object) -> bool:
    """Whether a date string names a day that does not exist (ISO 8601 or RFC 2822)."""
    if not isinstance(raw, str):
        return False
    iso = _ISO_DAY.search(raw)
    if iso:
        return make_date(*iso.groups()) is None
    parts = parsedate_tz(raw)
    return parts is not None and make_date(*parts[:3]) is None


def _text(value: object) -> str:
    return html_to_text(value) if isinstance(value, str) else ""
