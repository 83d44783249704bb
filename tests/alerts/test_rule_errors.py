"""A bad rules file is an error naming the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.alerts import RuleError, load_rules, parse_rules

GOOD = """rules:
  - name: ok
    filter: {type: ASSAULT}
    count: {above: 1}
"""


def test_the_good_rule_parses() -> None:
    (rule,) = parse_rules(GOOD)
    assert (rule.name, rule.query.type, rule.condition, rule.options) == (
        "ok", "ASSAULT", "count", {"above": 1}
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("rules:\n  - name: a\n    count: {above: 1\n", 4, "not valid YAML"),
        (GOOD.replace("type: ASSAULT", "typ: ASSAULT"), 3, "unknown key 'typ'"),
        (GOOD.replace("type: ASSAULT", "type: ASSALT"), 3, "unknown PLOVER type"),
        (GOOD.replace("type: ASSAULT", "date_from: 2024-13"), 3, "date_from"),
        (GOOD.replace("    count: {above: 1}\n", ""), 2, "exactly one condition"),
        (GOOD.replace("above: 1", "above: many"), 4, "above: expected a number"),
        (GOOD.replace("count: {above: 1}", "count: {}"), 4, "needs a bound"),
        (GOOD + "    by: region\n", 5, "by: expected one of"),
        (GOOD + "    window: 3 days\n", 5, "window:"),
        (GOOD + GOOD.replace("rules:\n", ""), 5, "already used on line 2"),
        (GOOD.replace("count: {above: 1}", "first: {}"), 4, "first: needs days"),
        ("rules: []\n", 1, "non-empty list"),
        ("", 1, "holds no rules"),
    ],
)
def test_errors_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_rules(text, "alerts.yaml")
    message = str(caught.value)
    assert message.startswith(f"alerts.yaml:{line}: "), message
    assert words in message


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match=r"missing\.yaml"):
        load_rules(tmp_path / "missing.yaml")
