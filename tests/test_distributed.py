"""Dask ingest (dateline.scale): the same data as a serial ingest, retried or not.

One in-process LocalCluster (threads, one worker) serves the module; its workers
use the session pipeline, so no second spaCy model is loaded.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.dataset as ds
import pytest
import sqlalchemy as sa
from distributed import Client, LocalCluster
from spacy.language import Language
from typer.testing import CliRunner

from dateline.cli import app
from dateline.export import export_parquet
from dateline.model import Article, Extraction, Reject
from dateline.query import Database
from dateline.runs import ingest_dask, ingest_paths
from dateline.scale import ParquetSink, PipelinePlugin, SqlSink, event_month, partitions
from dateline.settings import Settings
from dateline.store import Store, schema
from shared_paths import REPO

PARTITION = 3  # documents per task: the corpus below makes five partitions


@dataclass(frozen=True)
class FlakySqlSink(SqlSink):
    """Fails partition 1 once, after writing part of it (the marker file records it)."""

    marker: Path = Path("unset")

    def write(self, index: int, results: Iterable[Extraction | Reject], run_id: str | None) -> Any:
        if index == 1 and not self.marker.exists():
            self.marker.write_text("failed once", encoding="utf-8")
            SqlSink.write(self, index, list(results)[:2], run_id)
            raise RuntimeError("injected fault in partition 1")
        return SqlSink.write(self, index, results, run_id)


@dataclass(frozen=True)
class KillingSqlSink(SqlSink):
    """Kills its worker process in partition 1, after one article, once (marker file)."""

    marker: Path = Path("unset")

    def write(self, index: int, results: Iterable[Extraction | Reject], run_id: str | None) -> Any:
        if index == 1 and not self.marker.exists():
            self.marker.write_text("killed once", encoding="utf-8")
            SqlSink.write(self, index, list(results)[:1], run_id)
            os._exit(1)
        return SqlSink.write(self, index, results, run_id)


def _variants(source: Path, copies: int) -> list[dict[str, str]]:
    """Copies of the example stories with another source, title and date (new ids)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(source.glob("*.txt"))]
    return [
        {"text": texts[i % len(texts)].split("\n", 1)[1].strip(), "source": f"Variant {i}",
         "title": f"Variant story {i}", "date": f"2023-0{1 + i % 9}-1{i % 10}"}
        for i in range(copies)
    ]  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled examples, eight variants, a duplicate and three bad documents."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(REPO / "examples", folder / "examples")
    rows = _variants(REPO / "examples", 8)
    lines = [json.dumps(r) for r in rows] + [json.dumps(rows[0]), '{"text": "truncated']
    (folder / "variants.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return folder


@pytest.fixture(scope="module")
def client(nlp: Language) -> Iterator[Client]:
    patch = pytest.MonkeyPatch()
    patch.setattr("dateline.scale.cluster.build_nlp", lambda settings: nlp)
    cluster = LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
    )
    with cluster, Client(cluster) as opened:
        yield opened
    patch.undo()


