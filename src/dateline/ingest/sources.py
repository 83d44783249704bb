"""Where documents come from: files, folders, globs and stdin; duplicates dropped.

Whole documents are read with a cap (``Settings.max_doc_bytes``), checked against the
file size before reading. JSON Lines and CSV files are corpora, so they are streamed
and the cap applies to each line or field instead.
"""

from __future__ import annotations

import glob
import io
import os
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from dateline.errors import InputError
from dateline.ingest.decode import stream_encoding, strip_bom
from dateline.ingest.formats import Result, format_from_name, guarded, read_bytes, too_large
from dateline.ingest.records import parse_csv, parse_jsonl
from dateline.model import Article, Reject
from dateline.settings import Settings

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
_HEAD_BYTES = 65_536
_GLOB_CHARS = frozenset("*?[")


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
        files = expand_path(item)
        if not files:
            yield Reject(str(item), "not-found", "no such file or folder, and no glob match")
        for path in files:
            yield from read_file(path, settings)


def expand_path(item: str | Path) -> list[Path]:
    """The files a path names: itself, a folder's files (recursive) or a glob's matches."""
    path = Path(item)
    if path.is_dir():
        return _walk(path)
    if path.exists() or path.is_symlink():
        return [path]
    if not _GLOB_CHARS.intersection(str(item)):
        return []
    matches = sorted(glob.glob(str(item), recursive=True))
    return [file for match in matches for file in expand_path(match)]


def _walk(root: Path) -> list[Path]:
    """Files under ``root``, sorted, hidden files and folders skipped, links not followed."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        found += [Path(folder, name) for name in sorted(files) if not name.startswith(".")]
    return found


def read_file(path: Path, settings: Settings) -> Iterator[Result]:
    """Every article in one file (never raises)."""
    origin = str(path)
    if not path.is_file():
        yield Reject(origin, "unreadable", "not a regular file (or a broken link)")
        return
    fmt = format_from_name(path.name)
    if fmt in ("jsonl", "csv"):
        yield from guarded(lambda: _stream_file(path, fmt == "csv", settings), origin)
        return
    try:
        data = _read_capped(path, settings.max_doc_bytes)
    except OSError as exc:
        yield Reject(origin, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    if data is None:
        yield too_large(origin, path.stat().st_size, settings)
        return
    yield from read_bytes(data, origin, settings, fmt)


def _read_capped(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or ``None`` when it is larger than ``limit`` (not read then)."""
    if path.stat().st_size > limit:
        return None
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    return None if len(data) > limit else data


def _stream_file(path: Path, is_csv: bool, settings: Settings) -> Iterator[Result]:
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
        yield from _stream_records(head, handle, str(path), is_csv, settings)


def _stream_records(
    head: bytes, rest: BinaryIO, origin: str, is_csv: bool, settings: Settings
) -> Iterator[Result]:
    """JSONL or CSV read as a text stream (``head``, then ``rest``) in the head's codec."""
    try:
        codec = stream_encoding(head)
    except InputError as exc:
        yield Reject(origin, exc.reason, exc.detail)
        return
    raw = _Prefixed(head, rest)
    text = io.TextIOWrapper(io.BufferedReader(raw), encoding=codec, newline="")
    if is_csv:
        yield from parse_csv(text, origin, settings.max_doc_bytes)
    else:
        yield from parse_jsonl(capped_lines(text, settings.max_doc_bytes), origin)


def capped_lines(stream: TextIO, limit: int) -> Iterator[tuple[int, str | InputError]]:
    """Numbered lines; one longer than ``limit`` characters is skipped as an error."""
    number = 0
    while True:
        try:
            line = stream.readline(limit + 1)
        except UnicodeDecodeError as exc:
            yield number + 1, InputError("encoding", f"{exc}; the rest of the file is skipped")
            return
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(("\n", "\r")):
            _skip_rest_of_line(stream, limit)
            yield number, InputError("too-large", f"the line is longer than {limit:,} characters")
            continue
        yield number, line


def _skip_rest_of_line(stream: TextIO, chunk: int) -> None:
    while (part := stream.readline(chunk)) and not part.endswith(("\n", "\r")):
        pass


def read_stream(
    stream: BinaryIO, settings: Settings, origin: str = STDIN_ORIGIN
) -> Iterator[Result]:
    """A stream such as stdin: one document read with a cap, or JSONL streamed."""
    data = stream.read(settings.max_doc_bytes + 1)
    if len(data) <= settings.max_doc_bytes:
        yield from read_bytes(data, origin, settings)
    elif strip_bom(data[:_HEAD_BYTES]).lstrip().startswith(b"{"):
        yield from guarded(partial(_stream_records, data, stream, origin, False, settings), origin)
    else:
        yield too_large(origin, None, settings)


class _Prefixed(io.RawIOBase):
    """A raw stream that yields ``prefix`` first, then the rest of ``rest``."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._prefix = memoryview(prefix)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        target = memoryview(buffer).cast("B")
        if len(self._prefix):
            size = min(len(target), len(self._prefix))
            target[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
            return size
        chunk = self._rest.read(len(target))
        target[: len(chunk)] = chunk
        return len(chunk)
