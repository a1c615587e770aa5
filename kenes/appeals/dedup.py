"""Near-duplicate detection for appeals: word shingles compared with the Jaccard index.

A new appeal's text is cut into overlapping 3-word shingles; two texts are near duplicates when
|A ∩ B| / |A ∪ B| ≥ the threshold (0.8). To avoid comparing with every recent appeal, a MinHash
signature of 64 values is cut into 16 bands of 4; only appeals sharing a band (stored in
AppealShingleBand) are compared exactly. Pairs at 0.8 share a band with probability > 0.999.
"""

from __future__ import annotations

import hashlib
import re
import struct

SHINGLE_WORDS = 3
BANDS = 16
ROWS = 4
_MASK = (1 << 61) - 1
_WORD_RE = re.compile(r"\w+", re.UNICODE)
# Fixed odd multipliers and offsets: the same signature in every process.
_SEEDS = [struct.unpack("<QQ", hashlib.blake2b(str(i).encode(), digest_size=16).digest()) for i in range(BANDS * ROWS)]
# The hash functions x -> ((a | 1) * x + b) mod 2^61, their multipliers made odd once.
_HASHES = [(a | 1, b) for a, b in _SEEDS]


def shingles(text: str) -> set[int]:
    words = _WORD_RE.findall((text or "").lower())
    if not words:
        return set()
    if len(words) < SHINGLE_WORDS:
        grams = [" ".join(words)]
    else:
        grams = [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") for g in grams}


def jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def bands(shingle_set: set[int]) -> list[int]:
    """16 band hashes of the MinHash signature (signed 63-bit, to fit a bigint column)."""
    if not shingle_set:
        return []
    values = list(shingle_set)
    signature = [min([(a * s + b) & _MASK for s in values]) for a, b in _HASHES]
    out = []
    for band in range(BANDS):
        chunk = signature[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(struct.pack("<B4Q", band, *chunk), digest_size=8).digest()
        out.append(int.from_bytes(digest, "little", signed=True))
    return out
