"""dateline: news stories in, a geopolitical event database out.

The public surface is re-exported here and loaded lazily (nothing heavy happens at
import): ``dateline.open(url)`` opens a database for queries, ``Settings`` configures a
run, ``extract_text`` / ``extract_paths`` / ``ingest_paths`` run the pipeline.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("dateline")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"

_LAZY = {
    "open": ("dateline.query", "open_db"),
    "open_db": ("dateline.query", "open_db"),
    "Database": ("dateline.query", "Database"),
    "EventQuery": ("dateline.query", "EventQuery"),
    "QueryError": ("dateline.query", "QueryError"),
    "Settings": ("dateline.settings", "Settings"),
    "extract_text": ("dateline.api", "extract_text"),
    "extract_paths": ("dateline.api", "extract_paths"),
    "ingest_paths": ("dateline.api", "ingest_paths"),
    "build_nlp": ("dateline.nlp", "build_nlp"),
    "Store": ("dateline.store", "Store"),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'dateline' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    return getattr(import_module(module), attribute)
