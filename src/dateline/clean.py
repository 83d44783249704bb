"""Strings made storable where they enter: file names and JSON fields.

Python strings may hold lone surrogates (``"\\udc80"``): a JSON ``\\udc80`` escape
decodes to one, and a file name that is not valid UTF-8 comes back from the file
system with its bad bytes as surrogate escapes. Such strings cannot be encoded as
UTF-8, so hashing or storing them fails; they are cleaned here, on the way in.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_SURROGATE = re.compile(r"[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean_text(value: str) -> str:
    """``value`` with every lone surrogate replaced by U+FFFD (valid pairs cannot occur
    in a Python string: they are one code point)."""
    return _SURROGATE.sub(REPLACEMENT, value)


def path_text(path: str | Path) -> str:
    """A path as storable text: bytes that are not UTF-8 are shown as ``\\xff``, so that
    two names differing only in such bytes stay apart."""
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a surrogate that no file system byte maps to
        return clean_text(os.fspath(path))
    return raw.decode("utf-8", "backslashreplace")