@pytest.fixture(scope="module")
def serial(
    corpus: Path, settings: Settings, nlp: Language, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """A serial ingest of the corpus: its summary and its data."""
    url = f"sqlite:///{tmp_path_factory.mktemp('serial') / 'serial.db'}"
    with Store.open(url) as store:
        summary = ingest_paths([corpus], settings, store, nlp)
        return {"summary": summary.as_dict(), **_data(store)}


def _data(store: Store) -> dict[str, Any]:
    return {
        "counts": store.counts(),
        "records": list(store.records()),
        "events": sorted(row["event_id"] for row in Database(store).rows()),
        "rejects": sorted(row["id"] for row in store.rejects()),
    }


def test_dask_ingest_equals_serial(
    corpus: Path, settings: Settings, client: Client, serial: dict[str, Any], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'dask.db'}"
    summary = ingest_dask([corpus], settings, SqlSink(url), scheduler=client,
                          partition_size=PARTITION)  # fmt: skip
    assert summary.as_dict() == serial["summary"]
    assert serial["counts"]["articles"] == 11 and serial["counts"]["rejects"] == 3
    with Store.open(url) as store:
        assert _data(store) == {k: v for k, v in serial.items() if k != "summary"}
        assert [run["counts"] for run in store.runs()] == [serial["summary"]]
    again = ingest_dask([corpus], settings, SqlSink(url), scheduler=client,
                        partition_size=PARTITION)  # fmt: skip
    assert again.inserted == 0 and again.unchanged == summary.inserted + summary.unchanged


def test_dask_ingest_into_postgresql_equals_serial(
    corpus: Path, settings: Settings, client: Client, serial: dict[str, Any], tmp_path: Path
) -> None:
    url = os.environ.get("DATELINE_TEST_PG_URL")
    if not url:
        pytest.skip("set DATELINE_TEST_PG_URL to a scratch PostgreSQL database to run this")
    engine = sa.create_engine(url)
    try:
        schema.metadata.drop_all(engine)
    finally:
        engine.dispose()
    sink = FlakySqlSink(url, marker=tmp_path / "failed")
    ingest_dask([corpus], settings, sink, scheduler=client, partition_size=PARTITION)
    with Store.open(url) as store:
        assert _data(store) == {k: v for k, v in serial.items() if k != "summary"}


def test_a_retried_task_leaves_the_serial_data(
    corpus: Path, settings: Settings, client: Client, serial: dict[str, Any], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'flaky.db'}"
    no_retry = FlakySqlSink(url, marker=tmp_path / "no-retry")
    with pytest.raises(RuntimeError, match="injected fault"):
        ingest_dask([corpus], settings, no_retry, scheduler=client, partition_size=PARTITION,
                    retries=0)  # fmt: skip
    sink = FlakySqlSink(f"sqlite:///{tmp_path / 'retried.db'}", marker=tmp_path / "failed")
    summary = ingest_dask([corpus], settings, sink, scheduler=client, partition_size=PARTITION)
    assert (tmp_path / "failed").exists()  # the fault did happen
    # the retry finds the two articles its first attempt wrote and counts them unchanged
    expected = serial["summary"]
    assert summary.unchanged == expected["unchanged"] + 2 and summary.total == sum(
        expected[k] for k in ("inserted", "unchanged", "rejected")
    )
    with Store.open(sink.url) as store:
        assert _data(store) == {k: v for k, v in serial.items() if k != "summary"}


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.parquet"))}


def test_parquet_sink_is_idempotent_and_matches_the_store_export(
    corpus: Path, settings: Settings, client: Client, serial: dict[str, Any], tmp_path: Path
) -> None:
    root = tmp_path / "parquet"
    stale = root / "events" / "event_month=1999-01" / "part-000000.parquet"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"from an older run")
    first = ingest_dask([corpus], settings, ParquetSink(root), scheduler=client,
                       partition_size=PARTITION)  # fmt: skip
    assert not stale.exists()  # partition 0's file of a month it no longer has is gone
    files = _files(root)
    second = ingest_dask([corpus], settings, ParquetSink(root), scheduler=client,
                        partition_size=PARTITION)  # fmt: skip
    assert _files(root) == files and first == second
    assert not list(root.rglob("*.tmp"))
    events = pd.read_parquet(root / "events")
    assert len(events) == serial["counts"]["events"] == first.events
    assert sorted(events["event_id"]) == serial["events"]
    months = [event_month(d if isinstance(d, str) else None) for d in events["date"]]
    assert list(events["event_month"].astype(str)) == months and "undated" in months
    articles = pd.read_parquet(root / "articles")
    assert sorted(articles["article_id"]) == sorted(r["article"]["id"] for r in serial["records"])
    assert sorted(pd.read_parquet(root / "rejects")["id"]) == serial["rejects"]
    assert ds.dataset(root / "events", partitioning="hive").count_rows() == first.events


def test_parquet_rows_equal_the_export_of_a_serial_store(
    corpus: Path, settings: Settings, nlp: Language, client: Client, tmp_path: Path
) -> None:
    root = tmp_path / "parquet"
    ingest_dask([corpus], settings, ParquetSink(root), scheduler=client, partition_size=4)
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        ingest_paths([corpus], settings, store, nlp)
        export_parquet(Database(store), tmp_path / "export.parquet")
    # clusters span partitions: the sink leaves cluster_id empty (docs/scale.md)
    exported = pd.read_parquet(tmp_path / "export.parquet").drop(columns="cluster_id")
    written = pd.read_parquet(root / "events").drop(columns=["event_month", "cluster_id"])
    key = ["article_id", "event_id"]
    assert written.sort_values(key, ignore_index=True).equals(
        exported.sort_values(key, ignore_index=True)
    )


