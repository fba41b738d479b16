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

import re

from dataclasses import dataclass

import numpy as np

from chorus.analyze.facts import numbers_agree, source_key
from chorus.analyze.sentencebank import SentenceBank, bank_for, quote_without_speaker
from chorus.analyze.textstats import word_count
from chorus.model import Article, Event


@dataclass(frozen=True)
class Weights:
    """How salience is mixed; tuned on one half of the benchmark, checked on the other."""

    position: float = 1.0
    position_decay: float = 1.3  # score = 1 / (rank + 1) ** decay
    centrality: float = 1.0
    support: float = 1.0
    dangling: float = 1.0  # multiplier for sentences opening with a pronoun/connective
    resolve_openers: bool = True  # such a sentence only right after the sentence before it
    redundancy: float = 1.0  # MMR penalty on similarity to what is already chosen
    max_redundancy: float = 0.5  # never add a sentence this similar to a chosen one
    cite_threshold: float = 0.2  # similarity at which another article "says the same thing"
    cite_min_shared: int = 5  # ... provided the two share this many content words
    repeat_threshold: float = 0.12  # a sentence this similar to a chosen one ...
    repeat_shared: int = 5  # ... sharing this many content words (and its numbers) is a repeat
    repeat_lead: int = 3  # (checked among the first sentences of the articles)
    cite_strong: float = 0.35  # similarity at which three shared content words are enough
    main_article: float = 40.0  # sharpness of the preference for the article most central to the event
    lead_words: int = 250  # how much of an article's opening is compared to the other articles
    first_article: float = 0.15  # prior for the event's first article (the first-seen report)


DEFAULT = Weights()
# How fast a source's backing of a headline fades with the place it states it
# (see ``headline_sentence``). Measured as the headline's ROUGE-1 against the
# first sentence of the Multi-News reference summaries: 23.1 / 27.1 (even / odd
# half) with 2, 23.1 / 27.4 with 1, 22.8 / 25.2 counting sources alone (0); 2 keeps
# the outlets' own openings ahead of widely repeated details more firmly.
PROMINENCE_DECAY = 2.0
# The headline must stand alone and say what most sources report: no preference
# for one article, more weight on cross-document support, pronoun openings avoided.
HEADLINE = Weights(main_article=0.0, support=2.0, dangling=0.5)


# Up to this many candidate x sentence similarities are held as a dense array;
# beyond (events of thousands of sentences) as a scipy sparse matrix.
DENSE_MAX = 2_000_000


def _cross_sim(bank: SentenceBank, rows: np.ndarray):
    """Cosine similarity of the sentences ``rows`` to every sentence of the bank: a
    dense array for all but large events, else a sparse matrix (most sentence
    pairs share no content word). Both hold the same values."""
    if len(rows) * len(bank) <= DENSE_MAX:
        return bank.vectors.cross(rows)
    return (bank.matrix[rows] @ bank.matrix.T).tocsr()


def _row(sim, k: int) -> np.ndarray:
    if isinstance(sim, np.ndarray):
        return sim[k]
    return sim[k].toarray().ravel()


def _cols(sim, cols: np.ndarray) -> np.ndarray:
    if isinstance(sim, np.ndarray):
        return sim[:, cols]
    return sim[:, cols].toarray()


def _blocks(bank: SentenceBank) -> np.ndarray:
    """The first row of each article's run of sentences (the bank keeps each
    article's sentences together, in article order)."""
    return np.flatnonzero(np.concatenate(([True], bank.art[1:] != bank.art[:-1]))) if len(bank) \
        else np.zeros(0, dtype=np.int64)


def _support(bank: SentenceBank, rows: np.ndarray, sim) -> np.ndarray:
    """For each row, the mean over other articles of its best match there."""
    n_art = len(bank.articles)
    if n_art < 2 or not len(rows):
        return np.zeros(len(rows))
    best = np.zeros((len(rows), n_art))
    if isinstance(sim, np.ndarray):
        starts = _blocks(bank)
        best[:, bank.art[starts]] = np.maximum.reduceat(sim, starts, axis=1)
    else:
        coo = sim.tocoo()
        np.maximum.at(best, (coo.row, bank.art[coo.col]), coo.data)
    own = bank.art[rows]
    best[np.arange(len(rows)), own] = 0.0
    return best.sum(axis=1) / (n_art - 1)


def _row_norms(v: np.ndarray) -> np.ndarray:
    """``np.linalg.norm(v, axis=1)`` for a real 2-d array: the same operations,
    without the Python-level checks around them."""
    return np.sqrt(np.add.reduce(v * v, axis=1))


