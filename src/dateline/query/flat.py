"""The flat event row: one row per event, the layout of ``Database.events``, the
``/api/events`` items, the CSV and Parquet exports and the ``events_flat`` view.

:data:`FLAT_COLUMNS` names every column with its type; ``docs/exports.md`` describes
each. Codes and ids are always text. A field with nothing in it is ``None`` (an
empty CSV cell, a Parquet null), never an empty string. Lists (several actors) are
joined with ``;`` position by position, so ``actor``, ``actor_sector`` and
``actor_name`` line up; a list whose every entry is empty is ``None``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from dateline.isodates import date_bounds
from dateline.knowledge.plover import load_codebook

TEXT, INT, FLOAT, BOOL = "text", "int", "float", "bool"
#: Place features that are a first-level division (their name is the ``admin1``) and
#: features that are a town.
ADMIN1_FEATURES = ("admin1", "province")
CITY_FEATURES = ("city", "capital")

#: Every column of the flat layout, in order, with its type.
FLAT_COLUMNS: dict[str, str] = {
    "event_id": TEXT, "cluster_id": TEXT, "article_id": TEXT, "source": TEXT, "url": TEXT,
    "title": TEXT, "story_date": TEXT, "date": TEXT, "date_start": TEXT, "date_end": TEXT,
    "date_precision": TEXT, "type": TEXT, "mode": TEXT, "context": TEXT, "quad": INT,
    "score": FLOAT, "cameo_root": TEXT, "goldstein": FLOAT,
    "actor": TEXT, "actor_sector": TEXT, "actor_name": TEXT,
    "recipient": TEXT, "recipient_sector": TEXT, "recipient_name": TEXT,
    "place": TEXT, "lat": FLOAT, "lon": FLOAT, "country": TEXT, "admin1": TEXT,
    "geonameid": TEXT, "feature": TEXT, "dead": FLOAT, "injured": FLOAT, "arrested": FLOAT,
    "size_approximate": BOOL, "speaker": TEXT, "speaker_code": TEXT, "aux": TEXT,
    "confidence": FLOAT, "rule": TEXT, "event_text": TEXT, "sentence": INT,
}  # fmt: skip


@lru_cache(maxsize=1)
def _goldstein() -> Mapping[str, float]:
    return load_codebook().goldstein


def iso(value: date | str | None) -> str | None:
    """A date (or ISO text) as ``YYYY-MM-DD`` text; None stays None."""
    return value.isoformat() if isinstance(value, date) else value


def joined(values: Iterable[Any]) -> str | None:
    """Entries joined by ``;`` position by position; None when every entry is empty."""
    items = ["" if v is None else str(v) for v in values]
    return ";".join(items) if any(items) else None


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _dates(rec: Mapping[str, Any]) -> dict[str, str | None]:
    first = date_bounds(rec.get("date"))[0]
    last = date_bounds(rec.get("enddate") or rec.get("date"))[1]
    return {"date": rec.get("date"), "date_start": iso(first), "date_end": iso(last),
            "date_precision": rec.get("date_precision")}  # fmt: skip


def _sides(rec: Mapping[str, Any]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for role in ("actor", "recipient"):
        people = rec.get(role) or []
        out[role] = joined(a.get("code") for a in people)
        out[f"{role}_sector"] = joined(a.get("sector") for a in people)
        out[f"{role}_name"] = joined(a.get("text") for a in people)
    return out


def _place(rec: Mapping[str, Any]) -> dict[str, Any]:
    loc = rec.get("event_loc") or {}
    own = loc.get("name") if loc.get("feature") in ADMIN1_FEATURES else None
    admin1 = loc.get("admin1") or own  # records stored before places had it: divisions only
    return {"place": loc.get("name") or loc.get("text"), "lat": loc.get("lat"),
            "lon": loc.get("lon"), "country": loc.get("country"), "admin1": admin1,
            "geonameid": _text(loc.get("geonameid")), "feature": loc.get("feature")}  # fmt: skip


def _size(rec: Mapping[str, Any], approximate: bool | None) -> dict[str, Any]:
    size = rec.get("size") or {}
    counts = {k: size.get(k) for k in ("dead", "injured", "arrested")}
    flag = approximate if any(v is not None for v in counts.values()) else None
    return {**counts, "size_approximate": flag}


def _coding(rec: Mapping[str, Any]) -> dict[str, Any]:
    root = rec.get("cameo_root")
    speaker = rec.get("source_quote") or {}
    return {
        "type": rec["event"], "mode": rec.get("mode"), "context": joined(rec.get("context") or ()),
        "quad": rec.get("quad_code"), "score": rec.get("score"), "cameo_root": _text(root),
        "goldstein": _goldstein().get(str(root)) if root is not None else None,
        "speaker": speaker.get("text"), "speaker_code": speaker.get("code"),
        "aux": joined(rec.get("aux") or ()), "confidence": rec.get("confidence"),
        "rule": rec.get("rule"), "event_text": rec.get("event_text"),
        "sentence": rec.get("sentence"),
    }  # fmt: skip


def flat_row(
    row: Mapping[str, Any], record: Mapping[str, Any] | None = None, approximate: bool | None = None
) -> dict[str, Any]:
    """One row of :data:`FLAT_COLUMNS` from an event row (``article_id``, ``published``,
    ``source``, ``url``, ``title``, ``cluster`` and ``record``, the event's JSON).
    ``approximate`` says whether a casualty count came from an approximate quantity."""
    rec = record if record is not None else json.loads(row["record"])
    out = {
        "event_id": rec["id"], "cluster_id": row.get("cluster"), "article_id": row["article_id"],
        "source": row.get("source"), "url": row.get("url"), "title": row.get("title"),
        "story_date": iso(row.get("published")), **_dates(rec), **_coding(rec), **_sides(rec),
        **_place(rec), **_size(rec, approximate),
    }  # fmt: skip
    return {name: out[name] for name in FLAT_COLUMNS}
