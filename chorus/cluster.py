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

Average linkage counts pairs never compared as zero, so an article telling
the story from another angle can stay alone although it resembles the event
as a whole; a second pass attaches such lone articles to the group they
clearly resemble most (exact mean cosine, well ahead of the runner-up and
of the collection at large).

An event is kept between runs as the *sum* of its members' unit vectors,
its size, its inner similarity and its date range: the mean cosine between
a new article ``x`` and the event is ``x . sum / n``. New articles join
existing events by the same rule as in batch, without recomputing the rest
(the batch run is the incremental run with no events yet).
"""

from __future__ import annotations

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
    "min_shared", "off_topic_share", "attach_threshold", "attach_margin", "attach_size",
    "attach_background",
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
    ``from_state()``. Learned state: ``df_ids_``/``df_counts_`` (document
    frequencies),
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
        off_topic_share: float = 0.5,
        attach_threshold: float = 0.06,
        attach_margin: float = 2.0,
        attach_size: int = 1,
        attach_background: float = 6.0,
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
        self.off_topic_share = off_topic_share
        self.attach_threshold = attach_threshold
        self.attach_margin = attach_margin
        self.attach_size = attach_size
        self.attach_background = attach_background
        self.df_ids_ = np.zeros(0, dtype=np.int64)  # sorted term ids
        self.df_counts_ = np.zeros(0, dtype=np.int64)  # documents per term id
        self.n_docs_ = 0
        self.events_: dict[str, dict[str, Any]] = {}

    def term_params(self) -> dict[str, float]:
        """Keyword arguments for :func:`chorus.features.term_vector`."""
        return {"name_weight": self.name_weight, "title_weight": self.title_weight,
                "bigram_weight": self.bigram_weight}

    # -- verbs ---------------------------------------------------------------------

    def fit_predict(
        self, articles: Sequence[Article], *, terms: list[tuple[np.ndarray, np.ndarray]] | None = None
    ) -> list[str]:
        """Batch: forget any state, then cluster ``articles`` together (``terms`` as
        for ``partial_fit``)."""
        self.df_ids_ = np.zeros(0, dtype=np.int64)
        self.df_counts_ = np.zeros(0, dtype=np.int64)
        self.n_docs_, self.events_ = 0, {}
        return self.partial_fit(articles, terms=terms)

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
        if self.attach_threshold:
            owner = self._attach(owner, nodes, x, e, n_old=len(old_keys))
        return self._commit(articles, owner, nodes, x_full, e, old_keys, days, uniq)

    def fit_one(
        self, articles: Sequence[Article], *, off_topic: float | None = None
    ) -> tuple[str | None, list[dict[str, str]]]:
        """Make ``articles`` one event; return its id and the articles that do not belong.

        The caller says the articles tell one story. The largest group the
        clusterer finds among them is the story; an article whose mean
        similarity to that group stays below ``off_topic`` (half the merge
        threshold by default), or below ``off_topic_share`` of the mean
        similarity inside the group, is flagged ``{"article", "reason"}``
        and left out. The event joins the learned state like any other.
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
        own = np.asarray(x.multiply(x).sum(axis=1)).ravel()
        dots = x @ total
        means = np.array([
            (dots[i] - (own[i] if i in in_core else 0.0)) / max(1, len(core) - (1 if i in in_core else 0))
            for i in range(len(articles))
        ])
        # Relative as well as absolute: far below what the core's own members
        # share with each other is off-topic even when above the fixed floor.
        if len(core) >= 2:
            limit = max(limit, self.off_topic_share * float(np.median(means[core])))
        flagged: list[dict[str, str]] = []
        for i in range(len(articles)):
            if len(core) - (1 if i in in_core else 0) < 1:
                continue
            mean = float(means[i])
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
        if len(nz) > self.keep_terms:
            nz = nz[np.argpartition(-total[nz], self.keep_terms - 1)[: self.keep_terms]]
        gram = sub @ sub.T
        inner = (float(gram.sum()) - float(gram.diagonal().sum())) / 2
        dated = [d for d in (_day(articles[i].published) for i in core) if d is not None]
        self.events_[key] = {"terms": uniq[nz].tolist(), "weights": total[nz].tolist(), "n": len(core),
                             "inner": inner,
                             "first": min(dated, default=None), "last": max(dated, default=None)}
        return key, flagged

    # -- steps -----------------------------------------------------------------------

    def _update_df(self, uniq: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Add this batch's document counts; return the updated df of each ``uniq`` term.

        Document frequencies live in two sorted arrays (term ids, counts), so
        merging a batch of a million terms is a few vectorised steps.
        """
        ids, cnt = self.df_ids_, self.df_counts_
        pos = np.searchsorted(ids, uniq)
        pos_c = np.minimum(pos, max(len(ids) - 1, 0))
        known = (pos < len(ids)) & (ids[pos_c] == uniq) if len(ids) else np.zeros(len(uniq), bool)
        cnt = cnt.copy()
        cnt[pos[known]] += counts[known]
        new_ids, new_cnt = uniq[~known], counts[~known]
        if len(new_ids):
            ids = np.concatenate([ids, new_ids])
            cnt = np.concatenate([cnt, new_cnt])
            order = np.argsort(ids, kind="stable")
            ids, cnt = ids[order], cnt[order]
        self.df_ids_, self.df_counts_ = ids, cnt
        return cnt[np.searchsorted(ids, uniq)].astype(np.float64)

    def _doc_matrix(self, terms: list[tuple[np.ndarray, np.ndarray]]):
        """Unit TF-IDF rows over local columns, and the term id of each column.

        Document frequencies are updated first; terms seen in one document
        only carry no link and are dropped.
        """
        from scipy.sparse import csr_matrix

        lengths = np.array([len(ids) for ids, _ in terms], dtype=np.int64)
        ids = np.concatenate([t[0] for t in terms]) if terms else np.zeros(0, np.int64)
        tf = np.concatenate([t[1] for t in terms]) if terms else np.zeros(0)
        uniq, inverse, counts = _unique_inverse(ids)
        dfs = self._update_df(uniq, counts)
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
        scale = 1.0 / norms
        return _scale_rows(x, scale), uniq, _scale_rows(full_m, scale)

    def _event_matrix(self, keys: list[str], uniq: np.ndarray):
        """Old events' sum vectors over the columns of ``uniq`` (extended as needed)."""
        from scipy.sparse import csr_matrix

        if not keys:
            return csr_matrix((0, max(1, len(uniq)))), uniq
        evs = [self.events_[k] for k in keys]
        lengths = np.array([len(ev["terms"]) for ev in evs], dtype=np.int64)
        t_all = np.concatenate([np.asarray(ev["terms"], dtype=np.int64) for ev in evs])
        w_all = np.concatenate([np.asarray(ev["weights"], dtype=np.float64) for ev in evs])
        # uniq is sorted (np.unique): known terms by binary search, the rest appended.
        pos = np.searchsorted(uniq, t_all)
        pos_c = np.minimum(pos, max(len(uniq) - 1, 0))
        found = (uniq[pos_c] == t_all) if len(uniq) else np.zeros(len(t_all), bool)
        extra = np.unique(t_all[~found])
        cols = np.where(found, pos_c, len(uniq) + np.searchsorted(extra, t_all))
        uniq = np.concatenate([uniq, extra])
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        e = csr_matrix((w_all, cols, indptr), shape=(len(keys), max(1, len(uniq))))
        return e, uniq

    def _graph(self, x, e, old_keys, days, is_name):
        """Nodes (old events, then new articles) and candidate edges with totals."""
        n_old = len(old_keys)
        nodes = [Node(n=self.events_[k]["n"], inner=self.events_[k].get("inner", 0.0), frozen=True,
                      first=self.events_[k]["first"], last=self.events_[k]["last"]) for k in old_keys]
        nodes += [Node(n=1, first=d, last=d) for d in days]
        first = [self.events_[k]["first"] for k in old_keys] + days
        last = [self.events_[k]["last"] for k in old_keys] + days
        pa, pb = self._candidates(x, e)
        if not len(pa):
            return nodes, {}
        # Row a of the stacked matrix is an old event (a < n_old) or a new article.
        from scipy.sparse import vstack

        m = vstack([e, x]).tocsr()
        m.sort_indices()  # canonical rows: scipy's elementwise product is then O(nnz), not O(columns) per call
        names = m.multiply(is_name[None, :].astype(np.float64)).tocsr()
        names.sort_indices()
        # Name similarity: cosine of the name parts (normalised separately, once).
        names = _normalise(names)
        sims = np.empty(len(pa))
        nsims = np.empty(len(pa))
        # In blocks: each pair materialises two rows, so memory stays bounded.
        for lo in range(0, len(pa), 20000):
            a_, b_ = pa[lo : lo + 20000], pb[lo : lo + 20000]
            sims[lo : lo + len(a_)] = np.asarray(m[a_].multiply(m[b_]).sum(axis=1)).ravel()
            nsims[lo : lo + len(a_)] = np.asarray(names[a_].multiply(names[b_]).sum(axis=1)).ravel()
        nan = float("nan")
        f_arr = np.array([nan if v is None else v for v in first], dtype=np.float64)
        l_arr = np.array([nan if v is None else v for v in last], dtype=np.float64)
        gap = np.maximum(np.maximum(f_arr[pb] - l_arr[pa], f_arr[pa] - l_arr[pb]), 0.0)
        factor = np.where(
            np.isnan(gap) | (gap <= self.date_grace_days),
            1.0,
            np.exp(-(np.nan_to_num(gap) - self.date_grace_days) / self.date_scale_days),
        )
        sizes = np.array([nd.n for nd in nodes], dtype=np.float64)
        pair_n = sizes[pa] * sizes[pb]
        # For an old event the sum-vector dot already is the total over its members.
        tot = sims * factor * np.where(pa < n_old, 1.0, pair_n)
        nm = nsims * pair_n
        edges = dict(zip(zip(pa.tolist(), pb.tolist()), zip(tot.tolist(), nm.tolist())))
        return nodes, edges

    def _candidates(self, x, e) -> tuple[np.ndarray, np.ndarray]:
        """Pairs sharing ``min_shared`` of their ``index_terms`` heaviest terms.

        An inverted index over each row's heaviest terms, as a sparse
        matrix product computed in blocks; terms among the heaviest of more
        than ``max_postings`` rows are not followed. Requiring two shared
        salient terms, not one, keeps chance collisions (a shared surname, a
        shared place) from growing with the collection. Old events are
        paired only with new articles.
        """
        from scipy.sparse import vstack

        m = vstack([e, x]).tocsr()
        if not m.shape[0]:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        top = _top_terms(m, self.index_terms)
        postings = np.asarray(top.sum(axis=0)).ravel()
        top = top[:, np.flatnonzero(postings <= self.max_postings)].tocsr()
        n_old = e.shape[0]
        top_t = top.T.tocsr()
        out_a, out_b = [], []
        for lo in range(n_old, m.shape[0], 5000):
            hi = min(m.shape[0], lo + 5000)
            shared = (top[lo:hi] @ top_t).tocoo()  # block rows: new articles
            a = shared.row.astype(np.int64) + lo
            b = shared.col.astype(np.int64)
            keep = (shared.data >= self.min_shared) & (b < a)  # each pair once; old events only as b
            out_a.append(b[keep])
            out_b.append(a[keep])
        if not out_a:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        pa, pb = np.concatenate(out_a), np.concatenate(out_b)
        order = np.lexsort((pb, pa))
        return pa[order], pb[order]

    def _attach(self, owner, nodes, x, e, *, n_old: int) -> list[int]:
        """Second pass: a small new group joins the group it clearly resembles most.

        Missing pairs count as zero in the agglomeration, and an article
        telling the story from another angle (background, reaction, a video
        page) often shares too few salient terms with each member to be
        compared with all of them. Here every new group of at most
        ``attach_size`` articles is compared exactly (mean cosine over all
        member pairs, through the groups' sum vectors cut to their
        ``keep_terms`` heaviest terms as events are kept, faded by the date
        gap) with the groups sharing one of its heaviest terms; it joins the
        best one when that mean reaches ``attach_threshold``, is at least
        ``attach_margin`` times the runner-up's, so an article halfway
        between two stories stays alone, and at least ``attach_background``
        times the group's mean cosine to every article outside the two
        (exact, through one sum over all groups): groups that share none of
        the heaviest terms are never candidates, so a story that shares only
        a town's name with one event and everyday words with all the rest
        would otherwise have no runner-up at all. Groups are those of the
        agglomeration, before any attachment.
        """
        from scipy.sparse import csr_matrix, vstack

        roots = sorted(set(owner))
        if len(roots) < 2:
            return owner
        row_of = {r: k for k, r in enumerate(roots)}
        member = csr_matrix((np.ones(len(owner)), ([row_of[o] for o in owner], np.arange(len(owner)))),
                            shape=(len(roots), len(owner)))
        sums = (member @ vstack([e, x]).tocsr()).tocsr()
        small = np.array([k for k, r in enumerate(roots)
                          if r >= n_old and not nodes[r].frozen and nodes[r].n <= self.attach_size], dtype=np.int64)
        if not len(small):
            return owner
        # Candidates: groups sharing one of the small group's heaviest terms.
        top = _top_terms(sums, self.index_terms)
        postings = np.asarray(top.sum(axis=0)).ravel()
        probe = sums.copy()
        probe.data[:] = 1.0
        # Terms in too many groups are not followed (memory stays bounded).
        in_groups = np.asarray(probe.sum(axis=0)).ravel()
        followed = np.flatnonzero((postings <= self.max_postings) & (in_groups <= self.max_postings))
        top_t = top[:, followed].T.tocsr()
        # Pairs where one side's heaviest terms meet any term of the other.
        probe = probe[:, followed].tocsr()
        probe_t = probe.T.tocsr()
        top_f = top[:, followed].tocsr()
        pa_l, pb_l = [], []
        for lo in range(0, len(small), 1000):
            blk = small[lo : lo + 1000]
            shared = ((probe[blk] @ top_t) + (top_f[blk] @ probe_t)).tocoo()
            a = blk[shared.row]
            b = shared.col.astype(np.int64)
            keep = a != b
            pa_l.append(a[keep])
            pb_l.append(b[keep])
        pa, pb = np.concatenate(pa_l), np.concatenate(pb_l)
        if not len(pa):
            return owner
        # Each group by its ``keep_terms`` heaviest terms, as events are kept.
        heavy = _heaviest(sums, self.keep_terms)
        sims = np.empty(len(pa))
        for lo in range(0, len(pa), 5000):
            a_, b_ = pa[lo : lo + 5000], pb[lo : lo + 5000]
            sims[lo : lo + len(a_)] = np.asarray(heavy[a_].multiply(heavy[b_]).sum(axis=1)).ravel()
        sizes = np.array([nodes[r].n for r in roots], dtype=np.float64)
        raw = sims.copy()  # summed pair cosines, before the mean and the date fade
        sims /= sizes[pa] * sizes[pb]
        nan = float("nan")
        first = np.array([nan if nodes[r].first is None else nodes[r].first for r in roots], dtype=np.float64)
        last = np.array([nan if nodes[r].last is None else nodes[r].last for r in roots], dtype=np.float64)
        gap = np.maximum(np.maximum(first[pb] - last[pa], first[pa] - last[pb]), 0.0)
        sims *= np.where(np.isnan(gap) | (gap <= self.date_grace_days), 1.0,
                         np.exp(-(np.nan_to_num(gap) - self.date_grace_days) / self.date_scale_days))
        # Each group's summed cosine to every article outside it: the background
        # a target must stand out from (groups sharing none of the heaviest
        # terms are never candidates, so the runner-up alone can be missing).
        total = np.asarray(heavy.sum(axis=0)).ravel()
        to_all = heavy @ total - np.asarray(heavy.multiply(heavy).sum(axis=1)).ravel()
        n_all = float(sizes.sum())
        # Best and runner-up per small group.
        order = np.lexsort((-sims, pa))
        pa, pb, sims, raw = pa[order], pb[order], sims[order], raw[order]
        starts = np.flatnonzero(np.r_[True, pa[1:] != pa[:-1]])
        target: dict[int, int] = {}
        for st, en in zip(starts, np.r_[starts[1:], len(pa)]):
            best = sims[st]
            second = sims[st + 1] if en - st > 1 else 0.0
            a, b = pa[st], pb[st]
            rest = n_all - sizes[a] - sizes[b]
            background = (to_all[a] - raw[st]) / (sizes[a] * rest) if rest > 0 else 0.0
            if (best >= self.attach_threshold and best >= self.attach_margin * max(second, 0.0)
                    and best >= self.attach_background * max(background, 0.0)):
                target[roots[a]] = roots[b]
        return [target.get(o, o) for o in owner]

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
            cols_k, vals = sums.indices[lo:hi], sums.data[lo:hi]
            if len(vals) > self.keep_terms:  # the heaviest terms, for a compact state
                sel = np.argpartition(-vals, self.keep_terms - 1)[: self.keep_terms]
                cols_k, vals = cols_k[sel], vals[sel]
            dated = [d for d in (days[i - n_old] for i in group) if d is not None]
            prev = self.events_.get(key, {})
            firsts = [v for v in (prev.get("first"), min(dated, default=None)) if v is not None]
            lasts = [v for v in (prev.get("last"), max(dated, default=None)) if v is not None]
            self.events_[key] = {
                "terms": uniq[cols_k].tolist(),
                "weights": vals.tolist(),
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
        return json.dumps({
            "params": params,
            "df_ids": self.df_ids_.tolist(),
            "df_counts": self.df_counts_.tolist(),
            "n_docs": self.n_docs_,
            "events": self.events_,
        })

    @classmethod
    def from_state(cls, state: str) -> "EventClusterer":
        data = json.loads(state)
        c = cls(**{k: v for k, v in data["params"].items() if k in _PARAMS})
        c.df_ids_ = np.array(data["df_ids"], dtype=np.int64)
        c.df_counts_ = np.array(data["df_counts"], dtype=np.int64)
        c.n_docs_ = data["n_docs"]
        c.events_ = data["events"]
        return c


def _heaviest(m, k: int):
    """``m`` with each row cut to its ``k`` largest entries."""
    from scipy.sparse import csr_matrix

    m = m.tocsr()
    lengths = np.diff(m.indptr)
    if not len(lengths) or lengths.max() <= k:
        return m
    keep = np.ones(m.nnz, dtype=bool)
    for r in np.flatnonzero(lengths > k):
        lo, hi = m.indptr[r], m.indptr[r + 1]
        drop = np.argpartition(-m.data[lo:hi], k - 1)[k:]
        keep[lo + drop] = False
    rows = np.repeat(np.arange(m.shape[0]), lengths)[keep]
    return csr_matrix((m.data[keep], (rows, m.indices[keep])), shape=m.shape)


def _unique_inverse(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(ids, return_inverse=True, return_counts=True)``, with numpy's faster stable argsort."""
    if not len(ids):
        return ids[:0], np.zeros(0, np.int64), np.zeros(0, np.int64)
    order = np.argsort(ids, kind="stable")
    srt = ids[order]
    first = np.empty(len(ids), dtype=bool)
    first[0] = True
    np.not_equal(srt[1:], srt[:-1], out=first[1:])
    rank = np.cumsum(first) - 1
    inverse = np.empty(len(ids), dtype=np.int64)
    inverse[order] = rank
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, len(ids)))
    return srt[starts], inverse, counts


def _normalise(m):
    """Rows scaled to unit length (empty rows stay empty)."""
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return _scale_rows(m, 1.0 / norms)


def _scale_rows(m, scale: np.ndarray):
    """``diags(scale) @ m`` without the general sparse product, entry for entry.

    Same values, same zeros dropped and the same (reversed) order of each
    row's entries as scipy's product gives, so later sums add in the same
    order; a vectorised pass instead of a matrix product.
    """
    from scipy.sparse import csr_matrix

    m = m.tocsr()
    lengths = np.diff(m.indptr)
    # int32 while hi + lo cannot overflow: half the temporary memory.
    itype = np.int32 if 2 * m.nnz < 2**31 else np.int64
    indptr = m.indptr.astype(itype, copy=False)
    rows = np.repeat(np.arange(m.shape[0], dtype=itype), lengths)
    # Within each row, position k of [lo, hi) takes entry hi - 1 - (k - lo).
    src = indptr[rows] + indptr[rows + 1]
    src -= 1
    src -= np.arange(m.nnz, dtype=itype)
    data = m.data[src]
    data *= scale[rows]
    keep = data != 0
    if keep.all():
        return csr_matrix((data, m.indices[src], m.indptr.copy()), shape=m.shape)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[keep], minlength=m.shape[0]))])
    return csr_matrix((data[keep], m.indices[src][keep], indptr), shape=m.shape)


