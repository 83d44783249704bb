"""Alert rules from a small YAML file, checked with errors that name file and line.

    rules:
      - name: violent-dyads          # letters, digits, '-', '_'; unique
        filter: {quad: 4}            # the query layer's filters (docs/filters.md)
        by: dyad                     # none (default), dyad, country, actor, recipient
        window: 1d                   # Nd or Nw: tumbling windows of whole days
        count: {above: 5}            # exactly one condition, see CONDITIONS

See ``docs/watch.md`` for every condition and what a firing holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dateline.errors import DatelineError
from dateline.query.filters import EventQuery, QueryError
from dateline.query.names import FILTERS

KEYS = ("none", "dyad", "country", "actor", "recipient")
SIZES = ("dead", "injured", "arrested")
#: Each condition and the options it takes (``*``: required).
CONDITIONS: dict[str, dict[str, str]] = {
    "count": {"above": "number"},
    "goldstein": {"above": "number", "below": "number"},
    "spike": {"k": "number", "baseline": "count", "min": "count"},
    "first": {"days": "count*"},
    "casualties": {"above": "number*", "of": "size"},
}
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_WINDOW = re.compile(r"^\s*(\d+)\s*([dw])\s*$")
_RULE_KEYS = ("name", "filter", "by", "window", *CONDITIONS)


class RuleError(DatelineError):
    """An alert rules file is invalid; the message starts with ``file:line:``."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One alert rule: which events (``query``), grouped ``by`` a key, in tumbling
    windows of ``window_days``, and one ``condition`` with its ``options``."""

    name: str
    query: EventQuery
    condition: str
    options: dict[str, Any] = field(default_factory=dict)
    by: str = "none"
    window_days: int = 1
    line: int = 0

    def describe(self) -> str:
        opts = ", ".join(f"{k} {v}" for k, v in sorted(self.options.items()))
        return f"{self.condition} ({opts})" if opts else self.condition


def load_rules(path: str | Path) -> list[Rule]:
    """Every rule in a YAML file; :class:`RuleError` naming file and line otherwise."""
    where = Path(path)
    try:
        text = where.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        raise RuleError(f"{where}: cannot read the rules file: {exc}") from None
    return parse_rules(text, str(where))


def parse_rules(text: str, origin: str = "<rules>") -> list[Rule]:
    """The rules in a YAML text (``origin`` names it in errors)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or exc
        raise RuleError(f"{origin}:{line}: not valid YAML: {problem}") from None
    if root is None:
        raise RuleError(f"{origin}:1: the file holds no rules (expected 'rules:' and a list)")
    top = _mapping(root, origin, "the file")
    _only(top, ("rules",), origin)
    if "rules" not in top:
        raise RuleError(f"{origin}:{_line(root)}: expected a 'rules:' list")
    items = top["rules"][1]
    if not isinstance(items, SequenceNode) or not items.value:
        raise RuleError(f"{origin}:{_line(items)}: 'rules' must be a non-empty list of rules")
    rules = [_rule(node, origin) for node in items.value]
    _unique_names(rules, origin)
    return rules


# ---------------------------------------------------------------- nodes


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _fail(node: Node, origin: str, message: str) -> RuleError:
    return RuleError(f"{origin}:{_line(node)}: {message}")


def _mapping(node: Node, origin: str, what: str) -> dict[str, tuple[Node, Node]]:
    """A mapping node's entries by key text: (key node, value node)."""
    if not isinstance(node, MappingNode):
        raise _fail(node, origin, f"{what} must be a mapping of 'key: value'")
    found: dict[str, tuple[Node, Node]] = {}
    for key, value in node.value:
        name = str(key.value) if isinstance(key, ScalarNode) else ""
        if name in found:
            raise _fail(key, origin, f"{name!r} is given twice")
        found[name] = (key, value)
    return found


def _only(entries: dict[str, tuple[Node, Node]], allowed: tuple[str, ...], origin: str) -> None:
    for name, (key, _value) in entries.items():
        if name not in allowed:
            raise _fail(key, origin, f"unknown key {name!r}; expected one of {list(allowed)}")


def _value(node: Node) -> Any:
    return SafeConstructor().construct_object(node, deep=True)


# ---------------------------------------------------------------- one rule


