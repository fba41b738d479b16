"""Near-duplicate articles (the same story reprinted) and per-event passages.

An article is a near-duplicate of an earlier one when the Jaccard
similarity of their word-shingle sets reaches a threshold (0.8 by default):
a reprint with a new headline, a changed byline or a trimmed last
paragraph. Candidates come from MinHash LSH (band tables with the bands
datasketch's ``MinHashLSH`` would choose; the signatures themselves are
computed in numpy over CRC-32 shingle hashes, stable across runs), so each new article costs the same whatever
the size of the collection; the Jaccard estimate from the signatures
confirms them.

Articles with the same id have the same cleaned text: they are exact
duplicates and are recognised without hashing.

The index keeps only 64 signature values per article and serialises them to
JSON, so the store can persist it between runs and a later run compares new
articles with everything seen before without re-reading old texts.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from chorus.features import map_tokens
from chorus.model import Article
from chorus.passages import MIN_SHARED_WORDS, WORD_RE, independent_sources, shared_passages, wire_groups

STATE_KEY = "dedup"


_MASK32 = np.uint64(0xFFFFFFFF)
_CRC: dict[str, int] = {}  # token -> CRC-32 of its normalised form: the vocabulary repeats


def _word_hash(word: str) -> int:
    return zlib.crc32(word.replace("'", "").replace("’", "").encode())


def shingle_hashes(text: str, k: int = 5) -> np.ndarray:
    """32-bit hashes of the ``k``-word shingles of ``text`` (normalised words).

    Words are hashed with CRC-32 (stable across runs and machines) and
    combined per window in numpy. A text shorter than ``k`` words gives one
    shingle of all its words, so very short pages still compare.
    """
    toks = WORD_RE.findall(text.lower())
    if not toks:
        return np.zeros(0, dtype=np.uint64)
    ids = map_tokens(toks, _CRC, _word_hash, np.uint64)
    if len(ids) < k:
        k = len(ids)
    acc = np.zeros(len(ids) - k + 1, dtype=np.uint64)
    for off in range(k):
        acc = (acc * np.uint64(1000003) + ids[off : len(ids) - k + 1 + off]) & _MASK32
    return np.unique(acc)


def minhash_values(hashes: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """MinHash signature: for each (a, b), ``min_x ((a x + b) mod 2**64) >> 32``.

    Multiply-shift hashing (``a`` odd) needs no division, which keeps the
    signature cheap; numpy's uint64 arithmetic wraps modulo 2**64.
    """
    if hashes.size == 0:
        return np.full(a.shape[0], 0xFFFFFFFF, dtype=np.uint32)
    with np.errstate(over="ignore"):
        phv = np.outer(a, hashes)
        phv += b[:, None]
    return (phv.min(axis=1) >> np.uint64(32)).astype(np.uint32)


def minhash_batch(hash_sets: Sequence[np.ndarray], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`minhash_values` of many shingle sets at once, as an ``(n, len(a))`` uint32 array.

    All hashes go into one array and each permutation's minimum per article
    comes from ``np.minimum.reduceat``: a few numpy calls per batch instead
    of several per article.
    """
    n = len(hash_sets)
    out = np.full((n, a.shape[0]), 0xFFFFFFFF, dtype=np.uint32)
    lengths = np.fromiter((len(h) for h in hash_sets), dtype=np.int64, count=n)
    full = lengths > 0
    if not full.any():
        return out
    allh = np.concatenate([h for h in hash_sets if len(h)]).astype(np.uint64, copy=False)
    starts = np.concatenate([[0], np.cumsum(lengths[full])[:-1]])
    rows = np.flatnonzero(full)
    v = np.empty_like(allh)
    shift = np.uint64(32)
    with np.errstate(over="ignore"):
        for i in range(a.shape[0]):
            np.multiply(allh, a[i], out=v)
            v += b[i]
            out[rows, i] = np.minimum.reduceat(v, starts) >> shift
    return out


