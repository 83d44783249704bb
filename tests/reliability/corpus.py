"""A synthetic JSON Lines corpus and an ingest run in a real subprocess (the CLI)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from shared_paths import CACHE

PLACES = ("Gondor", "Arnor", "Rohan", "Mordor", "Harad", "Rhun")
VERBS = ("attacked", "met", "accused", "praised", "threatened", "sent troops to")


def synthetic_corpus(path: Path, n: int, seed: int = 7) -> Path:
    """``n`` short, distinct stories, one JSON object a line."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            a, b = rng.sample(PLACES, 2)
            text = (
                f"Officials in {a} said on Monday that {a} {rng.choice(VERBS)} {b} "
                f"in 20{i % 20:02d}. The ministry of {b} said it would respond, "
                f"report number {i}."
            )
            handle.write(json.dumps({"text": text, "date": "2022-03-07", "source": "Wire"}))
            handle.write("\n")
    return path


def start_ingest(corpus: Path, db: Path, batch_size: int = 4) -> subprocess.Popen[bytes]:
    """``dateline ingest CORPUS --db DB`` in a subprocess; its output goes to DB.log."""
    env = {**os.environ, "DATELINE_CACHE_DIR": str(CACHE)}
    command = [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db", str(db),
               "--batch-size", str(batch_size)]  # fmt: skip
    log = (db.parent / f"{db.stem}.log").open("ab")
    with log:
        return subprocess.Popen(command, env=env, stdout=log, stderr=log)
