"""The query layer under the CLI, the HTTP API, the dashboard and the exports.

from dateline.query import open_db
with open_db("sqlite:///dateline.db") as db:
    db.events(dyad="USA,IRQ", limit=50)     # a pandas DataFrame

Loaded lazily: importing the filters (for the CLI's options) does not import pandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dateline.query.database import COLUMNS, Database, existing_url, open_db
    from dateline.query.filters import AUX_MODES, EventQuery, QueryError
    from dateline.query.names import FILTERS

_LAZY = {
    "AUX_MODES": "dateline.query.filters",
    "FILTERS": "dateline.query.names",
    "EventQuery": "dateline.query.filters",
    "QueryError": "dateline.query.filters",
    "COLUMNS": "dateline.query.database",
    "Database": "dateline.query.database",
    "existing_url": "dateline.query.database",
    "open_db": "dateline.query.database",
}

__all__ = [
    "AUX_MODES", "COLUMNS", "FILTERS", "Database", "EventQuery", "QueryError", "existing_url",
    "open_db",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'dateline.query' has no attribute {name!r}")
    return getattr(import_module(_LAZY[name]), name)
