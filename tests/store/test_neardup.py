"""MinHash signatures and LSH buckets (store/neardup.py), and the near-duplicate
figures on pairs built from the dev texts (benchmarks/near_duplicates.py; skipped
without ../shared)."""

from __future__ import annotations

import numpy as np
import pytest
from benchmarks.near_duplicates import build, candidate_pairs, dev_texts, edited, score

from dateline.store import neardup

TEXT = " ".join(f"word{i} and then some more words number {i % 7}." for i in range(60))


def test_the_same_words_give_the_same_signature_whatever_the_case_and_spacing() -> None:
    one = neardup.signature(TEXT)
    other = neardup.signature("  " + TEXT.upper().replace(" ", "\n  "))
    assert one is not None and other is not None
    assert one.dtype == np.uint32 and len(one) == neardup.PERMUTATIONS
    assert neardup.similarity(one, other) == 1.0
    assert neardup.buckets(one) == neardup.buckets(other)
    assert len(set(neardup.buckets(one))) == neardup.BANDS


def test_signatures_round_trip_through_text() -> None:
    sig = neardup.signature(TEXT)
    assert sig is not None
    assert np.array_equal(neardup.from_text(neardup.to_text(sig)), sig)
    assert len(neardup.to_text(sig)) == 8 * neardup.PERMUTATIONS


def test_the_estimate_follows_the_jaccard_similarity() -> None:
    words = [f"w{i}" for i in range(400)]
    half = neardup.signature(" ".join(words[:300]))
    rest = neardup.signature(" ".join(words[100:]))
    whole = neardup.signature(" ".join(words))
    assert half is not None and rest is not None and whole is not None
    # shingle Jaccard: 196 shared of 396 (0.49); 296 of 396 (0.75)
    assert abs(neardup.similarity(half, rest) - 196 / 396) < 0.2
    assert abs(neardup.similarity(half, whole) - 296 / 396) < 0.2


def test_short_texts_have_no_signature() -> None:
    assert neardup.signature(" ".join(["word"] * (neardup.MIN_WORDS - 1))) is None


def test_score_counts_pairs_and_recall_by_rule() -> None:
    right = {frozenset((0, 2)), frozenset((1, 3))}
    pairs = {frozenset((0, 2)): 0.9, frozenset((1, 3)): 0.4, frozenset((0, 1)): 0.6}
    got = score(pairs, right, {2: "byline", 3: "words"}, 0.5)
    assert (got["precision"], got["recall"], got["found"]) == (0.5, 0.5, 2)
    assert got["recall_by_rule"] == {"byline": 1.0, "words": 0.0}


def test_the_threshold_in_use_finds_copies_and_keeps_other_stories_apart() -> None:
    texts = dev_texts()
    if not texts:
        pytest.skip("../shared/eval/dev is absent: no dev texts to build pairs from")
    assert "By Staff Correspondent" in edited(texts[0], "syndicated")
    docs, right, rule_of = build(texts)
    pairs = candidate_pairs([neardup.signature(d) for d in docs])
    figures = score(pairs, right, rule_of, neardup.THRESHOLD)
    # measured: precision 0.9944, recall 0.9706 (docs/data-model.md)
    assert figures["precision"] >= 0.98 and figures["recall"] >= 0.95, figures
