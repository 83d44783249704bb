"""The ``gdelt`` and ``gdelt-mentions`` layouts: GDELT 2.0's events table and its
mentions table (tab-separated, no header line, as GDELT publishes them).

GDELT's events table has one row per real event and its mentions table one row per
report of it; here a real event is a dateline cluster (``GLOBALEVENTID`` is the
cluster id, or the event id of an event in no cluster), its row is the cluster's
first report in export order, and every dateline event is a mention.
``NumMentions``/``NumArticles``/``NumSources`` are the cluster's events, articles
and sources. Actor geography, FIPS country and ADM codes, GNS feature ids, tone,
``DATEADDED`` and ``MentionType`` have no source in dateline and are left empty.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from dateline.export.layouts import (
    Event,
    Layout,
    Row,
    compact,
    day,
    first,
    fraction_year,
    side_of,
)
from dateline.query import Database
from dateline.query.flat import ADMIN1_FEATURES, CITY_FEATURES
from dateline.query.flat import FLOAT as F
from dateline.query.flat import INT as N
from dateline.query.flat import TEXT as T

_GEO = ("Type", "Fullname", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_GEO_KINDS = (N, T, T, T, T, F, F, T)
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")  # fmt: skip


def _geo_columns(prefix: str) -> dict[str, str]:
    return dict(zip((f"{prefix}_{n}" for n in _GEO), _GEO_KINDS, strict=True))


#: GDELT 2.0 events-table columns (61), in order, with their types.
COLUMNS: dict[str, str] = {
    "GLOBALEVENTID": T, "SQLDATE": N, "MonthYear": N, "Year": N, "FractionDate": F,
    **{f"Actor1{n}": T for n in _ACTOR}, **{f"Actor2{n}": T for n in _ACTOR},
    "IsRootEvent": N, "EventCode": T, "EventBaseCode": T, "EventRootCode": T, "QuadClass": N,
    "GoldsteinScale": F, "NumMentions": N, "NumSources": N, "NumArticles": N, "AvgTone": F,
    **_geo_columns("Actor1Geo"), **_geo_columns("Actor2Geo"), **_geo_columns("ActionGeo"),
    "DATEADDED": N, "SOURCEURL": T,
}  # fmt: skip

#: GDELT 2.0 mentions-table columns (16), in order, with their types.
MENTION_COLUMNS: dict[str, str] = {
    "GLOBALEVENTID": T, "EventTimeDate": N, "MentionTimeDate": N, "MentionType": N,
    "MentionSourceName": T, "MentionIdentifier": T, "SentenceID": N, "Actor1CharOffset": N,
    "Actor2CharOffset": N, "ActionCharOffset": N, "InRawText": N, "Confidence": N,
    "MentionDocLen": N, "MentionDocTone": F, "MentionDocTranslationInfo": T, "Extras": T,
}  # fmt: skip


def global_id(flat: Row) -> str:
    """The GDELT event id: the cluster id, or the event id of an unclustered event."""
    return str(flat["cluster_id"] or flat["event_id"])


def _actor(flat: Row, role: str, label: str) -> Row:
    code, sector = first(flat[role]), first(flat[f"{role}_sector"])
    cameo = (code or "") + (sector or "")
    return {f"{label}Code": cameo or None, f"{label}Name": first(flat[f"{role}_name"]),
            f"{label}CountryCode": code, f"{label}Type1Code": sector}  # fmt: skip


def _geo_type(flat: Row) -> int | None:
    """GDELT's geo type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    usa = flat["country"] == "USA"
    feature = flat["feature"] or ""
    if feature == "country":
        return 1
    if feature in ADMIN1_FEATURES:
        return 2 if usa else 5
    return (3 if usa else 4) if feature in CITY_FEATURES else None


def _action_geo(flat: Row) -> Row:
    if flat["lat"] is None:
        return {}
    return {"ActionGeo_Type": _geo_type(flat), "ActionGeo_Fullname": flat["place"],
            "ActionGeo_Lat": flat["lat"], "ActionGeo_Long": flat["lon"]}  # fmt: skip


def _when(flat: Row) -> Row:
    when = compact(day(flat))
    if when is None:
        return {}
    return {"SQLDATE": when, "MonthYear": when[:6], "Year": when[:4],
            "FractionDate": fraction_year(day(flat))}  # fmt: skip


def row(counts: Mapping[str, Mapping[str, int]], event: Event) -> Row:
    """One events-table row; ``counts`` are the database's cluster counts."""
    flat, _, _ = event
    cluster = counts.get(flat["cluster_id"] or "", {"events": 1, "articles": 1, "sources": 1})
    root = flat["cameo_root"]
    return {
        "GLOBALEVENTID": global_id(flat), **_when(flat), **_actor(flat, "actor", "Actor1"),
        **_actor(flat, "recipient", "Actor2"),
        "IsRootEvent": 1 if flat["sentence"] == 0 else 0,
        "EventCode": root, "EventBaseCode": root, "EventRootCode": root,
        "QuadClass": flat["quad"], "GoldsteinScale": flat["goldstein"],
        "NumMentions": cluster["events"], "NumSources": cluster["sources"],
        "NumArticles": cluster["articles"], **_action_geo(flat), "SOURCEURL": flat["url"],
    }  # fmt: skip


def _bind(db: Database) -> Callable[[Event], Row]:
    return partial(row, db.cluster_counts())


def _offset(rec: Mapping[str, Any], role: str) -> int | None:
    span = side_of(rec, role).get("span")
    return int(span[0]) if span else None


def mention_row(event: Event) -> Row:
    """One mentions-table row (``SentenceID`` counts from 1; ``Confidence`` in percent)."""
    flat, rec, source = event
    event_day, story_day = compact(day(flat)), compact(flat["story_date"])
    confidence = flat["confidence"]
    return {
        "GLOBALEVENTID": global_id(flat),
        "EventTimeDate": f"{event_day}000000" if event_day else None,
        "MentionTimeDate": f"{story_day}000000" if story_day else None,
        "MentionSourceName": flat["source"],
        "MentionIdentifier": flat["url"] or flat["article_id"],
        "SentenceID": flat["sentence"] + 1 if flat["sentence"] is not None else None,
        "Actor1CharOffset": _offset(rec, "actor"), "Actor2CharOffset": _offset(rec, "recipient"),
        "ActionCharOffset": rec["span"][0], "InRawText": 1,
        "Confidence": round(confidence * 100) if confidence is not None else None,
        "MentionDocLen": source.get("doc_len"),
    }  # fmt: skip


LAYOUT = Layout("gdelt", COLUMNS, partial(row, {}), sep="\t", header=False,
                one_per_cluster=True, bind=_bind)  # fmt: skip
MENTIONS_LAYOUT = Layout("gdelt-mentions", MENTION_COLUMNS, mention_row, sep="\t", header=False)
