"""Dateline-format and wire-style plain text: header, byline and footer off, metadata kept.

The body is always one contiguous slice of the input (``raw[start:end]``), so
character spans into ``Article.text`` can be mapped back to the file by an offset.
Recognised, in this order, at the top of a story:

* a metadata block of ``Date:`` / ``Source:`` / ``Title:`` / ``URL:`` lines;
* a first line that repeats the title (HTML pages and feed items), and bylines
  (``By Jane Doe and John Roe``, ``By JANE DOE, Associated Press``);
* the dateline header ``date 2021-07-26 (Bloomberg) --``;
* a wire header, in the styles of many agencies: ``WASHINGTON (Reuters) -``,
  ``KYIV, Nov 6 (Reuters) -``, ``BAGHDAD, July 26, 2021 (AP) —``, ``Kyiv (AFP) -``,
  ``Berlin (dpa) -``, ``BEIJING, Nov. 6 (Xinhua) --``, ``MOSCOW, November 6. /TASS/.``,
  ``MOSCOW. Nov 6 (Interfax) -``, ``New Delhi [India], November 6 (ANI):``,
  ``ABU DHABI, 6th November, 2023 (WAM) --``, ``NEW DELHI, Nov 6 (PTI) The``,
  ``(Reuters) -`` alone, and a place alone before a long dash (``KYIV, Ukraine —``).

A header's full date is the story date (source ``header``); a year-less one
(``Nov 6``) takes the year that puts it nearest before the date the reader falls back
on (the file name's or the run's, ``DateHints``). At the bottom, trailing copyright
lines, "All rights reserved", wire trailers ("Reporting by ...; Editing by ...") and
similar boilerplate lines are cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dateline.ingest.dates import (
    MONTH_PATTERN,
    NO_HINTS,
    DateHints,
    StoryDate,
    first_date,
    make_date,
    month_number,
    nearest_before,
    parse_date,
    story_date,
)
from dateline.model import Article

_DASH = r"(?:--|[-–—]{1,2})"
_DATELINE_HEADER = re.compile(
    r"[\s\ufeff]*date\s+(?P<date>\d{4}-\d{2}-\d{2})"
    rf"\s*\((?P<source>[^()\n]{{1,80}})\)\s*{_DASH}[ \t]*",
    re.IGNORECASE,
)
_MONTH = rf"(?i:{MONTH_PATTERN})"


def _date_pattern(p: str) -> str:
    """``Nov 6``, ``Nov. 6, 2023``, ``6th November, 2023``; group names start with ``p``."""
    return (
        rf"(?:(?P<{p}month>{_MONTH})\s+(?P<{p}day>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:,?\s+(?P<{p}year>\d{{4}}))?"
        rf"|(?P<{p}day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<{p}month2>{_MONTH}),?"
        rf"(?:\s+(?P<{p}year2>\d{{4}}))?)"
    )


_UPPER_PLACE = r"[A-Z][A-Z.'’\- ]{0,40}[A-Z.]"
_TITLE_PLACE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}"
_REGION = r"(?:\s*\[[A-Za-z .'’-]{1,30}\])?(?:,\s*(?P<region>[A-Z][A-Za-z.'’\- ]{0,30}[A-Za-z.]))?"
_SOURCE = r"[A-Z][\w.&'’-]{0,30}(?: [\w.&'’-]{1,30}){0,2}"
_ACRONYM = r"[A-Z]{2,8}|dpa"
_WIRE_HEADER = re.compile(
    r"[\s\ufeff]*"
    rf"(?:(?P<place>{_UPPER_PLACE}){_REGION}(?:[,.]\s*(?P<dated>{_date_pattern('u')}))?[.,]?\s*"
    rf"(?:\((?P<source>{_SOURCE})\)|/(?P<slashed>[A-Z]{{2,10}})/\.?)"
    rf"|(?P<tplace>{_TITLE_PLACE})(?:\s*\[[A-Za-z .'’-]{{1,30}}\])?(?:,\s*[A-Z][a-z]+)?"
    rf"(?:[,.]\s*(?P<tdated>{_date_pattern('t')}))?\s*\((?P<acronym>{_ACRONYM})\)"
    rf"|\((?P<bare>{_SOURCE})\))"
)
_SEPARATOR = re.compile(rf"\s*(?:{_DASH}|:|\.-)[ \t]*")
_DATED_GAP = re.compile(r"[ \t]+(?=[A-Z\"“‘'])")
_PLACE_DASH = re.compile(
    rf"[\s\ufeff]*(?P<place>{_UPPER_PLACE})(?:,\s*[A-Z][A-Za-z.'’\- ]{{0,30}}[A-Za-z.])?"
    r"[ \t]+(?:--|[–—])[ \t]+"
)
_BYLINE_WORD = r"(?:[A-Z][\w.'’-]*|and|de|da|del|van|von|al|bin|la|le)"
# Words are split by blanks or by ``,`` ``&`` ``|`` only, so a run of letters can be read
# one way only: a byline-like first line with no line end fails in linear time (glued
# words made the old pattern backtrack for seconds on one story).
_BYLINE = re.compile(
    rf"[ \t]*By[ \t]+(?P<names>{_BYLINE_WORD}"
    rf"(?:(?:[ \t]*[,&|][ \t]*|[ \t]+){_BYLINE_WORD}|[ \t]*[,&|])*)[ \t]*(?:\r\n?|\n)"
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
    date: StoryDate | None = None
    title: str | None = None
    url: str | None = None


def parse_text_article(
    raw: str, origin: str | None = None, hints: DateHints = NO_HINTS, title: str | None = None
) -> Article:
    """Split a plain-text story into header metadata, body and footer; never raises.

    ``title`` (an HTML page's or feed item's) is skipped when the text starts with it;
    the story date falls back on ``hints`` (see the module docstring)."""
    meta = _read_meta_block(raw, hints)
    meta = replace(meta, start=_skip_top_lines(raw, meta.start, meta.title or title))
    meta = _read_header(raw, meta, hints)
    end = _footer_start(raw, meta.start)
    start = _skip_space(raw, meta.start, end)
    found = first_date(meta.date, hints.fallback)
    return Article.create(
        raw[start:end],
        source=meta.source,
        published=found.value if found else None,
        title=meta.title,
        url=meta.url,
        origin=origin,
        date_source=found.source if found else None,
    )


def _read_meta_block(raw: str, hints: DateHints) -> _Meta:
    fields: dict[str, str] = {}
    position = 0
    while (match := _META_LINE.match(raw, position)) is not None:
        key = match.group("key").lower()
        fields["date" if key == "published" else key] = match.group("value")
        position = match.end()
    return _Meta(
        start=position,
        source=fields.get("source") or None,
        date=story_date(parse_date(fields.get("date"), hints.day_first), "metadata"),
        title=fields.get("title") or None,
        url=fields.get("url") or None,
    )


def _skip_top_lines(raw: str, start: int, title: str | None) -> int:
    """Past blank lines, a first line that repeats ``title``, and bylines."""
    wanted = _words(title) if title else None
    while True:
        start = _skip_space(raw, start, len(raw))
        line_end = _line_end(raw, start)
        if wanted and _words(raw[start:line_end]) == wanted and line_end < len(raw):
            start, wanted = line_end, None
            continue
        byline = _BYLINE.match(raw, start)
        if byline is None:
            return start
        start = byline.end()


def _line_end(raw: str, start: int) -> int:
    ends = [i for i in (raw.find("\n", start), raw.find("\r", start)) if i >= 0]
    return min(ends, default=len(raw))


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _read_header(raw: str, meta: _Meta, hints: DateHints) -> _Meta:
    """Apply a dateline or wire header after the metadata block; the block wins."""
    match = _DATELINE_HEADER.match(raw, meta.start)
    if match:
        found = story_date(parse_date(match.group("date")), "header")
        source: str | None = match.group("source").strip()
        end = match.end()
    else:
        wire = _wire_header(raw, meta.start)
        if wire is None:
            return meta
        match, end = wire
        found = _wire_date(match, hints)
        source = _wire_source(match)
    return replace(meta, start=end, source=meta.source or source, date=meta.date or found)


def _wire_header(raw: str, start: int) -> tuple[re.Match[str], int] | None:
    """A wire header at ``start`` and where it ends (after its dash, colon, or the
    space before the body when the header has a date), or ``None``."""
    match = _WIRE_HEADER.match(raw, start)
    if match is None:
        return _place_only(raw, start)
    after = _SEPARATOR.match(raw, match.end())
    if after is not None:
        return match, after.end()
    if match.group("slashed"):
        return match, _skip_space(raw, match.end(), len(raw))
    gap = _DATED_GAP.match(raw, match.end())
    if gap is not None and (match.group("dated") or match.group("tdated")):
        return match, gap.end()
    return None


def _place_only(raw: str, start: int) -> tuple[re.Match[str], int] | None:
    match = _PLACE_DASH.match(raw, start)
    return (match, match.end()) if match else None


def _wire_source(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    for name in ("source", "slashed", "acronym", "bare"):
        if groups.get(name):
            return str(groups[name]).strip()
    return None


def _wire_date(match: re.Match[str], hints: DateHints) -> StoryDate | None:
    """A wire header's date: complete, or year-less and given the year that puts it
    nearest before the fallback date (``header+file-name``, ``header+run-date``)."""
    prefix = "u" if match.groupdict().get("dated") else "t"
    groups = {k.removeprefix(prefix): v for k, v in match.groupdict().items() if v}
    month = month_number(groups.get("month") or groups.get("month2") or "")
    day, year = groups.get("day") or groups.get("day2"), groups.get("year") or groups.get("year2")
    if month is None or day is None:
        return None
    if year:
        return story_date(make_date(year, month, day), "header")
    if hints.fallback is None:
        return None
    found = nearest_before(month, int(day), hints.fallback.value)
    return story_date(found, f"header+{hints.fallback.source}")


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
