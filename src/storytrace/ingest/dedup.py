"""Near-duplicate detection: MinHash over word 4-shingles with LSH banding (datasketch).

The signature is stored with the document; its band hashes go to ``doc_bands`` so that
candidates are found with one indexed query, however large the store.
"""

from __future__ import annotations

import re
import struct

import numpy as np

NUM_PERM = 128
BANDS = 32  # 32 bands x 4 rows: candidates from about 0.42 Jaccard, verified at THRESHOLD
ROWS = NUM_PERM // BANDS
SHINGLE = 4
THRESHOLD = 0.7  # the same wire story with a changed sentence or two stays above it
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray:
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch(list(shingles(text)))
    return np.asarray(mh.hashvalues, dtype=np.uint64)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8")


def band_hashes(sig: np.ndarray) -> list[int]:
    """One signed 63-bit hash per band (fits an SQLite INTEGER)."""
    out = []
    for b in range(BANDS):
        chunk = sig[b * ROWS:(b + 1) * ROWS].astype("<u8").tobytes()
        out.append(struct.unpack("<q", _fold(chunk))[0])
    return out


def _fold(chunk: bytes) -> bytes:
    import hashlib

    return hashlib.blake2b(chunk, digest_size=8).digest()


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))
