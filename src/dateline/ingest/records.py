"""JSON Lines and CSV: one article per line or row; a bad one is rejected, the rest go on.

Fields: ``text`` (required), and optionally ``id``, ``date``, ``source``, ``title``,
``url``. The text goes through the plain-text reader, so a wire header or copyright
footer inside it is handled too; explicit fields win over what the header says.
Origins are ``path:LINE`` (1-based; for CSV the line where the row starts), and
``path:LINE#ID`` when the record carries its own id.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping

from dateline.clean import clean_text
from dateline.errors import InputError
from dateline.ingest.dates import NO_HINTS, DateHints, parse_date
from dateline.ingest.text import parse_text_article
from dateline.model import Article, Reject

FIELDS = ("text", "id", "date", "source", "title", "url")


def record_to_article(
    record: Mapping[str, object], origin: str, hints: DateHints = NO_HINTS
) -> Article:
    """An article from one record; raise ``InputError`` when it has no usable text.

    Lone surrogates in any field (a JSON ``\\udc80`` escape) become U+FFFD. The
    ``date`` field (any format ``parse_date`` reads) wins over the text's header."""
    text = record.get("text")
    if not isinstance(text, str):
        kind = "missing" if text is None else f"a {type(text).__name__}, not a string"
        raise InputError("record", f"the 'text' field is {kind}")
    title = _field(record, "title")
    parsed = parse_text_article(clean_text(text), hints=hints, title=title)
    if not parsed.text:
        raise InputError("empty", "the 'text' field is empty")
    record_id = _field(record, "id")
    given = parse_date(record.get("date"), hints.day_first)
    return Article.create(
        parsed.text,
        source=_field(record, "source") or parsed.source,
        published=given or parsed.published,
        title=title or parsed.title,
        url=_field(record, "url") or parsed.url,
        origin=f"{origin}#{record_id}" if record_id else origin,
        date_source="metadata" if given else parsed.date_source,
    )


def _field(record: Mapping[str, object], name: str) -> str | None:
    value = record.get(name)
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return clean_text(str(value)).strip() or None


def parse_jsonl(
    lines: Iterable[tuple[int, str | InputError]], origin: str, hints: DateHints = NO_HINTS
) -> Iterator[Article | Reject]:
    """One result per non-blank line; ``lines`` are (number, text or the error reading it)."""
    for number, line in lines:
        where = f"{origin}:{number}"
        if isinstance(line, InputError):
            yield Reject(where, line.reason, line.detail)
        elif line.strip():
            yield _jsonl_line(line, where, hints)


def _jsonl_line(line: str, origin: str, hints: DateHints) -> Article | Reject:
    """One line's result; whatever goes wrong with it is its own reject, never the file's."""
    try:
        record = _loads(line)
    except InputError as exc:
        return Reject(origin, exc.reason, exc.detail)
    return _json_record(record, origin, hints)


def _loads(text: str) -> object:
    """``json.loads``, with every way it fails (bad syntax, nesting too deep, an integer
    over Python's digit limit) as an ``InputError`` of reason ``json``."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError("json", f"not valid JSON: {exc.msg}") from exc
    except RecursionError as exc:
        raise InputError("json", "not valid JSON: nested too deeply") from exc
    except ValueError as exc:  # e.g. "Exceeds the limit (4300 digits) ..."
        raise InputError("json", f"not valid JSON: {str(exc).split(';')[0]}") from exc


def parse_csv(
    lines: Iterable[str], origin: str, max_field: int, hints: DateHints = NO_HINTS
) -> Iterator[Article | Reject]:
    """One result per data row; the header row must name a ``text`` column. ``lines``
    keep their line ends (a text stream, or decoded lines)."""
    csv.field_size_limit(max(csv.field_size_limit(), max_field))  # never lowers it
    # strict: an unterminated quote is an error, not a field that swallows later rows
    reader = csv.DictReader(lines, strict=True)
    try:
        header = reader.fieldnames
    except (csv.Error, UnicodeDecodeError) as exc:
        yield Reject(origin, "csv", f"unreadable header: {exc}")
        return
    if not header or "text" not in [name.strip().lower() for name in header]:
        yield Reject(origin, "csv", f"the header row has no 'text' column: {header}")
        return
    yield from _csv_rows(reader, origin, hints)


def _csv_rows(
    reader: csv.DictReader[str], origin: str, hints: DateHints
) -> Iterator[Article | Reject]:
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield Reject(f"{origin}:{start}", "csv", f"{exc}; the rest of the file is skipped")
            return
        yield _csv_row(row, f"{origin}:{start}", hints)
        start = reader.line_num + 1


def _csv_row(row: Mapping[str | None, object], origin: str, hints: DateHints) -> Article | Reject:
    record = {k.strip().lower(): v for k, v in row.items() if isinstance(k, str)}
    return _json_record(record, origin, hints)


def parse_json(text: str, origin: str, hints: DateHints = NO_HINTS) -> Iterator[Article | Reject]:
    """A ``.json`` document: one record object, or an array of them (origin ``path#N``)."""
    try:
        value = _loads(text)
    except InputError as exc:
        yield Reject(origin, exc.reason, exc.detail)
        return
    items = value if isinstance(value, list) else [value]
    for number, item in enumerate(items, 1):
        where = f"{origin}#{number}" if isinstance(value, list) else origin
        yield _json_record(item, where, hints)


def _json_record(item: object, origin: str, hints: DateHints) -> Article | Reject:
    """One record's article or reject; whatever goes wrong with it is its own reject,
    never the end of its file."""
    if not isinstance(item, dict):
        return Reject(origin, "record", f"a JSON {type(item).__name__}, not an object")
    try:
        return record_to_article(item, origin, hints)
    except InputError as exc:
        return Reject(origin, exc.reason, exc.detail)
    except Exception as exc:  # one bad record must not end the file
        return Reject(origin, "record", f"{type(exc).__name__}: {exc}")
