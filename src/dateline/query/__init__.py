"""The query layer under the CLI, the HTTP API and the dashboard.

from dateline.query import open_db
with open_db("sqlite:///dateline.db") as db:
    db.events(dyad=("USA", "IRQ"), limit=50)     # a pandas DataFrame
"""

from __future__ import annotations

from dateline.query.database import COLUMNS, Database, open_db
from dateline.query.filters import AUX_MODES, EventQuery, QueryError

__all__ = ["AUX_MODES", "COLUMNS", "Database", "EventQuery", "QueryError", "open_db"]
