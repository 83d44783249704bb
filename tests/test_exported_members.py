"""The public surface of ``dateline`` is pinned: changing it must be deliberate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import dateline


def test_public_names() -> None:
    assert sorted(dateline.__all__) == sorted([
        "__version__", "open", "open_db", "Database", "EventQuery", "Settings",
        "extract_text", "extract_paths", "ingest_paths", "build_nlp", "Store", "IngestSummary",
        "DatelineError", "SettingsError", "KnowledgeError", "InputError", "StoreError",
        "UnstorableError", "QueryError", "EvaluationError",
        "Article", "Reject", "ActorMention", "TimeRef", "Place", "Quote", "Quantity", "Mention",
        "Event", "Extraction",
    ])  # fmt: skip
    for name in dateline.__all__:
        assert getattr(dateline, name) is not None


def test_errors_share_one_base() -> None:
    for name in dateline.__all__:
        if name.endswith("Error"):
            assert issubclass(getattr(dateline, name), dateline.DatelineError), name


def test_package_is_typed() -> None:
    assert (Path(dateline.__file__).parent / "py.typed").is_file()


USER_SCRIPT = """
import dateline

def first_event(text: str) -> dateline.Event | None:
    extraction = dateline.extract_text(text, dateline.Settings())
    return extraction.events[0] if extraction.events else None

def role(time: dateline.TimeRef) -> None:
    reveal_type(time.role)

reveal_type(dateline.extract_text)
reveal_type(dateline.Store.open)
try:
    pass
except dateline.DatelineError as exc:
    reveal_type(exc)
"""


@pytest.mark.slow
def test_mypy_sees_the_types_from_a_user_script(tmp_path: Path) -> None:
    """A user's script type-checks against the lazy package: mypy reads the
    ``TYPE_CHECKING`` imports and ``py.typed``, so nothing is ``Any``."""
    from mypy import api

    script = tmp_path / "user.py"
    script.write_text(USER_SCRIPT)
    out, err, status = api.run([
        str(script), "--no-incremental", "--follow-imports=silent", "--python-version=3.11",
    ])  # fmt: skip
    assert status == 0 and "error:" not in out, out + err
    assert "def (text: str, settings: dateline.settings.Settings" in out, out
    assert "-> dateline.model.Extraction" in out, out
    assert "dateline.store.Store" in out, out
    assert "Literal['point'] | Literal['end'] | Literal['start']" in out, out
    assert "dateline.errors.DatelineError" in out, out
    assert "Any" not in out, out


def test_import_is_light() -> None:
    code = "import sys, dateline; print('spacy' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
