"""Memory is bounded by the character cap on spaCy batches (``Settings.batch_chars``):
eight stories of 120 KB in one JSON Lines file, ingested at the default settings in a
real subprocess, peak under 1.2 GB for the whole process. With the cap lifted the same
run peaked at about 3 GB (measured; see docs/reliability.md), so the bound fails
without it.

Since the writer thread joined the ingest the peak is 725 MiB in most runs and 962 MiB
in some (seen twice, once on CI; the cause is not found yet, a second thread's malloc
arena is the likely one), so the bound is 1.2 GB rather than the 1 GB it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.model import Article, Reject
from dateline.pipeline import batches
from reliability.long_stories import write_long_stories
from shared_paths import CACHE

SCRIPT = Path(__file__).with_name("long_stories.py")
BOUND_MIB = 1_200_000_000 / 2**20  # 1.2 GB


@pytest.mark.slow
def test_eight_long_stories_in_one_file_stay_under_1_2_gb(tmp_path: Path) -> None:
    corpus = write_long_stories(tmp_path / "long.jsonl", count=8, size=120_000)
    env = {**os.environ, "DATELINE_CACHE_DIR": str(CACHE)}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "long.db"), str(corpus)],
        env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"\n8 x 120 KB in one file: peak RSS {out['peak_mib']} MiB, {out['seconds']} s")
    # every story is parsed and stored; drawn from one small vocabulary, some share most
    # of their 5-word shingles and are stored as near-duplicate copies of another
    assert (out["inserted"] + out["near_duplicates"], out["rejected"]) == (8, 0)
    assert out["inserted"] >= 1
    assert out["peak_mib"] < BOUND_MIB


def test_batches_are_capped_by_articles_and_by_characters() -> None:
    def article(n: int, size: int) -> Article:
        return Article.create(f"{n} " + "x" * (size - 2))

    items: list[Article | Reject] = [article(1, 40), article(2, 40), Reject("r", "empty"),
                                     article(3, 150), article(4, 10), article(5, 10),
                                     article(6, 10)]  # fmt: skip
    made = list(batches(items, size=3, chars=100))
    sizes = [[len(i.text) if isinstance(i, Article) else 0 for i in b] for b in made]
    assert sizes == [[40, 40, 0], [150], [10, 10, 10]]
    assert [i for b in made for i in b] == items
