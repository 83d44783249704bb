"""Readers that turn files, feeds and streams into ``Article``s or ``Reject``s.

    read_paths(paths, settings)        files, folders (recursive), globs, "-" for stdin
    read_bytes(data, origin, settings) one document already in memory (HTTP, tests)
    parse_text_article(raw, origin)    one plain-text story: header and footer off

Formats: plain text (dateline and wire headers), JSON Lines, JSON, CSV, HTML pages
(main text via trafilatura) and RSS/Atom feeds (feedparser), chosen by extension and
otherwise by sniffing the content. Nothing here raises on a bad document: it becomes
a ``Reject`` with a short ``reason`` (binary, encoding, empty, too-large, json,
record, csv, feed, not-found, unreadable, duplicate) and a readable ``detail``;
strings are cleaned on the way in (lone surrogates become U+FFFD, file names that
are not UTF-8 show their bad bytes as ``\\xff``).
"""

from __future__ import annotations

from dateline.ingest.formats import read_bytes
from dateline.ingest.sources import read_paths, read_stream
from dateline.ingest.text import parse_text_article

__all__ = ["parse_text_article", "read_bytes", "read_paths", "read_stream"]
