"""Optional delivery of new firings to a command (JSON on stdin) or a webhook (JSON
POST). Off unless configured. Each attempt is bounded in time; a failure is recorded
and retried at the next evaluation, up to ``MAX_ATTEMPTS``; nothing here raises."""

from __future__ import annotations

import json
import shlex
import subprocess
from dataclasses import dataclass
from typing import Any

import httpx
import sqlalchemy as sa

from dateline.alerts import store

MAX_ATTEMPTS = 5
TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class Delivery:
    """Where firings go: a command, a webhook URL, both or neither (the default)."""

    command: str | None = None
    webhook: str | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.command or self.webhook)


def payload(firing: dict[str, Any]) -> dict[str, Any]:
    """A firing as the JSON object delivered and served over HTTP."""
    names = ("id", "rule", "by", "key", "window_start", "window_end", "value", "detail", "events",
             "fired_at", "event_ids", "article_ids")  # fmt: skip
    return {name: firing.get(name) for name in names}


def deliver_pending(engine: sa.Engine, delivery: Delivery) -> int:
    """Try every undelivered firing once; return how many were delivered."""
    if not delivery.enabled:
        return 0
    done = 0
    for firing in store.undelivered(engine, MAX_ATTEMPTS):
        error = send(delivery, payload(firing))
        store.mark_delivery(engine, firing["id"], error)
        done += error is None
    return done


def send(delivery: Delivery, body: dict[str, Any]) -> str | None:
    """Deliver one firing; the error as text, or None when delivered."""
    data = json.dumps(body, ensure_ascii=False, default=str)
    problems = [p for p in (_run(delivery.command, data), _post(delivery.webhook, data)) if p]
    return "; ".join(problems) or None


def _run(command: str | None, data: str) -> str | None:
    if not command:
        return None
    try:
        done = subprocess.run(shlex.split(command), input=data, text=True, timeout=TIMEOUT,
                              capture_output=True, check=False)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired, ValueError) as exc:
        return f"command: {type(exc).__name__}: {exc}"
    return None if done.returncode == 0 else f"command: exit code {done.returncode}"


def _post(url: str | None, data: str) -> str | None:
    if not url:
        return None
    try:
        response = httpx.post(url, content=data, timeout=TIMEOUT, trust_env=False,
                              headers={"Content-Type": "application/json"})  # fmt: skip
    except httpx.HTTPError as exc:
        return f"webhook: {type(exc).__name__}: {exc}"
    return None if response.is_success else f"webhook: HTTP {response.status_code}"
