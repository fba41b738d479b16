"""Events: articles about the same happening, grouped in batch or incrementally.

Each article becomes a unit TF-IDF vector over its content words, word
pairs, names (capitalised phrases) and title. Groups join when the
*average* cosine similarity between their members (average linkage, see
:mod:`chorus.linkage`) reaches ``threshold``; each pair's similarity is
discounted when the publication dates lie far apart, so two articles about a
recurring topic weeks apart stay two events. Missing dates are no evidence
either way and leave the similarity as is.

Candidates come from an inverted index over each vector's heaviest terms,
so the work grows with the number of articles, not with its square, and
similarities are computed in bulk with sparse matrices.

An event is kept between runs as the *sum* of its members' unit vectors,
its size, its inner similarity and its date range: the mean cosine between
a new article ``x`` and the event is ``x . sum / n``. New articles join
existing events by the same rule as in batch, without recomputing the rest
(the batch run is the incremental run with no events yet).
"""

from __future__ import annotations

import heapq
import json
import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from chorus.features import term_vector
from chorus.linkage import Node, agglomerate
from chorus.model import Article, event_id

STATE_KEY = "cluster"
_PARAMS = (
    "threshold", "name_weight", "title_weight", "bigram_weight", "date_grace_days", "date_scale_days",
    "index_terms", "max_postings", "keep_terms", "name_gate", "name_penalty", "cohesion",
    "min_shared",
)


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


