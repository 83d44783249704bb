"""The public surface of ``dateline`` is pinned: changing it must be deliberate."""

from __future__ import annotations

import subprocess
import sys

import dateline


def test_public_names() -> None:
    assert sorted(dateline.__all__) == sorted([
        "__version__", "open", "open_db", "Database", "EventQuery", "QueryError", "Settings",
        "extract_text", "extract_paths", "ingest_paths", "build_nlp", "Store",
    ])  # fmt: skip
    for name in dateline.__all__:
        assert getattr(dateline, name) is not None


def test_import_is_light() -> None:
    code = "import sys, dateline; print('spacy' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