def _terms_block(articles: list[Article], params: dict) -> list:
    """``term_vector`` of each article, as an engine runs it."""
    return [term_vector(a, **params) for a in articles]


TERMS_BLOCK = 200  # articles per item when an engine computes term vectors


def update_events(store: Any, new_ids: list[str], *, one_event: bool = False, settings: Any = None,
                  engine: Any = None) -> list[str]:
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
        terms = None
        if engine is not None:  # the map: term vectors, a block of articles per item
            from functools import partial

            fn = partial(_terms_block, params=clusterer.term_params())
            blocks = [articles[k:k + TERMS_BLOCK] for k in range(0, len(articles), TERMS_BLOCK)]
            terms = [t for block in engine.map(fn, blocks) for t in block]
        for a, key in zip(articles, clusterer.partial_fit(articles, terms=terms)):
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


def _top_terms(m, k: int):
    """A 0/1 matrix marking each row's ``k`` heaviest terms (all of them in shorter rows).

    Candidate pairs are rows sharing a marked term, which keeps the pairing
    near-linear in the collection.
    """
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for r in range(m.shape[0]):
        lo, hi = m.indptr[r], m.indptr[r + 1]
        c, v = m.indices[lo:hi], m.data[lo:hi]
        if len(c) > k:
            c = c[np.argpartition(-v, k - 1)[:k]]
        rows.append(np.full(len(c), r, dtype=np.int64))
        cols.append(c.astype(np.int64))
    r_all, c_all = np.concatenate(rows), np.concatenate(cols)
    return csr_matrix((np.ones(len(r_all), dtype=np.float32), (r_all, c_all)), shape=m.shape)
