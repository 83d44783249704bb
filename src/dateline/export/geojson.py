"""GeoJSON export: an RFC 7946 FeatureCollection of the located events.

Each feature is a ``Point`` at ``[lon, lat]`` (WGS 84, no ``crs`` member) whose
properties are the event's flat row (:data:`~dateline.query.flat.FLAT_COLUMNS`)
without ``lat`` and ``lon``. Events without coordinates are left out.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from dateline.query import Database, EventQuery


def feature(row: dict[str, Any]) -> dict[str, Any] | None:
    """The GeoJSON feature of one flat row, or None when it has no coordinates."""
    lat, lon = row.get("lat"), row.get("lon")
    if lat is None or lon is None:
        return None
    properties = {k: v for k, v in row.items() if k not in ("lat", "lon")}
    geometry = {"type": "Point", "coordinates": [float(lon), float(lat)]}
    return {"type": "Feature", "id": row["event_id"], "geometry": geometry,
            "properties": properties}  # fmt: skip


def export_geojson(
    db: Database, out: TextIO, query: EventQuery | None = None, **filters: Any
) -> int:
    """Write the FeatureCollection (one feature a line, streamed); returns the count."""
    out.write('{"type": "FeatureCollection", "features": [')
    written = 0
    for row in db.rows(query, **filters):
        if (found := feature(row)) is None:
            continue
        out.write(("," if written else "") + "\n" + json.dumps(found, ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    return written
