"""Evaluate rules over a store, store the new firings, deliver what is pending."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from dateline.alerts import store as firings_store
from dateline.alerts.deliver import Delivery, deliver_pending
from dateline.alerts.evaluate import evaluate
from dateline.alerts.rules import Rule
from dateline.alerts.store import Firing
from dateline.query.database import Database
from dateline.store import Store

_log = logging.getLogger(__name__)


def evaluate_rules(store: Store, rules: Sequence[Rule]) -> list[Firing]:
    """Evaluate every rule; store and return the firings that are new."""
    firings_store.create(store.engine)
    if not rules:
        return []
    database = Database(store)  # indexes articles stored since the last look
    new: list[Firing] = []
    for rule in rules:
        known = firings_store.known_ids(store.engine, rule.name)
        new += firings_store.save(store.engine, evaluate(database, rule, known))
    return new


def evaluate_and_deliver(
    store: Store, rules: Sequence[Rule], delivery: Delivery | None = None
) -> list[Firing]:
    """:func:`evaluate_rules`, then deliver pending firings (failures are logged and
    retried next time; they never raise)."""
    new = evaluate_rules(store, rules)
    if delivery is not None and delivery.enabled:
        try:
            deliver_pending(store.engine, delivery)
        except Exception:  # delivery must never stop the watcher
            _log.warning("alert delivery failed; retried next cycle", exc_info=True)
    return new
