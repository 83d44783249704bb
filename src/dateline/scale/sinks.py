"""Idempotent sinks for distributed ingest: the SQL store, or Parquet files.

A sink is a small picklable value (a URL, a folder) that every Dask task gets;
each call opens what it needs, so a task can run on any worker, any number of
times. Writing a partition twice leaves the same data as writing it once:

* :class:`SqlSink` inserts articles by content-hash id (``ON CONFLICT DO
  NOTHING``, many articles to a transaction, each whole or not at all), so a
  retried task finds the articles its first attempt wrote and skips them.
* :class:`ParquetSink` writes one file per input partition and table, named by
  the partition number (``events/event_month=2021-07/part-000003.parquet``); a
  retried task replaces its own files atomically and never adds new ones.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.export.tabular import PARQUET_SCHEMA
from dateline.model import Extraction, Reject
from dateline.query.flat import flat_row
from dateline.recording import count_reject, new_counts, summary_from_counts
from dateline.serialize import event_to_dict
from dateline.store import Store

Counts = dict[str, int]
Result = Extraction | Reject

#: Columns of ``articles/part-*.parquet``: one row per article written.
ARTICLE_SCHEMA = pa.schema(
    [("article_id", pa.string()), ("story_date", pa.string()), ("source", pa.string()),
     ("title", pa.string()), ("url", pa.string()), ("origin", pa.string()),
     ("events", pa.int64())]
)  # fmt: skip
#: Columns of ``rejects/part-*.parquet``: one row per document that could not be read.
REJECT_SCHEMA = pa.schema(
    [("id", pa.string()), ("origin", pa.string()), ("reason", pa.string()),
     ("detail", pa.string())]
)  # fmt: skip
UNDATED = "undated"  # the event_month of events with no month-precise date
_MONTH = re.compile(r"^(\d{4}-\d{2})")


class Sink(Protocol):
    """Where distributed ingest writes; every method may be called again safely."""

    def start(self, command: str) -> str | None:
        """Record the start of a run; its id (None when the sink keeps no runs)."""

    def known(self, article_ids: Sequence[str]) -> set[str]:
        """Those of ``article_ids`` already stored (they are not parsed again)."""

    def write(self, index: int, results: Iterable[Result], run_id: str | None) -> Counts:
        """Write the results of partition ``index``; what was written."""

    def finish(self, run_id: str | None, counts: Mapping[str, int]) -> None:
        """Record the end of a run."""


@dataclass(frozen=True, slots=True)
class SqlSink:
    """The SQL store at ``url`` (SQLite or PostgreSQL): the same rows as a serial ingest."""

    url: str

    def start(self, command: str) -> str | None:
        """Refuse a corrupt database (as a serial ingest does), then record the run."""
        with Store.open(self.url) as store:
            store.ensure_sound()
            return store.start_run(command)

    def known(self, article_ids: Sequence[str]) -> set[str]:
        with Store.open(self.url) as store:
            return store.stored_ids(article_ids)

    def write(self, index: int, results: Iterable[Result], run_id: str | None) -> Counts:
        from dateline.writer import record_batch, write_results

        counts = new_counts()
        with Store.open(self.url) as store:
            write_results(results, lambda batch: record_batch(store, batch, run_id, counts))
        return counts

    def finish(self, run_id: str | None, counts: Mapping[str, int]) -> None:
        if run_id is not None:
            with Store.open(self.url) as store:
                store.finish_run(run_id, summary_from_counts(counts, run_id).as_dict())


@dataclass(frozen=True, slots=True)
class ParquetSink:
    """Parquet files under ``root``: ``events/`` (partitioned by event month),
    ``articles/`` and ``rejects/``, one file per input partition in each."""

    root: Path

    def start(self, command: str) -> str | None:
        self.root.mkdir(parents=True, exist_ok=True)
        return None

    def known(self, article_ids: Sequence[str]) -> set[str]:
        return set()  # files are replaced whole, so every article is written again

    def write(self, index: int, results: Iterable[Result], run_id: str | None) -> Counts:
        counts = new_counts()
        articles: list[dict[str, Any]] = []
        rejects: list[dict[str, Any]] = []
        events: dict[str, list[dict[str, Any]]] = {}
        for result in results:
            if isinstance(result, Reject):
                _add_reject(result, rejects, counts)
                continue
            articles.append(_article_row(result))
            for row in _event_rows(result):
                events.setdefault(event_month(row["date"]), []).append(row)
            counts["inserted"] += 1
            counts["events"] += len(result.events)
            counts["warnings"] += bool(result.warnings)
        name = f"part-{index:06d}.parquet"
        self._replace_events(name, events)
        _write_table(self.root / "articles" / name, articles, ARTICLE_SCHEMA)
        _write_table(self.root / "rejects" / name, rejects, REJECT_SCHEMA)
        return counts

    def _replace_events(self, name: str, by_month: Mapping[str, list[dict[str, Any]]]) -> None:
        """Write this partition's event files and remove its files of other months."""
        keep = {self.root / "events" / f"event_month={month}" / name for month in by_month}
        for old in (self.root / "events").glob(f"event_month=*/{name}"):
            if old not in keep:
                old.unlink()
        for month, rows in by_month.items():
            _write_table(self.root / "events" / f"event_month={month}" / name, rows, PARQUET_SCHEMA)

    def finish(self, run_id: str | None, counts: Mapping[str, int]) -> None:
        return None


def event_month(value: str | None) -> str:
    """``YYYY-MM`` of an event date of month or day precision, else ``undated``."""
    match = _MONTH.match(value or "")
    return match.group(1) if match else UNDATED


def _add_reject(reject: Reject, rows: list[dict[str, Any]], counts: Counts) -> None:
    if reject.reason == "duplicate":  # the same story again in this input: one article
        counts["unchanged"] += 1
        return
    rows.append({"id": reject.id, "origin": reject.origin, "reason": reject.reason,
                 "detail": reject.detail})  # fmt: skip
    count_reject(counts, reject.reason)


def _article_row(extraction: Extraction) -> dict[str, Any]:
    a = extraction.article
    return {"article_id": a.id, "story_date": a.published.isoformat() if a.published else None,
            "source": a.source, "title": a.title, "url": a.url, "origin": a.origin,
            "events": len(extraction.events)}  # fmt: skip


def _event_rows(extraction: Extraction) -> list[dict[str, Any]]:
    """The flat rows (``FLAT_COLUMNS``) that ``dateline export --format parquet`` gives,
    but for ``cluster_id``: clusters span partitions, so it is empty here."""
    a = extraction.article
    base = {"article_id": a.id, "published": a.published, "source": a.source, "url": a.url,
            "title": a.title, "cluster": None}  # fmt: skip
    approx = {q.value for q in extraction.quantities if q.approx}
    return [
        flat_row(base, event_to_dict(e), bool(approx & set((e.size or {}).values())))
        for e in extraction.events
    ]


def _write_table(path: Path, rows: list[dict[str, Any]], table_schema: pa.Schema) -> None:
    """Write rows to ``path`` through a temporary file and a rename (all or nothing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(pa.Table.from_pylist(rows, schema=table_schema), temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
