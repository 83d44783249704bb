"""Benchmark texts read from ../shared/eval/dev (never copied into the repo)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

SHARED_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"
CORPORA = ("lgl", "geowebnews", "ngec-synthetic-plover", "polnear")


def require_shared() -> None:
    """Exit with a clear message when ../shared is not beside the repo."""
    if not SHARED_DEV.is_dir():
        sys.exit(f"benchmarks need ../shared/eval/dev beside the repo ({SHARED_DEV} not found)")


def _texts_of(name: str) -> Iterator[str]:
    for path in sorted((SHARED_DEV / name).glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                text = json.loads(line).get("text")
                if text and text.strip():
                    yield text


def load_texts(limit: int) -> list[str]:
    """Up to ``limit`` texts, taken round-robin from the news corpora."""
    require_shared()
    streams = [_texts_of(name) for name in CORPORA]
    texts: list[str] = []
    while streams and len(texts) < limit:
        for stream in list(streams):
            text = next(stream, None)
            if text is None:
                streams.remove(stream)
            elif len(texts) < limit:
                texts.append(text)
    return texts
