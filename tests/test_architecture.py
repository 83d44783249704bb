"""The layers hold (import-linter, `make lint`), a wrong import breaks them, and no
module imports itself back through others (no import cycle, lazy imports included)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from shared_paths import REPO

LINT = Path(sys.executable).with_name("lint-imports")


def import_cycles(package: str) -> list[set[str]]:
    """Groups of modules that reach each other by imports (strongly connected
    components of more than one module; imports inside functions count)."""
    graph = grimp.build_graph(package)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []
    for start in sorted(graph.modules):
        if start not in index:
            _strongconnect(graph, start, index, low, stack, groups)
    return [group for group in groups if len(group) > 1]


def _strongconnect(graph: grimp.ImportGraph, start: str, index: dict[str, int],
                   low: dict[str, int], stack: list[str], groups: list[set[str]]) -> None:
    """Tarjan's algorithm, iterative (the graph is deeper than Python's recursion)."""
    work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
    index[start] = low[start] = len(index)
    stack.append(start)
    while work:
        node, children = work[-1]
        child = next(children, None)
        if child is None:
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    group.add(member)
                    if member == node:
                        break
                groups.append(group)
        elif child not in index:
            index[child] = low[child] = len(index)
            stack.append(child)
            work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
        elif child in stack:
            low[node] = min(low[node], index[child])


def test_no_import_cycle() -> None:
    assert import_cycles("dateline") == []


def test_the_cycle_finder_finds_a_cycle(tmp_path: Path) -> None:
    package = tmp_path / "loopy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from loopy import b\n")
    (package / "b.py").write_text("def f():\n    from loopy import a\n")
    sys.path.insert(0, str(tmp_path))
    try:
        assert import_cycles("loopy") == [{"loopy.a", "loopy.b"}]
    finally:
        sys.path.remove(str(tmp_path))


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root / "src")}
    return subprocess.run([str(LINT), "--no-cache"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)  # fmt: skip


def _copy_sources(target: Path) -> Path:
    """The package's Python files and pyproject.toml (its import-linter contracts)."""
    shutil.copy(REPO / "pyproject.toml", target / "pyproject.toml")
    for source in (REPO / "src" / "dateline").rglob("*.py"):
        copy = target / source.relative_to(REPO)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, copy)
    return target


def test_contracts_are_kept() -> None:
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("store/schema.py", "from dateline.extract import time", ["The extractors never"]),
        ("extract/places.py", "from dateline.store import schema",
         ["Layers:", "The extractors never"]),
        ("model.py", "from dateline.query import filters", ["Layers:"]),
        ("knowledge/plover.py", "import dateline.cli", ["Layers:"]),
    ],
)  # fmt: skip
def test_a_wrong_import_breaks_a_contract(
    tmp_path: Path, module: str, line: str, broken: list[str]
) -> None:
    root = _copy_sources(tmp_path)
    path = root / "src" / "dateline" / module
    path.write_text(path.read_text() + f"\n{line}  # noqa\n")
    result = _lint(root)
    assert result.returncode != 0
    assert f"{len(broken)} broken" in result.stdout, result.stdout[-3000:]
    report = result.stdout.split("Broken contracts", 1)[1]
    for name in broken:
        assert f"\n{name}" in report, report[:1000]
