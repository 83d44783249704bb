"""The ``acled`` layout: the columns of ACLED's event export (CSV).

ACLED codes political violence, demonstrations and strategic developments; PLOVER
types map onto its event types as below (:func:`event_type`). Verbal events (quad
classes 1 and 3) have no ACLED event type and keep it empty. ``inter1``, ``inter2``,
``interaction``, ``region``, ``admin2``, ``admin3``, ``source_scale``, ``tags`` and
``timestamp`` have no source in dateline and are left empty.
"""

from __future__ import annotations

from dateline.export.layouts import Event, Layout, Row, country_name, country_number
from dateline.query.flat import FLOAT as F
from dateline.query.flat import INT as N
from dateline.query.flat import TEXT as T

#: ACLED's export columns, in order, with their types.
COLUMNS: dict[str, str] = {
    "event_id_cnty": T, "event_date": T, "year": N, "time_precision": N, "disorder_type": T,
    "event_type": T, "sub_event_type": T, "actor1": T, "assoc_actor_1": T, "inter1": T,
    "actor2": T, "assoc_actor_2": T, "inter2": T, "interaction": T, "civilian_targeting": T,
    "iso": N, "region": T, "country": T, "admin1": T, "admin2": T, "admin3": T, "location": T,
    "latitude": F, "longitude": F, "geo_precision": N, "source": T, "source_scale": T,
    "notes": T, "fatalities": N, "tags": T, "timestamp": N,
}  # fmt: skip

#: ACLED's time_precision: 1 the day is known, 2 the week, 3 only the month (or less).
TIME_PRECISION = {"day": 1, "month": 3, "year": 3}
#: ACLED's geo_precision: 1 the town, 2 a part of a region, 3 only a larger region.
GEO_PRECISION = {"city": 1, "capital": 1, "landmark": 1, "county": 2, "admin1": 2,
                 "province": 2, "region": 3, "country": 3, "continent": 3}  # fmt: skip
_REMOTE = {"aerial", "drone", "heavy-weapons", "explosives", "suicide-attack"}
_VIOLENCE, _DEMO = "Political violence", "Demonstrations"
_DISORDER = {"Battles": _VIOLENCE, "Explosions/Remote violence": _VIOLENCE,
             "Violence against civilians": _VIOLENCE, "Protests": _DEMO, "Riots": _DEMO,
             "Strategic developments": "Strategic developments"}  # fmt: skip


def event_type(flat: Row) -> str | None:
    """ACLED's event type of a PLOVER event: ASSAULT by mode and victim, PROTEST by
    mode, other material events (quad 2 and 4) are strategic developments."""
    kind, mode, victims = flat["type"], flat["mode"], (flat["recipient_sector"] or "")
    if kind == "ASSAULT":
        if mode in _REMOTE:
            return "Explosions/Remote violence"
        return "Violence against civilians" if "CVL" in victims.split(";") else "Battles"
    if kind == "PROTEST":
        return "Riots" if mode == "riot" else "Protests"
    return "Strategic developments" if flat["quad"] in (2, 4) else None


def _actors(flat: Row, role: str, n: int) -> Row:
    names = [x for x in (flat[f"{role}_name"] or "").split(";") if x]
    return {f"actor{n}": names[0] if names else None,
            f"assoc_actor_{n}": "; ".join(names[1:]) or None}  # fmt: skip


def _place(flat: Row) -> Row:
    return {"iso": country_number(flat["country"]), "country": country_name(flat["country"]),
            "admin1": flat["admin1"], "location": flat["place"], "latitude": flat["lat"],
            "longitude": flat["lon"],
            "geo_precision": GEO_PRECISION.get(flat["feature"] or "")}  # fmt: skip


def row(event: Event) -> Row:
    """One ACLED row; ``event_date`` is the first day of the event's date."""
    flat, _, _ = event
    kind = event_type(flat)
    dead = flat["dead"]
    targeting = kind == "Violence against civilians" or None
    return {
        "event_id_cnty": flat["event_id"], "event_date": flat["date_start"],
        "year": (flat["date_start"] or "")[:4] or None,
        "time_precision": TIME_PRECISION.get(flat["date_precision"] or ""),
        "disorder_type": _DISORDER.get(kind or ""), "event_type": kind,
        **_actors(flat, "actor", 1), **_actors(flat, "recipient", 2),
        "civilian_targeting": "Civilian targeting" if targeting else None, **_place(flat),
        "source": flat["source"], "notes": flat["event_text"],
        "fatalities": int(dead) if dead is not None else None,
    }  # fmt: skip


LAYOUT = Layout("acled", COLUMNS, row)
