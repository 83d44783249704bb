"""Precision and recall of near-duplicate detection (``dateline.store.neardup``) on
pairs built from the dev news texts by our own edit rules.

    .venv/bin/python benchmarks/near_duplicates.py [--thresholds 0.3 0.4 0.5 0.6 0.7 0.8]

The texts are the news articles of ``../shared/eval/dev`` (``stories``, ``geowebnews``,
``lgl``, ``polnear``; read there, never copied), each once. Every text gets one
*copy* made by one of these rules, in turn (the syndication a wire story meets):

- ``byline``: a byline line before it and a reporting credit after it;
- ``dateline``: a ``CITY, Month D (Agency) -`` opening;
- ``trim-last``: its last sentence dropped;
- ``trim-middle``: one sentence from the middle dropped;
- ``words``: every 25th word replaced by another;
- ``syndicated``: byline, last sentence dropped and every 40th word replaced.

Two kinds of *other stories* are made too, which must not match the text they borrow
from: ``shared-lead`` (the first fifth of a text's words, then as many words as two
fifths of it from the start of a second text and from the end of a third) and
``half-new`` (the first half of a text's words, then as many from the end of another:
an update that keeps half of the story). Donors are at least as long as the text and
each serves once, so no new story is mostly one donor either.
Every text, copy and other story goes into one LSH index; a pair is *found* when the
two share a bucket and their estimated similarity reaches the threshold. A found
pair is right when it is a text and its copy (the dev sets also hold a few real
near-duplicates of their own: found pairs of two originals are listed, so they can be
read, and counted as wrong). Recall is over the copies, overall and per rule.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev"
SETS = ("stories", "geowebnews", "lgl", "polnear")
RULES = ("byline", "dateline", "trim-last", "trim-middle", "words", "syndicated")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def dev_texts(folder: Path = DEV) -> list[str]:
    """The distinct article texts of the dev news sets, in file order."""
    seen: dict[str, None] = {}
    for name in SETS:
        path = folder / name / f"{name}.jsonl"
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            text = (json.loads(line).get("text") or "").strip()
            if text:
                seen.setdefault(text)
    return list(seen)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s.strip()]


def replace_words(text: str, every: int) -> str:
    """Every ``every``-th word replaced by another (a light copy edit)."""
    words = text.split(" ")
    return " ".join("also" if i % every == every - 1 else w for i, w in enumerate(words))


def edited(text: str, rule: str) -> str:
    """The copy of ``text`` by one edit rule (see the module docstring)."""
    parts = sentences(text)
    if rule == "byline":
        return f"By Staff Correspondent\n\n{text}\n\n(Reporting by the news desk; editing by staff)"
    if rule == "dateline":
        return f"NAIROBI, May 3 (Wire Service) - {text}"
    if rule == "trim-last":
        return " ".join(parts[:-1]) if len(parts) > 1 else text
    if rule == "trim-middle":
        return " ".join(parts[: len(parts) // 2] + parts[len(parts) // 2 + 1 :])
    if rule == "words":
        return replace_words(text, 25)
    trimmed = " ".join(parts[:-1]) if len(parts) > 1 else text
    return "By Staff Correspondent\n\n" + replace_words(trimmed, 40)


def other_story(text: str, donors: list[str]) -> str:
    """A different story that borrows from ``text`` (see the module docstring): with
    one donor ``half-new``, with two ``shared-lead``."""
    mine = text.split()
    if len(donors) == 1:
        half = len(mine) // 2
        return " ".join(mine[:half] + donors[0].split()[-(len(mine) - half) :])
    lead, part = len(mine) // 5, 2 * len(mine) // 5
    first, second = (d.split() for d in donors)
    return " ".join(mine[:lead] + first[:part] + second[-part:])


def build(texts: list[str]) -> tuple[list[str], set[frozenset[int]], dict[int, str]]:
    """Every document, the right pairs (a text and its copy) and each copy's rule."""
    docs = list(texts)
    right: set[frozenset[int]] = set()
    rule_of: dict[int, str] = {}
    for i, text in enumerate(texts):
        rule = RULES[i % len(RULES)]
        docs.append(edited(text, rule))
        right.add(frozenset((i, len(docs) - 1)))
        rule_of[len(docs) - 1] = rule
    used: set[int] = set()
    for i, text in enumerate(texts):
        wanted = 2 if i % 2 == 0 else 1
        donors = [j for j in (*range(i + 1, len(texts)), *range(i))
                  if j not in used and len(texts[j]) >= len(text)][:wanted]  # fmt: skip
        if len(donors) == wanted:
            used.update(donors)
            docs.append(other_story(text, [texts[j] for j in donors]))
    return docs, right, rule_of


def candidate_pairs(signatures: list[Any]) -> dict[frozenset[int], float]:
    """Pairs sharing an LSH bucket, with their estimated similarity."""
    from dateline.store import neardup

    buckets: dict[str, list[int]] = defaultdict(list)
    for i, sig in enumerate(signatures):
        if sig is not None:
            for bucket in neardup.buckets(sig):
                buckets[bucket].append(i)
    pairs: dict[frozenset[int], float] = {}
    for members in buckets.values():
        for a, b in itertools.combinations(members, 2):
            key = frozenset((a, b))
            if key not in pairs:
                pairs[key] = neardup.similarity(signatures[a], signatures[b])
    return pairs


def score(
    pairs: dict[frozenset[int], float], right: set[frozenset[int]], rule_of: dict[int, str],
    threshold: float,
) -> dict[str, Any]:
    """Precision, recall (overall and per rule) of the pairs found at ``threshold``."""
    found = {p for p, s in pairs.items() if s >= threshold}
    hits = found & right
    per_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair in right:
        rule = rule_of[max(pair)]
        per_rule[rule][1] += 1
        per_rule[rule][0] += pair in hits
    return {
        "threshold": threshold,
        "precision": round(len(hits) / len(found), 4) if found else 1.0,
        "recall": round(len(hits) / len(right), 4) if right else 1.0,
        "found": len(found), "right": len(hits), "copies": len(right),
        "recall_by_rule": {r: round(h / n, 4) for r, (h, n) in sorted(per_rule.items())},
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thresholds", type=float, nargs="+",
                        default=[0.3, 0.4, 0.5, 0.6, 0.7, 0.8])  # fmt: skip
    args = parser.parse_args(argv)
    texts = dev_texts()
    if not texts:
        print(f"no dev texts under {DEV}", file=sys.stderr)
        return 2
    from dateline.store import neardup

    docs, right, rule_of = build(texts)
    signatures = [neardup.signature(d) for d in docs]
    pairs = candidate_pairs(signatures)
    originals = [sorted(p) for p, s in pairs.items()
                 if s >= neardup.THRESHOLD and max(p) < len(texts)]  # fmt: skip
    report = {
        "texts": len(texts), "documents": len(docs),
        "without_signature": sum(s is None for s in signatures),
        "candidate_pairs": len(pairs), "threshold_in_use": neardup.THRESHOLD,
        "scores": [score(pairs, right, rule_of, t) for t in args.thresholds],
        "original_pairs_found": originals,
    }  # fmt: skip
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
