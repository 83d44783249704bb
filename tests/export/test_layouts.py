"""Every export format read back with pandas / pyarrow against the published column
lists and types written here (not imported from dateline), and GeoJSON checked
against RFC 7946."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.export import export_csv, export_geojson, export_layout, export_parquet
from dateline.model import Extraction, Quantity
from dateline.query import Database, open_db
from dateline.store import Store
from store.factories import make_extraction

S, N, F, B = "text", "int", "float", "bool"

FLAT = {
    "event_id": S, "cluster_id": S, "article_id": S, "source": S, "url": S, "title": S,
    "story_date": S, "date": S, "date_start": S, "date_end": S, "date_precision": S,
    "type": S, "mode": S, "context": S, "quad": N, "score": F, "cameo_root": S,
    "goldstein": F, "actor": S, "actor_sector": S, "actor_name": S, "recipient": S,
    "recipient_sector": S, "recipient_name": S, "place": S, "lat": F, "lon": F,
    "country": S, "admin1": S, "geonameid": S, "feature": S, "dead": F, "injured": F,
    "arrested": F, "size_approximate": B, "speaker": S, "speaker_code": S, "aux": S,
    "confidence": F, "rule": S, "event_text": S, "sentence": N,
}  # fmt: skip

# POLECAT weekly files (Harvard Dataverse, doi:10.7910/DVN/AJGVIT), tab-separated.
POLECAT = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name",
    "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version",
]  # fmt: skip
# ICEWS coded event data (Harvard Dataverse, doi:10.7910/DVN/28075), tab-separated.
ICEWS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
]  # fmt: skip
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]  # fmt: skip
_GEO = ["Type", "Fullname", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
# GDELT 2.0 Event Database codebook (events table, 61 fields).
GDELT = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{n}" for n in _ACTOR], *[f"Actor2{n}" for n in _ACTOR],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"Actor1Geo_{n}" for n in _GEO], *[f"Actor2Geo_{n}" for n in _GEO],
    *[f"ActionGeo_{n}" for n in _GEO], "DATEADDED", "SOURCEURL",
]  # fmt: skip
# GDELT 2.0 mentions table (16 fields).
GDELT_MENTIONS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
]  # fmt: skip
# ACLED export (ACLED codebook), comma-separated.
ACLED = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
NUMERIC = {
    "polecat": ["Intensity", "Quad Code", "Latitude", "Longitude"],
    "icews": ["Intensity", "Sentence Number", "Latitude", "Longitude"],
    "gdelt": ["SQLDATE", "MonthYear", "Year", "FractionDate", "IsRootEvent", "QuadClass",
              "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
              "ActionGeo_Type", "ActionGeo_Lat", "ActionGeo_Long"],
    "gdelt-mentions": ["SentenceID", "ActionCharOffset", "InRawText", "Confidence",
                       "MentionDocLen"],
    "acled": ["year", "time_precision", "iso", "latitude", "longitude", "geo_precision",
              "fatalities"],
}  # fmt: skip
LAYOUTS = {"polecat": (POLECAT, "\t", True), "icews": (ICEWS, "\t", True),
           "gdelt": (GDELT, "\t", False), "gdelt-mentions": (GDELT_MENTIONS, "\t", False),
           "acled": (ACLED, ",", True)}  # fmt: skip


def _with_casualties(n: int, day: date) -> Extraction:
    """A story whose ASSAULT killed "hundreds" (an approximate count)."""
    base = make_extraction(n, day)
    hundreds = Quantity(200, "hundreds", (10, 18), "people", "people", approx="hundreds")
    assault = dataclasses.replace(base.events[0], size={"dead": 200.0})
    return dataclasses.replace(
        base, events=(assault, *base.events[1:]), quantities=(*base.quantities, hundreds)
    )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with Store.open(url) as store:
        stories = [_with_casualties(1, date(2021, 7, 26)), make_extraction(2, date(2021, 7, 27))]
        store.write_many([*stories, make_extraction(3, None)])
    with open_db(url) as opened:
        yield opened


def test_flat_csv_reads_back_with_the_documented_columns(db: Database) -> None:
    out = io.StringIO()
    assert export_csv(db, out) == 9
    text_columns = {n: str for n, kind in FLAT.items() if kind == S}
    frame = pd.read_csv(io.StringIO(out.getvalue()), dtype=text_columns, keep_default_na=False,
                        na_values={n: [""] for n in FLAT})  # fmt: skip
    assert list(frame.columns) == list(FLAT) and len(frame) == 9
    for name, kind in FLAT.items():
        if kind in (N, F):
            assert pd.api.types.is_numeric_dtype(frame[name]), name
    assert set(frame["cameo_root"].dropna()) >= {"04"}  # a code stays text
    assert ",," in out.getvalue() and '""' not in out.getvalue()  # empty is one way
    dead = frame[frame["dead"].notna()]
    assert dead["dead"].tolist() == [200.0] and dead["size_approximate"].tolist() == [True]


def test_flat_parquet_has_the_documented_types(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "e.parquet"
    assert export_parquet(db, path, chunk_rows=4) == 9
    arrow = {S: pa.string(), N: pa.int64(), F: pa.float64(), B: pa.bool_()}
    schema = pq.read_schema(path)
    assert [(f.name, f.type) for f in schema] == [(n, arrow[k]) for n, k in FLAT.items()]
    frame = pd.read_parquet(path)
    assert frame["cameo_root"].dropna().map(type).eq(str).all()
    assert frame["geonameid"].dropna().tolist() == ["1"] * 3
    assert frame.isna().sum().sum() > 0 and not (frame == "").any().any()


def test_filters_apply_to_exports(db: Database) -> None:
    out = io.StringIO()
    assert export_csv(db, out, type="consult", date_basis="story", date_from="2021-07-27") == 1


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_drop_in_layout_matches_the_published_columns(db: Database, name: str) -> None:
    columns, sep, header = LAYOUTS[name]
    out = io.StringIO()
    written = export_layout(db, name, out)
    text = {c: str for c in columns if c not in NUMERIC[name]}
    names = None if header else columns
    frame = pd.read_csv(io.StringIO(out.getvalue()), sep=sep, dtype=text,
                        header=0 if header else None, names=names)  # fmt: skip
    assert list(frame.columns) == columns and len(frame) == written > 0
    for column in NUMERIC[name]:
        assert pd.api.types.is_numeric_dtype(frame[column]), (name, column)


def test_gdelt_counts_each_real_event_once(db: Database) -> None:
    events, mentions = io.StringIO(), io.StringIO()
    n_events = export_layout(db, "gdelt", events)
    n_mentions = export_layout(db, "gdelt-mentions", mentions)
    table = pd.read_csv(io.StringIO(events.getvalue()), sep="\t", header=None, names=GDELT,
                        dtype={"GLOBALEVENTID": str})  # fmt: skip
    cited = pd.read_csv(io.StringIO(mentions.getvalue()), sep="\t", header=None,
                        names=GDELT_MENTIONS, dtype={"GLOBALEVENTID": str})  # fmt: skip
    assert n_mentions == 9 and n_events < n_mentions
    assert table["GLOBALEVENTID"].is_unique
    assert set(cited["GLOBALEVENTID"]) == set(table["GLOBALEVENTID"])
    per_event = cited.groupby("GLOBALEVENTID").size()
    counts = table.set_index("GLOBALEVENTID")["NumMentions"]
    assert (per_event.sort_index() == counts.sort_index()).all()
    assert table["AvgTone"].isna().all() and table["ActionGeo_CountryCode"].isna().all()


def test_acled_fatalities_and_precision(db: Database) -> None:
    out = io.StringIO()
    export_layout(db, "acled", out, type="ASSAULT")
    frame = pd.read_csv(io.StringIO(out.getvalue()))
    assert frame["fatalities"].dropna().tolist() == [200]
    assert set(frame["event_type"]) == {"Battles"}  # mode firearms, a MIL recipient
    assert set(frame["disorder_type"]) == {"Political violence"}
    assert set(frame["time_precision"]) == {3}  # dated to the month


def _check_rfc7946(collection: dict[str, object]) -> None:
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    features = collection["features"]
    assert isinstance(features, list)
    for feature in features:
        assert feature["type"] == "Feature" and isinstance(feature["id"], str | int)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(feature["properties"], dict)


def test_geojson_is_an_rfc7946_collection_at_lon_lat(db: Database) -> None:
    out = io.StringIO()
    written = export_geojson(db, out)
    collection = json.loads(out.getvalue())
    _check_rfc7946(collection)
    assert written == len(collection["features"]) == 3  # the three located ASSAULTs
    minas = collection["features"][0]
    assert minas["geometry"]["coordinates"] == [-3.25, 44.5]  # [lon, lat]
    assert minas["properties"]["place"] == "Minas Tirith" and "lat" not in minas["properties"]
    empty = io.StringIO()
    assert export_geojson(db, empty, type="AID") == 0
    assert json.loads(empty.getvalue()) == {"type": "FeatureCollection", "features": []}