class EventClusterer:
    """Groups articles into events; ``partial_fit`` on a stream, state as JSON.

    Verbs: ``fit_predict(articles) -> event ids`` (batch, from scratch),
    ``partial_fit(articles) -> event ids`` (join existing events or open new
    ones; never merges two existing events), ``to_state()`` /
    ``from_state()``. Learned state: ``df_`` (document frequencies),
    ``n_docs_`` and ``events_`` (per event: summed vector, size, inner
    similarity, first and last day).
    """

    def __init__(
        self,
        threshold: float = 0.14,
        *,
        name_weight: float = 1.0,
        title_weight: float = 2.0,
        bigram_weight: float = 1.0,
        date_grace_days: float = 3.0,
        date_scale_days: float = 7.0,
        index_terms: int = 30,
        max_postings: int = 5000,
        keep_terms: int = 300,
        name_gate: float = 0.1,
        name_penalty: float = 0.7,
        cohesion: float = 0.2,
        min_shared: int = 2,
    ):
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"threshold must be in (0, 1), got {threshold}")
        if index_terms < 1 or keep_terms < 1:
            raise ValueError("index_terms and keep_terms must be positive")
        self.threshold = threshold
        self.name_weight = name_weight
        self.title_weight = title_weight
        self.bigram_weight = bigram_weight
        self.date_grace_days = date_grace_days
        self.date_scale_days = date_scale_days
        self.index_terms = index_terms
        self.max_postings = max_postings
        self.keep_terms = keep_terms
        self.name_gate = name_gate
        self.name_penalty = name_penalty
        self.cohesion = cohesion
        self.min_shared = min_shared
        self.df_: dict[str, int] = {}
        self.n_docs_ = 0
        self.events_: dict[str, dict[str, Any]] = {}

    def term_params(self) -> dict[str, float]:
        """Keyword arguments for :func:`chorus.features.article_terms`."""
        return {"name_weight": self.name_weight, "title_weight": self.title_weight,
                "bigram_weight": self.bigram_weight}

    # -- verbs ---------------------------------------------------------------------

    def fit_predict(self, articles: Sequence[Article]) -> list[str]:
        """Batch: forget any state, then cluster ``articles`` together."""
        self.df_, self.n_docs_, self.events_ = {}, 0, {}
        return self.partial_fit(articles)

    def partial_fit(
        self, articles: Sequence[Article], *, terms: list[tuple[np.ndarray, np.ndarray]] | None = None
    ) -> list[str]:
        """Assign each article to an existing or a new event; return event ids.

        ``terms`` (from :func:`chorus.features.term_vector`, e.g. computed
        on worker processes) saves recomputing them.
        """
        if terms is None:
            params = self.term_params()
            terms = [term_vector(a, **params) for a in articles]
        if not articles:
            return []
        old_keys = list(self.events_)
        x, uniq, x_full = self._doc_matrix(terms)
        e, uniq = self._event_matrix(old_keys, uniq)
        x.resize((x.shape[0], len(uniq)))
        x_full.resize((x.shape[0], len(uniq)))
        is_name = (uniq & 1) == 1
        days = [_day(a.published) for a in articles]
        nodes, edges = self._graph(x, e, old_keys, days, is_name)
        owner = agglomerate(nodes, edges, threshold=self.threshold, name_gate=self.name_gate,
                            name_penalty=self.name_penalty, cohesion=self.cohesion,
                            date_factor=self._date_factor)
        return self._commit(articles, owner, nodes, x_full, e, old_keys, days, uniq)

    def fit_one(
        self, articles: Sequence[Article], *, off_topic: float | None = None
    ) -> tuple[str | None, list[dict[str, str]]]:
        """Make ``articles`` one event; return its id and the articles that do not belong.

        The caller says the articles tell one story; an article whose mean
        similarity to the others stays below ``off_topic`` (half the merge
        threshold by default) is flagged ``{"article", "reason"}`` and left
        out, the least similar first, until every remaining article fits.
        The event joins the learned state like any other.
        """
        if not articles:
            return None, []
        limit = self.threshold / 2 if off_topic is None else off_topic
        params = self.term_params()
        x, uniq, _ = self._doc_matrix([term_vector(a, **params) for a in articles])
        # The story is what the largest group agrees on; the rest must be
        # close enough to it on average to belong.
        from scipy.sparse import csr_matrix

        empty = csr_matrix((0, x.shape[1]))
        days = [_day(a.published) for a in articles]
        nodes, edges = self._graph(x, empty, [], days, (uniq & 1) == 1)
        owner = agglomerate(nodes, edges, threshold=self.threshold, name_gate=self.name_gate,
                            name_penalty=self.name_penalty, cohesion=self.cohesion,
                            date_factor=self._date_factor)
        sizes: dict[int, int] = defaultdict(int)
        for r in owner:
            sizes[r] += 1
        root = max(sizes, key=lambda r: (sizes[r], -r))
        core = [i for i, r in enumerate(owner) if r == root]
        if len(core) < 2:
            core = list(range(len(articles)))
        total = np.asarray(x[core].sum(axis=0)).ravel()
        in_core = set(core)
        flagged: list[dict[str, str]] = []
        for i in range(len(articles)):
            n_other = len(core) - (1 if i in in_core else 0)
            if n_other < 1:
                continue
            own = float(x[i].multiply(x[i]).sum()) if i in in_core else 0.0
            mean = (float((x[i] @ total)[0]) - own) / n_other
            if mean < limit:
                flagged.append({
                    "article": articles[i].id,
                    "reason": f"shares little with the other articles (mean similarity {mean:.2f}, "
                              f"below {limit:.2f})",
                })
        off = {f["article"] for f in flagged}
        core = [i for i in range(len(articles)) if articles[i].id not in off]
        if not core:
            core, flagged = list(range(len(articles))), []
        key = event_id([articles[i].id for i in core])
        sub = x[core]
        total = np.asarray(sub.sum(axis=0)).ravel()
        nz = np.flatnonzero(total)
        vec = {str(int(uniq[c])): float(total[c]) for c in nz}
        gram = sub @ sub.T
        inner = (float(gram.sum()) - float(gram.diagonal().sum())) / 2
        dated = [d for d in (_day(articles[i].published) for i in core) if d is not None]
        self.events_[key] = {"vec": _truncate(vec, self.keep_terms), "n": len(core), "inner": inner,
                             "first": min(dated, default=None), "last": max(dated, default=None)}
        return key, flagged

    # -- steps -----------------------------------------------------------------------

    def _doc_matrix(self, terms: list[tuple[np.ndarray, np.ndarray]]):
        """Unit TF-IDF rows over local columns, and the term id of each column.

        Document frequencies are updated first; terms seen in one document
        only carry no link and are dropped.
        """
        from scipy.sparse import csr_matrix

        lengths = np.array([len(ids) for ids, _ in terms], dtype=np.int64)
        ids = np.concatenate([t[0] for t in terms]) if terms else np.zeros(0, np.int64)
        tf = np.concatenate([t[1] for t in terms]) if terms else np.zeros(0)
        uniq, inverse, counts = np.unique(ids, return_inverse=True, return_counts=True)
        df = self.df_
        dfs = np.empty(len(uniq), dtype=np.float64)
        for k, (t, c) in enumerate(zip(uniq.tolist(), counts.tolist())):
            d = df.get(t, 0) + c
            df[t] = d
            dfs[k] = d
        self.n_docs_ += len(terms)
        n = self.n_docs_
        idf = np.log((n + 1) / (dfs + 1)) + 1.0
        full = tf * idf[inverse]
        weights = full.copy()
        if n > 1:
            weights[dfs[inverse] < 2] = 0.0
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        shape = (len(terms), max(1, len(uniq)))
        cols = inverse.astype(np.int64)
        x = csr_matrix((weights, cols, indptr), shape=shape)
        x.eliminate_zeros()
        # Terms seen once so far link nothing now but may link a later
        # article: events keep them, scaled like the rest of the row.
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        full_m = csr_matrix((full, cols, indptr), shape=shape)
        empty = norms == 0
        if empty.any():
            norms[empty] = np.sqrt(np.asarray(full_m.multiply(full_m).sum(axis=1)).ravel())[empty]
        norms[norms == 0] = 1.0
        from scipy.sparse import diags

        scale = diags(1.0 / norms)
        return (scale @ x).tocsr(), uniq, (scale @ full_m).tocsr()

    def _event_matrix(self, keys: list[str], uniq: np.ndarray):
        """Old events' sum vectors over the columns of ``uniq`` (extended as needed)."""
        from scipy.sparse import csr_matrix

        col = {t: k for k, t in enumerate(uniq.tolist())}
        extra: list[int] = []
        indptr, indices, data = [0], [], []
        for key in keys:
            for t, w in self.events_[key]["vec"].items():
                t = int(t)
                c = col.get(t)
                if c is None:
                    c = col[t] = len(col)
                    extra.append(t)
                indices.append(c)
                data.append(w)
            indptr.append(len(indices))
        if extra:
            uniq = np.concatenate([uniq, np.array(extra, dtype=np.int64)])
        e = csr_matrix((np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), indptr),
                       shape=(len(keys), max(1, len(uniq))))
        return e, uniq

    def _graph(self, x, e, old_keys, days, is_name):
        """Nodes (old events, then new articles) and candidate edges with totals."""
        n_old = len(old_keys)
        nodes = [Node(n=self.events_[k]["n"], inner=self.events_[k].get("inner", 0.0), frozen=True,
                      first=self.events_[k]["first"], last=self.events_[k]["last"]) for k in old_keys]
        nodes += [Node(n=1, first=d, last=d) for d in days]
        first = [self.events_[k]["first"] for k in old_keys] + days
        last = [self.events_[k]["last"] for k in old_keys] + days
        pairs = self._candidates(x, e)
        if not pairs:
            return nodes, {}
        pa = np.array([p[0] for p in pairs], dtype=np.int64)
        pb = np.array([p[1] for p in pairs], dtype=np.int64)
        # Row a of the stacked matrix is an old event (a < n_old) or a new article.
        from scipy.sparse import vstack

        m = vstack([e, x]).tocsr()
        names = m.multiply(is_name[None, :].astype(np.float64)).tocsr()
        sims = np.empty(len(pa))
        nsims = np.empty(len(pa))
        # In blocks: each pair materialises two rows, so memory stays bounded.
        for lo in range(0, len(pa), 20000):
            a_, b_ = pa[lo : lo + 20000], pb[lo : lo + 20000]
            sims[lo : lo + len(a_)] = np.asarray(m[a_].multiply(m[b_]).sum(axis=1)).ravel()
            # Name similarity: cosine of the name parts (normalised separately).
            nsims[lo : lo + len(a_)] = np.asarray(
                _normalise(names[a_]).multiply(_normalise(names[b_])).sum(axis=1)
            ).ravel()
        edges = {}
        for a, b, s, ns in zip(pa.tolist(), pb.tolist(), sims.tolist(), nsims.tolist()):
            f = self._date_factor(first[a], last[a], first[b], last[b])
            na, nb = nodes[a].n, nodes[b].n
            # For an old event the sum-vector dot already is the total over its members.
            scale = 1.0 if a < n_old else na * nb
            tot = s * f * scale
            nm = ns * na * nb
            edges[(a, b)] = (tot, nm)
        return nodes, edges

    def _candidates(self, x, e) -> list[tuple[int, int]]:
        """Pairs sharing ``min_shared`` of their ``index_terms`` heaviest terms.

        An inverted index over each row's heaviest terms; very common terms
        (postings longer than ``max_postings``) are not followed. Requiring
        two shared salient terms, not one, keeps chance collisions (a shared
        surname, a shared place) from growing with the collection.
        """
        n_old = e.shape[0]
        postings: dict[int, list[int]] = defaultdict(list)
        pairs: list[tuple[int, int]] = []
        k = self.index_terms
        for offset, mat, new in ((0, e, False), (n_old, x, True)):
            for r in range(mat.shape[0]):
                lo, hi = mat.indptr[r], mat.indptr[r + 1]
                cols, vals = mat.indices[lo:hi], mat.data[lo:hi]
                if len(cols) > k:
                    cols = cols[np.argpartition(-vals, k - 1)[:k]]
                node = offset + r
                hits: dict[int, int] = defaultdict(int)
                for c in cols.tolist():
                    plist = postings[c]
                    if len(plist) >= self.max_postings:
                        continue
                    if new:
                        for j in plist:
                            hits[j] += 1
                    plist.append(node)
                pairs.extend((j, node) for j, h in hits.items() if h >= self.min_shared)
        pairs.sort()
        return pairs

    def _date_factor(self, f1, l1, f2, l2) -> float:
        if f1 is None or f2 is None:
            return 1.0
        gap = max(f2 - l1, f1 - l2, 0)
        if gap <= self.date_grace_days:
            return 1.0
        return math.exp(-(gap - self.date_grace_days) / self.date_scale_days)

    def _commit(self, articles, owner, nodes, x, e, old_keys, days, uniq) -> list[str]:
        """Name the groups, update ``events_`` and return each article's event id."""
        from scipy.sparse import csr_matrix

        n_old = len(old_keys)
        terms = uniq.tolist()
        roots = sorted({owner[i] for i in range(n_old, len(owner))})
        row_of = {r: k for k, r in enumerate(roots)}
        rows, cols = [], []
        for i in range(len(owner)):
            if owner[i] in row_of:
                rows.append(row_of[owner[i]])
                cols.append(i)
        member = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(roots), len(owner)))
        from scipy.sparse import vstack

        sums = (member @ vstack([e, x]).tocsr()).tocsr()
        ids: dict[int, str] = {}
        for k, r in enumerate(roots):
            group = [i for i in [r] + nodes[r].members if i >= n_old]
            key = old_keys[r] if r < n_old else event_id([articles[i - n_old].id for i in sorted(group)])
            ids[r] = key
            lo, hi = sums.indptr[k], sums.indptr[k + 1]
            vec = dict(zip((str(terms[c]) for c in sums.indices[lo:hi]), sums.data[lo:hi].tolist()))
            dated = [d for d in (days[i - n_old] for i in group) if d is not None]
            prev = self.events_.get(key, {})
            firsts = [v for v in (prev.get("first"), min(dated, default=None)) if v is not None]
            lasts = [v for v in (prev.get("last"), max(dated, default=None)) if v is not None]
            self.events_[key] = {
                "vec": _truncate(vec, self.keep_terms),
                "n": nodes[r].n,
                "inner": nodes[r].inner,
                "first": min(firsts) if firsts else None,
                "last": max(lasts) if lasts else None,
            }
        return [ids[owner[n_old + k]] for k in range(len(articles))]

    # -- persistence -----------------------------------------------------------------

    def to_state(self) -> str:
        """JSON with parameters, document frequencies and events."""
        params = {k: getattr(self, k) for k in _PARAMS}
        return json.dumps({"params": params, "df": self.df_, "n_docs": self.n_docs_, "events": self.events_})

    @classmethod
    def from_state(cls, state: str) -> "EventClusterer":
        data = json.loads(state)
        c = cls(**{k: v for k, v in data["params"].items() if k in _PARAMS})
        c.df_ = {int(k): v for k, v in data["df"].items()}
        c.n_docs_ = data["n_docs"]
        c.events_ = data["events"]
        return c


