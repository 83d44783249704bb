"""Where documents come from: files, folders, globs and stdin; duplicates dropped.

Whole documents are read with a cap (``Settings.max_doc_bytes``), checked against the
file size before reading. JSON Lines and CSV files are corpora, so they are streamed
and the cap applies to each line or field instead.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import BinaryIO

from dateline.clean import path_text
from dateline.ingest.decode import strip_bom
from dateline.ingest.formats import Result, format_from_name, guarded, read_bytes, too_large
from dateline.ingest.paths import expand_path
from dateline.ingest.streams import stream_records
from dateline.model import Article, Reject
from dateline.settings import Settings

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
_HEAD_BYTES = 65_536


def read_paths(
    paths: Iterable[str | Path], settings: Settings, stdin: BinaryIO | None = None
) -> Iterator[Result]:
    """Every article under ``paths`` (files, folders, globs, ``-``), in a stable order.

    Unreadable documents come out as ``Reject``s and the rest go on. An article whose
    id was already yielded in this call comes out as a ``duplicate`` reject, so that
    articles plus rejects always count the documents read. ``stdin`` replaces
    ``sys.stdin.buffer`` (for tests and embedding).
    """
    seen: dict[str, str] = {}
    for result in _all_documents(paths, settings, stdin):
        if isinstance(result, Article):
            origin = result.origin or result.id
            if result.id in seen:
                yield Reject(origin, "duplicate", f"same text and source as {seen[result.id]}")
                continue
            seen[result.id] = origin
        yield result


def _all_documents(
    paths: Iterable[str | Path], settings: Settings, stdin: BinaryIO | None
) -> Iterator[Result]:
    for item in paths:
        if str(item) == STDIN:
            yield from read_stream(stdin or sys.stdin.buffer, settings)
            continue
        entries = expand_path(item)
        if not entries:
            yield _nothing_at(item)
        for entry in entries:
            if isinstance(entry, Reject):
                yield entry
            else:
                yield from read_file(entry, settings)


def _nothing_at(item: str | Path) -> Reject:
    """The reject for a path that names no file: an empty folder, or nothing at all."""
    if Path(item).is_dir():
        return Reject(path_text(item), "empty", "the folder holds no (visible) files")
    return Reject(path_text(item), "not-found", "no such file or folder, and no glob match")


def read_file(path: Path, settings: Settings) -> Iterator[Result]:
    """Every article in one file (never raises); its origin is the path as text, with
    bytes of the name that are not UTF-8 shown as ``\\xff``."""
    origin = path_text(path)
    fmt = format_from_name(path.name)
    try:
        if not path.is_file():
            yield Reject(origin, "unreadable", "not a regular file (or a broken link)")
            return
        if fmt in ("jsonl", "csv"):
            yield from guarded(lambda: _stream_file(path, fmt == "csv", settings), origin)
            return
        size, data = _read_capped(path, settings.max_doc_bytes)
    except OSError as exc:
        yield Reject(origin, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    if data is None:
        yield too_large(origin, size, settings)
        return
    yield from read_bytes(data, origin, settings, fmt)


def _read_capped(path: Path, limit: int) -> tuple[int, bytes | None]:
    """The file's size and bytes; ``None`` for the bytes when it is larger than
    ``limit`` (not read then)."""
    size = path.stat().st_size
    if size > limit:
        return size, None
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    return size, (None if len(data) > limit else data)


def _stream_file(path: Path, is_csv: bool, settings: Settings) -> Iterator[Result]:
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
        yield from stream_records(head, handle, path_text(path), is_csv, settings)


def read_stream(
    stream: BinaryIO, settings: Settings, origin: str = STDIN_ORIGIN
) -> Iterator[Result]:
    """A stream such as stdin: one document read with a cap, or JSONL streamed.

    A stream has no name, so the rejects of a document read whole name its content
    (``<stdin sha256:0123456789ab>``): two different documents rejected for the same
    reason stay two rejects."""
    data = stream.read(settings.max_doc_bytes + 1)
    if len(data) <= settings.max_doc_bytes:
        for result in read_bytes(data, origin, settings):
            yield _named_by_content(result, origin, data)
    elif strip_bom(data[:_HEAD_BYTES]).lstrip().startswith(b"{"):
        yield from guarded(partial(stream_records, data, stream, origin, False, settings), origin)
    else:
        yield too_large(origin, None, settings)


def _named_by_content(result: Result, origin: str, data: bytes) -> Result:
    """A reject whose origin starts with ``origin`` gets the data's digest in it."""
    if isinstance(result, Article) or not result.origin.startswith(origin):
        return result
    digest = hashlib.sha256(data).hexdigest()[:12]
    named = f"{origin.removesuffix('>')} sha256:{digest}>" + result.origin[len(origin) :]
    return replace(result, origin=named)