def _rule(node: Node, origin: str) -> Rule:
    entries = _mapping(node, origin, "a rule")
    _only(entries, _RULE_KEYS, origin)
    name = _name(entries, node, origin)
    chosen = [c for c in CONDITIONS if c in entries]
    if len(chosen) != 1:
        found = f"found {chosen}" if chosen else "found none"
        raise _fail(node, origin, f"rule {name!r}: give exactly one condition of "
                                  f"{list(CONDITIONS)}; {found}")  # fmt: skip
    condition = chosen[0]
    return Rule(
        name=name,
        query=_query(entries.get("filter"), origin),
        condition=condition,
        options=_options(condition, entries[condition][1], origin),
        by=_by(entries.get("by"), origin),
        window_days=_window(entries.get("window"), origin),
        line=_line(node),
    )


def _name(entries: dict[str, tuple[Node, Node]], node: Node, origin: str) -> str:
    if "name" not in entries:
        raise _fail(node, origin, "a rule needs a 'name'")
    value = entries["name"][1]
    name = _value(value)
    if not isinstance(name, str) or not _NAME.match(name):
        raise _fail(value, origin, "name: letters, digits, '-' or '_', at most 64")
    return name


def _query(entry: tuple[Node, Node] | None, origin: str) -> EventQuery:
    """The rule's filter as an :class:`EventQuery`, each filter checked on its line."""
    if entry is None:
        return EventQuery()
    filters = _mapping(entry[1], origin, "filter")
    _only(filters, tuple(FILTERS), origin)
    values: dict[str, Any] = {}
    for name, (_key, value) in filters.items():
        values[name] = _filter_value(value)
        try:
            EventQuery(**{name: values[name]})
        except (QueryError, TypeError, ValueError) as exc:
            raise _fail(value, origin, f"filter {exc}") from None
    try:
        return EventQuery(**values)
    except (QueryError, TypeError, ValueError) as exc:
        raise _fail(entry[1], origin, f"filter {exc}") from None


def _filter_value(node: Node) -> Any:
    value = _value(node)
    return tuple(value) if isinstance(value, list) else value


def _by(entry: tuple[Node, Node] | None, origin: str) -> str:
    if entry is None:
        return "none"
    value = _value(entry[1])
    if value not in KEYS:
        raise _fail(entry[1], origin, f"by: expected one of {list(KEYS)}, got {value!r}")
    return str(value)


def _window(entry: tuple[Node, Node] | None, origin: str) -> int:
    if entry is None:
        return 1
    match = _WINDOW.match(str(_value(entry[1])))
    days = int(match.group(1)) * (7 if match.group(2) == "w" else 1) if match else 0
    if not 1 <= days <= 366:
        raise _fail(entry[1], origin, "window: expected days or weeks such as 1d, 7d or 2w "
                                      "(at most 366 days)")  # fmt: skip
    return days


def _options(condition: str, node: Node, origin: str) -> dict[str, Any]:
    """A condition's options, typed and checked (required ones present)."""
    spec = CONDITIONS[condition]
    entries = _mapping(node, origin, condition)
    _only(entries, tuple(spec), origin)
    options = {name: _option(name, spec[name], value, origin)
               for name, (_key, value) in entries.items()}  # fmt: skip
    missing = [n for n, kind in spec.items() if kind.endswith("*") and n not in options]
    if missing:
        raise _fail(node, origin, f"{condition}: needs {', '.join(missing)}")
    if condition in ("count", "goldstein") and not {"above", "below"} & set(options):
        raise _fail(node, origin, f"{condition}: needs a bound: "
                                  f"{' or '.join(n for n in spec)}")  # fmt: skip
    return options


def _option(name: str, kind: str, node: Node, origin: str) -> Any:
    value = _value(node)
    kind = kind.rstrip("*")
    if kind == "size":
        if value not in SIZES:
            raise _fail(node, origin, f"{name}: expected one of {list(SIZES)}, got {value!r}")
        return value
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    if not numeric or (kind == "count" and (not isinstance(value, int) or value < 1)):
        wanted = "a whole number of at least 1" if kind == "count" else "a number"
        raise _fail(node, origin, f"{name}: expected {wanted}, got {value!r}")
    return value


def _unique_names(rules: list[Rule], origin: str) -> None:
    seen: dict[str, int] = {}
    for rule in rules:
        if rule.name in seen:
            raise RuleError(f"{origin}:{rule.line}: rule name {rule.name!r} is already used "
                            f"on line {seen[rule.name]}")  # fmt: skip
        seen[rule.name] = rule.line
