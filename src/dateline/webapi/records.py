"""DataFrames to JSON-ready rows, and the actor network from dyad rows."""

from __future__ import annotations

from typing import Any

import pandas as pd


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "item") and not isinstance(value, list | tuple | dict):
        return value.item()
    return value


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values (NaN and NA become None)."""
    return [
        {k: _plain(None if v is pd.NA else v) for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


def network(dyads: list[dict[str, Any]]) -> dict[str, Any]:
    """Nodes (actors with events and net score) and edges (dyads) from dyad rows."""
    nodes: dict[str, dict[str, Any]] = {}
    for row in dyads:
        for code in (row["actor"], row["recipient"]):
            node = nodes.setdefault(code, {"id": code, "events": 0, "net": 0.0})
            node["events"] += row["events"]
            node["net"] += row["net"]
    edges = [
        {"source": r["actor"], "target": r["recipient"], "events": r["events"], "net": r["net"]}
        for r in dyads
    ]
    return {"nodes": sorted(nodes.values(), key=lambda n: n["id"]), "edges": edges}
