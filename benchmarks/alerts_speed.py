"""Alert evaluation time on the 1,000,000-event benchmark database of query_speed.py.

    .venv/bin/python benchmarks/alerts_speed.py --db /tmp/bench.db [--events 1000000]

Builds the database as ``query_speed.py`` does when the file is missing, opens it
through the query layer (side tables built on first open, timed apart), then times
each rule of ``RULES`` on its own: the first evaluation (which stores its firings and
their events) and a second one (nothing new to store, the cost of every watch cycle
that ingested something).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from dateline.alerts import evaluate_rules, listed, parse_rules
from dateline.query.database import Database
from dateline.store import Store

RULES = """rules:
  - name: violent-dyad-days
    filter: {quad: 4}
    by: dyad
    count: {above: 20}
  - name: conflict-spike
    filter: {quad: 4}
    window: 7d
    spike: {k: 3, baseline: 8, min: 3}
  - name: first-dyad
    by: dyad
    first: {days: 365}
  - name: casualties
    casualties: {above: 10, of: dead}
  - name: usa-irq-goldstein
    filter: {dyad: "USA,IRQ"}
    window: 7d
    goldstein: {below: -30}
  - name: country-weeks
    by: country
    window: 7d
    goldstein: {below: -100}
"""


def ensure_db(path: Path, events: int) -> str:
    url = f"sqlite:///{path}"
    if path.exists():
        return url
    from benchmarks.query_speed import build, read_templates, template_db

    with tempfile.TemporaryDirectory() as folder:
        templates = read_templates(template_db(Path(folder)))
    print(f"built {build(url, templates, events):,} events")
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench.db"))
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    url = ensure_db(args.db, args.events)
    with Store.open(url) as store:
        start = time.perf_counter()
        Database(store)
        print(f"{time.perf_counter() - start:9.1f} s  query side tables (first open only)")
        for rule in parse_rules(RULES, "RULES"):
            for run in ("first", "again"):
                start = time.perf_counter()
                new = evaluate_rules(store, [rule])
                took = time.perf_counter() - start
                print(f"{took:9.2f} s  {rule.name} ({run}): {len(new)} new firings")
        print(f"{len(listed(store.engine)):,} firings stored")


if __name__ == "__main__":
    main()
