"""Tabular exports of the flat event rows (``dateline.store.EVENT_COLUMNS``): CSV, Parquet."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.store import EVENT_COLUMNS, Store

_INTEGERS = {"quad_code", "sentence"}
_FLOATS = {"score", "confidence"}

#: The Parquet schema: one column per ``EVENT_COLUMNS`` entry, in order.
PARQUET_SCHEMA = pa.schema(
    [
        (
            name,
            pa.int64() if name in _INTEGERS else pa.float64() if name in _FLOATS else pa.string(),
        )
        for name in EVENT_COLUMNS
    ]
)


def export_csv(store: Store, out: TextIO, **filters: Any) -> int:
    """The flat event rows as CSV with a header line (``\\n`` line ends; empty for null)."""
    writer = csv.DictWriter(out, fieldnames=list(EVENT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    written = 0
    for row in store.events(**filters):
        writer.writerow(row)
        written += 1
    return written


def _chunks(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    while chunk := list(islice(rows, size)):
        yield chunk


def export_parquet(store: Store, path: str | Path, chunk_rows: int = 10_000, **filters: Any) -> int:
    """The flat event rows as Parquet, written ``chunk_rows`` at a time (constant memory)."""
    written = 0
    with pq.ParquetWriter(str(path), PARQUET_SCHEMA) as writer:
        for chunk in _chunks(store.events(**filters), chunk_rows):
            writer.write_batch(pa.RecordBatch.from_pylist(chunk, schema=PARQUET_SCHEMA))
            written += len(chunk)
    return written
