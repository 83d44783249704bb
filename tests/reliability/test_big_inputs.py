"""Big inputs through the whole pipeline (readers, limits, parsing, store) in a real
subprocess: a 50 MB text, a 50 MB JSON Lines file with a 50 MB line and a 4.5 MB
record, and 1 MB sentences without punctuation. Each ends as a reject with a reason
naming its limit, the clean stories beside them are stored, the counts add up, it
is quick, and peak memory stays within a bound over the process's own baseline.

The inputs are generated under ``tmp_path`` at test time (nothing big is committed).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from dateline.model import Article, Extraction, Reject
from dateline.pipeline import extract_articles, longest_run
from dateline.settings import Settings
from dateline.store import Store
from shared_paths import CACHE

MB = 1_000_000
#: Peak RSS of the big ingest may exceed the process's baseline (spaCy and the
#: extractors loaded, two small stories parsed) by at most this much.
RSS_BOUND_MIB = 100
SCRIPT = Path(__file__).with_name("ingest_rss.py")
WORDS = "officials in gondor said the army of rohan attacked troops near the river "


def _write_repeated(path: Path, size: int, unit: str = WORDS, prefix: str = "") -> Path:
    """A file of exactly ``size`` bytes: ``prefix``, then ``unit`` over and over."""
    body = (unit * (size // len(unit) + 1))[: size - len(prefix)]
    path.write_text(prefix + body, encoding="ascii")
    return path


def _good(text: str, source: str = "Wire") -> str:
    return json.dumps({"text": text, "date": "2022-03-07", "source": source})


def _big_jsonl(path: Path) -> Path:
    """A good record, a 4.5 MB record (too long to parse), a 50 MB line (too large to
    read), another good record; written in chunks, never held whole."""
    with path.open("w", encoding="ascii") as out:
        out.write(_good("Rohan met Gondor in Edoras on Monday.") + "\n")
        out.write(_good(WORDS * (45 * MB // 10 // len(WORDS))) + "\n")
        out.write('{"text": "')
        chunk = WORDS * (MB // len(WORDS))
        for _ in range(50):
            out.write(chunk)
        out.write('"}\n')
        out.write(_good("Arnor thanked Gondor for the aid on Tuesday.") + "\n")
    return path


def _inputs(root: Path) -> tuple[Path, Path]:
    small, big = root / "small", root / "big"
    small.mkdir()
    big.mkdir()
    (small / "one.txt").write_text("Gondor sent troops to Arnor on Monday.\n", encoding="utf-8")
    (small / "two.txt").write_text("Mordor accused Harad of lying.\n", encoding="utf-8")
    (big / "clean.txt").write_text("Harad praised Rhun on Friday.\n", encoding="utf-8")
    _write_repeated(big / "fifty-mb.txt", 50 * MB)
    _write_repeated(big / "sentence-1mb.txt", MB)
    _write_repeated(big / "sentence-1mib.txt", 1_048_576)
    _big_jsonl(big / "records.jsonl")
    return small, big


def _run(db: Path, small: Path, big: Path) -> dict[str, Any]:
    env = {**os.environ, "DATELINE_CACHE_DIR": str(CACHE)}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(db), str(small), str(big)],
        env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.slow
def test_big_inputs_end_as_reasoned_rejects_with_bounded_memory(tmp_path: Path) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    small, big = _inputs(tmp_path)
    db = tmp_path / "big.db"
    out = _run(db, small, big)
    summary = out["big"]
    documents = 4 + 4  # four files read whole, four JSON Lines records
    assert summary["inserted"] + summary["unchanged"] + summary["rejected"] == documents
    assert (summary["inserted"], summary["rejected"]) == (3, 5)
    with Store.open(str(db)) as store:
        reasons = {Path(r["origin"]).name: (r["reason"], r["detail"]) for r in store.rejects()}
        assert store.check().ok
        assert store.counts()["articles"] == 2 + 3
    assert (
        reasons["fifty-mb.txt"][0] == "too-large" and "max_doc_bytes" in reasons["fifty-mb.txt"][1]
    )
    assert reasons["records.jsonl:3"][0] == "too-large"
    assert "5,000,000 bytes" in reasons["records.jsonl:3"][1]  # max_doc_bytes, per line
    assert reasons["records.jsonl:2"][0] == "too-long"
    assert "max_chars" in reasons["records.jsonl:2"][1]
    assert reasons["sentence-1mib.txt"] == (
        "too-long",
        "body has 1,048,576 characters; the limit (max_chars) is 1,000,000",
    )
    assert reasons["sentence-1mb.txt"][0] == "run-on"
    assert "1,000,000 characters without a sentence" in reasons["sentence-1mb.txt"][1]
    extra_mib = (out["peak_kib"] - out["baseline_kib"]) / 1024
    print(f"\npeak RSS {out['peak_kib'] // 1024} MiB, {extra_mib:.0f} MiB over the baseline; "
          f"the big batch took {out['big_seconds']} s")  # fmt: skip
    assert extra_mib < RSS_BOUND_MIB
    assert out["big_seconds"] < 60


def test_longest_run_counts_the_stretch_between_breaks() -> None:
    assert longest_run("") == 0
    assert longest_run("ab. abcd! a") == len(" abcd")
    assert longest_run("one\ntwo three\rfour") == len("two three")
    assert longest_run("句子一。句子二二") == 4


def test_run_on_text_is_a_reject_naming_the_limit(nlp: Language, settings: Settings) -> None:
    tight = replace(settings, max_sentence_chars=100)
    run_on = Article.create("word " * 30, origin="runon.txt")
    broken = Article.create("Gondor attacked Arnor. " * 10, origin="ok.txt")
    out = list(extract_articles(nlp, [run_on, broken], tight))
    assert isinstance(out[0], Reject) and out[0].origin == "runon.txt"
    assert out[0].reason == "run-on"
    assert out[0].detail == (
        "150 characters without a sentence or line break; the limit (max_sentence_chars) is 100"
    )
    assert isinstance(out[1], Extraction)


def test_a_sentence_at_the_limit_is_parsed(nlp: Language, settings: Settings) -> None:
    text = ("word " * 40)[:100]
    out = list(
        extract_articles(nlp, [Article.create(text)], replace(settings, max_sentence_chars=100))
    )
    assert isinstance(out[0], Extraction)


def test_default_limits_agree_with_spacy(nlp: Language, settings: Settings) -> None:
    """spaCy refuses texts over ``max_length`` with a cryptic E088; our own check runs
    first with the same number, so a user sees the clear too-long reject instead."""
    assert nlp.max_length == settings.max_chars
    assert settings.max_sentence_chars < settings.max_chars <= settings.max_doc_bytes
