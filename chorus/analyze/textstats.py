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
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


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


def content_terms(text: str) -> list[str]:
    """Stemmed content words of ``text`` (stop words and 1-letter tokens dropped)."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


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
    """

    def __init__(self, rows: Sequence[Sequence[str]], df_docs: Iterable[Iterable[str]] | None = None,
                 sublinear: bool = True):
        from scipy.sparse import csr_matrix

        vocab: dict[str, int] = {}
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for terms in rows:
            counts = Counter(terms)
            for t, c in counts.items():
                j = vocab.setdefault(t, len(vocab))
                indices.append(j)
                data.append(1.0 + math.log(c) if sublinear else float(c))
            indptr.append(len(indices))
        self.vocab = vocab
        n_terms = len(vocab)
        df = np.zeros(n_terms)
        if df_docs is None:
            np.add.at(df, np.asarray(indices, dtype=np.int64), 1.0) if indices else None
            n_docs = len(rows)
        else:
            n_docs = 0
            for doc in df_docs:
                n_docs += 1
                ids = [vocab[t] for t in set(doc) if t in vocab]
                if ids:
                    df[ids] += 1
        self.idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
        m = csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                        np.asarray(indptr, dtype=np.int64)), shape=(len(rows), n_terms))
        m = m.multiply(self.idf[None, :]).tocsr() if n_terms else m
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        from scipy.sparse import diags

        self.matrix = diags(1.0 / norms) @ m

    def similarity(self):
        """Dense cosine-similarity matrix between all rows."""
        return np.asarray((self.matrix @ self.matrix.T).todense())
