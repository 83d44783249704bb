"""``dateline alerts`` behind the CLI: evaluate rules when given, list firings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dateline.alerts import store as firings_store
from dateline.alerts.deliver import payload
from dateline.alerts.rules import load_rules
from dateline.alerts.run import evaluate_rules
from dateline.query.database import existing_url
from dateline.store import Store


def list_alerts(
    url: str, rules: Path | None, rule: str | None, limit: int
) -> list[dict[str, Any]]:
    """The stored firings (after evaluating ``rules`` when given), as delivered."""
    loaded = load_rules(rules) if rules is not None else []
    with Store.open(existing_url(url)) as store:
        firings_store.create(store.engine)
        evaluate_rules(store, loaded)
        rows = firings_store.listed(store.engine, rule, limit)
    joined = ("event_ids", "article_ids")
    return [{**payload(row), **{k: ";".join(row.get(k) or []) for k in joined}} for row in rows]
