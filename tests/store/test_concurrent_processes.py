"""Two ingest processes (real OS processes) write overlapping inputs into one database.

Both build their pipeline, wait at a start line, then ingest at the same time:
SQLite (WAL, ``BEGIN IMMEDIATE``) and PostgreSQL (when DATELINE_TEST_PG_URL is set)
must end with every article once and the same data as one serial ingest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from spacy.language import Language

from dateline.runs import ingest_paths
from dateline.settings import Settings
from dateline.store import Store, schema
from shared_paths import REPO

CHILD = """
import json, sys, time
from pathlib import Path
from dateline.runs import ingest_paths
from dateline.nlp import build_nlp
from dateline.settings import Settings
from dateline.store import Store

url, cache, ready, go, *paths = sys.argv[1:]
settings = Settings(cache_dir=Path(cache), batch_size=2)
nlp = build_nlp(settings)
with Store.open(url) as store:
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.01)
    summary = ingest_paths(paths, settings, store, nlp)
print(json.dumps(summary.as_dict()))
"""


def _stories(folder: Path, first: int, last: int) -> Path:
    """Stories ``first``..``last`` (inclusive) of one numbered series, as a JSONL file."""
    texts = [p.read_text(encoding="utf-8").split("\n", 1)[1].strip()
             for p in sorted((REPO / "examples").glob("*.txt"))]  # fmt: skip
    folder.mkdir(parents=True)
    rows = [{"text": texts[i % len(texts)], "source": f"Wire {i}", "date": f"2023-05-{1 + i:02d}"}
            for i in range(first, last + 1)]  # fmt: skip
    (folder / "stories.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return folder


def _run_two(url: str, settings: Settings, inputs: list[Path], tmp_path: Path) -> list[Any]:
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    children = []
    for i, folder in enumerate(inputs):
        ready = tmp_path / f"ready-{i}"
        args = [sys.executable, "-c", CHILD, url, str(settings.cache_dir), str(ready), str(go)]
        children.append(subprocess.Popen([*args, str(folder), str(REPO / "examples")], env=env,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         text=True))  # fmt: skip
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"ready-{i}").exists() for i in range(len(inputs))):
        assert time.monotonic() < deadline and all(c.poll() is None for c in children)
        time.sleep(0.05)
    go.touch()
    outputs = [c.communicate(timeout=120) for c in children]
    for child, (_, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
    return [json.loads(stdout.strip().splitlines()[-1]) for stdout, _ in outputs]


def _content(store: Store) -> dict[str, Any]:
    return {"counts": store.counts(), "records": list(store.records()),
            "rejects": sorted(r["id"] for r in store.rejects())}  # fmt: skip


def _fresh_postgres(url: str) -> str:
    engine = sa.create_engine(url)
    try:
        schema.metadata.drop_all(engine)
    finally:
        engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.db'}"
    url = os.environ.get("DATELINE_TEST_PG_URL")
    if not url:
        pytest.skip("set DATELINE_TEST_PG_URL to a scratch PostgreSQL database to run this")
    return _fresh_postgres(url)


def test_two_processes_ingesting_overlapping_inputs_store_each_article_once(
    shared_url: str, settings: Settings, nlp: Language, tmp_path: Path
) -> None:
    left, right = _stories(tmp_path / "a", 0, 11), _stories(tmp_path / "b", 6, 17)
    Store.open(shared_url).close()  # create the schema before the race
    summaries = _run_two(shared_url, settings, [left, right], tmp_path)
    with Store.open(f"sqlite:///{tmp_path / 'serial.db'}") as serial:
        ingest_paths([left, right, REPO / "examples"], settings, serial, nlp)
        expected = _content(serial)
    with Store.open(shared_url) as store:
        assert _content(store) == expected
        assert store.counts()["articles"] == 18 + 3  # the union: 18 stories and 3 examples
        assert store.check().ok
    inserted = sum(s["inserted"] for s in summaries)
    assert inserted == 21 and sum(s["unchanged"] for s in summaries) == 2 * 15 - 21
