"""Cluster run: a Dask scheduler and workers as separate processes on loopback, writing to
PostgreSQL, one worker killed mid-run; the rows must equal a serial run's.

    python benchmarks/cluster_kill.py --pg-url postgresql+psycopg://USER:PW@127.0.0.1:5432/postgres
                                      [--stories 20000] [--workers 2] [--kill-at 0.3]
                                      [--partition-size 500] [--json]

``--pg-url`` is a database of a PostgreSQL server on which the user may create
databases; the run drops and creates two scratch databases beside it
(``PREFIX_serial`` and ``PREFIX_cluster``, ``--db-prefix`` ``dateline_bench`` unless
told: give each run on a shared server its own). The stories are the short
stories of ``benchmarks/growth.py`` (lead paragraphs of the dev corpora, each copy its
own article id), written once to a JSON Lines file. Then:

1. serial: ``dateline ingest FILE --db SERIAL --n-process WORKERS`` (one process that
   reads and writes, WORKERS processes that parse), timed;
2. cluster: ``dask scheduler`` and WORKERS ``dask worker --nthreads 1 --no-nanny``, each a
   process of its own on 127.0.0.1, then ``dateline ingest FILE --scheduler tcp://… --db
   CLUSTER``, timed. Once the cluster database holds ``--kill-at`` of the stories, one
   worker gets SIGKILL (no nanny restarts it: the scheduler re-runs its lost task on
   the others) and, unless ``--no-replace``, a new worker is started in its place, as
   a supervisor would;
3. both databases are compared table by table (the article tables, the copy tables
   ``article_sources``, ``article_signatures``, ``article_buckets``, and ``rejects``):
   row counts and a digest of every row (all columns but ``ingested_at`` and ``run_id``,
   and a copy's ``similarity``), sorted. The copies whose ``similarity`` differs are
   counted apart (``similarity_differs``): a copy moved to another article when a
   copy with a smaller id took that article's place keeps the similarity it was
   measured with (its text is not stored), so that figure may depend on the order of
   the writes; which article each copy belongs to may not.

CPU seconds are those of the child processes (``RUSAGE_CHILDREN``: the ingest, its
workers, the scheduler and the Dask workers; not PostgreSQL's), which a busy machine
does not inflate; wall seconds are what a user waits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import load_texts
from benchmarks.growth import BASE_TEXTS, lead, story_rows, write_corpus

SKIPPED_COLUMNS = {"ingested_at", "run_id"}  # differ between two runs by design
APART = ("article_sources", "similarity")  # compared apart: see the docstring
POLL_SECONDS = 0.5


def fresh_database(server_url: str, name: str) -> str:
    """Drop and create database ``name`` on the server of ``server_url``; its URL."""
    engine = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        engine.dispose()
    return sa.engine.make_url(server_url).set(database=name).render_as_string(False)


def fingerprint(url: str) -> dict[str, Any]:
    """Rows per stored table and a digest of its rows, sorted (to compare two runs)."""
    from dateline.store import schema

    engine = sa.create_engine(url)
    out: dict[str, Any] = {}
    try:
        with engine.connect() as conn:
            for table in (*schema.ARTICLE_TABLES, *schema.COPY_TABLES, schema.rejects):
                columns = [c for c in table.columns if c.name not in SKIPPED_COLUMNS
                           and (table.name, c.name) != APART]  # fmt: skip
                rows = sorted(repr(tuple(row)) for row in conn.execute(sa.select(*columns)))
                digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]
                out[table.name] = {"rows": len(rows), "sha256": digest}
    finally:
        engine.dispose()
    return out


def similarities(url: str) -> dict[str, float]:
    """Each copy's ``similarity`` (``article_sources``), by the copy's id."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            found = conn.exec_driver_sql("SELECT id, similarity FROM article_sources")
            return {str(copy): float(value) for copy, value in found}
    finally:
        engine.dispose()


