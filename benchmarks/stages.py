"""CPU seconds of each dateline extractor over texts parsed once by spaCy's own components.

    python benchmarks/stages.py [--limit 300] [--repeat 3]

spaCy's components run once (their CPU time is printed too); then every extractor runs
over the parsed docs, in pipeline order, ``--repeat`` times, and the least CPU time of
each is kept. CPU time (``time.process_time``), not wall time: a busy machine inflates
it less, and the extractors' share is small enough for the noise of a wall-clock ratio
to hide it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import load_texts


def main() -> None:
    from dateline.model import Article
    from dateline.nlp import build_nlp, make_doc
    from dateline.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="number of texts")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    nlp = build_nlp(Settings(max_chars=2_000_000))
    ours = [(name, pipe) for name, pipe in nlp.pipeline if name.startswith("dateline_")]
    theirs = [name for name, _ in nlp.pipeline if not name.startswith("dateline_")]
    docs = [make_doc(nlp, Article.create(text)) for text in load_texts(args.limit)]
    start = time.process_time()
    with nlp.select_pipes(enable=theirs):
        docs = list(nlp.pipe(docs, batch_size=64))
    print(f"{'spaCy components':>22} {time.process_time() - start:7.2f}")
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        spent = dict.fromkeys((name for name, _ in ours), 0.0)
        for doc in docs:
            for name, pipe in ours:
                start = time.process_time()
                pipe(doc)
                spent[name] += time.process_time() - start
        best = {name: min(best.get(name, spent[name]), spent[name]) for name in spent}
    for name, seconds in best.items():
        print(f"{name:>22} {seconds:7.2f}")
    print(f"{'extractors':>22} {sum(best.values()):7.2f}")


if __name__ == "__main__":
    main()
