"""Extractive, cited summaries of an event: a headline, a short and a long form.

Why extractive: every sentence a reader sees is a real sentence of an article,
so it can be checked against its sources. A sentence's salience combines

* where it stands in its article (news puts the gist first),
* how central it is to the whole event (TF-IDF similarity to the event's
  centroid, each article weighing the same), and
* how many other articles say the same thing (cross-document support),

and selection is greedy with a redundancy penalty (MMR) so nothing is said
twice. Sentences unfit for a summary (boilerplate, captions, quotations
without their speaker, fragments) are never candidates; sentences opening with
an unresolved pronoun or connective are kept only when nothing better exists.
Every chosen sentence cites each article that states the same thing
(see ``chorus.analyze.facts`` for that relation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from chorus.analyze.sentencebank import SentenceBank
from chorus.model import Article, Event


@dataclass(frozen=True)
class Weights:
    """How salience is mixed; tuned on one half of the benchmark, checked on the other."""

    position: float = 1.0
    position_decay: float = 1.0  # score = 1 / (rank + 1) ** decay
    centrality: float = 1.0
    support: float = 1.0
    dangling: float = 1.0  # multiplier for sentences opening with a pronoun/connective
    headline_dangling: float = 0.5  # the same, for the headline, which must stand alone
    redundancy: float = 1.0  # MMR penalty on similarity to what is already chosen
    max_redundancy: float = 0.5  # never add a sentence this similar to a chosen one
    cite_threshold: float = 0.2  # similarity at which another article "says the same thing"
    cite_min_shared: int = 4  # ... provided the two share this many content words
    main_article: float = 20.0  # sharpness of the preference for the article most central to the event
    lead_words: int = 250  # how much of an article's opening is compared to the other articles


DEFAULT = Weights()
# The headline must stand alone and say what most sources report: no preference
# for one article, more weight on cross-document support, pronoun openings avoided.
HEADLINE = Weights(main_article=0.0, support=2.0, dangling=0.5)


def _cross_sim(bank: SentenceBank, rows: np.ndarray) -> np.ndarray:
    """Cosine similarity of the sentences ``rows`` to every sentence of the bank."""
    if not len(rows):
        return np.zeros((0, len(bank)))
    return np.asarray((bank.matrix[rows] @ bank.matrix.T).todense())


def _support(bank: SentenceBank, rows: np.ndarray, sim: np.ndarray) -> np.ndarray:
    """For each row, the mean over other articles of its best match there."""
    n_art = len(bank.articles)
    if n_art < 2 or not len(rows):
        return np.zeros(len(rows))
    best = np.zeros((len(rows), n_art))
    for a in range(n_art):
        cols = np.flatnonzero(bank.art == a)
        if len(cols):
            best[:, a] = sim[:, cols].max(axis=1)
    own = bank.art[rows]
    best[np.arange(len(rows)), own] = 0.0
    return best.sum(axis=1) / (n_art - 1)


def article_centrality(bank: SentenceBank, w: Weights = DEFAULT) -> np.ndarray:
    """How well each article's opening matches the rest of the event (cosine of its
    first ``lead_words`` words of fit sentences to the other articles' full text)."""
    n = len(bank.articles)
    if n < 2:
        return np.ones(n)
    from scipy.sparse import csr_matrix

    m = bank.matrix
    ns = len(bank)
    ones = np.ones(ns)
    full = np.asarray((csr_matrix((ones, (bank.art, np.arange(ns))), shape=(n, ns)) @ m).todense())
    # The opening: fit sentences until ``lead_words`` words are reached.
    okw = np.where(bank.ok, bank.nwords, 0)
    before = np.zeros(ns)
    for a in range(n):
        idx = np.flatnonzero(bank.art == a)
        before[idx] = np.cumsum(okw[idx]) - okw[idx]
    in_lead = bank.ok & (before < w.lead_words)
    lead = np.asarray((csr_matrix((in_lead.astype(float), (bank.art, np.arange(ns))), shape=(n, ns)) @ m)
                      .todense())
    for v in (full, lead):
        norms = np.linalg.norm(v, axis=1)
        norms[norms == 0] = 1.0
        v /= norms[:, None]
    total = full.sum(axis=0)
    return np.einsum("ij,ij->i", lead, total[None, :] - full)


def salience(bank: SentenceBank, w: Weights = DEFAULT, max_per_article: int = 40):
    """Candidate rows (fit sentences, the first ``max_per_article`` per article) and their scores."""
    rows = []
    ranks = []
    counts: dict[int, int] = {}
    for i in np.flatnonzero(bank.ok | bank.quote_ctx):
        a = int(bank.art[i])
        r = counts.get(a, 0)
        if r < max_per_article:
            rows.append(i)
            ranks.append(r)
        counts[a] = r + 1
    rows_a = np.asarray(rows, dtype=np.int64)
    if not len(rows_a):
        return rows_a, np.zeros(0), np.zeros((0, len(bank)))
    ranks_a = np.asarray(ranks, dtype=np.float64)
    sim = _cross_sim(bank, rows_a)
    # Event centroid with each article weighing the same.
    from scipy.sparse import csr_matrix

    m = bank.matrix
    ns = len(bank)
    per_art = np.asarray((csr_matrix((np.ones(ns), (bank.art, np.arange(ns))),
                                     shape=(len(bank.articles), ns)) @ m).todense())
    norms = np.linalg.norm(per_art, axis=1)
    norms[norms == 0] = 1.0
    centroid = (per_art / norms[:, None]).sum(axis=0)
    nc = np.linalg.norm(centroid)
    cent = (m[rows_a] @ (centroid / nc)) if nc else np.zeros(len(rows_a))
    cent = np.asarray(cent).ravel()
    ac = article_centrality(bank, w)
    top = ac.max() if len(ac) else 0.0
    art_w = (np.clip(ac, 0, None) / top) ** w.main_article if top > 0 else np.ones(len(ac))
    score = (w.position * art_w[bank.art[rows_a]] / (ranks_a + 1.0) ** w.position_decay
             + w.centrality * cent
             + w.support * _support(bank, rows_a, sim))
    score = np.where(bank.dangling[rows_a], score * w.dangling, score)
    return rows_a, score, sim


