"""Query speed on a database of about 1,000,000 events.

    .venv/bin/python benchmarks/query_speed.py --events 1000000 --db /tmp/bench.db

How the database is built: the examples (and the seed story, when ../shared is
there) go through the real pipeline into a small template database; its articles
and events are then replicated until ``--events`` is reached. Copy ``k`` of an
article keeps the text (so spans stay valid) and shifts every date by ``k`` days
modulo ten years and every actor code along a ring of country codes by ``k``
(copy 0 keeps the real codes, so USA–IRQ events occur in one copy in 60). Only the
tables the queries read are filled (articles, events, event_actors), with
``executemany`` in large transactions; the query layer then builds its side tables
(facts, FTS) on open, which is timed too. Each query runs 7 times; the median is
reported, in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "examples" / "seed" / "bloomberg-2021-07-26-iraq.txt"
_RING_TEXT = (
    "USA IRQ IRN SYR TUR RUS UKR CHN GBR FRA DEU ISR PSE EGY SAU NGA AFG PAK IND JPN KOR PRK "
    "MEX BRA COL VEN ARG ZAF ETH SOM KEN SDN LBY YEM LBN JOR QAT ARE POL SWE FIN NOR ESP ITA "
    "GRC SRB BLR KAZ UZB MMR THA VNM PHL IDN MYS AUS CAN CUB HTI MLI"
)
RING = tuple(_RING_TEXT.split(" "))
SPAN = 3650  # dates shift within ten years


def template_db(folder: Path) -> str:
    """The examples (+ seed) through the real pipeline into a small database."""
    from dateline.runs import ingest_paths
    from dateline.settings import Settings
    from dateline.store import Store

    url = f"sqlite:///{folder / 'template.db'}"
    sources = [REPO / "examples", *([SEED] if SEED.exists() else [])]
    with Store.open(url) as store:
        ingest_paths(sources, Settings(), store)
    return url


def read_templates(url: str) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    import sqlalchemy as sa

    from dateline.store import Store, schema

    with Store.open(url) as store, store.engine.connect() as conn:
        arts = [dict(r) for r in conn.execute(sa.select(schema.articles)).mappings()]
        evs = [dict(r) for r in conn.execute(sa.select(schema.events)).mappings()]
    return [(a, [e for e in evs if e["article_id"] == a["id"]]) for a in arts if a["published"]]


def shift_code(code: str | None, k: int) -> str | None:
    if code is None or code not in RING or k % len(RING) == 0:
        return code
    return RING[(RING.index(code) + k) % len(RING)]


def shift_date(value: Any, days: int) -> str | None:
    if value is None:
        return None
    return (date.fromisoformat(str(value)) + timedelta(days=days)).isoformat()


def shifted_record(record: str, k: int, days: int, new_id: str) -> tuple[str, dict[str, Any]]:
    rec = json.loads(record)
    rec["id"] = new_id
    for role in ("actor", "recipient"):
        for mention in rec[role]:
            mention["code"] = shift_code(mention["code"], k)
    if rec["date_precision"] == "day" and rec["date"]:
        rec["date"] = shift_date(rec["date"], days)
    return json.dumps(rec, ensure_ascii=False, separators=(",", ":")), rec


def copies(
    templates: list[Any], wanted: int
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]]:
    made, k = 0, 0
    while made < wanted:
        for article, events in templates:
            days = (k * 7) % SPAN
            yield replicate(article, events, k, days)
            made += len(events)
            if made >= wanted:
                return
        k += 1


def replicate(article: dict[str, Any], events: list[dict[str, Any]], k: int, days: int) -> Any:
    aid = f"bench:{k}:{article['id'][7:23]}"
    art = {**article, "id": aid, "published": shift_date(article["published"], days - SPAN // 2)}
    rows, parties = [], []
    for e in events:
        eid = f"{aid}:{e['ordinal']}"
        record, rec = shifted_record(e["record"], k, days - SPAN // 2, eid)
        lo = (
            shift_date(e["date_lo"], days - SPAN // 2)
            if e["date_precision"] == "day"
            else e["date_lo"]
        )
        hi = (
            shift_date(e["date_hi"], days - SPAN // 2)
            if e["date_precision"] == "day"
            else e["date_hi"]
        )
        rows.append({**e, "id": eid, "article_id": aid, "record": record, "date": rec["date"],
                     "date_lo": lo, "date_hi": hi,
                     "actor_code": shift_code(e["actor_code"], k),
                     "recipient_code": shift_code(e["recipient_code"], k)})  # fmt: skip
        for role in ("actor", "recipient"):
            for i, m in enumerate(rec[role]):
                parties.append({"event_id": eid, "role": role, "ordinal": i, "article_id": aid,
                                "code": m["code"], "sector": m["sector"]})  # fmt: skip
    return art, rows, parties


def bulk_insert(conn: Any, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    conn.executemany(sql, [tuple(r[c] for c in columns) for r in rows])


def build(url: str, templates: list[Any], wanted: int) -> int:
    """Fill the benchmark database; returns the number of events written."""
    import sqlite3

    from dateline.store import Store

    Store.open(url).close()  # schema
    conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    batch: dict[str, list[dict[str, Any]]] = {"articles": [], "events": [], "event_actors": []}
    total = 0
    for art, rows, parties in copies(templates, wanted):
        batch["articles"].append(art)
        batch["events"] += rows
        batch["event_actors"] += parties
        total += len(rows)
        if len(batch["events"]) >= 50_000:
            flush(conn, batch)
    flush(conn, batch)
    conn.execute("ANALYZE")
    conn.close()
    return total


def flush(conn: Any, batch: dict[str, list[dict[str, Any]]]) -> None:
    conn.execute("BEGIN")
    for table, rows in batch.items():
        bulk_insert(conn, table, rows)
        rows.clear()
    conn.execute("COMMIT")


def timed(fn: Callable[[], Any], runs: int = 7) -> tuple[float, Any]:
    results, times = None, []
    for _ in range(runs):
        start = time.perf_counter()
        results = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), results


def run_queries(url: str) -> dict[str, float]:
    from dateline.query import clusters, open_db

    start = time.perf_counter()
    db = open_db(url)
    figures = {"open_db + side tables (first open), ms": (time.perf_counter() - start) * 1000}
    start = time.perf_counter()
    assigned = clusters.assign(db.store.engine)
    figures["cluster ids (first build), ms"] = (time.perf_counter() - start) * 1000
    print(f"{figures['cluster ids (first build), ms']:9.1f} ms  cluster ids of {assigned:,} events")
    dyad = ("USA", "IRQ")
    queries: dict[str, Callable[[], Any]] = {
        "dyad USA-IRQ monthly series by type": lambda: db.series(dyad=dyad, interval="month"),
        "dyad USA-IRQ monthly net cooperation-conflict": lambda: db.net_series(dyad=dyad),
        "page of 50: dyad USA-IRQ, newest first": lambda: db.events(
            dyad=dyad, limit=50, sort="-story_date"
        ),
        "count: dyad USA-IRQ": lambda: db.count(dyad=dyad),
        "page of 50: actor=USA, quad=4, 2020": lambda: db.events(
            actor="USA", quad=4, date_from="2020", date_to="2020", limit=50
        ),
        "page of 50: no filter, newest first": lambda: db.events(limit=50, sort="-story_date"),
        "page of 50: full text 'troops'": lambda: db.events(text="troops", limit=50),
        "page of 50: near Baghdad 100 km": lambda: db.events(near=(33.34, 44.40, 100), limit=50),
        "top 20 dyads (all events)": lambda: db.top_dyads(n=20),
        "top 20 dyads, quad 4": lambda: db.top_dyads(n=20, quad=4),
        "clusters: dyad USA-IRQ": lambda: db.clusters(dyad=dyad),
        "export: flat rows, dyad USA-IRQ": lambda: sum(1 for _ in db.rows(dyad=dyad)),
    }  # fmt: skip
    try:
        for name, fn in queries.items():
            ms, result = timed(fn, runs=3 if name.startswith("top") else 7)
            figures[f"{name}, ms"] = ms
            print(f"{ms:9.1f} ms  {name}  ({_size(result)})", flush=True)
        figures["events"] = db.stats()["events"]
    finally:
        db.close()
    return figures


def _size(result: Any) -> str:
    return f"{len(result)} rows" if hasattr(result, "__len__") else str(result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument(
        "--db", type=Path, default=Path(tempfile.gettempdir()) / "dateline-bench.db"
    )
    parser.add_argument("--template", help="template database URL (default: build from examples/)")
    parser.add_argument(
        "--reuse", action="store_true", help="query an existing --db, do not rebuild"
    )
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            templates = read_templates(args.template or template_db(Path(tmp)))
        start = time.perf_counter()
        n = build(url, templates, args.events)
        print(f"built {n:,} events in {time.perf_counter() - start:.1f} s -> {args.db}", flush=True)
    json.dump(run_queries(url), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
