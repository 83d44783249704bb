"""Delivery of new firings to a command and a webhook (a real server on loopback): off
by default, a failure is recorded and retried, a success is never repeated."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from alerts.history import history, write
from dateline.alerts import Delivery, evaluate_and_deliver, load_rules
from dateline.alerts.store import firings
from dateline.store import Store

RULES = Path(__file__).with_name("rules.yaml")


@contextmanager
def hook(statuses: list[int]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A webhook answering ``statuses`` in turn (then 200), keeping what it received."""
    received: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status = statuses.pop(0) if statuses else 200
            if status == 200:
                received.append(json.loads(body))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/hook", received
    finally:
        httpd.shutdown()
        httpd.server_close()


def _attempts(store: Store) -> list[tuple[int, bool]]:
    query = sa.select(firings.c.attempts, firings.c.delivered_at.is_not(None))
    with store.engine.connect() as conn:
        return sorted((a, bool(d)) for a, d in conn.execute(query))


def test_failed_webhook_is_retried_and_command_gets_each_firing_once(tmp_path: Path) -> None:
    rules = load_rules(RULES)
    log = tmp_path / "delivered.jsonl"
    script = f"import sys; open({str(log)!r}, 'a').write(sys.stdin.read() + chr(10))"
    with Store.open(str(tmp_path / "d.db")) as store, hook([500] * 7) as (url, received):
        write(store, history())
        quiet = evaluate_and_deliver(store, rules)  # delivery is off by default
        assert len(quiet) == 7 and _attempts(store) == [(0, False)] * 7

        delivery = Delivery(command=f"{sys.executable} -c {json.dumps(script)}", webhook=url)
        evaluate_and_deliver(store, rules, delivery)  # every webhook call fails once
        assert received == [] and _attempts(store) == [(1, False)] * 7
        evaluate_and_deliver(store, rules, delivery)
        assert _attempts(store) == [(2, True)] * 7
        evaluate_and_deliver(store, rules, delivery)  # nothing left to deliver
        assert _attempts(store) == [(2, True)] * 7

        assert len(received) == 7 and {r["rule"] for r in received} >= {"deadly", "iraq-spike"}
        lines = [json.loads(line) for line in log.read_text().splitlines()]
        assert len(lines) == 14  # the command ran on both attempts; the webhook failed once
        assert {line["id"] for line in lines} == {r["id"] for r in received}
        assert all(r["event_ids"] and r["article_ids"] for r in received)
