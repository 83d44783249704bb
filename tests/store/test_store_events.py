"""``Store.events``: flat rows, filters and a deterministic order."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.errors import StoreError
from dateline.store import EVENT_COLUMNS, Store

from .factories import make_extraction


@pytest.fixture
def filled(store: Store) -> Store:
    store.write_many(
        [
            make_extraction(1, date(2021, 7, 26)),
            make_extraction(2, date(2020, 1, 2)),
            make_extraction(3, None),
        ]
    )
    return store


def _kinds(rows: list[dict[str, object]]) -> list[object]:
    return [r["event"] for r in rows]


def test_flat_rows_have_every_column_and_joined_codes(filled: Store) -> None:
    rows = list(filled.events())
    assert len(rows) == 9 and all(tuple(r) == EVENT_COLUMNS for r in rows)
    assault = rows[0]
    assert assault["story_date"] == "2020-01-02" and assault["source"] == "Fictional Wire"
    assert (assault["actor"], assault["actor_sector"]) == ("MOR", "REB")
    assert (assault["recipient"], assault["aux"]) == ("GON", "historical")
    assert assault["context"] == "military;terrorism"
    consult = rows[1]
    assert (consult["actor"], consult["actor_sector"], consult["recipient"]) == (
        "ARN;GON",
        "GOV;MIL",
        None,
    )
    assert rows[2]["actor"] == ""  # an actor without a code


def test_order_is_story_date_then_article_then_position(filled: Store) -> None:
    stories = [r["story_date"] for r in filled.events()]
    assert stories == ["2020-01-02"] * 3 + ["2021-07-26"] * 3 + [None] * 3
    assert _kinds(list(filled.events()))[:3] == ["ASSAULT", "CONSULT", "AID"]


def test_actor_and_recipient_filters_match_any_participant(filled: Store) -> None:
    assert _kinds(list(filled.events(actor="GON"))) == ["CONSULT"] * 3
    assert _kinds(list(filled.events(recipient="GON"))) == ["ASSAULT"] * 3
    assert list(filled.events(actor="GON", recipient="MOR")) == []
    assert _kinds(list(filled.events(actor="GON", recipient="MOR", dyad=True))) == ["ASSAULT"] * 3
    assert _kinds(list(filled.events(actor="GON", dyad=True))) == ["ASSAULT", "CONSULT"] * 3


def test_type_quad_and_limit_filters(filled: Store) -> None:
    assert _kinds(list(filled.events(event="aid"))) == ["AID"] * 3
    assert _kinds(list(filled.events(quad=1))) == ["CONSULT"] * 3
    assert len(list(filled.events(limit=4))) == 4


def test_date_filters_overlap_partial_dates(filled: Store) -> None:
    # ASSAULT is dated 2021-07 (a month), CONSULT 2021-07-26, AID undated
    dated = ["ASSAULT", "CONSULT"] * 3
    assert _kinds(list(filled.events(date_from="2021-07-15"))) == dated
    assert _kinds(list(filled.events(date_to="2021-07-01"))) == ["ASSAULT"] * 3
    assert _kinds(list(filled.events(date_from="2021", date_to="2021"))) == dated
    assert list(filled.events(date_from="2021-08")) == []


def test_bad_filters_are_clear_errors(filled: Store) -> None:
    with pytest.raises(StoreError, match="date_from: expected YYYY"):
        list(filled.events(date_from="last week"))
    with pytest.raises(StoreError, match="unknown event filter"):
        list(filled.events(colour="red"))


def test_plover_events_are_contract_dicts_with_article_fields(filled: Store) -> None:
    first = next(filled.plover_events(event="CONSULT"))
    assert first["event"] == "CONSULT" and first["actor"][0]["code"] == "ARN"
    assert first["story_date"] == "2020-01-02" and first["url"] is None
    assert first["article_id"] == make_extraction(2, date(2020, 1, 2)).article.id
