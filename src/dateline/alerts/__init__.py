"""Alerts: YAML rules over the query layer's filters, firings stored once each.

    rules = load_rules("alerts.yaml")
    with Store.open(url) as store:
        new = evaluate_rules(store, rules)     # firings not stored before
        listed(store.engine)                   # every stored firing, with its events

See ``docs/watch.md``.
"""

from __future__ import annotations

from dateline.alerts.deliver import Delivery
from dateline.alerts.rules import Rule, RuleError, load_rules, parse_rules
from dateline.alerts.run import evaluate_and_deliver, evaluate_rules
from dateline.alerts.store import Firing, listed

__all__ = [
    "Delivery", "Firing", "Rule", "RuleError", "evaluate_and_deliver", "evaluate_rules",
    "listed", "load_rules", "parse_rules",
]  # fmt: skip
