"""Every CLI command has help text and a section in docs/cli.md; the README has the two commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command

from dateline.cli import app

REPO = Path(__file__).resolve().parents[1]
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    command = get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help) > 20
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            assert param.help, f"{name} --{param.name} has no help"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented(name: str) -> None:
    assert f"## dateline {name}" in (REPO / "docs" / "cli.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make run" in first_block and "make test" in first_block
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_every_filter_and_export_column_is_documented() -> None:
    from dateline.export import LAYOUTS
    from dateline.query import FILTERS
    from dateline.query.flat import FLAT_COLUMNS

    filters = (REPO / "docs" / "filters.md").read_text(encoding="utf-8")
    assert all(f"| `{name}` |" in filters for name in FILTERS)
    exports = (REPO / "docs" / "exports.md").read_text(encoding="utf-8")
    assert all(f"| `{name}` |" in exports for name in FLAT_COLUMNS)
    for layout in LAYOUTS.values():
        assert all(f"`{column}`" in exports for column in layout.columns), layout.name
