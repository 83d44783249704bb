"""Tabular exports of the flat event rows (:data:`dateline.query.flat.FLAT_COLUMNS`):
CSV and Parquet, and the delimited-text writer the drop-in layouts share.

Empty is written one way: an empty CSV cell, a Parquet null. Codes and ids are text
in both (``cameo_root`` "05" stays "05").
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.query import Database, EventQuery
from dateline.query.flat import BOOL, FLAT_COLUMNS, FLOAT, INT

_ARROW = {INT: pa.int64(), FLOAT: pa.float64(), BOOL: pa.bool_()}


def arrow_schema(columns: Mapping[str, str]) -> pa.Schema:
    """An Arrow schema of a column → type mapping (:mod:`dateline.query.flat` types)."""
    return pa.schema([(name, _ARROW.get(kind, pa.string())) for name, kind in columns.items()])


#: The Parquet schema of the flat layout: one column per ``FLAT_COLUMNS`` entry, in order.
PARQUET_SCHEMA = arrow_schema(FLAT_COLUMNS)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return repr(value)  # 2.0, not 2: a float column stays a float column
    return value


def write_delimited(
    rows: Iterable[Mapping[str, Any]],
    out: TextIO,
    columns: Iterable[str],
    *,
    sep: str = ",",
    header: bool = True,
) -> int:
    """Rows as delimited text (``\\n`` line ends, empty cell for None); returns the count."""
    names = list(columns)
    writer = csv.writer(out, delimiter=sep, lineterminator="\n")
    if header:
        writer.writerow(names)
    written = 0
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in names])
        written += 1
    return written


def export_csv(db: Database, out: TextIO, query: EventQuery | None = None, **filters: Any) -> int:
    """The flat event rows as CSV with a header line."""
    return write_delimited(db.rows(query, **filters), out, FLAT_COLUMNS)


def _chunks(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    while chunk := list(islice(rows, size)):
        yield chunk


def export_parquet(
    db: Database,
    path: str | Path,
    query: EventQuery | None = None,
    chunk_rows: int = 10_000,
    **filters: Any,
) -> int:
    """The flat event rows as Parquet, written ``chunk_rows`` at a time (constant memory)."""
    written = 0
    rows = db.rows(query, **filters)
    with pq.ParquetWriter(str(path), PARQUET_SCHEMA) as writer:
        for chunk in _chunks(rows, chunk_rows):
            writer.write_batch(pa.RecordBatch.from_pylist(chunk, schema=PARQUET_SCHEMA))
            written += len(chunk)
    return written
