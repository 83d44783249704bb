"""The bad-input corpus, generated at test time: every kind of hostile document the
reliability issue lists, with the outcome each must have.

``BAD_INPUTS`` maps a file name to its bytes and to what reading it must give, per
document in the file: ``"article"`` (a clean article) or a reject reason.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

STORY = "Gondor sent troops to Arnor on Monday, officials in Minas Tirith said.\n"


@dataclass(frozen=True, slots=True)
class BadInput:
    """One file: its bytes and, per document it holds, ``"article"`` or a reject reason."""

    data: bytes
    outcomes: tuple[str, ...]


def _zip() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", STORY)
    return buffer.getvalue()


def _jsonl(*lines: str) -> bytes:
    return "\n".join(lines).encode("utf-8") + b"\n"


def _record(text: str, **fields: str) -> str:
    return json.dumps({"text": text, **fields})


#: Cut off inside an item: feedparser recovers the item as far as it goes (its title).
_FEED_TRUNCATED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
    b"<item><title>Gondor sent troops to Arnor</title><description>Gondor sent troops"
)
#: Windows-1252 text (short legacy texts can fit several code pages; this one does not).
LEGACY = "Le président a déclaré que la réunion était très importante pour l'été."
#: UTF-8 text with a Windows-1252 sentence pasted in.
MIXED = "Gondor a été attaqué lundi. ".encode() + "Arnor a été reçu mardi.".encode("cp1252")
_HTML_SCRIPTS = (
    b"<!DOCTYPE html><html><head><script>var a = 1;</script></head>"
    b"<body><script>document.write('Gondor attacked Arnor');</script>"
    b"<style>body { color: red }</style></body></html>"
)


def _story(n: int) -> str:
    return f"Gondor sent {n} troops to Arnor on Monday, officials in Minas Tirith said.\n"


BAD_INPUTS: dict[str, BadInput] = {
    "empty.txt": BadInput(b"", ("empty",)),
    "whitespace.txt": BadInput(b" \n\t\r\n  ", ("empty",)),
    "image.png": BadInput(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16, ("binary",)),
    "archive.zip.txt": BadInput(_zip(), ("binary",)),
    "packed.gz.txt": BadInput(gzip.compress(STORY.encode() * 20, mtime=0), ("binary",)),
    "random.bin": BadInput(bytes((i * 97 + 13) % 256 for i in range(4096)), ("binary",)),
    "nul-bytes.txt": BadInput(b"Gondor sent\x00 troops\x00\x00 to Arnor" * 8, ("binary",)),
    "nul-bytes.jsonl": BadInput(b'{"text": "a\x00b"}\n' * 4, ("binary",)),
    "utf16-bom.txt": BadInput(codecs.BOM_UTF16_LE + _story(1).encode("utf-16-le"), ("article",)),
    "utf16-be-bom.txt": BadInput(codecs.BOM_UTF16_BE + _story(2).encode("utf-16-be"), ("article",)),
    "utf16-no-bom.txt": BadInput(_story(3).encode("utf-16-le"), ("article",)),
    "utf16-be-no-bom.txt": BadInput(_story(4).encode("utf-16-be"), ("article",)),
    "utf32-bom.txt": BadInput(codecs.BOM_UTF32_LE + _story(5).encode("utf-32-le"), ("article",)),
    "utf16-odd-length.txt": BadInput(codecs.BOM_UTF16_LE + b"abc", ("encoding",)),
    "lying-bom.txt": BadInput(codecs.BOM_UTF8 + "Gondor é".encode("latin-1") * 5, ("encoding",)),
    "cp1252.txt": BadInput(LEGACY.encode("cp1252"), ("article",)),
    "mixed-encodings.txt": BadInput(MIXED, ("article",)),
    "scripts-only.html": BadInput(_HTML_SCRIPTS, ("empty",)),
    "truncated-feed.xml": BadInput(_FEED_TRUNCATED, ("title-only",)),
    "garbage-feed.xml": BadInput(b'<?xml version="1.0"?><rss><<<>>>&&&', ("feed",)),
    "rows.jsonl": BadInput(
        _jsonl(
            _record("Rohan met Gondor in Edoras.", date="2022-05-01"),
            '{"text": "truncated',
            "[1, 2, 3]",
            _record("Mordor threatened Harad.", date="2021-13-45"),
            '{"title": "no text field"}',
            "not json at all",
            _record(""),
        ),
        ("article", "json", "record", "article", "record", "json", "empty"),
    ),
    "rows.csv": BadInput(
        b'text,date,source\n"Arnor praised Rohan.",2022-02-30,Wire\n'
        b'"unterminated quote,2022-01-01,Wire\nHarad met Rhun.,2022-01-02,Wire\n',
        ("article", "csv"),
    ),
    "no-text-column.csv": BadInput(b"title,date\nA headline,2022-01-01\n", ("csv",)),
    "broken.json": BadInput(b'{"text": "Gondor", ', ("json",)),
    "surrogates.jsonl": BadInput(
        _jsonl(
            _record("Gondor praised Rohan\udc80 on Friday.", title="T\udc80", url="u\udc80"),
            _record("Rohan thanked Arnor on Sunday.", source="W\udc81"),
            '{"text": "Harad met Rhun.", "count": ' + "7" * 5000 + "}",
            _record("Arnor met Harad on Monday."),
        ),
        ("article", "article", "json", "article"),
    ),
    "legacy-after-64k.jsonl": BadInput(
        (" " * 999 + "\n").encode() * 70  # blank lines: 70 KB, no documents
        + '{"text": "Le pr\xe9sident de Gondor a parl\xe9."}\n'.encode("latin-1")
        + b"{broken\n"
        + _jsonl(_record("Rhun accused Mordor on Tuesday.")),
        ("article", "json", "article"),
    ),
    "ancient.txt": BadInput(
        b"date 2021-07-01 (Wire) -- The temple was built 3000 years ago, officials in "
        b"Gondor said on Monday.\n",
        ("article",),
    ),
    "far-future.jsonl": BadInput(
        _jsonl(_record("Gondor will attack Arnor next year, officials said.", date="9999-12-31")),
        ("article",),
    ),
}

#: Files whose names are not valid UTF-8, by raw name; stored under the name with the
#: bad bytes written as ``\xff`` (``bad_name``).
BAD_NAMES: dict[bytes, BadInput] = {
    b"story-\xff.txt": BadInput(_story(6).encode(), ("article",)),
    b"empty-\xfe.txt": BadInput(b"", ("empty",)),
}


def bad_name(raw: bytes) -> str:
    """How a raw file name appears in origins."""
    return raw.decode("utf-8", "backslashreplace")


def write_bad_corpus(folder: Path) -> dict[str, tuple[str, ...]]:
    """Write every bad input under ``folder``; the expected outcomes by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, item in BAD_INPUTS.items():
        (folder / name).write_bytes(item.data)
    for raw, item in BAD_NAMES.items():
        (folder / os.fsdecode(raw)).write_bytes(item.data)
    expected = {name: item.outcomes for name, item in BAD_INPUTS.items()}
    expected |= {bad_name(raw): item.outcomes for raw, item in BAD_NAMES.items()}
    return expected | _hostile_tree(folder)


def _hostile_tree(folder: Path) -> dict[str, tuple[str, ...]]:
    """Links to parent folders (a walk that followed them would never end) and folders
    nested past PATH_MAX with a story at the bottom: listing the first folder whose
    path is too long fails even for root, so it must be an ``unreadable`` reject."""
    os.symlink("..", folder / "up")
    (folder / "links").mkdir()
    os.symlink("../..", folder / "links" / "top")
    return {_nest_past_path_max(folder / "links"): ("unreadable",)}


def _nest_past_path_max(root: Path) -> str:
    """Nest folders (each made relative to the last) until the full path is over 4,096
    bytes, put a story in the deepest; the name of the first that cannot be listed."""
    fd = os.open(root, os.O_RDONLY)
    path, unlistable = str(root), ""
    try:
        for level in range(64):
            name = f"deep{level:02d}-" + "d" * 200
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd, path = inner, os.path.join(path, name)
            if len(os.fsencode(path)) > 4096 and not unlistable:
                unlistable = name
            if len(os.fsencode(path)) > 4096 + 400:
                break
        story = os.open("story.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
        os.write(story, STORY.encode())
        os.close(story)
    finally:
        os.close(fd)
    return unlistable
