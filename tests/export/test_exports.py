"""Exports: byte-identical whatever the write order; Parquet readable by pandas."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.export import export_csv, export_parquet, export_plover, export_records
from dateline.model import Extraction
from dateline.query import Database
from dateline.query.flat import FLAT_COLUMNS
from dateline.serialize import extraction_to_dict
from dateline.store import Store
from store.factories import extractions, make_extraction

EVENT_COLUMNS = tuple(FLAT_COLUMNS)

STORIES = [
    make_extraction(1, date(2021, 7, 26)),
    make_extraction(2, date(2020, 1, 2)),
    make_extraction(3, None),
    make_extraction(4, date(2021, 7, 26)),
]


def _dump(written: list[Extraction]) -> tuple[str, str, str]:
    with Store.open("sqlite://") as store:
        store.write_many(written)
        db, outs = Database(store), (io.StringIO(), io.StringIO(), io.StringIO())
        export_plover(db, outs[0])
        export_csv(db, outs[1])
        export_records(db, outs[2])
    return outs[0].getvalue(), outs[1].getvalue(), outs[2].getvalue()


@settings(max_examples=8, deadline=None)
@given(st.permutations(STORIES))
def test_exports_do_not_depend_on_write_order(order: list[Extraction]) -> None:
    assert _dump(order) == _dump(STORIES)


@settings(max_examples=8, deadline=None)
@given(st.lists(extractions(), min_size=1, max_size=4, unique_by=lambda e: e.article.id), st.data())
def test_exports_of_any_extractions_do_not_depend_on_write_order(
    written: list[Extraction], data: st.DataObject
) -> None:
    assert _dump(data.draw(st.permutations(written))) == _dump(written)


def test_plover_lines_are_contract_events_plus_article_fields() -> None:
    plover, _, _ = _dump(STORIES)
    lines = [json.loads(line) for line in plover.splitlines()]
    assert len(lines) == 12
    expected = extraction_to_dict(STORIES[1])["events"][0]
    assert lines[0] == {
        **expected,
        "article_id": STORIES[1].article.id,
        "story_date": "2020-01-02",
        "source": "Fictional Wire",
        "url": None,
        "cluster_id": lines[0]["cluster_id"],
    }
    assert lines[0]["cluster_id"].startswith("cl:")


def test_plover_export_takes_the_event_filters() -> None:
    with Store.open("sqlite://") as store:
        store.write_many(STORIES)
        out, db = io.StringIO(), Database(store)
        assert export_plover(db, out, type="AID", date_from="2020") == 0
        assert export_plover(db, out, actor="MOR") == 4
    assert all(json.loads(line)["event"] == "ASSAULT" for line in out.getvalue().splitlines())


def test_records_export_is_the_contract_one_article_a_line() -> None:
    _, _, records = _dump(STORIES)
    by_id = sorted(STORIES, key=lambda e: e.article.id)
    expected = [json.dumps(extraction_to_dict(e), ensure_ascii=False) for e in by_id]
    assert records.splitlines() == expected  # byte for byte, key order included


def test_csv_has_a_header_and_one_row_per_event() -> None:
    _, text, _ = _dump(STORIES)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 12 and tuple(rows[0]) == EVENT_COLUMNS
    assert "\r" not in text
    with Store.open("sqlite://") as empty:
        out = io.StringIO()
        export_csv(Database(empty), out)
    assert out.getvalue() == ",".join(EVENT_COLUMNS) + "\n"


def test_parquet_is_readable_by_pandas(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    with Store.open("sqlite://") as store:
        store.write_many(STORIES)
        assert export_parquet(Database(store), path, chunk_rows=5) == 12
        expected = list(Database(store).rows())
    frame = pd.read_parquet(path)
    assert list(frame.columns) == list(EVENT_COLUMNS) and len(frame) == 12
    assert frame["type"].tolist() == [r["type"] for r in expected]
    assert frame["quad"].tolist() == [r["quad"] for r in expected]


def test_parquet_of_an_empty_database_has_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    with Store.open("sqlite://") as store:
        assert export_parquet(Database(store), path) == 0
    frame = pd.read_parquet(path)
    assert list(frame.columns) == list(EVENT_COLUMNS) and len(frame) == 0
