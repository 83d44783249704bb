"""dateline: news stories in, a geopolitical event database out.

The public surface is re-exported here and loaded lazily (nothing heavy happens at
import): ``dateline.open(url)`` opens a database for queries, ``Settings`` configures a
run, ``extract_text`` / ``extract_paths`` / ``ingest_paths`` run the pipeline (see
:mod:`dateline.runs`), the records they return (``Extraction``, ``Event``, ...) and
the errors they raise (every one a ``DatelineError``) are named here too. Type
checkers see the same names through the ``TYPE_CHECKING`` imports below.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from dateline.version import __version__

if TYPE_CHECKING:
    from dateline.errors import (
        DatelineError,
        EvaluationError,
        InputError,
        KnowledgeError,
        QueryError,
        SettingsError,
        StoreError,
        UnstorableError,
    )
    from dateline.model import (
        ActorMention,
        Article,
        Event,
        Extraction,
        Mention,
        Place,
        Quantity,
        Quote,
        Reject,
        TimeRef,
    )
    from dateline.nlp import build_nlp
    from dateline.query import Database, EventQuery, open_db
    from dateline.query import open_db as open
    from dateline.recording import IngestSummary
    from dateline.runs import extract_paths, extract_text, ingest_paths
    from dateline.settings import Settings
    from dateline.store import Store

_ERRORS = ("DatelineError", "EvaluationError", "InputError", "KnowledgeError", "QueryError",
           "SettingsError", "StoreError", "UnstorableError")  # fmt: skip
_RECORDS = ("ActorMention", "Article", "Event", "Extraction", "Mention", "Place", "Quantity",
            "Quote", "Reject", "TimeRef")  # fmt: skip

_LAZY = {
    "open": ("dateline.query", "open_db"),
    "open_db": ("dateline.query", "open_db"),
    "Database": ("dateline.query", "Database"),
    "EventQuery": ("dateline.query", "EventQuery"),
    "Settings": ("dateline.settings", "Settings"),
    "extract_text": ("dateline.runs", "extract_text"),
    "extract_paths": ("dateline.runs", "extract_paths"),
    "ingest_paths": ("dateline.runs", "ingest_paths"),
    "IngestSummary": ("dateline.recording", "IngestSummary"),
    "build_nlp": ("dateline.nlp", "build_nlp"),
    "Store": ("dateline.store", "Store"),
    **{name: ("dateline.errors", name) for name in _ERRORS},
    **{name: ("dateline.model", name) for name in _RECORDS},
}

# The same names as _LAZY, written out so tools (ruff, mypy, IDEs) read them statically.
__all__ = [
    "ActorMention", "Article", "Database", "DatelineError", "EvaluationError", "Event",
    "EventQuery", "Extraction", "IngestSummary", "InputError", "KnowledgeError", "Mention",
    "Place", "Quantity", "QueryError", "Quote", "Reject", "Settings", "SettingsError",
    "Store", "StoreError", "TimeRef", "UnstorableError", "__version__", "build_nlp",
    "extract_paths", "extract_text", "ingest_paths", "open", "open_db",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'dateline' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    return getattr(import_module(module), attribute)
