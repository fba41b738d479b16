"""Events: articles about the same happening, grouped in batch or incrementally.

Each article becomes a TF-IDF vector over its content words, its names
(capitalised phrases) and its title. Two groups of articles join when the
*average* cosine similarity between their members (average linkage) reaches
``threshold``, discounted when their publication dates lie far apart, so
that two articles about a recurring topic weeks apart stay two events.
Missing dates are no evidence either way and leave the similarity as is.

Average linkage only needs a group's *sum* of unit vectors: the mean cosine
between groups A and B is ``sum_A . sum_B / (|A| |B|)``. So an event is
stored as its sum vector, size and date range, and new articles are added
to existing events by the same merge rule as in batch, without recomputing
the rest: the batch run is the incremental run with no events yet.
Candidates come from an inverted index over each vector's heaviest terms,
so the work grows with the number of articles, not with its square.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from chorus.features import article_terms
from chorus.model import Article, event_id

STATE_KEY = "cluster"


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(w * get(t, 0.0) for t, w in a.items())


class _Group:
    """A cluster during agglomeration: sum of member unit vectors, size, dates."""

    __slots__ = ("key", "vec", "n", "first", "last", "members", "old", "sq")

    def __init__(self, key, vec, n, first, last, members, old):
        self.sq = _dot(vec, vec)  # |sum|^2: gives the mean similarity inside
        self.key = key
        self.vec = vec
        self.n = n
        self.first = first
        self.last = last
        self.members = members
        self.old = old


class EventClusterer:
    """Groups articles into events; ``partial_fit`` on a stream, state as JSON.

    Verbs: ``fit_predict(articles) -> event ids`` (batch, from scratch),
    ``partial_fit(articles) -> event ids`` (join existing events or open new
    ones; never splits or merges existing events), ``to_state()`` /
    ``from_state()``. Learned state: ``df_`` (document frequencies),
    ``n_docs_`` and ``events_`` (per event: summed vector, size, dates).
    """

    def __init__(
        self,
        threshold: float = 0.16,
        *,
        name_weight: float = 1.0,
        title_weight: float = 2.0,
        date_grace_days: float = 3.0,
        date_scale_days: float = 7.0,
        index_terms: int = 30,
        max_postings: int = 5000,
        keep_terms: int = 300,
        lead_words: int = 0,
        lead_weight: float = 0.0,
        bigram_weight: float = 1.0,
        name_share: float = 0.0,
        doc_terms: int = 0,
        name_gate: float = 0.1,
        name_penalty: float = 0.7,
        number_weight: float = 0.0,
        cohesion: float = 0.3,
    ):
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"threshold must be in (0, 1), got {threshold}")
        self.threshold = threshold
        self.name_weight = name_weight
        self.title_weight = title_weight
        self.date_grace_days = date_grace_days
        self.date_scale_days = date_scale_days
        self.index_terms = index_terms
        self.max_postings = max_postings
        self.keep_terms = keep_terms
        self.lead_words = lead_words
        self.lead_weight = lead_weight
        self.bigram_weight = bigram_weight
        self.name_share = name_share
        self.doc_terms = doc_terms
        self.name_gate = name_gate
        self.name_penalty = name_penalty
        self.number_weight = number_weight
        self.cohesion = cohesion
        self.df_: dict[str, int] = {}
        self.n_docs_ = 0
        self.events_: dict[str, dict[str, Any]] = {}

    # -- features -----------------------------------------------------------------

    def _update_df(self, term_lists: list[dict[str, float]]) -> None:
        df = self.df_
        for terms in term_lists:
            for t in terms:
                df[t] = df.get(t, 0) + 1
        self.n_docs_ += len(term_lists)

    def _vector(self, terms: dict[str, float]) -> dict[str, float]:
        """Unit TF-IDF vector; terms seen in one document only carry no link.

        With ``name_share`` > 0 names and other terms are normalised apart
        and weighted so that the cosine is ``name_share * cos(names) + (1 -
        name_share) * cos(words)``. With ``doc_terms`` only the heaviest
        terms of each block are kept: a long page's stray words then do not
        dilute what it is about.
        """
        n = self.n_docs_
        blocks: dict[bool, dict[str, float]] = {False: {}, True: {}}
        split = self.name_share > 0
        for t, tf in terms.items():
            d = self.df_.get(t, 0)
            if d < 2 and n > 1:
                continue
            blocks[split and t.startswith("n:")][t] = tf * (math.log((n + 1) / (d + 1)) + 1.0)
        out: dict[str, float] = {}
        for is_name, vec in blocks.items():
            if not vec:
                continue
            if self.doc_terms and len(vec) > self.doc_terms:
                vec = dict(heapq.nlargest(self.doc_terms, vec.items(), key=lambda kv: kv[1]))
            share = 1.0 if not split else (self.name_share if is_name else 1.0 - self.name_share)
            norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
            scale = math.sqrt(share) / norm
            out.update((t, w * scale) for t, w in vec.items())
        return out

    def _date_factor(self, a: _Group, b: _Group) -> float:
        if a.first is None or b.first is None:
            return 1.0
        gap = max(b.first - a.last, a.first - b.last, 0)
        if gap <= self.date_grace_days:
            return 1.0
        return math.exp(-(gap - self.date_grace_days) / self.date_scale_days)

    def _link(self, a: _Group, b: _Group) -> float:
        s = _dot(a.vec, b.vec) / (a.n * b.n) * self._date_factor(a, b)
        if self.cohesion:
            for g in (a, b):
                if g.n >= 2 and s < self.cohesion * (g.sq - g.n) / (g.n * (g.n - 1)):
                    return 0.0
        if self.name_gate and s >= self.threshold:
            names = _name_cos(a.vec, b.vec)
            if names is not None and names < self.name_gate:
                s *= self.name_penalty
        return s

    # -- clustering ----------------------------------------------------------------

    def fit_predict(self, articles: Sequence[Article]) -> list[str]:
        """Batch: forget any state, then cluster ``articles`` together."""
        self.df_, self.n_docs_, self.events_ = {}, 0, {}
        return self.partial_fit(articles)

    def partial_fit(self, articles: Sequence[Article]) -> list[str]:
        """Assign each article to an existing or a new event; return event ids.

        Existing events may grow but are never merged with each other, so
        the ids a reader has seen stay valid.
        """
        terms = [
            article_terms(
                a,
                name_weight=self.name_weight,
                title_weight=self.title_weight,
                lead_words=self.lead_words,
                lead_weight=self.lead_weight,
                bigram_weight=self.bigram_weight,
                number_weight=self.number_weight,
            )
            for a in articles
        ]
        self._update_df(terms)
        groups: list[_Group] = []
        for key, ev in self.events_.items():
            groups.append(_Group(key, dict(ev["vec"]), ev["n"], ev["first"], ev["last"], [], True))
        n_old = len(groups)
        for a, t in zip(articles, terms):
            d = _day(a.published)
            groups.append(_Group(None, self._vector(t), 1, d, d, [a.id], False))
        self._agglomerate(groups, n_old)
        labels: dict[str, str] = {}
        for g in groups:
            if g.n == 0:
                continue  # merged away
            if not g.members and g.old:
                continue
            key = g.key or event_id(g.members)
            for m in g.members:
                labels[m] = key
            self.events_[key] = {
                "vec": _truncate(g.vec, self.keep_terms),
                "n": g.n,
                "first": g.first,
                "last": g.last,
            }
        return [labels[a.id] for a in articles]

    def _candidates(self, groups: list[_Group], n_old: int) -> set[tuple[int, int]]:
        """Pairs of groups sharing one of their heaviest terms (inverted index)."""
        postings: dict[str, list[int]] = defaultdict(list)
        pairs: set[tuple[int, int]] = set()
        for i, g in enumerate(groups):
            top = heapq.nlargest(self.index_terms, g.vec.items(), key=lambda kv: kv[1])
            for t, _ in top:
                plist = postings[t]
                if len(plist) >= self.max_postings:
                    continue
                if i >= n_old:
                    for j in plist:
                        pairs.add((j, i))
                plist.append(i)
        return pairs

    def _agglomerate(self, groups: list[_Group], n_old: int) -> None:
        """Average-linkage merging over candidate pairs; old-old merges barred."""
        t = self.threshold
        nbrs: dict[int, set[int]] = defaultdict(set)
        heap: list[tuple[float, int, int]] = []
        for i, j in self._candidates(groups, n_old):
            s = self._link(groups[i], groups[j])
            if s >= t:
                nbrs[i].add(j)
                nbrs[j].add(i)
                heap.append((-s, i, j))
        heapq.heapify(heap)
        alive = [True] * len(groups)
        version = [0] * len(groups)
        stamp: dict[tuple[int, int], int] = {}
        while heap:
            neg, i, j = heapq.heappop(heap)
            if not (alive[i] and alive[j]):
                continue
            if stamp.get((i, j), 0) != version[i] + version[j]:
                continue
            a, b = groups[i], groups[j]
            if a.old and b.old:
                continue
            keep, gone = (i, j) if (a.old or (not b.old and a.n >= b.n)) else (j, i)
            ga, gb = groups[keep], groups[gone]
            _add_into(ga, gb)
            alive[gone] = False
            gb.n = 0
            version[keep] += 1
            near = (nbrs.pop(keep, set()) | nbrs.pop(gone, set())) - {keep, gone}
            for k in near:
                nbrs[k].discard(gone)
                if not alive[k] or (ga.old and groups[k].old):
                    nbrs[k].discard(keep)
                    continue
                s = self._link(ga, groups[k])
                if s >= t:
                    nbrs[keep].add(k)
                    nbrs[k].add(keep)
                    x, y = min(keep, k), max(keep, k)
                    stamp[(x, y)] = version[x] + version[y]
                    heapq.heappush(heap, (-s, x, y))
                else:
                    nbrs[k].discard(keep)

    # -- persistence -----------------------------------------------------------------

    def to_state(self) -> str:
        params = {
            k: getattr(self, k)
            for k in (
                "threshold",
                "name_weight",
                "title_weight",
                "date_grace_days",
                "date_scale_days",
                "index_terms",
                "max_postings",
                "keep_terms",
                "lead_words",
                "lead_weight",
                "bigram_weight",
                "name_share",
                "doc_terms",
                "name_gate",
                "name_penalty",
                "number_weight",
                "cohesion",
            )
        }
        return json.dumps({"params": params, "df": self.df_, "n_docs": self.n_docs_, "events": self.events_})

    @classmethod
    def from_state(cls, state: str) -> "EventClusterer":
        data = json.loads(state)
        c = cls(**data["params"])
        c.df_ = data["df"]
        c.n_docs_ = data["n_docs"]
        c.events_ = data["events"]
        return c


def _name_cos(a: dict[str, float], b: dict[str, float]) -> float | None:
    """Cosine of the name parts of two vectors; None when either names nobody."""
    na = {t: w for t, w in a.items() if t.startswith("n:")}
    nb = {t: w for t, w in b.items() if t.startswith("n:")}
    if not na or not nb:
        return None
    norm = math.sqrt(sum(w * w for w in na.values()) * sum(w * w for w in nb.values()))
    return _dot(na, nb) / norm if norm else None


def _add_into(a: _Group, b: _Group) -> None:
    """Merge group ``b`` into ``a`` (sum vectors, sizes, members, dates)."""
    va = a.vec
    for term, w in b.vec.items():
        va[term] = va.get(term, 0.0) + w
    a.n += b.n
    a.sq = _dot(va, va)
    a.members.extend(b.members)
    if b.first is not None:
        a.first = b.first if a.first is None else min(a.first, b.first)
        a.last = b.last if a.last is None else max(a.last, b.last)


def _truncate(vec: dict[str, float], k: int) -> dict[str, float]:
    """The ``k`` heaviest terms of a summed vector (for compact state)."""
    if len(vec) <= k:
        return dict(vec)
    return dict(heapq.nlargest(k, vec.items(), key=lambda kv: kv[1]))