class NearDuplicateIndex:
    """MinHash LSH index that answers "which earlier article is this a copy of?".

    Verbs: ``add(id, text) -> duplicate_of or None`` (inserts the article
    when it is not a duplicate), ``query(text)``, ``to_state()`` /
    ``from_state()``. Learned state ends in ``_``.
    """

    def __init__(self, threshold: float = 0.8, *, num_perm: int = 64, shingle: int = 5, seed: int = 1):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if num_perm < 16:
            raise ValueError("num_perm must be at least 16")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.seed = seed
        from datasketch.lsh import _optimal_param

        gen = np.random.RandomState(seed)
        # Odd multipliers and offsets over the full 64 bits (multiply-shift hashing).
        self._a = gen.randint(0, 1 << 63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self._b = gen.randint(0, 1 << 63, size=num_perm, dtype=np.uint64) * np.uint64(2)
        # Bands as datasketch's MinHashLSH chooses them (equal weights on
        # false positives and negatives); the tables are plain dicts keyed by
        # a band's values, which is what that index does, without its
        # storage layer (a third of the time of a batch).
        bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
        self.bands_ = [(i * rows, (i + 1) * rows) for i in range(bands)]
        self.tables_: list[dict[bytes, list[str]]] = [{} for _ in range(bands)]
        self.signatures_: dict[str, np.ndarray] = {}
        self.rank_: dict[str, int] = {}  # insertion order: lower is earlier

    def signature(self, text: str) -> np.ndarray:
        """The MinHash values (uint32) of ``text``'s shingles."""
        return minhash_values(shingle_hashes(text, self.shingle), self._a, self._b)

    def signatures(self, texts: Sequence[str]) -> np.ndarray:
        """:meth:`signature` of each text, as rows of one array (computed as a batch)."""
        return minhash_batch([shingle_hashes(t, self.shingle) for t in texts], self._a, self._b)

    def query_signature(self, values: np.ndarray) -> str | None:
        """Id of the earliest indexed article with this signature's near-duplicate, or None."""
        best: tuple[int, str] | None = None
        keys: set[str] = set()
        for (lo, hi), table in zip(self.bands_, self.tables_):
            hit = table.get(values[lo:hi].tobytes())
            if hit:
                keys.update(hit)
        for key in keys:
            est = float(np.mean(self.signatures_[key] == values))
            if est >= self.threshold:
                rank = self.rank_[key]
                if best is None or rank < best[0]:
                    best = (rank, key)
        return best[1] if best else None

    def query(self, text: str) -> str | None:
        """Id of the earliest indexed article ``text`` nearly duplicates, or None."""
        return self.query_signature(self.signature(text))

    def add_signature(self, article_id: str, values: np.ndarray) -> str | None:
        """Like :meth:`add` with a signature computed elsewhere (a worker process)."""
        if article_id in self.signatures_:
            return None  # the very same text, already indexed
        dup = self.query_signature(values)
        if dup is not None:
            return dup
        self._insert(article_id, values)
        return None

    def add(self, article_id: str, text: str) -> str | None:
        """Index an article; return the id it duplicates instead (then it is not indexed)."""
        if article_id in self.signatures_:
            return None
        return self.add_signature(article_id, self.signature(text))

    def _insert(self, article_id: str, values: np.ndarray) -> None:
        for (lo, hi), table in zip(self.bands_, self.tables_):
            table.setdefault(values[lo:hi].tobytes(), []).append(article_id)
        self.signatures_[article_id] = values
        self.rank_[article_id] = len(self.rank_)

    def to_state(self) -> str:
        """JSON with the parameters and every indexed signature (base64)."""
        sigs = {k: base64.b64encode(v.astype("<u4").tobytes()).decode() for k, v in self.signatures_.items()}
        params = {"threshold": self.threshold, "num_perm": self.num_perm, "shingle": self.shingle, "seed": self.seed}
        return json.dumps({"params": params, "signatures": sigs})

    @classmethod
    def from_state(cls, state: str, *, threshold: float | None = None) -> "NearDuplicateIndex":
        """The index saved by :meth:`to_state`; ``threshold`` overrides the saved one."""
        data = json.loads(state)
        params = dict(data["params"])
        if threshold is not None:
            params["threshold"] = threshold  # the LSH bands are rebuilt for it below
        index = cls(**params)
        for key, b64 in data["signatures"].items():
            index._insert(key, np.frombuffer(base64.b64decode(b64), dtype="<u4").astype(np.uint32))
        return index


def find_duplicates(articles: Sequence[Article], threshold: float = 0.8) -> dict[str, str]:
    """``{article id: id of the earlier article it duplicates}`` over a list.

    Pure counterpart of :func:`mark_duplicates` for callers without a store;
    earlier in the list means original.
    """
    index = NearDuplicateIndex(threshold)
    out: dict[str, str] = {}
    for a in articles:
        dup = index.add(a.id, a.text)
        if dup is not None and dup != a.id:
            out[a.id] = dup
    return out


def _signature_block(texts: list[str], a: np.ndarray, b: np.ndarray, shingle: int) -> np.ndarray:
    """MinHash signatures of ``texts`` (``NearDuplicateIndex.signatures``), as an engine runs it."""
    return minhash_batch([shingle_hashes(t, shingle) for t in texts], a, b)


SIGNATURE_BLOCK = 200  # texts per item when an engine computes signatures


def mark_duplicates(new_articles: Sequence[Article], store: Any, *, threshold: float | None = None,
                    engine: Any = None) -> None:
    """Set ``duplicate_of`` on each new article that copies an earlier one.

    "Earlier" means already in the store's index, or earlier in
    ``new_articles``. The index state is read from and written back to the
    store (``get_state``/``set_state`` under ``"dedup"``), so a later run
    compares its articles with everything seen before. Articles that are
    pages and not news (``not_news`` set) are neither indexed nor marked:
    a cookie notice is not a reprint of a story.
    """
    if threshold is None:
        from chorus.settings import Settings

        threshold = Settings().duplicate_threshold
    state = store.get_state(STATE_KEY) if store is not None else None
    index = NearDuplicateIndex.from_state(state, threshold=threshold) if state else NearDuplicateIndex(threshold)
    todo = [a for a in new_articles if not a.not_news]
    if engine is not None and todo:  # the map: signatures, a block of texts per item
        from functools import partial

        blocks = [[a.text for a in todo[k:k + SIGNATURE_BLOCK]] for k in range(0, len(todo), SIGNATURE_BLOCK)]
        fn = partial(_signature_block, a=index._a, b=index._b, shingle=index.shingle)
        signatures = [row for block in engine.map(fn, blocks) for row in block]
    else:
        signatures = [None] * len(todo)
    for a, sig in zip(todo, signatures):  # the reduce: the index, in input order
        dup = index.add(a.id, a.text) if sig is None else index.add_signature(a.id, sig)
        if dup is not None and dup != a.id:
            a.duplicate_of = dup
    if store is not None:
        store.set_state(STATE_KEY, index.to_state())


def event_passages(articles: Iterable[Article], *, min_words: int = MIN_SHARED_WORDS) -> dict[str, Any]:
    """Shared passages, wire groups and independent sources of one event.

    Returns the contract fields ``{"shared_passages", "wire_groups",
    "independent_sources"}``. Passages carry their offsets in both
    articles; a near-duplicate always falls in the same wire group as its
    original, so reprints never inflate the source count.
    """
    arts = list({a.id: a for a in articles}.values())
    passages = shared_passages(arts, min_words=min_words)
    groups = wire_groups(arts, passages)
    # A duplicate whose original is here belongs with it even if cleaning
    # left them too different to share long passages.
    present = {a.id for a in arts}
    extra = [[a.duplicate_of, a.id] for a in arts if a.duplicate_of in present]
    if extra:
        groups = _merge_groups(groups + extra, [a.id for a in arts])
    public = [{k: p[k] for k in ("articles", "spans", "text")} for p in passages]
    return {
        "shared_passages": public,
        "wire_groups": groups,
        "independent_sources": independent_sources(arts, groups),
    }


def _merge_groups(groups: list[list[str]], order: list[str]) -> list[list[str]]:
    """Union overlapping groups; members and groups follow ``order``."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g in groups:
        for other in g[1:]:
            ra, rb = find(g[0]), find(other)
            if ra != rb:
                parent[rb] = ra
    rank = {a: n for n, a in enumerate(order)}
    out: dict[str, list[str]] = {}
    for a in sorted(parent, key=lambda x: rank.get(x, len(rank))):
        out.setdefault(find(a), []).append(a)
    return [g for g in out.values() if len(g) > 1]
