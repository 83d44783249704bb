"""Long stories in one JSON Lines file, and a run that measures an ingest's peak memory.

Run as a script (in a subprocess, so that the peak is this ingest's own):

    python tests/reliability/long_stories.py DB JSONL [BATCH_CHARS]

writes JSONL (eight stories of 120 KB) if it does not exist, ingests it into DB and
prints one JSON object: the ingest summary, the seconds it took and the peak resident
set size of the whole process (spaCy and the extractors loaded) in MiB.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

PLACES = ("Gondor", "Arnor", "Rohan", "Mordor", "Harad", "Rhun", "Umbar", "Dale")
PEOPLE = ("the minister", "President Aragorn", "a senior official", "the army chief",
          "the foreign ministry", "rebel commanders", "the envoy", "local officials")  # fmt: skip
VERBS = ("attacked", "met", "accused", "praised", "threatened", "sent troops to",
         "imposed sanctions on", "signed an agreement with", "criticised", "visited")  # fmt: skip
DAYS = ("on Monday", "on Tuesday", "last week", "in March", "two days ago", "this year")


def long_story(seed: int, size: int) -> str:
    """Newsy sentences (``A VERB B DAY, PERSON said.``) until ``size`` characters."""
    rng = random.Random(seed)
    sentences: list[str] = []
    length = 0
    while length < size:
        a, b = rng.sample(PLACES, 2)
        sentence = (f"{a} {rng.choice(VERBS)} {b} {rng.choice(DAYS)}, "
                    f"{rng.choice(PEOPLE)} in {rng.choice(PLACES)} said.")  # fmt: skip
        sentences.append(sentence)
        length += len(sentence) + 1
        if len(sentences) % 6 == 0:
            sentences.append("\n")
    return " ".join(sentences)[:size]


def write_long_stories(path: Path, count: int = 8, size: int = 120_000) -> Path:
    """``count`` stories of ``size`` characters, one JSON object a line (distinct texts,
    but of one small vocabulary: by their shingles, some are near-duplicates)."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            record = {"text": long_story(n, size), "date": "2022-03-07", "source": "Wire"}
            out.write(json.dumps(record) + "\n")
    return path


def _peak_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(db: str, corpus: str, batch_chars: str | None = None) -> None:
    from dateline.runs import ingest_paths
    from dateline.settings import Settings
    from dateline.store import Store

    if not Path(corpus).exists():
        write_long_stories(Path(corpus))
    settings = Settings.from_env()
    if batch_chars is not None:
        settings = replace(settings, batch_chars=int(batch_chars))
    started = time.monotonic()
    with Store.open(db) as store:
        summary = ingest_paths([corpus], settings, store)
    out = {**summary.as_dict(), "seconds": round(time.monotonic() - started, 1),
           "peak_mib": round(_peak_mib()), "batch_chars": settings.batch_chars}  # fmt: skip
    print(json.dumps(out))


if __name__ == "__main__":
    main(*sys.argv[1:4])
