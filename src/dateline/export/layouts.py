"""Drop-in layouts: the events in the column layout of another dataset's files, so an
analyst's script written for POLECAT, ICEWS, GDELT or ACLED reads them unchanged.

A :class:`Layout` is the published column list (name → type), how the file is
delimited, and a function from one event (its flat row and contract record) to a
row. A column the other dataset fills from a source dateline does not have (GDELT's
FIPS codes and tone, POLECAT's COW codes) is left empty, never invented;
``docs/exports.md`` lists them. Rows come in the query layer's stable order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TextIO

import pycountry

from dateline.export.tabular import write_delimited
from dateline.isodates import date_bounds
from dateline.knowledge.files import LINE, data_path, read_yaml
from dateline.knowledge.plover import CODEBOOK_FILE
from dateline.query import Database, EventQuery
from dateline.query.flat import flat_row

Row = dict[str, Any]
#: What a layout's row function gets: the flat row, the contract record, the event row.
Event = tuple[Row, Mapping[str, Any], Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Layout:
    """One drop-in file layout."""

    name: str
    columns: Mapping[str, str]  # published column name -> text, int or float
    row: Callable[[Event], Row]
    sep: str = ","
    header: bool = True
    one_per_cluster: bool = False  # GDELT's events table: one row per real event
    #: For rows that need whole-database figures (cluster counts): the row function
    #: to use, given the database; ``row`` is then its unbound form for one event.
    bind: Callable[[Database], Callable[[Event], Row]] | None = None

    def write(self, db: Database, out: TextIO, query: EventQuery | None = None) -> int:
        """Write the matching events in this layout; returns the number of rows."""
        make = self.bind(db) if self.bind is not None else self.row
        rows = (make(e) for e in _events(db, query, self.one_per_cluster))
        return write_delimited(rows, out, self.columns, sep=self.sep, header=self.header)


def _events(db: Database, query: EventQuery | None, one_per_cluster: bool) -> Iterator[Event]:
    seen: set[str] = set()
    for row in db.records(query):
        cluster = row["cluster"]
        if one_per_cluster and cluster is not None:
            if cluster in seen:
                continue
            seen.add(cluster)
        yield flat_row(row, row["record"], row["approximate"]), row["record"], row


# ---------------------------------------------------------------- shared helpers


def first(joined: str | None) -> str | None:
    """The first entry of a ``;``-joined flat cell (None when empty)."""
    head = (joined or "").split(";")[0]
    return head or None


def country_name(code: str | None) -> str | None:
    """The ISO 3166 short name of an alpha-3 code; other codes (IGO, IMG) as they are."""
    if not code:
        return None
    found = pycountry.countries.get(alpha_3=code)
    return str(found.name) if found is not None else code


def country_number(code: str | None) -> int | None:
    """The ISO 3166 numeric code of an alpha-3 code (None for IGO, IMG, ...)."""
    found = pycountry.countries.get(alpha_3=code) if code else None
    return int(found.numeric) if found is not None else None


def day(flat: Row) -> str | None:
    """The event date when it is known to the day, else None (never the story date)."""
    return flat["date"] if flat["date_precision"] == "day" else None


def compact(value: str | None) -> str | None:
    """``YYYY-MM-DD`` as ``YYYYMMDD``."""
    return value.replace("-", "") if value else None


def fraction_year(value: str | None) -> float | None:
    """GDELT's FractionDate: year plus the day's share of the year, 4 decimals."""
    first_day = date_bounds(value)[0] if value else None
    if first_day is None:
        return None
    return round(first_day.year + (first_day.timetuple().tm_yday - 1) / 365, 4)


@lru_cache(maxsize=1)
def cameo_names() -> dict[str, str]:
    """CAMEO root code → its name, from the shipped codebook."""
    roots = read_yaml(data_path(CODEBOOK_FILE)).get("cameo_roots", {})
    return {str(code): str(entry["name"]) for code, entry in roots.items() if code != LINE}


def side_of(rec: Mapping[str, Any], role: str) -> Mapping[str, Any]:
    """The first participant of a role (an empty mapping when there is none)."""
    people = rec.get(role) or []
    return people[0] if people else {}
