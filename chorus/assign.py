"""Not-news check, near-duplicates and events over a list of articles, in two phases.

The *map* phase looks at one article at a time (is it news? its MinHash
signature, its terms) and can run on several processes; the *reduce* phase
(the near-duplicate index and the event clusterer) sees them in order in
one. This is the store-free path the benchmarks use; ``chorus digest``
calls the same stages through :mod:`chorus.pipeline`.

Duplicates join the event of the article they copy; pages that are not
news stay alone (label ``"not-news:<id>"``).
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Sequence
from typing import Any

from chorus.cluster import EventClusterer
from chorus.dedup import NearDuplicateIndex
from chorus.features import term_vector
from chorus.model import Article
from chorus.notnews import not_news_reason

_WORK: dict[str, Any] = {}  # what forked workers read: articles and parameters


def _map_chunk(bounds: tuple[int, int]) -> list:
    """(not-news reason, signature, terms) of articles ``start..stop``; signatures as one batch."""
    start, stop = bounds
    arts: Sequence[Article] = _WORK["articles"][start:stop]
    index: NearDuplicateIndex = _WORK["index"]
    params = _WORK["term_params"]
    reasons = [not_news_reason(a) for a in arts]
    news = [a for a, r in zip(arts, reasons) if not r]
    sigs = iter(index.signatures([a.text for a in news]))
    return [(r, None, None) if r else (None, next(sigs), term_vector(a, **params)) for a, r in zip(arts, reasons)]


class EventPipeline:
    """Label articles with events; ``run`` in batch or ``partial_run`` in chunks.

    ``workers`` > 1 computes the map phase on forked processes. ``stats``
    counts duplicates and not-news pages seen so far, and the seconds spent
    in each phase (map, dedup, cluster).
    """

    def __init__(self, *, workers: int = 1, duplicate_threshold: float = 0.8, **cluster_params: Any):
        self.workers = workers
        self.index_ = NearDuplicateIndex(duplicate_threshold)
        self.clusterer_ = EventClusterer(**cluster_params)
        self.labels_: dict[str, Any] = {}
        self.stats = {"duplicates": 0, "not_news": 0}

    def run(self, articles: Sequence[Article]) -> list[str]:
        """Batch: every article at once."""
        return self.partial_run(articles)

    def partial_run(self, articles: Sequence[Article]) -> list[str]:
        """Add ``articles`` to the events seen so far; return each one's event label."""
        t0 = time.perf_counter()
        mapped = self._map(articles)
        t1 = time.perf_counter()
        todo, terms = [], []
        for a, (reason, sig, t) in zip(articles, mapped):
            if reason:
                self.labels_[a.id] = "not-news:" + a.id
                self.stats["not_news"] += 1
                continue
            dup = self.index_.add_signature(a.id, sig)
            if dup is not None and dup != a.id:
                self.labels_[a.id] = ("dup", dup)
                self.stats["duplicates"] += 1
                continue
            todo.append(a)
            terms.append(t)
        t2 = time.perf_counter()
        for a, ev in zip(todo, self.clusterer_.partial_fit(todo, terms=terms)):
            self.labels_[a.id] = ev
        t3 = time.perf_counter()
        for key, sec in (("map_seconds", t1 - t0), ("dedup_seconds", t2 - t1), ("cluster_seconds", t3 - t2)):
            self.stats[key] = round(self.stats.get(key, 0.0) + sec, 2)
        return [self.label(a.id) for a in articles]

    def label(self, article_id: str) -> str:
        lab = self.labels_[article_id]
        seen = set()
        while isinstance(lab, tuple) and lab[1] not in seen:
            seen.add(lab[1])
            lab = self.labels_[lab[1]]
        return lab

    def _map(self, articles: Sequence[Article]) -> list:
        _WORK.update(articles=articles, index=self.index_, term_params=self.clusterer_.term_params())
        try:
            step = 500
            chunks = [(k, min(k + step, len(articles))) for k in range(0, len(articles), step)]
            if self.workers <= 1 or len(articles) < 2000:
                parts = [_map_chunk(c) for c in chunks]
            else:
                ctx = mp.get_context("fork")
                with ctx.Pool(self.workers) as pool:
                    parts = pool.map(_map_chunk, chunks, chunksize=1)
            return [item for part in parts for item in part]
        finally:
            _WORK.clear()
