"""Ingest on a Dask cluster: partitions of the input become pure tasks.

The client (this process) reads the input once, as a stream, and cuts it into
:class:`~dateline.scale.partitions.Partition`s; each partition is one task whose
key is a hash of its documents. A task parses its articles with the worker's
pipeline (built once per worker by :class:`PipelinePlugin`) and writes them
through an idempotent :mod:`sink <dateline.scale.sinks>`, so a task that is
retried, or re-run after its worker died, leaves the same data as a serial run.
At most two partitions per worker thread are in flight, so memory stays flat.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from distributed import Client, Future, LocalCluster, WorkerPlugin, get_worker, wait
from spacy.language import Language

from dateline.ingest import read_paths
from dateline.model import Article
from dateline.nlp import build_nlp
from dateline.pipeline import extract_articles
from dateline.scale.partitions import Partition, partitions
from dateline.scale.sinks import Counts, Sink, new_counts
from dateline.settings import Settings

PLUGIN_NAME = "dateline-pipeline"
DEFAULT_PARTITION_SIZE = 500


class PipelinePlugin(WorkerPlugin):  # type: ignore[misc]
    """Holds the dateline pipeline of a worker, built on the worker's first task.

    One pipeline per worker thread (spaCy pipelines are not shared between threads);
    run workers with one thread each, as ``LocalCluster`` here does.
    """

    name = PLUGIN_NAME

    def __init__(self, settings: Settings) -> None:
        self.settings = replace(settings, n_process=1)  # a worker parses in its own process
        self._local = threading.local()

    def teardown(self, worker: Any) -> None:
        self._local = threading.local()

    def nlp(self) -> Language:
        """This thread's pipeline, built on first use."""
        nlp: Language | None = getattr(self._local, "nlp", None)
        if nlp is None:
            nlp = self._local.nlp = build_nlp(self.settings)
        return nlp

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        self.__init__(state["settings"])  # type: ignore[misc]


def worker_plugin() -> PipelinePlugin:
    """The :class:`PipelinePlugin` of the worker running the current task."""
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, PipelinePlugin):
        raise RuntimeError(f"worker plugin {PLUGIN_NAME!r} is not registered")
    return plugin


def run_partition(partition: Partition, sink: Sink, run_id: str | None) -> Counts:
    """The task: parse a partition's new articles and write everything to ``sink``."""
    plugin = worker_plugin()
    known = sink.known(partition.article_ids)
    todo = [i for i in partition.items if not (isinstance(i, Article) and i.id in known)]
    results = extract_articles(plugin.nlp(), todo, plugin.settings)
    counts = sink.write(partition.index, results, run_id)
    counts["unchanged"] += len(known)
    return counts


@contextmanager
def connect(
    scheduler: str | Client | None = None, workers: int = 1, processes: bool = True
) -> Iterator[Client]:
    """A client: the given one, one for a scheduler address, or a new ``LocalCluster``."""
    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=":0"
    )
    with cluster, Client(cluster) as client:
        yield client


def _submit_all(
    client: Client,
    parts: Iterable[Partition],
    task: Callable[[Partition], Future],
    in_flight_max: int,
) -> Iterator[Counts]:
    """Submit partitions as they are read; yield each task's counts as it finishes."""
    pending: set[Future] = set()
    for part in parts:
        pending.add(task(part))
        while len(pending) >= in_flight_max:
            done, pending = wait(pending, return_when="FIRST_COMPLETED")
            yield from (future.result() for future in done)
    while pending:
        done, pending = wait(pending, return_when="FIRST_COMPLETED")
        yield from (future.result() for future in done)


def ingest_on_cluster(
    paths: Iterable[str | Path],
    settings: Settings,
    sink: Sink,
    client: Client,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    retries: int = 2,
    progress: Callable[[Counts], None] | None = None,
) -> tuple[Counts, str | None]:
    """Ingest ``paths`` through ``client``'s workers into ``sink``; the counts and run id."""
    paths = list(paths)
    client.register_plugin(PipelinePlugin(settings), name=PLUGIN_NAME)
    run_id = sink.start("ingest --dask " + " ".join(str(p) for p in paths))
    run = f"{run_id or uuid.uuid4().hex} {sink!r}"  # keys of this run never meet older ones
    threads = max(1, sum(client.nthreads().values()))

    def task(part: Partition) -> Future:
        key = part.key(run)
        return client.submit(run_partition, part, sink, run_id, key=key, retries=retries)

    totals = new_counts()
    parts = partitions(read_paths(paths, settings), partition_size)
    for counts in _submit_all(client, parts, task, 2 * threads):
        for name, value in counts.items():
            totals[name] = totals.get(name, 0) + value  # rejects by reason come and go
        if progress:
            progress(dict(totals))
    sink.finish(run_id, totals)
    return totals, run_id
