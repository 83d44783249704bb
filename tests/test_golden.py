"""Golden files: the full extraction of each bundled example, compared field by field.

An intended change of extractor output is accepted by regenerating the files:
``DATELINE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py`` and reviewing the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from spacy.language import Language

from dateline.model import Extraction
from dateline.runs import extract_paths
from dateline.serialize import extraction_to_dict
from dateline.settings import Settings
from shared_paths import REPO

GOLDEN = REPO / "tests" / "golden"
EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if p.is_file())


def _golden_path(example: Path) -> Path:
    return GOLDEN / f"{example.stem}.json"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_matches_its_golden_file(
    example: Path, nlp: Language, settings: Settings
) -> None:
    (result,) = list(extract_paths([example], settings, nlp=nlp))
    assert isinstance(result, Extraction)
    record = extraction_to_dict(result)
    record["article"].pop("text")  # the body is the example file itself
    path = _golden_path(example)
    if os.environ.get("DATELINE_UPDATE_GOLDEN"):
        path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    for key in ("article", "times", "places", "actors", "quotes", "quantities", "events"):
        assert record[key] == expected[key], f"{example.name}: {key} differ from the golden file"