def _normalise(m):
    """Rows scaled to unit length (empty rows stay empty)."""
    from scipy.sparse import diags

    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (diags(1.0 / norms) @ m).tocsr()


def _truncate(vec: dict[str, float], k: int) -> dict[str, float]:
    """The ``k`` heaviest terms of a summed vector (for compact state)."""
    if len(vec) <= k:
        return dict(vec)
    return dict(heapq.nlargest(k, vec.items(), key=lambda kv: kv[1]))


def update_events(store: Any, new_ids: list[str], *, one_event: bool = False, settings: Any = None) -> list[str]:
    """Put the stored articles ``new_ids`` into events; return the ids of changed events.

    Articles join existing events in the store or open new ones (batch when
    the store has none yet); the clusterer's state is read from and written
    back to the store under ``"cluster"``. With ``one_event`` the articles
    form one new event and those that do not belong are listed in its
    ``off_topic`` instead of being merged silently.
    """
    from chorus.model import Event

    state = store.get_state(STATE_KEY)
    clusterer = EventClusterer.from_state(state) if state else EventClusterer()
    articles = [a for a in store.articles(new_ids) if not a.not_news and not a.duplicate_of]
    order = {aid: k for k, aid in enumerate(new_ids)}
    articles.sort(key=lambda a: order.get(a.id, len(order)))
    if not articles:
        return []
    changed: dict[str, Event] = {}
    if one_event:
        key, flagged = clusterer.fit_one(articles)
        off = {f["article"] for f in flagged}
        assert key is not None
        event = store.get_event(key) or Event(id=key, articles=[])
        event.articles += [a.id for a in articles if a.id not in off and a.id not in event.articles]
        event.off_topic = flagged
        changed[key] = event
    else:
        for a, key in zip(articles, clusterer.partial_fit(articles)):
            event = changed.get(key) or store.get_event(key) or Event(id=key, articles=[])
            if a.id not in event.articles:
                event.articles.append(a.id)
            changed[key] = event
    by_id = {a.id: a for a in articles}
    for event in changed.values():
        dated = sorted(d for d in (getattr(by_id.get(i), "published", None) for i in event.articles) if d)
        if dated:
            event.first_published = min(filter(None, [event.first_published, dated[0]]))
            event.last_published = max(filter(None, [event.last_published, dated[-1]]))
    store.put_events(list(changed.values()))
    store.set_state(STATE_KEY, clusterer.to_state())
    return list(changed)
