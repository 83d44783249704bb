"""Tabular exports of the flat event rows (:data:`dateline.query.flat.FLAT_COLUMNS`):
CSV and Parquet, and the delimited-text writer the drop-in layouts share.

Empty is written one way: an empty CSV cell, a Parquet null. Codes and ids are text
in both (``cameo_root`` "05" stays "05").
"""

from __future__ import annotations

import csv
import io
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


def delimited_lines(
    rows: Iterable[Mapping[str, Any]],
    columns: Iterable[str],
    *,
    sep: str = ",",
    header: bool = True,
) -> Iterator[str]:
    """The header (if ``header``), then each row, as delimited text: one string each
    (``\n`` line ends, an empty cell for None)."""
    names = list(columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    if header:
        writer.writerow(names)
        yield flush()
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in names])
        yield flush()


def write_delimited(
    rows: Iterable[Mapping[str, Any]],
    out: TextIO,
    columns: Iterable[str],
    *,
    sep: str = ",",
    header: bool = True,
) -> int:
    """Rows as delimited text written to ``out``; returns how many rows were written."""
    count = 0
    for line in delimited_lines(rows, columns, sep=sep, header=header):
        out.write(line)
        count += 1
    return count - 1 if header else count


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
