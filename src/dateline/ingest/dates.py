"""Story dates from metadata strings: ISO 8601, RFC 2822, "July 26, 2021", "26 July
2021" and numeric ``25/09/2023`` forms; file names; year-less wire datelines.

Only full dates are returned; anything partial or impossible gives ``None``, never an
error, because a bad date must not stop a story from being read. A numeric date whose
day and month could be swapped (``05/09/2023``) is read month first unless
``day_first`` is set; one with a part over 12 (``25/09/2023``) is read the only way it
can be.

Where a story date came from is kept with it (``StoryDate.source``):

    metadata        a date field, a ``Date:`` line, an HTML page's metadata
    feed            the feed entry's date
    header          the dateline or wire header (``KYIV, Nov 6, 2023 (Reuters) -``)
    header+REF      a year-less wire header (``KYIV, Nov 6 (Reuters) -``) whose year is
                    the one that puts it nearest before REF (file-name or run-date)
    file-name       a date in the file name (``2023-11-06-kyiv.txt``)
    run-date        the run's ``--date`` (``Settings.story_date``)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import PurePath

from dateline.errors import InputError

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
MONTH_PATTERN = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

_MONTH_FIRST = re.compile(
    rf"^(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$",
    re.IGNORECASE,
)
_DAY_FIRST = re.compile(
    rf"^(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_PATTERN}),?\s+(?P<year>\d{{4}})$", re.IGNORECASE
)


_NUMERIC = re.compile(r"^(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})$")
_FILE_NAME_DATE = re.compile(
    r"(?<!\d)(?P<year>\d{4})[-_.]?(?P<month>\d{2})[-_.]?(?P<day>\d{2})(?!\d)"
)
#: How far after its reference a year-less header date may fall (time zones: a story
#: datelined Nov 7 in Tokyo can sit in a feed dated Nov 6 UTC).
_AHEAD = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class StoryDate:
    """A story date and where it came from (see the module docstring)."""

    value: date
    source: str


@dataclass(frozen=True, slots=True)
class DateHints:
    """What a reader knows about dates beyond the document: how to read ``05/09/2023``
    and the date to fall back on (the file name's, else the run's ``--date``), which
    also gives a year-less wire header its year."""

    day_first: bool = False
    fallback: StoryDate | None = None


NO_HINTS = DateHints()


def make_date(year: int | str, month: int | str, day: int | str) -> date | None:
    """A date from parts, or ``None`` when the parts name no real day."""
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def month_number(name: str) -> int | None:
    """1-12 for an English month name or abbreviation ("Jan.", "Sept"), else ``None``."""
    return MONTHS.get(name.strip().rstrip(".").lower())


def _from_iso(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _from_rfc2822(value: str) -> date | None:
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _from_words(value: str) -> date | None:
    match = _MONTH_FIRST.match(value) or _DAY_FIRST.match(value)
    if not match:
        return None
    month = month_number(match.group("month"))
    return make_date(match.group("year"), month, match.group("day")) if month else None


def _from_numeric(value: str, day_first: bool) -> date | None:
    match = _NUMERIC.match(value)
    if not match:
        return None
    a, b, year = int(match.group("a")), int(match.group("b")), match.group("year")
    if a > 12 or (day_first and b <= 12):
        return make_date(year, b, a)
    return make_date(year, a, b)


def parse_date(value: object, day_first: bool = False) -> date | None:
    """The day a metadata value names, or ``None`` when it names no full, valid date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = " ".join(value.split())
    return (
        _from_iso(text)
        or _from_numeric(text, day_first)
        or _from_words(text)
        or _from_rfc2822(text)
    )


def coerce_story_date(value: object, name: str) -> date | None:
    """A story date given by a caller: a ``date``, a ``datetime`` or an ISO 8601 string
    (``None`` is no date); anything else raises ``InputError`` naming ``name``."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    if isinstance(value, str):
        found = _from_iso(value.strip())
        if found is not None:
            return found
        raise InputError("date", f"{name}={value!r} is not an ISO 8601 date (YYYY-MM-DD)")
    kind = type(value).__name__
    raise InputError("date", f"{name} must be a date, a datetime or an ISO 8601 string, not {kind}")


def file_name_date(origin: str | None) -> date | None:
    """The date in a file name (``2023-11-06-kyiv.txt``, ``kyiv_20231106.txt``), or
    ``None``. Only the last path component counts; the line or record part of an
    origin (``file.jsonl:3``, ``feed.xml#2``) is ignored."""
    if not origin or origin.startswith("<"):
        return None
    name = PurePath(re.split(r"[:#]\d+(?:#.*)?$", origin)[0]).name
    for match in _FILE_NAME_DATE.finditer(name):
        found = make_date(match.group("year"), match.group("month"), match.group("day"))
        if found is not None and 1900 <= found.year <= 2200:
            return found
    return None


def hints_for(origin: str | None, day_first: bool, run_date: date | None) -> DateHints:
    """The hints of one document: its file name's date, else the run's date."""
    named = file_name_date(origin)
    if named is not None:
        return DateHints(day_first, StoryDate(named, "file-name"))
    if run_date is not None:
        return DateHints(day_first, StoryDate(run_date, "run-date"))
    return DateHints(day_first)


def nearest_before(month: int, day: int, reference: date) -> date | None:
    """The day ``month``/``day`` in the year that puts it nearest before ``reference``
    (up to one day after it is allowed); ``None`` when no such day exists (Feb 30)."""
    for year in range(reference.year + 1, reference.year - 9, -1):
        found = make_date(year, month, day) if 1 <= year <= 9999 else None
        if found is not None and found <= reference + _AHEAD:
            return found
    return None


def first_date(*candidates: StoryDate | None) -> StoryDate | None:
    """The first candidate that is a date."""
    return next((c for c in candidates if c is not None), None)


def story_date(value: date | None, source: str) -> StoryDate | None:
    """``value`` with its source, or ``None`` when there is no value."""
    return StoryDate(value, source) if value is not None else None
