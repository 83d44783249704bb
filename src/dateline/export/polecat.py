"""The ``polecat`` layout: the columns of POLECAT's weekly tab-separated files."""

from __future__ import annotations

from dateline.export.layouts import Event, Layout, Row, day, first, side_of
from dateline.query.flat import CITY_FEATURES
from dateline.query.flat import FLOAT as F
from dateline.query.flat import INT as N
from dateline.query.flat import TEXT as T
from dateline.version import __version__

#: POLECAT's weekly-file columns, in order, with their types.
COLUMNS: dict[str, str] = {
    "Event ID": T, "Event Date": T, "Event Type": T, "Event Mode": T, "Intensity": F,
    "Quad Code": N, "Contexts": T, "Actor Name": T, "Actor Country": T, "Actor COW": T,
    "Primary Actor Sector": T, "Actor Sectors": T, "Actor Title": T, "Actor Name Raw": T,
    "Wikipedia Actor ID": T, "Recipient Name": T, "Recipient Country": T, "Recipient COW": T,
    "Primary Recipient Sector": T, "Recipient Sectors": T, "Recipient Title": T,
    "Recipient Name Raw": T, "Wikipedia Recipient ID": T, "Placename": T, "City": T,
    "District": T, "Province": T, "Country": T, "Latitude": F, "Longitude": F,
    "GeoNames ID": T, "Raw Placename": T, "Feature Type": T, "Source": T,
    "Publication Date": T, "Story People": T, "Story Organizations": T, "Story Locations": T,
    "Language": T, "Version": T,
}  # fmt: skip


def _side(event: Event, role: str, label: str) -> Row:
    flat, rec, _ = event
    who = side_of(rec, role)
    return {
        f"{label} Name": flat[f"{role}_name"], f"{label} Country": flat[role],
        f"Primary {label} Sector": first(flat[f"{role}_sector"]),
        f"{label} Sectors": flat[f"{role}_sector"], f"{label} Title": who.get("role"),
        f"{label} Name Raw": who.get("text"),
    }  # fmt: skip


def row(event: Event) -> Row:
    """One POLECAT row."""
    flat, rec, _ = event
    loc = rec.get("event_loc") or {}
    return {
        "Event ID": flat["event_id"], "Event Date": day(flat), "Event Type": flat["type"],
        "Event Mode": flat["mode"], "Intensity": flat["score"], "Quad Code": flat["quad"],
        "Contexts": flat["context"], **_side(event, "actor", "Actor"),
        **_side(event, "recipient", "Recipient"), "Placename": flat["place"],
        "City": flat["place"] if flat["feature"] in CITY_FEATURES else None,
        "Province": flat["admin1"], "Country": flat["country"], "Latitude": flat["lat"],
        "Longitude": flat["lon"], "GeoNames ID": flat["geonameid"],
        "Raw Placename": loc.get("text"), "Feature Type": flat["feature"],
        "Source": flat["source"], "Publication Date": flat["story_date"], "Language": "en",
        "Version": f"dateline {__version__}",
    }  # fmt: skip


LAYOUT = Layout("polecat", COLUMNS, row, sep="\t")
