"""Where the repository, ../shared and the test cache are; importable from any test."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "examples" / "seed" / "bloomberg-2021-07-26-iraq.txt"
EVAL_DEV = SHARED / "eval" / "dev"
CACHE = REPO / ".pytest_cache" / "dateline-cache"  # gazetteer index, kept between runs


def eval_dir(name: str) -> Path:
    """A dev gold folder, or skip the test with a clear message."""
    folder = EVAL_DEV / name
    if not folder.is_dir():
        pytest.skip(f"../shared/eval/dev/{name} is absent")
    return folder