def stored_articles(url: str) -> int:
    """Articles stored so far (0 before the schema exists)."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() or 0)
    except sa.exc.DBAPIError:
        return 0
    finally:
        engine.dispose()


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _summary(stdout: str) -> dict[str, Any]:
    """The JSON summary ``dateline ingest`` prints last."""
    summary: dict[str, Any] = json.loads(stdout[stdout.index("{") :])
    return summary


def _ingest(corpus: Path, db: str, *options: str) -> list[str]:
    return [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db", db, *options]


def run_serial(corpus: Path, db: str, workers: int) -> dict[str, Any]:
    """``dateline ingest`` with ``--n-process workers``, timed."""
    start, cpu = time.perf_counter(), _children_cpu_s()
    done = subprocess.run(_ingest(corpus, db, "--n-process", str(workers)),
                          capture_output=True, text=True, check=False)  # fmt: skip
    seconds, cpu = time.perf_counter() - start, _children_cpu_s() - cpu
    if done.returncode != 0:
        raise SystemExit(f"serial ingest failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return {"seconds": round(seconds, 1), "cpu_s": round(cpu, 1), **_summary(done.stdout)}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _dask(*arguments: str, log: Path) -> subprocess.Popen[bytes]:
    """A ``dask`` command (scheduler or worker) as a process of its own, logging to ``log``."""
    command = [str(Path(sys.executable).with_name("dask")), *arguments]
    with log.open("ab") as handle:
        return subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)


def _worker(address: str, name: str, logs: Path) -> subprocess.Popen[bytes]:
    return _dask("worker", address, "--nthreads", "1", "--no-nanny", "--name", name,
                 "--host", "127.0.0.1", "--no-dashboard", log=logs / f"{name}.log")  # fmt: skip


def _wait_for_workers(address: str, count: int, timeout: float = 300) -> None:
    from distributed import Client

    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(count, timeout=timeout)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_cluster(corpus: Path, db: str, args: argparse.Namespace, logs: Path) -> dict[str, Any]:
    """Scheduler and workers as processes, the ingest as a client; one worker killed."""
    address = f"tcp://127.0.0.1:{_free_port()}"
    start_cpu = _children_cpu_s()
    with ExitStack() as stack:
        port = address.rsplit(":", 1)[1]
        scheduler = _dask("scheduler", "--host", "127.0.0.1", "--port", port,
                          "--no-dashboard", log=logs / "scheduler.log")  # fmt: skip
        stack.callback(_stop, scheduler)
        workers = [_worker(address, f"w{i}", logs) for i in range(args.workers)]
        for worker in workers:
            stack.callback(_stop, worker)
        _wait_for_workers(address, args.workers)
        start = time.perf_counter()
        client = subprocess.Popen(
            _ingest(corpus, db, "--scheduler", address,
                    "--partition-size", str(args.partition_size)), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        kill = _kill_one_mid_run(client, workers, db, address, args, logs)
        if kill["replaced"]:
            stack.callback(_stop, workers[-1])
        stdout, stderr = client.communicate()
        seconds = time.perf_counter() - start
    cpu = _children_cpu_s() - start_cpu
    if client.returncode != 0:
        raise SystemExit(f"cluster ingest failed ({client.returncode}):\n{stderr[-3000:]}")
    return {"seconds": round(seconds, 1), "cpu_s": round(cpu, 1), "kill": kill,
            **_summary(stdout)}  # fmt: skip


def _kill_one_mid_run(
    client: subprocess.Popen[str],
    workers: list[subprocess.Popen[bytes]],
    db: str,
    address: str,
    args: argparse.Namespace,
    logs: Path,
) -> dict[str, Any]:
    """SIGKILL the first worker once ``--kill-at`` of the stories are stored (and start
    a new one in its place unless ``--no-replace``); when and how far the run was."""
    started = time.perf_counter()
    threshold = int(args.kill_at * args.stories)
    stored = 0
    while client.poll() is None:
        stored = stored_articles(db)
        if stored >= threshold:
            workers[0].send_signal(signal.SIGKILL)
            workers[0].wait()
            if not args.no_replace:
                workers.append(_worker(address, "w-replacement", logs))
            return {"after_s": round(time.perf_counter() - started, 1), "stored": stored,
                    "replaced": not args.no_replace}  # fmt: skip
        time.sleep(POLL_SECONDS)
    return {"after_s": None, "stored": stored, "replaced": False}  # the run ended first


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", required=True, help="a database on the PostgreSQL server")
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill-at", type=float, default=0.3,
                        help="kill a worker once this share of the stories is stored")  # fmt: skip
    parser.add_argument("--partition-size", type=int, default=500, help="documents per task")
    parser.add_argument("--no-replace", action="store_true", help="no worker in its place")
    parser.add_argument("--db-prefix", default="dateline_bench",
                        help="names of the two scratch databases: PREFIX_serial, PREFIX_cluster")
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temp dir)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    leads = [lead(t) for t in load_texts(BASE_TEXTS)]
    report: dict[str, Any] = {"stories": args.stories, "workers": args.workers,
                              "partition_size": args.partition_size, "load_start": _load()}
    with tempfile.TemporaryDirectory(dir=args.workdir) as scratch:
        corpus = Path(scratch) / "stories.jsonl"
        write_corpus(corpus, story_rows(args.stories, leads))
        serial_db = fresh_database(args.pg_url, f"{args.db_prefix}_serial")
        cluster_db = fresh_database(args.pg_url, f"{args.db_prefix}_cluster")
        report["serial"] = run_serial(corpus, serial_db, args.workers)
        print(f"serial: {report['serial']}", file=sys.stderr)
        report["cluster"] = run_cluster(corpus, cluster_db, args, Path(scratch))
        print(f"cluster: {report['cluster']}", file=sys.stderr)
    report["serial_rows"], report["cluster_rows"] = fingerprint(serial_db), fingerprint(cluster_db)
    report["identical"] = report["serial_rows"] == report["cluster_rows"]
    serial, cluster = similarities(serial_db), similarities(cluster_db)
    report["similarity_differs"] = sum(cluster.get(k) != v for k, v in serial.items())
    report["load_end"] = _load()
    print(json.dumps(report, indent=1) if args.json else _table(report))
    if not report["identical"]:
        raise SystemExit("the cluster run's rows differ from the serial run's")


def _table(report: dict[str, Any]) -> str:
    serial, cluster = report["serial"], report["cluster"]
    kill = cluster["kill"]
    lines = [
        "| run | wall s | CPU s (children) | inserted | unchanged | rejected | events |",
        "|---|---|---|---|---|---|---|",
        *(
            f"| {name} | {r['seconds']} | {r['cpu_s']} | {r['inserted']} | {r['unchanged']} | "
            f"{r['rejected']} | {r['events']} |"
            for name, r in (("serial", serial), ("cluster, one worker killed", cluster))
        ),
        f"\nworker killed after {kill['after_s']} s with {kill['stored']} articles stored "
        f"(replaced: {kill['replaced']}); load {report['load_start']} -> {report['load_end']}",
        "rows: " + ", ".join(f"{t} {v['rows']}" for t, v in report["serial_rows"].items()),
        f"same rows as the serial run: {report['identical']} (copies whose similarity "
        f"differs: {report['similarity_differs']})",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
