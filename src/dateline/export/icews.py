"""The ``icews`` layout: the columns of the ICEWS coded event files (tab-separated)."""

from __future__ import annotations

from dateline.export.layouts import Event, Layout, Row, cameo_names, country_name, day, first
from dateline.query.flat import CITY_FEATURES
from dateline.query.flat import FLOAT as F
from dateline.query.flat import INT as N
from dateline.query.flat import TEXT as T

#: ICEWS event-file columns, in order, with their types.
COLUMNS: dict[str, str] = {
    "Event ID": T, "Event Date": T, "Source Name": T, "Source Sectors": T,
    "Source Country": T, "Event Text": T, "CAMEO Code": T, "Intensity": F, "Target Name": T,
    "Target Sectors": T, "Target Country": T, "Story ID": T, "Sentence Number": N,
    "Publisher": T, "City": T, "District": T, "Province": T, "Country": T, "Latitude": F,
    "Longitude": F,
}  # fmt: skip


def _side(flat: Row, role: str, label: str) -> Row:
    return {
        f"{label} Name": first(flat[f"{role}_name"]),
        f"{label} Sectors": flat[f"{role}_sector"],
        f"{label} Country": country_name(first(flat[role])),
    }


def row(event: Event) -> Row:
    """One ICEWS row (``Sentence Number`` counts from 1, as in ICEWS)."""
    flat, _, _ = event
    root = flat["cameo_root"]
    sentence = flat["sentence"]
    return {
        "Event ID": flat["event_id"], "Event Date": day(flat), **_side(flat, "actor", "Source"),
        "Event Text": cameo_names().get(root) if root else None, "CAMEO Code": root,
        "Intensity": flat["goldstein"], **_side(flat, "recipient", "Target"),
        "Story ID": flat["article_id"],
        "Sentence Number": sentence + 1 if sentence is not None else None,
        "Publisher": flat["source"],
        "City": flat["place"] if flat["feature"] in CITY_FEATURES else None,
        "Province": flat["admin1"], "Country": country_name(flat["country"]),
        "Latitude": flat["lat"], "Longitude": flat["lon"],
    }  # fmt: skip


LAYOUT = Layout("icews", COLUMNS, row, sep="\t")
