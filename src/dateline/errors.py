"""The dateline exception tree.

    DatelineError
    ├── SettingsError        bad settings or model name
    ├── KnowledgeError       a knowledge file is malformed (names file and line)
    ├── InputError           a document cannot be read (becomes a Reject in batches)
    ├── StoreError           the database cannot be opened, migrated, read or written
    │   ├── UnstorableError  one document cannot be stored (its data is at fault)
    │   └── InjectedFault    a test's injected write failure (see ``Store.with_fault_after``)
    ├── QueryError           a filter or query parameter is invalid
    └── EvaluationError      a gold folder is missing or malformed
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base class of every error dateline raises on purpose."""


class SettingsError(DatelineError):
    """Settings name something that does not exist or cannot be used."""


class KnowledgeError(DatelineError):
    """A knowledge file is malformed; the message names the file and line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


class InputError(DatelineError):
    """A document cannot be read; ``reason`` is a short code for the reject."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class StoreError(DatelineError):
    """The database cannot be opened, migrated, read or written."""


class UnstorableError(StoreError):
    """One document cannot be stored because of its own data (a value the database
    refuses), not because of the database: an ingest makes it that document's reject."""


class InjectedFault(StoreError):
    """Raised by the fault-injection hook (``Store.with_fault_after(n)``), in tests."""


class QueryError(DatelineError):
    """A filter or query parameter is invalid; the message says which and why."""


class EvaluationError(DatelineError):
    """A gold folder is missing or malformed."""
