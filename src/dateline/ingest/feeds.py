"""RSS and Atom feeds: one article per entry, through feedparser (bytes in, no network).

Each entry's text goes through the plain-text reader (a first line repeating the
title, bylines and wire headers off). The entry's date is the story date (source
``feed``); without one, a year-less wire header takes its year from the feed's own
date, else from the document's hints. An entry with only a title, or whose text only
repeats its title, is a ``title-only`` reject."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date
from email.utils import parsedate_tz
from typing import Any

import feedparser

from dateline.ingest.dates import NO_HINTS, DateHints, first_date, make_date, story_date
from dateline.ingest.markup import html_to_text
from dateline.ingest.text import parse_text_article
from dateline.model import Article, Reject

_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")


def parse_feed(data: bytes, origin: str, hints: DateHints = NO_HINTS) -> Iterator[Article | Reject]:
    """Every entry of a feed; broken XML is used as far as feedparser could read it."""
    parsed = feedparser.parse(data)  # bytes: feedparser never treats it as a URL or path
    entries = list(parsed.get("entries") or [])
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f"not a readable feed: {problem}" if problem else "the feed has no entries"
        yield Reject(origin, "feed", detail)
        return
    source = _feed_title(parsed)
    feed_date = story_date(_entry_date(parsed.get("feed") or {}), "feed")
    hints = DateHints(hints.day_first, first_date(feed_date, hints.fallback))
    for number, entry in enumerate(entries, 1):
        yield _guarded_entry(entry, source, f"{origin}#{number}", hints)


def _guarded_entry(
    entry: Any, source: str | None, origin: str, hints: DateHints
) -> Article | Reject:
    """One entry's article; an entry that cannot be read is its own reject, not the
    end of the feed."""
    try:
        return _entry_article(entry, source, origin, hints)
    except Exception as exc:  # feedparser hands over whatever the XML held
        return Reject(origin, "feed", f"unreadable entry: {type(exc).__name__}: {exc}")


def _feed_title(parsed: Any) -> str | None:
    feed = parsed.get("feed") or {}
    return _text(feed.get("title")) or None


def _entry_article(
    entry: Any, source: str | None, origin: str, hints: DateHints
) -> Article | Reject:
    title = _text(entry.get("title")) or None
    body = _entry_body(entry)
    if not body:
        if title:
            return Reject(origin, "title-only", f"the feed entry has a title only: {title[:80]!r}")
        return Reject(origin, "empty", "the feed entry has no title, summary or content")
    own = story_date(_entry_date(entry), "feed")
    entry_hints = DateHints(hints.day_first, own or hints.fallback)
    parsed = parse_text_article(body, origin, entry_hints, title)
    if not parsed.text:
        return Reject(origin, "empty", "the feed entry's text is only a wire header")
    if title and _same_words(parsed.text, title):
        return Reject(origin, "title-only", f"its text only repeats its title {title[:80]!r}")
    found = first_date(own, story_date(parsed.published, parsed.date_source or "feed"))
    return Article.create(
        parsed.text,
        source=source or parsed.source,
        published=found.value if found else None,
        title=title,
        url=_text(entry.get("link")) or None,
        origin=origin,
        date_source=found.source if found else None,
    )


def _same_words(text: str, title: str) -> bool:
    return " ".join(text.split()).casefold() == " ".join(title.split()).casefold()


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