def select(bank: SentenceBank, budget: int, w: Weights = DEFAULT, sal=None) -> list[int]:
    """Greedy MMR selection of bank rows until ``budget`` words are reached.

    ``sal`` is ``salience(bank, w)`` when the caller has it already."""
    rows, score, sim = sal if sal is not None else salience(bank, w)
    if not len(rows):
        return []
    local = sim[:, rows]  # candidate x candidate similarity
    chosen: list[int] = []
    maxsim = np.zeros(len(rows))
    alive = np.ones(len(rows), dtype=bool)
    # A quotation that needs its speaker's sentence waits until that one is chosen.
    needs = np.where(bank.quote_ctx[rows], rows - 1, -1)
    picked = np.zeros(len(bank), dtype=bool)
    words = 0
    while words < budget and alive.any():
        ready = alive & ((needs < 0) | picked[np.maximum(needs, 0)])
        if not ready.any():
            break
        val = np.where(ready, score - w.redundancy * maxsim, -np.inf)
        k = int(np.argmax(val))
        chosen.append(k)
        picked[rows[k]] = True
        alive[k] = False
        words += int(bank.nwords[rows[k]])
        maxsim = np.maximum(maxsim, local[:, k])
        alive &= maxsim < w.max_redundancy
    return [int(rows[k]) for k in chosen]


def reading_order(bank: SentenceBank, chosen: list[int]) -> list[int]:
    """Order chosen sentences to read well: by article (in order of each article's
    first pick), then by position inside the article."""
    first: dict[int, int] = {}
    for k, i in enumerate(chosen):
        first.setdefault(int(bank.art[i]), k)
    return sorted(chosen, key=lambda i: (first[int(bank.art[i])], int(bank.pos[i])))


def citations(bank: SentenceBank, i: int, sim_row: np.ndarray, w: Weights = DEFAULT) -> list[dict]:
    """The sentence itself first, then the best matching sentence of each other
    article that states the same thing."""
    out = [bank.citation(i)]
    own = int(bank.art[i])
    for a in range(len(bank.articles)):
        if a == own:
            continue
        cols = np.flatnonzero((bank.art == a) & bank.statement)
        if not len(cols):
            continue
        for j in cols[np.argsort(-sim_row[cols])[:3]]:
            j = int(j)
            if (sim_row[j] >= w.cite_threshold and _numbers_agree(bank, i, j)
                    and len(set(bank.terms[i]) & set(bank.terms[j])) >= w.cite_min_shared):
                out.append(bank.citation(j))
                break
    return out


def _numbers_agree(bank: SentenceBank, i: int, j: int) -> bool:
    a, b = bank.nums[i], bank.nums[j]
    return not a or not b or bool(a & b)


def _sentence(bank: SentenceBank, i: int, w: Weights) -> dict:
    sim_row = np.asarray((bank.matrix[i] @ bank.matrix.T).todense()).ravel()
    return {"text": bank.texts[i], "citations": citations(bank, i, sim_row, w)}


def summarize(articles: list[Article], budget: int, *, w: Weights = DEFAULT,
              bank: SentenceBank | None = None, sal=None) -> list[dict]:
    """Sentences (with citations) of a summary of about ``budget`` words, in reading order."""
    bank = bank or SentenceBank(articles)
    chosen = select(bank, budget, w, sal)
    return [_sentence(bank, i, w) for i in reading_order(bank, chosen)]


def _fit_budget(sents: list[dict], budget: int) -> list[dict]:
    """Whole sentences only, never past ``budget`` words (at least one sentence)."""
    out, n = [], 0
    for s in sents:
        k = len(s["text"].split())
        if out and n + k > budget:
            continue
        out.append(s)
        n += k
    return out


def headline_sentence(articles: list[Article], *, w: Weights = HEADLINE, max_words: int = 40,
                      lead_window: int = 3, bank: SentenceBank | None = None) -> dict | None:
    """The one sentence that best gives the gist: among the first few fit sentences
    of each article, the most salient one of at most ``max_words`` words."""
    bank = bank or SentenceBank(articles)
    rows, score, _ = salience(bank, w, max_per_article=lead_window)
    keep = bank.nwords[rows] <= max_words if len(rows) else np.zeros(0, dtype=bool)
    if not keep.any():
        return None
    rows, score = rows[keep], score[keep]
    return _sentence(bank, int(rows[int(np.argmax(score))]), w)


def analyze(event: Event, articles: list[Article]) -> dict:
    """Event fields ``summary`` ({"headline", "short", "long"}) and ``title``."""
    bank = SentenceBank(articles)
    head = headline_sentence(articles, bank=bank)
    if head is None:
        return {"summary": None, "title": event.title}
    sal = salience(bank, DEFAULT)
    long = summarize(articles, 250, bank=bank, sal=sal)
    short = summarize(articles, 100, bank=bank, sal=sal)
    result = {"headline": head, "short": _fit_budget(short, 100), "long": _fit_budget(long, 250)}
    return {"summary": result, "title": head["text"]}
