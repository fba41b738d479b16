"""Word-level text statistics shared by the analyzers.

Tokenising, a light English stemmer, a stop-word list and sparse TF-IDF
sentence vectors. Everything here is plain Python plus numpy/scipy so that the
default install needs nothing heavier, and so that summarising a large event
stays well under a second.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")

STOPWORDS = frozenset(
    """
    a about above after again against all almost also although am among an and another any anyone
    anything are aren't around as at be became because been before being below between both but by
    can cannot could couldn't did didn't do does doesn't doing don't done down during each either
    else enough etc even ever every few for from further had hadn't has hasn't have haven't having
    he he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll
    i'm i've if in into is isn't it it's its itself just last least less let's like made make many
    may me might more most much must mustn't my myself neither no nor not now of off often on once
    one only or other others otherwise ought our ours ourselves out over own per perhaps quite
    rather re really same say says said shall shan't she she'd she'll she's should shouldn't since
    so some still such than that that's the their theirs them themselves then there there's these
    they they'd they'll they're they've this those though through thus to too under until up upon
    us very via was wasn't we we'd we'll we're we've were weren't what what's when when's where
    where's whether which while who who's whom whose why why's will with within without won't would
    wouldn't yet you you'd you'll you're you've your yours yourself yourselves mr mrs ms told
    according get got go going new year years time week day
    """.split()
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` (letters/digits, inner apostrophes kept)."""
    if "İ" in text or "Σ" in text:
        # The only characters whose lower case is longer, or depends on the
        # characters around them: tokenise first, then lower each token.
        return [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    # Lower-casing any other character keeps it one character, and a letter or
    # digit stays one: the same tokens, lower-cased, found in one pass.
    found = _WORD.findall(text.lower())
    return [w.replace("’", "'") for w in found] if "’" in text else found


def word_count(text: str) -> int:
    """Number of whitespace-separated words, the unit summary budgets are counted in."""
    return len(text.split())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light, fast suffix stemmer for English (plural, -ing, -ed, -ly, possessive).

    It conflates the common inflections that matter for matching sentences
    ("talks"/"talk", "withdrawing"/"withdraw") without the cost of a full
    Porter stemmer.
    """
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or w.isdigit():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suf in ("ingly", "edly", "ing", "ed", "ly"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


@lru_cache(maxsize=200_000)
def _content_stem(word: str) -> str | None:
    """The stem of a lower-cased word, or None for a stop word or a 1-letter token."""
    return None if word in STOPWORDS or len(word) <= 1 else stem(word)


def content_terms(text: str) -> list[str]:
    """Stemmed content words of ``text`` (stop words and 1-letter tokens dropped)."""
    return [t for t in map(_content_stem, words(text)) if t is not None]


_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
                      "eighty": "80", "ninety": "90", "hundred": "100", "dozen": "12"})
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.I)


def numbers(text: str) -> set[str]:
    """The numbers written in ``text``, normalised ("30,000" -> "30000", "seven" -> "7").

    Two sentences giving different numbers do not state the same thing, so
    number words count as much as digits. "one" is left out: it is more often
    a pronoun than a count.
    """
    out = {n.replace(",", "") for n in _NUMBER.findall(text)}
    out.update(_NUMBER_WORDS[w.lower()] for w in _NUMBER_WORD.findall(text) if w.lower() not in ("one", "zero"))
    return out


def names(text: str) -> set[str]:
    """Capitalised words that do not open the sentence: a cheap stand-in for names."""
    toks = _WORD.findall(text)
    return {t.lower() for t in toks[1:] if t[:1].isupper() and t.lower() not in STOPWORDS}


class Vectors:
    """Sparse TF-IDF vectors (rows L2-normalised) over a list of term lists.

    ``idf`` is computed over the rows given, or over ``df_docs`` (for example
    one bag of terms per article) when passed, which keeps document frequency
    meaningful when a few articles contribute many sentences.

    The vectors are kept as plain CSR arrays (``data``, ``indices``, ``indptr``;
    each row's terms stored from the highest vocabulary id down) and ``matrix``
    wraps them in a scipy matrix on first use. ``cross``, ``dot`` and
    ``group_sum`` give the products the analyzers need as dense numpy arrays,
    adding the same terms in the same order as scipy's sparse products do, so
    the results are the same to the last bit, without scipy's per-call cost
    (which dominates on the few dozen sentences of a small event).
    """

    def __init__(self, rows: Sequence[Sequence[str]], df_docs: Iterable[Iterable[str]] | None = None,
                 sublinear: bool = True):
        vocab: dict[str, int] = {}
        ids: list[int] = []
        lens: list[int] = []
        for terms in rows:
            # Ids in order of first appearance, row after row.
            ids.extend([vocab.setdefault(t, len(vocab)) for t in terms])
            lens.append(len(terms))
        self.vocab = vocab
        n_rows, n_terms = len(lens), len(vocab)
        self.shape = (n_rows, n_terms)
        # One entry per (row, term), rows in order, terms by id: the layout
        # scipy gives the count matrix once its indices are sorted.
        key = np.repeat(np.arange(n_rows, dtype=np.int64), lens) * max(1, n_terms) + np.asarray(ids, dtype=np.int64)
        key, counts = np.unique(key, return_counts=True)
        row = key // max(1, n_terms)
        col = key - row * max(1, n_terms)
        if sublinear:
            lut = np.asarray([1.0 + math.log(c) if c else 0.0 for c in range(int(counts.max(initial=0)) + 1)])
            tf = lut[counts]
        else:
            tf = counts.astype(np.float64)
        df = np.zeros(n_terms)
        if df_docs is None:
            df = np.bincount(col, minlength=n_terms).astype(np.float64)
            n_docs = len(lens)
        else:
            n_docs = 0
            for doc in df_docs:
                n_docs += 1
                ids_ = [vocab[t] for t in set(doc) if t in vocab]
                if ids_:
                    df[ids_] += 1
        self.idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
        vals = tf * self.idf[col]
        indptr = np.zeros(n_rows + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=n_rows), out=indptr[1:])
        # Row norms: each row's squares summed in term-id order (numpy's reduceat,
        # as scipy's row sum does it).
        sums = np.zeros(n_rows)
        nonempty = np.flatnonzero(np.diff(indptr))
        if len(nonempty):
            sums[nonempty] = np.add.reduceat(vals * vals, indptr[nonempty])
        norms = np.sqrt(sums)
        norms[norms == 0] = 1.0
        # Normalised, each row's terms from the highest id down (the order in
        # which scipy's product with the diagonal of inverse norms leaves them).
        rev = indptr[row] + indptr[row + 1] - 1 - np.arange(len(row))
        self.data = ((1.0 / norms)[row] * vals)[rev]
        self.indices = col[rev]
        self.indptr = indptr
        self.row = row  # the row of each stored entry
        self._matrix = None
        self._postings = None

    @property
    def matrix(self):
        """The vectors as a scipy CSR matrix."""
        if self._matrix is None:
            from scipy.sparse import csr_matrix

            self._matrix = csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)
        return self._matrix

    def _entries(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the stored entries of ``rows`` (in order), and the index
        in ``rows`` of the row each belongs to."""
        rows = np.asarray(rows, dtype=np.int64)
        start = self.indptr[rows]
        cnt = self.indptr[rows + 1] - start
        total = int(cnt.sum())
        local = np.repeat(np.arange(len(rows), dtype=np.int64), cnt)
        pos = np.arange(total, dtype=np.int64) + np.repeat(start - (np.cumsum(cnt) - cnt), cnt)
        return pos, local

    def cross(self, rows: np.ndarray) -> np.ndarray:
        """``(matrix[rows] @ matrix.T).toarray()``: cosine of each of ``rows`` to every row."""
        n = self.shape[0]
        if self._postings is None:  # the transpose: for each term, its rows in order
            order = np.argsort(self.indices, kind="stable")
            ptr = np.zeros(self.shape[1] + 1, dtype=np.int64)
            np.cumsum(np.bincount(self.indices, minlength=self.shape[1]), out=ptr[1:])
            self._postings = (ptr, self.row[order], self.data[order])
        ptr, t_row, t_val = self._postings
        pos, local = self._entries(rows)
        terms = self.indices[pos]
        plen = ptr[terms + 1] - ptr[terms]
        total = int(plen.sum())
        at = np.arange(total, dtype=np.int64) + np.repeat(ptr[terms] - (np.cumsum(plen) - plen), plen)
        # For each pair, the products are added term after term in the order the
        # row stores its terms, starting from zero: as scipy's sparse product does.
        bins = np.repeat(local, plen) * n + t_row[at]
        prod = np.repeat(self.data[pos], plen) * t_val[at]
        return np.bincount(bins, weights=prod, minlength=len(rows) * n).reshape(len(rows), n)

    def dot(self, rows: np.ndarray, vec: np.ndarray) -> np.ndarray:
        """``matrix[rows] @ vec`` for a dense vector ``vec``."""
        pos, local = self._entries(rows)
        return np.bincount(local, weights=self.data[pos] * vec[self.indices[pos]], minlength=len(rows))

    def group_sum(self, group: np.ndarray, n_groups: int, mask: np.ndarray | None = None) -> np.ndarray:
        """Dense ``n_groups`` x terms sums of the rows of each group (``group[i]``
        is row i's group; rows where ``mask`` is false are left out), each sum
        taken row after row as scipy's product with a 0/1 indicator matrix does."""
        n_terms = self.shape[1]
        keep = slice(None) if mask is None else np.asarray(mask, dtype=bool)[self.row]
        bins = np.asarray(group, dtype=np.int64)[self.row[keep]] * n_terms + self.indices[keep]
        return np.bincount(bins, weights=self.data[keep], minlength=n_groups * n_terms).reshape(n_groups, n_terms)

    def similarity(self):
        """Dense cosine-similarity matrix between all rows."""
        return np.asarray((self.matrix @ self.matrix.T).todense())
