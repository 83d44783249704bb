"""Near-duplicate texts: MinHash signatures of word shingles, and LSH buckets to find
candidates without comparing every pair.

A text's words (lower-cased ``\\w+`` runs) are cut into overlapping ``SHINGLE``-word
shingles; each shingle is hashed (BLAKE2b, 64 bits) and the signature keeps, for each of
``PERMUTATIONS`` hash functions (the shingle's hash XOR a seed of its own, through
SplitMix64's finaliser), the least value over the shingles (its top 32 bits). The
share of equal positions in two signatures estimates the Jaccard similarity of their
shingle sets. The signature is
cut into ``BANDS`` bands of ``ROWS`` values; each band's hash is a *bucket*, and two
texts whose Jaccard similarity is ``s`` share at least one bucket with probability
``1 - (1 - s**ROWS)**BANDS`` (0.64 at 0.5, 0.99 at 0.7, below 1e-6 at 0.05). Texts
sharing a bucket are candidates; a candidate whose estimated similarity is at least
``THRESHOLD`` is a near-duplicate. Texts of fewer than ``MIN_WORDS`` words get no
signature (only exact copies are recognised): short items share too much by chance.

The hash parameters are fixed (``SEED``): signatures written by one run compare with
those of any other. ``THRESHOLD`` and the pair set it was measured on:
``benchmarks/near_duplicates.py`` and ``docs/data-model.md``.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
import numpy.typing as npt

SHINGLE = 5
PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.5
MIN_WORDS = 50
SEED = 20_161_601
_MIX = (0xBF58476D1CE4E5B9, 0x94D049BB133111EB)  # SplitMix64's multipliers
_CHUNK = 4096  # shingles hashed at once (bounds memory on very long texts)
_WORD = re.compile(r"\w+", re.UNICODE)

Signature = npt.NDArray[np.uint32]


@lru_cache(maxsize=1)
def _seeds() -> npt.NDArray[np.uint64]:
    """One 64-bit seed per hash function (fixed: ``SEED``)."""
    seeds = np.random.default_rng(SEED).integers(0, 1 << 63, PERMUTATIONS, dtype=np.uint64)
    seeds.setflags(write=False)
    return seeds


def _mixed(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """SplitMix64's finaliser, element-wise (multiplications wrap modulo 2**64)."""
    v = values * np.uint64(_MIX[0])
    v ^= v >> np.uint64(31)
    v *= np.uint64(_MIX[1])
    v ^= v >> np.uint64(29)
    return v


def words(text: str) -> list[str]:
    """The text's words, lower-cased (punctuation, case and spacing do not count)."""
    return _WORD.findall(text.casefold())


def shingle_hashes(tokens: list[str]) -> npt.NDArray[np.uint64]:
    """The distinct 64-bit hashes of the ``SHINGLE``-word shingles."""
    grams = {" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
    values = (
        int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "little")
        for g in grams
    )
    return np.fromiter(values, dtype=np.uint64, count=len(grams))


def signature(text: str) -> Signature | None:
    """The MinHash signature of a text, or None when it has fewer than ``MIN_WORDS`` words."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return None
    hashes = shingle_hashes(tokens)
    seeds = _seeds()
    least = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(hashes), _CHUNK):
        chunk = hashes[start : start + _CHUNK]
        least = np.minimum(least, _mixed(chunk[:, None] ^ seeds[None, :]).min(axis=0))
    return (least >> np.uint64(32)).astype(np.uint32)


def buckets(sig: Signature) -> list[str]:
    """The signature's LSH buckets: per band, its number and a hash of its values."""
    return [
        f"{band:02d}" + hashlib.blake2b(sig[band * ROWS : (band + 1) * ROWS].tobytes(),
                                        digest_size=8).hexdigest()
        for band in range(BANDS)
    ]  # fmt: skip


def similarity(one: Signature, other: Signature) -> float:
    """The estimated Jaccard similarity of two texts' shingles (share of equal values)."""
    return float(np.count_nonzero(one == other)) / PERMUTATIONS


def to_text(sig: Signature) -> str:
    """A signature as hex text (8 digits a value), for the database."""
    return sig.astype(">u4").tobytes().hex()


def from_text(text: str) -> Signature:
    """Inverse of :func:`to_text`."""
    return np.frombuffer(bytes.fromhex(text), dtype=">u4").astype(np.uint32)
