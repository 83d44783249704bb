"""JSON Lines and CSV read as streams, a line at a time, so that a bad line costs only
itself and every reject names its own line.

The codec is judged from the first bytes (``stream_encoding``). For ASCII-compatible
codecs the stream is split into lines as bytes (``\\n``, ``\\r\\n`` or ``\\r``) and each
line is decoded on its own (``decode_line``: UTF-8, then the head's codec, then UTF-8
with stray Windows-1252 bytes), so a legacy byte deep in a UTF-8 file changes one
character, not the lines around it. UTF-16 and UTF-32 streams (a byte-order mark)
are decoded as text; an undecodable stretch there ends the file with a reject.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, BinaryIO, TextIO

from dateline.errors import InputError
from dateline.ingest.decode import decode_line, stream_encoding, strip_bom
from dateline.ingest.formats import Result, document_hints
from dateline.ingest.records import parse_csv, parse_jsonl
from dateline.model import Reject
from dateline.settings import Settings

Numbered = tuple[int, str | InputError]
_PROBE = '\n\r{}",'


def stream_records(
    head: bytes, rest: BinaryIO, origin: str, is_csv: bool, settings: Settings
) -> Iterator[Result]:
    """The records of a JSONL or CSV stream (``head``, then ``rest``)."""
    try:
        codec = stream_encoding(head)
    except InputError as exc:
        yield Reject(origin, exc.reason, exc.detail)
        return
    if codec == "utf-8-sig":  # the mark only starts the stream: plain UTF-8 after it
        head, codec = strip_bom(head), "utf-8"
    raw = io.BufferedReader(_Prefixed(head, rest))
    limit = settings.max_doc_bytes
    hints = document_hints(origin, settings)
    if is_csv:
        yield from parse_csv(_csv_lines(raw, codec), origin, limit, hints)
    elif _ascii_compatible(codec):
        yield from parse_jsonl(byte_lines(raw, codec, limit), origin, hints)
    else:
        text = io.TextIOWrapper(raw, encoding=codec, newline="")
        yield from parse_jsonl(capped_lines(text, limit), origin, hints)


def _ascii_compatible(codec: str) -> bool:
    """Whether line breaks and JSON punctuation are the same bytes as in ASCII."""
    try:
        return _PROBE.encode(codec) == _PROBE.encode("ascii")
    except (UnicodeError, LookupError):
        return False


def byte_lines(raw: BinaryIO, codec: str, limit: int) -> Iterator[Numbered]:
    """Numbered lines, each decoded on its own; a line over ``limit`` bytes is an error
    (and skipped without being held whole)."""
    number = 0
    while chunk := raw.readline(limit + 1):
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            _skip_rest_of_line(raw, limit)
            number += 1
            yield number, InputError("too-large", f"the line is longer than {limit:,} bytes")
            continue
        for line in chunk.splitlines(keepends=True):  # a lone \r ends a line too
            number += 1
            yield number, decode_line(line, codec)


def _skip_rest_of_line(raw: BinaryIO, chunk: int) -> None:
    while (part := raw.readline(chunk)) and not part.endswith(b"\n"):
        pass


def _csv_lines(raw: BinaryIO, codec: str) -> Iterator[str]:
    """Decoded lines, line ends kept (a quoted CSV field may hold line breaks).

    Wide codecs are decoded as a text stream; an undecodable stretch there raises
    ``UnicodeDecodeError``, which the CSV reader turns into a reject."""
    if not _ascii_compatible(codec):
        yield from io.TextIOWrapper(raw, encoding=codec, newline="")
        return
    for chunk in raw:
        for line in chunk.splitlines(keepends=True):
            yield decode_line(line, codec)


def capped_lines(stream: TextIO, limit: int) -> Iterator[Numbered]:
    """Numbered lines of a text stream; one longer than ``limit`` characters is an error."""
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
            _skip_rest_of_text_line(stream, limit)
            yield number, InputError("too-large", f"the line is longer than {limit:,} characters")
            continue
        yield number, line


def _skip_rest_of_text_line(stream: TextIO, chunk: int) -> None:
    while (part := stream.readline(chunk)) and not part.endswith(("\n", "\r")):
        pass


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
