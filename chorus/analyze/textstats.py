"""Word-level text statistics shared by the analyzers.

Tokenising, a light English stemmer, a stop-word list and sparse TF-IDF
sentence vectors. Everything here is plain Python plus numpy/scipy so that the
default install needs nothing heavier, and so that summarising a large event
stays well under a second.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import accumulate, chain
from typing import Iterable, Sequence

import numpy as np

from chorus.language import CJK as _CJK_RUN
from chorus.language import word_count as _word_count

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")  # _WORD on lower-case ASCII text
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
    if text.isascii():
        return _ascii_words(text)
    # News text is mostly ASCII but for typographic quotes and dashes: those
    # (never part of a word; ’ an apostrophe, as in ``_WORD``) are replaced and
    # the ASCII path taken when nothing else remains.
    plain = text
    for mark, by in _TYPOGRAPHIC:
        if mark in plain:
            plain = plain.replace(mark, by)
    if plain.isascii():
        return _ascii_words(plain)
    found = _WORD.findall(text.lower())
    if "’" in text:
        found = [w.replace("’", "'") for w in found]
    return _cjk_bigrams(found) if _CJK_RUN.search(text) else found


# Non-ASCII characters common in news text that ``_WORD`` never takes into a
# word (quotation marks, dashes, ellipsis), and the curly apostrophe it treats
# as "'".
_TYPOGRAPHIC = (("“", " "), ("”", " "), ("’", "'"), ("‘", " "), ("—", " "), ("–", " "), ("…", " "))
# ASCII bytes -> themselves for a-z, 0-9 and "'", the lower case for A-Z, a
# space for anything else (no byte past ASCII is ever looked up).
_TOKEN_BYTES = bytes(c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122 or c == 39) else 32
                     for c in range(256))


def _ascii_words(text: str) -> list[str]:
    """``_ASCII_WORD.findall(text.lower())`` for ASCII ``text``. Every character
    outside [A-Za-z0-9'] only separates words, so it becomes a space and the
    text is split on spaces; a piece holding an apostrophe is left to the
    regex (which never matches across a separator, so pieces can be taken one
    by one)."""
    toks = text.encode("ascii").translate(_TOKEN_BYTES).decode("ascii").split()
    if "'" not in text:
        return toks
    out: list[str] = []
    for t in toks:
        if "'" in t:
            out += _ASCII_WORD.findall(t)
        else:
            out.append(t)
    return out


def word_count(text: str) -> int:
    """Number of words, the unit summary budgets are counted in (``chorus.language.word_count``:
    whitespace-separated words; Chinese and Japanese text one word per two characters)."""
    return _word_count(text)


def _cjk_bigrams(tokens: list[str]) -> list[str]:
    """Tokens with each run of CJK characters replaced by its overlapping character
    pairs (a lone character stays itself): the usual indexing unit for text
    without spaces, with no dictionary of words needed."""
    out: list[str] = []
    for t in tokens:
        if not _CJK_RUN.search(t):
            out.append(t)
            continue
        at = 0
        for m in _CJK_RUN.finditer(t):
            if m.start() > at:
                out.append(t[at:m.start()])
            run = m.group()
            out += [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
            at = m.end()
        if at < len(t):
            out.append(t[at:])
    return out


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light, fast suffix stemmer for English (plural, -ing, -ed, -ly, possessive).

    It conflates the common inflections that matter for matching sentences
    ("talks"/"talk", "withdrawing"/"withdraw") without the cost of a full
    Porter stemmer.
    """
    return _stem(word)


def _stem(word: str) -> str:
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or w.isdigit():
        return w
    if w[-1] == "s":
        if w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "y"
        elif w.endswith("sses"):
            w = w[:-2]
        elif not w.endswith(("ss", "us", "is")):
            w = w[:-1]
    # The first of "ingly", "edly", "ing", "ed", "ly" the word ends with that
    # leaves at least 3 letters is cut off (only "ing" can end in "g", only
    # "ed" in "d"), and then a doubled final consonant other than l, s, z.
    last = w[-1]
    cut = 0
    if last == "g":
        if w.endswith("ing") and len(w) >= 6:
            cut = 3
    elif last == "d":
        if w.endswith("ed") and len(w) >= 5:
            cut = 2
    elif last == "y":
        if w.endswith("ingly") and len(w) >= 8:
            cut = 5
        elif w.endswith("edly") and len(w) >= 7:
            cut = 4
        elif w.endswith("ly") and len(w) >= 5:
            cut = 2
    if cut:
        w = w[:-cut]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    if w[-1] == "e" and len(w) > 4:
        w = w[:-1]
    return w


# Lower-cased word -> its stem, or _SKIP for a stop word or a 1-letter token:
# a word-level cache (a plain dict, emptied when it grows past its bound).
# (_SKIP is the empty string, which no stem is: filtering on truth drops it.)
_SKIP = ""
_CONTENT_STEMS: dict[str, object] = {}
_CONTENT_STEMS_MAX = 200_000


def content_terms(text: str) -> list[str]:
    """Stemmed content words of ``text`` (stop words and 1-letter tokens dropped)."""
    toks = words(text)
    found = list(map(_CONTENT_STEMS.get, toks))
    if None in found:
        if len(_CONTENT_STEMS) > _CONTENT_STEMS_MAX:
            _CONTENT_STEMS.clear()
        for k, w in enumerate(toks):
            if found[k] is None:
                found[k] = _CONTENT_STEMS[w] = _SKIP if w in STOPWORDS or len(w) <= 1 else _stem(w)
    return list(filter(None, found))


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
    for w in _NUMBER_WORD.findall(text):
        # (.get: a case-insensitive match such as "ſix" or "SİX" lower-cases to no number word)
        n = _NUMBER_WORDS.get(w.lower())
        if n is not None and n not in ("1", "0"):
            out.add(n)
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
        if df_docs is None and sublinear and sum(map(len, rows)) <= 20_000:
            self._build_small(rows)
            return
        # One entry per (row, term), rows in order, terms by id (ids in order of
        # first appearance, row after row): the layout of scipy's count matrix
        # once its indices are sorted.
        vocab: dict[str, int] = {}
        if sum(map(len, rows)) <= 20_000:
            cols: list[int] = []
            cnts: list[int] = []
            sizes: list[int] = []
            for terms in rows:
                c: dict[int, int] = {}
                for t in terms:
                    j = vocab.setdefault(t, len(vocab))
                    c[j] = c.get(j, 0) + 1
                ks = sorted(c)
                cols += ks
                cnts += [c[k] for k in ks]
                sizes.append(len(ks))
            n_rows = len(sizes)
            row = np.repeat(np.arange(n_rows, dtype=np.int64), sizes)
            col = np.asarray(cols, dtype=np.int64)
            counts = np.asarray(cnts, dtype=np.int64)
        else:  # many rows: the same with numpy
            ids: list[int] = []
            lens: list[int] = []
            for terms in rows:
                ids.extend([vocab.setdefault(t, len(vocab)) for t in terms])
                lens.append(len(terms))
            n_rows, width = len(lens), max(1, len(vocab))
            key = np.repeat(np.arange(n_rows, dtype=np.int64), lens) * width + np.asarray(ids, dtype=np.int64)
            key, counts = np.unique(key, return_counts=True)
            row = key // width
            col = key - row * width
        self.vocab = vocab
        n_terms = len(vocab)
        self.shape = (n_rows, n_terms)
        if sublinear:
            lut = np.asarray([1.0 + math.log(c) if c else 0.0 for c in range(int(counts.max(initial=0)) + 1)])
            tf = lut[counts]
        else:
            tf = counts.astype(np.float64)
        df = np.zeros(n_terms)
        if df_docs is None:
            df = np.bincount(col, minlength=n_terms).astype(np.float64)
            n_docs = n_rows
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
        rev = np.lexsort((-col, row))
        self.data = ((1.0 / norms)[row] * vals)[rev]
        self.indices = col[rev]
        self.indptr = indptr
        self.row = row  # the row of each stored entry
        self._matrix = None
        self._postings = None
        self._cross_all = None

    def _build_small(self, rows: Sequence[Sequence[str]]) -> None:
        """``__init__`` for the rows of an event (idf over the rows, sublinear
        tf): the same arrays to the last bit, with the counting and ordering
        done on Python lists and a third as many numpy calls (whose fixed cost
        dominates on a few dozen sentences). Each row's entries are laid out
        from the highest term id down straight away; its squares are summed by
        increasing id, as before, on the entries read backwards."""
        n_rows = len(rows)
        flat = list(chain.from_iterable(rows))
        vocab = dict(zip(dict.fromkeys(flat), range(len(flat))))  # ids in order of first appearance
        ids = list(map(vocab.__getitem__, flat))
        cols: list[int] = []
        cnts: list[int] = []
        sizes: list[int] = []
        at = 0
        for terms in rows:
            n = len(terms)
            r = ids[at:at + n]
            at += n
            ks = sorted(set(r), reverse=True)
            cols += ks
            cnts += [1] * n if len(ks) == n else map(r.count, ks)
            sizes.append(len(ks))
        n_terms = len(vocab)
        self.vocab = vocab
        self.shape = (n_rows, n_terms)
        col = np.asarray(cols, dtype=np.int64)
        row = np.repeat(np.arange(n_rows, dtype=np.int64), sizes)
        df = np.bincount(col, minlength=n_terms).astype(np.float64)
        self.idf = np.log((1.0 + n_rows) / (1.0 + df)) + 1.0
        vals = self.idf[col]
        top = max(cnts, default=1)
        if top > 1:  # else every tf is 1 + log(1) = 1.0, and 1.0 * x is x
            lut = np.asarray([1.0 + math.log(c) if c else 0.0 for c in range(top + 1)])
            vals = lut[np.asarray(cnts, dtype=np.int64)] * vals
        ends = list(accumulate(sizes, initial=0))
        total = ends[-1]
        # Row sums of squares by increasing term id: numpy's reduceat on the
        # entries read backwards (rows last to first), one run per non-empty row.
        back = (vals * vals)[::-1].copy()
        starts = [total - ends[r + 1] for r in range(n_rows - 1, -1, -1) if sizes[r]]
        if len(starts) == n_rows:
            sums = np.add.reduceat(back, starts)[::-1] if n_rows else np.zeros(0)
            norms = np.sqrt(sums)  # every row has a term, whose idf is at least 1
        else:
            sums = np.zeros(n_rows)
            if starts:
                sums[[r for r in range(n_rows - 1, -1, -1) if sizes[r]]] = np.add.reduceat(back, starts)
            norms = np.sqrt(sums)
            norms[norms == 0] = 1.0
        self.data = (1.0 / norms)[row] * vals
        self.indices = col
        self.indptr = np.asarray(ends, dtype=np.int64)
        self.row = row  # the row of each stored entry
        self._matrix = None
        self._postings = None
        self._cross_all = None

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

    def _transpose(self):
        """For each term, the rows that have it (in row order) and their values."""
        if self._postings is None:
            order = np.argsort(self.indices, kind="stable")
            ptr = np.zeros(self.shape[1] + 1, dtype=np.int64)
            np.cumsum(np.bincount(self.indices, minlength=self.shape[1]), out=ptr[1:])
            self._postings = (ptr, self.row[order], self.data[order])
        return self._postings

    # Up to this many rows x rows, ``cross`` works out (once) every row against
    # every row and hands out the rows asked for.
    ALL_PAIRS_MAX = 4_000_000

    def cross(self, rows: np.ndarray) -> np.ndarray:
        """``(matrix[rows] @ matrix.T).toarray()``: cosine of each of ``rows`` to every row.

        For each pair the products are added term after term in the order the
        first row stores its terms, starting from zero, as scipy's sparse
        product does; a row's values do not depend on the other rows asked for."""
        n = self.shape[0]
        rows = np.asarray(rows, dtype=np.int64)
        if n * n <= self.ALL_PAIRS_MAX:
            if self._cross_all is None:
                self._cross_all = self._cross(self.row, self.indices, self.data, n)
            return self._cross_all[rows]
        pos, local = self._entries(rows)
        return self._cross(local, self.indices[pos], self.data[pos], len(rows))

    def _cross(self, local: np.ndarray, terms: np.ndarray, vals: np.ndarray, n_out: int) -> np.ndarray:
        """Similarities of ``n_out`` rows given as stored entries (output row, term, value)."""
        n = self.shape[0]
        ptr, t_row, t_val = self._transpose()
        plen = np.diff(ptr)[terms]
        at = np.arange(int(plen.sum()), dtype=np.int64) + np.repeat(ptr[terms] - (np.cumsum(plen) - plen), plen)
        bins = np.repeat(local * n, plen) + t_row[at]
        prod = np.repeat(vals, plen) * t_val[at]
        return np.bincount(bins, weights=prod, minlength=n_out * n).reshape(n_out, n)

    def dot(self, rows: np.ndarray, vec: np.ndarray) -> np.ndarray:
        """``matrix[rows] @ vec`` for a dense vector ``vec`` (each row's products
        added in the order it stores its terms, as scipy does)."""
        every = np.bincount(self.row, weights=self.data * vec[self.indices], minlength=self.shape[0])
        return every[np.asarray(rows, dtype=np.int64)]

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
