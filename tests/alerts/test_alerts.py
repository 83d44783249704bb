"""Alert rules fired on a constructed event history: the expected firings, each stored
once, with its events; a re-run adds nothing; new events fire only new windows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from alerts.history import history, story, write
from dateline.alerts import evaluate_rules, listed, load_rules
from dateline.store import Store

RULES = Path(__file__).with_name("rules.yaml")

EXPECTED = {
    ("violent-dyads", "IRQ-USA", "2024-02-10", "2024-02-10", 3.0),
    ("iraq-spike", "*", "2024-02-10", "2024-02-10", 3.0),
    ("first-protest", "FRA", "2024-02-10", "2024-02-10", 1.0),
    ("first-protest", "DEU", "2024-02-10", "2024-02-10", 1.0),
    ("deadly", "*", "2024-02-05", "2024-02-05", 20.0),
    ("conflict-week", "IRQ", "2024-01-29", "2024-02-04", -36.0),
    ("conflict-week", "IRQ", "2024-02-05", "2024-02-11", -72.0),
}


def _summary(rows: list[dict[str, object]]) -> set[tuple[object, ...]]:
    return {(r["rule"], r["key"], r["window_start"], r["window_end"], r["value"]) for r in rows}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(str(tmp_path / "alerts.db"))
    write(opened, history())
    return opened


def test_rules_fire_as_expected_once_with_their_events(store: Store) -> None:
    rules = load_rules(RULES)
    new = evaluate_rules(store, rules)
    rows = listed(store.engine)
    assert _summary(rows) == EXPECTED
    assert len(new) == len(rows) == len(EXPECTED)
    dyad = next(r for r in rows if r["rule"] == "violent-dyads")
    assert dyad["events"] == 3 and len(dyad["event_ids"]) == 3
    deadly = next(r for r in rows if r["rule"] == "deadly")
    assert deadly["events"] == 1 and deadly["detail"] == "dead 20 > 10"

    assert evaluate_rules(store, rules) == []  # a re-run stores nothing new
    assert len(listed(store.engine)) == len(EXPECTED)

    write(store, [story("2024-02-10", "ASSAULT", "USA", "IRQ", "IRQ", serial=500)])
    for n in range(3):
        write(store, [story("2024-02-20", "ASSAULT", "USA", "IRQ", "IRQ", serial=600 + n)])
    again = evaluate_rules(store, rules)
    assert {(f.rule, f.window_start.isoformat()) for f in again} == {
        ("violent-dyads", "2024-02-20"),
        ("iraq-spike", "2024-02-20"),
        ("conflict-week", "2024-02-19"),
    }  # the 10 February windows fired already: stored once, never again
    assert len(listed(store.engine)) == len(EXPECTED) + 3
    store.close()


def test_events_found_in_one_pass_equal_those_found_per_firing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = load_rules(RULES)
    evaluate_rules(store, rules)
    per_firing = {(r["rule"], r["key"], r["window_start"]): r["event_ids"]
                  for r in listed(store.engine)}  # fmt: skip
    store.close()
    monkeypatch.setattr("dateline.alerts.evaluate.ONE_PASS", 0)
    with Store.open(str(tmp_path / "again.db")) as again:
        write(again, history())
        evaluate_rules(again, rules)
        one_pass = {(r["rule"], r["key"], r["window_start"]): r["event_ids"]
                    for r in listed(again.engine)}  # fmt: skip
    assert one_pass == per_firing and all(one_pass.values())


def test_cli_prints_firings_and_rerun_adds_none(store: Store, tmp_path: Path) -> None:
    store.close()
    db = str(tmp_path / "alerts.db")
    command = [sys.executable, "-m", "dateline.cli", "alerts", "--db", db]
    first = subprocess.run([*command, "--rules", str(RULES), "--format", "json"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    rows = [json.loads(line) for line in first.stdout.splitlines()]
    assert _summary(rows) == EXPECTED
    second = subprocess.run([*command, "--rules", str(RULES), "--format", "json"],
                            capture_output=True, text=True, check=True)  # fmt: skip
    assert second.stdout == first.stdout
    table = subprocess.run([*command, "--rule", "deadly"], capture_output=True, text=True,
                           check=True)  # fmt: skip
    assert "dead 20 > 10" in table.stdout and "1 alerts" in table.stdout
