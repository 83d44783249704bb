"""Which reader a document needs (by file name, then by sniffing), and ``read_bytes``."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from pathlib import PurePath
from typing import Literal

from dateline.errors import InputError
from dateline.ingest.dates import DateHints, hints_for
from dateline.ingest.decode import decode_bytes
from dateline.ingest.feeds import parse_feed
from dateline.ingest.html import parse_html
from dateline.ingest.records import parse_csv, parse_json, parse_jsonl
from dateline.ingest.text import parse_text_article
from dateline.model import Article, Reject
from dateline.settings import Settings

Format = Literal["text", "jsonl", "json", "csv", "html", "feed"]
Result = Article | Reject

EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".feed": "feed",
}
_FEED_ROOTS = ("<rss", "<feed", "<rdf:rdf", "<channel")
_HTML_MARKS = ("<!doctype html", "<html", "<head", "<body")
#: JSON Lines line ends: \n, \r\n or a lone \r (never inside a JSON string, where a raw
#: control character is invalid; U+2028 may be, so ``str.splitlines`` is not used).
_LINE_END = re.compile(r"\r\n|\r|\n")


def format_from_name(name: str) -> Format | None:
    """The format a file name promises, or ``None`` when only the content can tell.

    Names without a known extension are sniffed (plain text unless they look like
    JSON, HTML or a feed).
    """
    path = PurePath(name.split("?", 1)[0])
    if path.name.lower() in {"feed", "rss", "atom"}:
        return "feed"
    return EXTENSIONS.get(path.suffix.lower())


def sniff_format(text: str) -> Format:
    """Guess the format from the start of a decoded document; plain text by default."""
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("["):
        return "json"
    if any(mark in head for mark in _HTML_MARKS):
        return "html"
    if head.startswith("<?xml") or any(head.startswith(root) for root in _FEED_ROOTS):
        return "feed"
    return "text"


def read_bytes(
    data: bytes, origin: str, settings: Settings, fmt: Format | None = None
) -> Iterator[Result]:
    """Every article in one document given as bytes; never raises, rejects instead.

    ``fmt`` overrides the format otherwise taken from ``origin``'s extension or sniffed.
    """
    if len(data) > settings.max_doc_bytes:
        yield too_large(origin, len(data), settings)
        return
    try:
        text = decode_bytes(data)
    except InputError as exc:
        yield Reject(origin, exc.reason, exc.detail)
        return
    chosen = fmt or format_from_name(origin) or sniff_format(text)
    yield from guarded(lambda: _parse(chosen, data, text, origin, settings), origin)


def document_hints(origin: str, settings: Settings) -> DateHints:
    """The date hints of one document: its file name's date, else the run's ``--date``."""
    return hints_for(origin, settings.day_first, settings.story_date)


def too_large(origin: str, size: int | None, settings: Settings) -> Reject:
    """The reject for a document over the cap; ``size`` is ``None`` when it was not read."""
    limit = settings.max_doc_bytes
    known = f"{size:,} bytes" if size is not None else "more bytes than allowed"
    return Reject(origin, "too-large", f"{known}; the limit (max_doc_bytes) is {limit:,}")


def guarded(produce: Callable[[], Iterator[Result]], origin: str) -> Iterator[Result]:
    """Run a reader; an unexpected error becomes one last ``Reject``, never a crash.

    A reader library failing on a hostile document must not stop the batch; the
    error is reported with its type so that it can be turned into a proper reason.
    """
    produced = 0
    try:
        for result in produce():
            produced += 1
            yield result
    except Exception as exc:  # one bad document must not stop a batch
        yield Reject(origin, "unreadable", f"{type(exc).__name__}: {exc}")
        return
    if not produced:
        yield Reject(origin, "empty", "the document holds no records")


def _parse(
    fmt: Format, data: bytes, text: str, origin: str, settings: Settings
) -> Iterator[Result]:
    hints = document_hints(origin, settings)
    if fmt == "feed":
        return parse_feed(data, origin, hints)
    if fmt == "jsonl":
        return parse_jsonl(enumerate(_LINE_END.split(text), 1), origin, hints)
    if fmt == "json":
        return parse_json(text, origin, hints)
    if fmt == "csv":
        return parse_csv(io.StringIO(text, newline=""), origin, settings.max_doc_bytes, hints)
    if fmt == "html":
        return iter([parse_html(text, origin, hints)])
    return iter([text_article(text, origin, hints)])


def text_article(text: str, origin: str, hints: DateHints) -> Result:
    """A plain-text story, or a reject when nothing is left after header and footer."""
    article = parse_text_article(text, origin=origin, hints=hints)
    if not article.text:
        return Reject(origin, "empty", "nothing is left once the header and footer are removed")
    return article
