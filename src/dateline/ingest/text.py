"""Dateline-format and wire-style plain text: header and footer off, metadata kept.

The body is always one contiguous slice of the input (``raw[start:end]``), so
character spans into ``Article.text`` can be mapped back to the file by an offset.
Recognised, in this order, at the top of a story:

* a metadata block of ``Date:`` / ``Source:`` / ``Title:`` / ``URL:`` lines;
* the dateline header ``date 2021-07-26 (Bloomberg) --``;
* a wire header: ``WASHINGTON (Reuters) -``, ``BAGHDAD, July 26 (AP) —``,
  ``LONDON, Jan. 3, 2021 (Reuters) -`` (a date without a year is not used).

At the bottom, trailing copyright lines, "All rights reserved", wire trailers
("Reporting by ...; Editing by ...") and similar boilerplate lines are cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from dateline.ingest.dates import MONTH_PATTERN, make_date, month_number, parse_date
from dateline.model import Article

_DASH = r"(?:--|[-–—]{1,2})"
_DATELINE_HEADER = re.compile(
    r"[\s\ufeff]*date\s+(?P<date>\d{4}-\d{2}-\d{2})"
    rf"\s*\((?P<source>[^()\n]{{1,80}})\)\s*{_DASH}[ \t]*",
    re.IGNORECASE,
)
_WIRE_HEADER = re.compile(
    r"[\s\ufeff]*(?P<place>[A-Z][A-Z.'’\- ]{0,40}[A-Z.])"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’\- ]{0,30}[A-Za-z.]))?"
    rf"(?:,\s*(?P<month>(?i:{MONTH_PATTERN}))\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?)?"
    rf"\s*\((?P<source>[A-Z][\w.&'’-]{{0,30}}(?: [\w.&'’-]{{1,30}}){{0,2}})\)\s*{_DASH}[ \t]*"
)
_META_LINE = re.compile(
    r"[ \t]*(?P<key>date|published|source|title|url)[ \t]*:[ \t]*(?P<value>[^\r\n]*?)[ \t]*"
    r"(?:\r\n?|\n)",  # any line end: \n, \r\n, or \r alone (old Mac files)
    re.IGNORECASE,
)
_FOOTER_LINE = re.compile(
    r"""\s*(?:
        ©|\(c\)|copyright\b
      | .*\ball\ rights\ reserved\b
      | .*\bmay\ not\ be\ (?:published|reproduced|redistributed)\b
      | \(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|compiling)\s+by\b.*
      | to\ contact\ the\ (?:reporters?|editors?)\b
      | for\ more\ articles\ like\ this\b
      | --\s*with\ assistance\ from\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class _Meta:
    """What the header told us, and where the body starts."""

    start: int = 0
    source: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None


def parse_text_article(raw: str, origin: str | None = None) -> Article:
    """Split a plain-text story into header metadata, body and footer; never raises."""
    meta = _read_meta_block(raw)
    meta = _read_header(raw, meta)
    end = _footer_start(raw, meta.start)
    start = _skip_space(raw, meta.start, end)
    return Article.create(
        raw[start:end],
        source=meta.source,
        published=meta.published,
        title=meta.title,
        url=meta.url,
        origin=origin,
    )


def _read_meta_block(raw: str) -> _Meta:
    fields: dict[str, str] = {}
    position = 0
    while (match := _META_LINE.match(raw, position)) is not None:
        key = match.group("key").lower()
        fields["date" if key == "published" else key] = match.group("value")
        position = match.end()
    return _Meta(
        start=position,
        source=fields.get("source") or None,
        published=parse_date(fields.get("date")),
        title=fields.get("title") or None,
        url=fields.get("url") or None,
    )


def _read_header(raw: str, meta: _Meta) -> _Meta:
    """Apply a dateline or wire header after the metadata block; the block wins."""
    match = _DATELINE_HEADER.match(raw, meta.start)
    if match:
        published = parse_date(match.group("date"))
    else:
        match = _WIRE_HEADER.match(raw, meta.start)
        published = _wire_date(match) if match else None
    if match is None:
        return meta
    return replace(
        meta,
        start=match.end(),
        source=meta.source or match.group("source").strip(),
        published=meta.published or published,
    )


def _wire_date(match: re.Match[str]) -> date | None:
    """A wire header's date, only when it is complete (month, day and year)."""
    if not match.group("year"):
        return None
    month = month_number(match.group("month"))
    return make_date(match.group("year"), month, match.group("day")) if month else None


def _skip_space(raw: str, start: int, end: int) -> int:
    while start < end and raw[start].isspace():
        start += 1
    return start


def _rstrip_end(raw: str, start: int, end: int) -> int:
    while end > start and raw[end - 1].isspace():
        end -= 1
    return end


def _footer_start(raw: str, start: int) -> int:
    """Where the body ends: trailing blank and boilerplate lines are cut."""
    end = _rstrip_end(raw, start, len(raw))
    while end > start:
        line_start = max(raw.rfind("\n", start, end), raw.rfind("\r", start, end), start - 1) + 1
        if not _FOOTER_LINE.match(raw, line_start, end):
            return end
        end = _rstrip_end(raw, start, line_start)
    return end