def article_centrality(bank: SentenceBank, w: Weights = DEFAULT) -> np.ndarray:
    """How well each article's opening matches the rest of the event (cosine of its
    first ``lead_words`` words of fit sentences to the other articles' full text)."""
    n = len(bank.articles)
    if n < 2:
        return np.ones(n)
    full = bank.vectors.group_sum(bank.art, n)
    # The opening: fit sentences until ``lead_words`` words are reached.
    okw = np.where(bank.ok, bank.nwords, 0)
    before = np.cumsum(okw) - okw  # words of fit sentences before each ...
    before -= before[np.searchsorted(bank.art, bank.art)]  # ... in its article
    in_lead = bank.ok & (before < w.lead_words)
    lead = bank.vectors.group_sum(bank.art, n, in_lead)
    for v in (full, lead):
        norms = _row_norms(v)
        norms[norms == 0] = 1.0
        v /= norms[:, None]
    total = full.sum(axis=0)
    return np.einsum("ij,ij->i", lead, total[None, :] - full)


# Salience parts are worked out for at least this many candidates per article:
# the headline looks at the first few of each article, the summary that follows
# it at up to this many, and both share one computation.
SHARED_CANDIDATES = 40


def _candidate_cap(bank: SentenceBank, max_per_article: int) -> int:
    # Large events: fewer candidates per article keep time and memory bounded.
    return min(max_per_article, max(3, 4000 // max(1, len(bank.articles))))


def _salience_parts(bank: SentenceBank, cap: int):
    """Candidate rows (fit sentences, the first ``cap`` per article), their ranks
    in their article, similarities to every sentence, centrality to the event
    and cross-document support: the parts of salience no weight changes. Each
    candidate's values do not depend on which other rows are candidates, so one
    computation for the larger set serves smaller ones too; it is kept with the
    bank (it depends on nothing else)."""
    memo = bank.derived.get("salience_parts")
    if memo is None or memo[0] < cap:
        big = max(cap, _candidate_cap(bank, SHARED_CANDIDATES))
        memo = (big, _compute_parts(bank, big))
        bank.derived["salience_parts"] = memo
    big, parts = memo
    if big == cap:
        return parts
    rows, ranks, sim, cent, support = parts
    keep = ranks < cap
    sub = sim[keep] if isinstance(sim, np.ndarray) else sim[np.flatnonzero(keep)]
    return rows[keep], ranks[keep], sub, cent[keep], support[keep]


def _compute_parts(bank: SentenceBank, cap: int):
    fit = [a or b for a, b in zip(bank.ok_l, bank.quote_ctx_l)]
    if not any(fit):  # nothing long enough: settle for any full statement with its speaker
        fit = [k and not quote_without_speaker(t) for k, t in zip(bank.statement_l, bank.texts)]
    # Each fit sentence's rank among its article's fit sentences (the bank keeps
    # each article's sentences together, in article order); the first ``cap``.
    rows: list[int] = []
    ranks: list[int] = []
    art, current, rank = bank.art_l, -1, 0
    for i, f in enumerate(fit):
        if f:
            if art[i] != current:
                current, rank = art[i], 0
            if rank < cap:
                rows.append(i)
                ranks.append(rank)
            rank += 1
    rows_a = np.asarray(rows, dtype=np.int64)
    ranks_a = np.asarray(ranks, dtype=np.float64)
    sim = _cross_sim(bank, rows_a)
    if not len(rows_a):
        return rows_a, ranks_a, sim, np.zeros(0), np.zeros(0)
    # Event centroid with each article weighing the same.
    per_art = bank.vectors.group_sum(bank.art, len(bank.articles))
    norms = _row_norms(per_art)
    norms[norms == 0] = 1.0
    centroid = (per_art / norms[:, None]).sum(axis=0)
    nc = np.sqrt(centroid.dot(centroid))  # np.linalg.norm(centroid), without its argument checks
    cent = bank.vectors.dot(rows_a, centroid / nc) if nc else np.zeros(len(rows_a))
    return rows_a, ranks_a, sim, cent, _support(bank, rows_a, sim)


def salience(bank: SentenceBank, w: Weights = DEFAULT, max_per_article: int = 40):
    """Candidate rows (fit sentences, the first ``max_per_article`` per article) and their scores."""
    rows_a, ranks_a, sim, cent, support = _salience_parts(bank, _candidate_cap(bank, max_per_article))
    if not len(rows_a):
        return rows_a, np.zeros(0), sim
    key = ("article_centrality", w.lead_words)
    if key not in bank.derived:
        bank.derived[key] = article_centrality(bank, w)
    ac = bank.derived[key].copy()
    if len(ac) > 1:
        ac[0] += w.first_article
    top = ac.max() if len(ac) else 0.0
    art_w = (np.clip(ac, 0, None) / top) ** w.main_article if top > 0 else np.ones(len(ac))
    score = (w.position * art_w[bank.art[rows_a]] / (ranks_a + 1.0) ** w.position_decay
             + w.centrality * cent
             + w.support * support)
    score = np.where(bank.dangling[rows_a], score * w.dangling, score)
    return rows_a, score, sim


def select(bank: SentenceBank, budget: int, w: Weights = DEFAULT, sal=None) -> list[int]:
    """Greedy MMR selection of bank rows until ``budget`` words are reached.

    ``sal`` is ``salience(bank, w)`` when the caller has it already."""
    rows, score, sim = sal if sal is not None else salience(bank, w)
    if not len(rows):
        return []
    local = _cols(sim, rows)  # candidate x candidate similarity
    if len(rows) <= SMALL_SELECT and np.isfinite(score).all() and np.isfinite(local).all():
        # The inputs of the loop below worked out on lists, then the loop itself.
        rows_l = rows.tolist()
        art, pos, quote_ctx, dangling = bank.art_l, bank.pos_l, bank.quote_ctx_l, bank.dangling_l
        needs = [r - 1 if quote_ctx[r] or (w.resolve_openers and dangling[r] and r > 0 and art[r - 1] == art[r]
                                          and pos[r] > 0) else -1 for r in rows_l]
        return _select_small(bank, budget, w, rows_l, score.tolist(), local.T.tolist(), needs,
                             [art[r] for r in rows_l], [pos[r] < w.repeat_lead for r in rows_l],
                             len(bank.articles) > 1)
    chosen: list[int] = []
    maxsim = np.zeros(len(rows))
    alive = np.ones(len(rows), dtype=bool)
    # A quotation that needs its speaker's sentence waits until that one is chosen.
    # ... and so does a sentence opening with a pronoun or connective, when the
    # sentence before it in its article could resolve it.
    has_prev = (rows > 0) & (bank.art[np.maximum(rows - 1, 0)] == bank.art[rows]) & (bank.pos[rows] > 0)
    wait = bank.quote_ctx[rows] | (w.resolve_openers & bank.dangling[rows] & has_prev)
    needs = np.where(wait, rows - 1, -1)
    picked = np.zeros(len(bank), dtype=bool)
    no_need = needs < 0
    need_at = np.maximum(needs, 0)
    art_r = bank.art[rows]
    lead_r = bank.pos[rows] < w.repeat_lead
    several = len(bank.articles) > 1
    to_k = np.ascontiguousarray(local.T)  # to_k[k]: each candidate's similarity to candidate k
    words = 0
    while words < budget and alive.any():
        ready = alive & (no_need | picked[need_at])
        if not ready.any():
            break
        val = np.where(ready, score - w.redundancy * maxsim, -np.inf)
        k = int(np.argmax(val))
        chosen.append(k)
        picked[rows[k]] = True
        alive[k] = False
        # What any article states the same way is a repeat, whatever its cosine.
        i = int(rows[k])
        # Within one article, overlap is elaboration; across articles, the openings
        # are where outlets repeat the gist in their own words.
        if several and bank.pos[i] < w.repeat_lead:
            terms_i = set(bank.terms[i])
            other = (art_r != bank.art[i]) & lead_r
            for c in np.flatnonzero(alive & other & (to_k[k] >= w.repeat_threshold)):
                j = int(rows[c])
                if (len(terms_i.intersection(bank.terms[j])) >= w.repeat_shared
                        and _numbers_agree(bank, i, j)):
                    alive[c] = False
        words += int(bank.nwords[i])
        maxsim = np.maximum(maxsim, to_k[k])
        alive &= maxsim < w.max_redundancy
    return [int(rows[k]) for k in chosen]


# Up to this many candidates, ``select`` runs its loop on Python lists: the same
# arithmetic, without numpy's per-call cost on a handful of values.
SMALL_SELECT = 64


def _select_small(bank: SentenceBank, budget: int, w: Weights, rows: list[int], score: list[float],
                  to_k: list[list[float]], needs: list[int], art_r: list[int], lead_r: list[bool],
                  several: bool) -> list[int]:
    """``select``'s loop, step for step (first best candidate on ties, as argmax)."""
    n = len(rows)
    chosen: list[int] = []
    maxsim = [0.0] * n
    alive = [True] * n
    picked: set[int] = set()
    words = 0
    while words < budget and any(alive):
        k, best = -1, 0.0
        for c in range(n):
            if alive[c] and (needs[c] < 0 or needs[c] in picked):
                v = score[c] - w.redundancy * maxsim[c]
                if k < 0 or v > best:
                    k, best = c, v
        if k < 0:
            break
        chosen.append(k)
        i = rows[k]
        picked.add(i)
        alive[k] = False
        col = to_k[k]
        if several and bank.pos_l[i] < w.repeat_lead:
            terms_i = set(bank.terms[i])
            art_i = art_r[k]
            for c in range(n):
                if alive[c] and art_r[c] != art_i and lead_r[c] and col[c] >= w.repeat_threshold:
                    j = rows[c]
                    if (len(terms_i.intersection(bank.terms[j])) >= w.repeat_shared
                            and _numbers_agree(bank, i, j)):
                        alive[c] = False
        words += bank.nwords_l[i]
        for c in range(n):
            if col[c] > maxsim[c]:
                maxsim[c] = col[c]
            if alive[c] and not maxsim[c] < w.max_redundancy:
                alive[c] = False
    return [rows[k] for k in chosen]


def reading_order(bank: SentenceBank, chosen: list[int]) -> list[int]:
    """Order chosen sentences to read well: by article (in order of each article's
    first pick), then by position inside the article."""
    first: dict[int, int] = {}
    art, pos = bank.art_l, bank.pos_l
    for k, i in enumerate(chosen):
        first.setdefault(art[i], k)
    return sorted(chosen, key=lambda i: (first[art[i]], pos[i]))


def cited_rows(bank: SentenceBank, i: int, sim_row: np.ndarray, w: Weights = DEFAULT) -> list[int]:
    """Bank rows of other articles that state what sentence ``i`` states: in each
    article, the most similar full statement that is similar enough, shares
    enough content words, and gives no other numbers."""
    if len(bank.articles) < 2:
        return []  # no other article
    own = int(bank.art[i])
    cand = np.flatnonzero((sim_row >= w.cite_threshold) & bank.statement & (bank.art != own))
    cand = cand[np.argsort(-sim_row[cand], kind="stable")]
    terms_i = set(bank.terms[i])
    found: dict[int, int] = {}
    for j in cand:
        a = int(bank.art[j])
        if a in found:
            continue
        j = int(j)
        shared = len(terms_i.intersection(bank.terms[j]))
        if _numbers_agree(bank, i, j) and (
                shared >= w.cite_min_shared or (sim_row[j] >= w.cite_strong and shared >= 3)):
            found[a] = j
    return [found[a] for a in sorted(found)]


def citations(bank: SentenceBank, i: int, sim_row: np.ndarray, w: Weights = DEFAULT) -> list[dict]:
    """The sentence itself first, then the sentence of each other article that
    states the same thing (see ``cited_rows``)."""
    return [bank.citation(i)] + [bank.citation(j) for j in cited_rows(bank, i, sim_row, w)]


def _numbers_agree(bank: SentenceBank, i: int, j: int) -> bool:
    return numbers_agree(bank.nums[i], bank.nums[j])


def _sentence(bank: SentenceBank, i: int, w: Weights, sim_row: np.ndarray | None = None) -> dict:
    if sim_row is None:
        sim_row = bank.vectors.cross(np.asarray([i]))[0]
    return {"text": bank.display_text(i), "citations": citations(bank, i, sim_row, w)}


def summarize(articles: list[Article], budget: int, *, w: Weights = DEFAULT,
              bank: SentenceBank | None = None, sal=None) -> list[dict]:
    """Sentences (with citations) of a summary of about ``budget`` words, in reading order."""
    bank = bank or SentenceBank(articles)
    sal = sal if sal is not None else salience(bank, w)
    chosen = select(bank, budget, w, sal)
    where = {r: k for k, r in enumerate(sal[0].tolist())}
    return [_sentence(bank, i, w, _row(sal[2], where[i])) for i in reading_order(bank, chosen)]


def _fit_budget(sents: list[dict], budget: int) -> list[dict]:
    """Whole sentences only, never past ``budget`` words (at least one sentence)."""
    out, n = [], 0
    for s in sents:
        k = word_count(s["text"])
        if out and n + k > budget:
            continue
        out.append(s)
        n += k
    return out


_QUESTION_END = re.compile(r"\?[\s\"'”’)\]]*$")
# Openings that lean on what came before, beyond the pronouns and connectives of
# ``dangling``: an answer ("Not yet, said ..."), a connective after the subject
# ("The timing, however, indicates ..."), one of a series named before ("The first
# starts with ...", "The latter ...").
_LEANS_BACK = re.compile(
    r"^(?:[\"“‘']\s*)?(?:(?:Not yet|Yes|No|Maybe|Probably not|Perhaps not|Not really|Not quite)\b[,.!]"
    r"|(?:[\w'’-]+,?\s+){1,3}?(?:however|though|too|also|meanwhile|instead|nevertheless|therefore)\b,"
    r"|The\s+(?:latter|former|first|second|third|last|other|rest)\s+(?:is|was|are|were|has|had|will|would|"
    r"starts|started|begins|began|came|comes|involves|involved|concerns|concerned|says|said|took|takes)\b)")


def headline_sentence(articles: list[Article], *, w: Weights = HEADLINE, max_words: int = 40,
                      lead_window: int = 3, bank: SentenceBank | None = None,
                      wire_groups: list[list[str]] | None = None) -> dict | None:
    """The one sentence that best gives the gist: among the first few fit sentences
    of each article (at most ``max_words`` words), the one the sources state most
    prominently. Each independent source that states it (copies of one story,
    one agency's stories and one outlet's reports count once) adds 1 / (1 + where it first says it: 0 for its opening
    sentence), so a fact every outlet opens with beats a detail every outlet
    repeats further down; ties go to the most sources, then the most salient."""
    bank = bank or SentenceBank(articles)
    rows, score, sim = salience(bank, w, max_per_article=lead_window)
    rows_l, nwords, pos = rows.tolist(), bank.nwords_l, bank.pos_l
    keep = [k for k, i in enumerate(rows_l) if nwords[i] <= max_words]
    if not keep:
        # Every opening sentence runs over the headline's length (a feature story's long
        # lede): the first fit sentences that are short enough, further down.
        rows, score, sim = salience(bank, w, max_per_article=40)
        rows_l = rows.tolist()
        short = [k for k, i in enumerate(rows_l) if nwords[i] <= max_words]
        firsts: dict[int, list[int]] = {}
        for k in short:
            firsts.setdefault(bank.art_l[rows_l[k]], []).append(k)
        keep = [k for ks in firsts.values() for k in sorted(ks, key=lambda k: pos[rows_l[k]])[:lead_window]]
        if not keep:
            return None
    # A headline stands alone: one that leans on a sentence before it ("Then,
    # near the intersection ...", "It got 11 votes") only when nothing else fits.
    # It also states: a feature's question ("Remember the California couple who
    # found $10 million in gold coins?") asks the reader instead of telling.
    dangling, texts = bank.dangling_l, bank.texts
    keep = [k for k in keep if not dangling[rows_l[k]]] or keep
    keep = [k for k in keep if not _LEANS_BACK.match(texts[rows_l[k]])] or keep
    keep = [k for k in keep if not _QUESTION_END.search(texts[rows_l[k]])] or keep
    score_l = score.tolist()
    source_of = source_key(wire_groups, articles)
    best = None
    for k in keep:
        i = rows_l[k]
        cited = [i] + cited_rows(bank, i, _row(sim, k), w)
        # How prominently the sources state it: each independent source (a wire
        # group counts once) by the earliest place one of its articles says it.
        place: dict[object, int] = {}
        for j in cited:
            src = source_of(bank.article_id(j))
            place[src] = min(place.get(src, 1 << 30), pos[j])
        prominence = sum(1.0 / (p + 1) ** PROMINENCE_DECAY for p in place.values())
        key = (round(prominence, 9), len(place), len(cited), score_l[k])
        if best is None or key > best[0]:
            best = (key, {"text": bank.display_text(i), "citations": [bank.citation(j) for j in cited]})
    return best[1]


def analyze(event: Event, articles: list[Article]) -> dict:
    """Event fields ``summary`` ({"headline", "short", "long"}) and ``title``."""
    bank = bank_for(articles)
    head = headline_sentence(articles, bank=bank, wire_groups=event.wire_groups)
    if head is None:
        return {"summary": None, "title": event.title}
    sal = salience(bank, DEFAULT)
    long = summarize(articles, 250, bank=bank, sal=sal)
    short = summarize(articles, 100, bank=bank, sal=sal)
    result = {"headline": head, "short": _fit_budget(short, 100), "long": _fit_budget(long, 250)}
    return {"summary": result, "title": _event_title(head, articles)}


def _event_title(head: dict, articles: list[Article]) -> str:
    """A short name for the event: the headline article's own title, as its editor wrote it.

    The headline sentence is the gist; in lists of events a reader scans
    titles, so the title of the article that states that gist is used, and
    the sentence itself only when that article has no title.
    """
    first = head["citations"][0]["article"] if head.get("citations") else None
    for a in articles:
        if a.id == first and a.title and a.title.strip():
            return a.title.strip()
    return head["text"]