def test_partitions_are_lazy_sized_and_keyed_by_content() -> None:
    items: list[Article | Reject] = [Article.create(f"Story {i}.") for i in range(7)]
    items.append(Reject("bad.txt", "empty"))
    parts = list(partitions(iter(items), 3))
    assert [len(p.items) for p in parts] == [3, 3, 2] and [p.index for p in parts] == [0, 1, 2]
    assert parts[2].article_ids == [items[6].id]
    again = list(partitions(items, 3))
    assert [p.key("run") for p in again] == [p.key("run") for p in parts]
    assert parts[0].key("run") != parts[0].key("another run")
    other = list(partitions([Article.create("Another story."), *items[1:]], 3))
    assert other[0].key() != parts[0].key() and other[1].key() == parts[1].key()
    with pytest.raises(ValueError, match="at least 1"):
        next(partitions(items, 0))


def test_event_month() -> None:
    assert event_month("2021-07-26") == "2021-07" and event_month("2021-07") == "2021-07"
    assert event_month("2021") == event_month(None) == event_month("P2Y") == "undated"


def test_cli_ingest_dask_options(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[dict[str, Any]] = []

    def fake(paths: list[str], settings: Settings, sink: Any, **options: Any) -> Any:
        from dateline.runs import IngestSummary

        calls.append({"paths": paths, "sink": sink, **options})
        return IngestSummary(inserted=2, events=5)

    monkeypatch.setattr("dateline.runs.ingest_dask", fake)
    runner = CliRunner()
    db, out = tmp_path / "x.db", tmp_path / "pq"
    first = runner.invoke(app, ["ingest", "a.txt", "--dask", "--db", str(db), "--workers", "3"])
    assert first.exit_code == 0, first.output
    assert calls[0]["sink"] == SqlSink(f"sqlite:///{db}") and calls[0]["workers"] == 3
    assert calls[0]["scheduler"] is None and calls[0]["partition_size"] == 500
    second = runner.invoke(app, ["ingest", "a.txt", "--scheduler", "tcp://h:8786",
                                 "--parquet", str(out), "--partition-size", "50"])  # fmt: skip
    assert second.exit_code == 0, second.output
    assert calls[1]["sink"] == ParquetSink(out) and calls[1]["scheduler"] == "tcp://h:8786"
    assert calls[1]["partition_size"] == 50 and '"events": 5' in second.stdout
    refused = runner.invoke(app, ["ingest", "a.txt", "--parquet", str(out)])
    assert refused.exit_code != 0 and len(calls) == 2


def test_worker_plugin_builds_one_pipeline_per_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[Settings] = []

    def build(settings: Settings) -> object:
        built.append(settings)
        return object()

    monkeypatch.setattr("dateline.scale.cluster.build_nlp", build)
    plugin = pickle.loads(pickle.dumps(PipelinePlugin(Settings(n_process=4))))
    first = plugin.nlp()
    assert plugin.nlp() is first and built == [Settings(n_process=1)]
    other: list[object] = []
    thread = threading.Thread(target=lambda: other.append(plugin.nlp()))
    thread.start()
    thread.join()
    assert other[0] is not first and len(built) == 2


@pytest.mark.slow
def test_a_killed_worker_leaves_the_serial_data(
    settings: Settings, nlp: Language, tmp_path: Path
) -> None:
    """A real worker process dies mid-partition; the nanny restarts it and the task re-runs."""
    stories = _variants(REPO / "examples", 4)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "s.jsonl").write_text("\n".join(json.dumps(r) for r in stories) + "\n")
    sink = KillingSqlSink(f"sqlite:///{tmp_path / 'killed.db'}", marker=tmp_path / "killed")
    summary = ingest_dask([tmp_path / "in"], settings, sink, workers=1, partition_size=2)
    assert (tmp_path / "killed").exists() and summary.total == 4
    with Store.open(f"sqlite:///{tmp_path / 'serial.db'}") as serial:
        ingest_paths([tmp_path / "in"], settings, serial, nlp)
        expected = _data(serial)
    with Store.open(sink.url) as store:
        assert _data(store) == expected and store.counts()["articles"] == 4
