"""``Database.rows``: the flat layout, filters through the one query layer, a fixed order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from dateline.query import COLUMNS, Database, QueryError, open_db
from dateline.runs import ingest_paths
from dateline.settings import Settings
from dateline.store import Store
from shared_paths import REPO
from store.factories import make_extraction


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path / 'rows.db'}"
    with Store.open(url) as store:
        store.write_many(
            [
                make_extraction(1, date(2021, 7, 26)),
                make_extraction(2, date(2020, 1, 2)),
                make_extraction(3, None),
            ]
        )
    with open_db(url) as db:
        yield db


def _kinds(db: Database, **filters: object) -> list[object]:
    return [r["type"] for r in db.rows(**filters)]


def test_flat_rows_have_every_column_and_joined_codes(filled: Database) -> None:
    rows = list(filled.rows())
    assert len(rows) == 9 and all(tuple(r) == COLUMNS for r in rows)
    assault = rows[0]
    assert assault["story_date"] == "2020-01-02" and assault["source"] == "Fictional Wire"
    assert (assault["actor"], assault["actor_sector"]) == ("MOR", "REB")
    assert (assault["recipient"], assault["aux"]) == ("GON", "historical")
    assert assault["context"] == "military;terrorism"
    assert (assault["date_start"], assault["date_end"]) == ("2021-07-01", "2021-07-31")
    assert (assault["place"], assault["lat"], assault["geonameid"]) == ("Minas Tirith", 44.5, "1")
    consult = rows[1]
    assert (consult["actor"], consult["actor_sector"], consult["recipient"]) == (
        "ARN;GON",
        "GOV;MIL",
        None,
    )
    assert (consult["cameo_root"], consult["goldstein"]) == ("04", 1.0)
    assert rows[2]["actor"] is None  # an actor without a code: empty, one way
    assert all(v != "" for r in rows for v in r.values())


def test_order_is_story_date_then_article_then_position(filled: Database) -> None:
    stories = [r["story_date"] for r in filled.rows()]
    assert stories == ["2020-01-02"] * 3 + ["2021-07-26"] * 3 + [None] * 3
    assert _kinds(filled)[:3] == ["ASSAULT", "CONSULT", "AID"]


def test_actor_recipient_and_dyad_filters_match_any_participant(filled: Database) -> None:
    assert _kinds(filled, actor="gon") == ["CONSULT"] * 3
    assert _kinds(filled, recipient="GON") == ["ASSAULT"] * 3
    assert _kinds(filled, actor="GON", recipient="MOR") == []
    assert _kinds(filled, dyad="gon,mor") == ["ASSAULT"] * 3
    assert _kinds(filled, party="GON") == ["ASSAULT", "CONSULT"] * 3


def test_type_quad_and_limit_filters(filled: Database) -> None:
    assert _kinds(filled, type="aid") == ["AID"] * 3
    assert _kinds(filled, quad="1") == ["CONSULT"] * 3
    assert len(list(filled.rows(limit=4))) == 4


def test_date_filters_overlap_partial_dates(filled: Database) -> None:
    # ASSAULT is dated 2021-07 (a month), CONSULT 2021-07-26, AID undated
    dated = ["ASSAULT", "CONSULT"] * 3
    assert _kinds(filled, date_from="2021-07-15") == dated
    assert _kinds(filled, date_to="2021-07-01") == ["ASSAULT"] * 3
    assert _kinds(filled, date_from="2021", date_to="2021") == dated
    assert _kinds(filled, date_from="2021-08") == []


def test_bad_filters_are_clear_errors_before_any_row(filled: Database) -> None:
    with pytest.raises(QueryError, match="date_from: expected YYYY"):
        filled.rows(date_from="last week")
    with pytest.raises(QueryError, match="unknown filter"):
        filled.rows(colour="red")


def test_records_are_contract_dicts_with_article_fields(filled: Database) -> None:
    first = next(filled.records(type="CONSULT"))
    assert first["record"]["event"] == "CONSULT" and first["record"]["actor"][0]["code"] == "ARN"
    assert first["published"] == date(2020, 1, 2) and first["url"] is None
    assert first["article_id"] == make_extraction(2, date(2020, 1, 2)).article.id


def test_located_events_of_a_real_story_carry_admin1(
    tmp_path: Path, nlp: Language, settings: Settings
) -> None:
    """Issue #16: a town's event had no admin-1; the Borno story's attack in Maiduguri
    (a town) and in Borno (the state itself) both read ``Borno``."""
    url = f"sqlite:///{tmp_path / 'real.db'}"
    with Store.open(url) as store:
        ingest_paths([REPO / "examples" / "2022-11-20-borno-attack.txt"], settings, store, nlp)
    with open_db(url) as db:
        located = {(r["place"], r["feature"], r["admin1"], r["country"])
                   for r in db.rows() if r["place"]}  # fmt: skip
    assert ("Maiduguri", "city", "Borno", "NGA") in located
    assert ("Borno", "province", "Borno", "NGA") in located
