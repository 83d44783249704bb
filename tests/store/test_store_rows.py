"""Pure helpers of the store: date intervals."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.store.rows import date_bounds, event_row

from .factories import make_event


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2011", (date(2011, 1, 1), date(2011, 12, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2021-12", (date(2021, 12, 1), date(2021, 12, 31))),
        ("2021-07-26", (date(2021, 7, 26), date(2021, 7, 26))),
        ("2021-13", (None, None)),
        ("P2Y", (None, None)),
        ("XXXX-WXX-1", (None, None)),
        (None, (None, None)),
    ],
)
def test_date_bounds(value: str | None, expected: tuple[date | None, date | None]) -> None:
    assert date_bounds(value) == expected


def test_event_interval_runs_from_date_to_enddate() -> None:
    aid = "sha256:a"
    span = (0, 1)
    row = event_row(aid, 0, make_event(aid, span, "AID", date="2021-07", enddate="2022"))
    assert (row["date_lo"], row["date_hi"]) == (date(2021, 7, 1), date(2022, 12, 31))
    row = event_row(aid, 0, make_event(aid, span, "AID", date="2021", enddate="P2Y"))
    assert (row["date_lo"], row["date_hi"]) == (date(2021, 1, 1), date(2021, 12, 31))
    row = event_row(aid, 0, make_event(aid, span, "AID", date="P2Y", enddate="2022"))
    assert (row["date_lo"], row["date_hi"]) == (None, None)
