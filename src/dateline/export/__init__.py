"""Exports of the stored events, all through the query layer with the same filters.

- ``plover`` / ``records``: JSON Lines (:mod:`.jsonl`).
- ``csv`` / ``parquet``: the flat layout (:mod:`.tabular`, columns in
  :data:`dateline.query.flat.FLAT_COLUMNS`).
- ``geojson``: an RFC 7946 FeatureCollection of the located events (:mod:`.geojson`).
- ``polecat``, ``icews``, ``gdelt``, ``gdelt-mentions``, ``acled``: drop-in layouts
  of those datasets' files (:mod:`.layouts`).

Every export reads in the query layer's fixed order, so the same database content
always gives byte-identical output. Each function returns how many rows it wrote.
"""

from __future__ import annotations

from typing import Any, TextIO

from dateline.export import acled, gdelt, icews, polecat
from dateline.export.geojson import export_geojson
from dateline.export.jsonl import export_plover, export_records
from dateline.export.layouts import Layout
from dateline.export.tabular import export_csv, export_parquet
from dateline.query import Database, EventQuery

#: The drop-in layouts by name.
LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (polecat.LAYOUT, icews.LAYOUT, gdelt.LAYOUT, gdelt.MENTIONS_LAYOUT, acled.LAYOUT)
}


def export_layout(
    db: Database, name: str, out: TextIO, query: EventQuery | None = None, **filters: Any
) -> int:
    """Write the matching events in the drop-in layout ``name`` (see :data:`LAYOUTS`)."""
    return LAYOUTS[name].write(db, out, (query or EventQuery()).merged(**filters))


__all__ = [
    "LAYOUTS",
    "export_csv",
    "export_geojson",
    "export_layout",
    "export_parquet",
    "export_plover",
    "export_records",
]
