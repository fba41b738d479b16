"""Term features for event clustering: words, names and title terms.

An event is recognised by what its articles talk about (rare content words),
who and where (names: capitalised phrases such as "Sergei Lavrov" or "East
Aleppo", which separate two budget debates in two different states), and
how the outlet headlines it. This module turns an article into weighted
terms; :mod:`chorus.cluster` weighs them by inverse document frequency.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter

import numpy as np

from chorus.model import Article

STOPWORDS = frozenset(
    """
    a about above after again against all almost also although always am among an and another any are
    around as at away back be became because become been before being below between both but by can
    cannot could did do does doing done down during each either else enough even ever every few for
    from further get gets got had has have having he her here hers herself him himself his how however
    i if in into is it its itself just last least less like made make many may me might more most much
    must my myself near need never new next no nor not now of off often on once one only onto or other
    others our ours ourselves out over own per perhaps put rather said same say says see seen several
    she should since so some still such than that the their theirs them themselves then there these
    they this those though through thus to too toward towards under until up upon us use used very via
    was we well were what whatever when where whether which while who whom whose why will with within
    without would yet you your yours yourself yourselves told tell according two three four five first
    second year years time times day days week weeks month months today yesterday tomorrow people
    monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr news report reported reports
    including include includes just going want wants way ways take took thing things lot lots
    """.split()
)

# Capitalised words that start sentences or headlines without naming anything.
_NOT_NAMES = STOPWORDS | frozenset(
    """
    but and the a an in on at for to of it he she they we i this that these those there here his her
    their its our my your after before when while if as by with from also however meanwhile yet so
    image photo video watch read share click advertisement getty ap afp reuters related copyright
    january february march april may june july august september october november december
    """.split()
)

_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")
_NAME = re.compile(
    r"\b[A-Z][\w'’.-]*[a-z][\w'’-]*"
    r"(?:[ \t]+(?:(?:of|de|da|del|al|bin|van|von|la|le)[ \t]+)?[A-Z][\w'’-]*[a-z][\w'’-]*)*"
)


_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?")


def _headline(text: str) -> str:
    """A first line that reads like a headline: short and without a full stop."""
    first = text.lstrip().split("\n", 1)[0].strip()
    n = len(first.split())
    if 3 <= n <= 16 and not first.endswith((".", "?", "!", ":", '"', "”")):
        return first
    return ""


def words(text: str) -> list[str]:
    """Lowercased content words: no stopwords, no numbers, at least 3 letters."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group().lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) >= 3 and w not in STOPWORDS:
            out.append(w)
    return out


def names(text: str) -> list[str]:
    """Capitalised phrases, lowercased: people, places, organisations.

    A leading function word ("The", "But") is dropped, and single words that
    are only capitalised because they start a sentence are ignored.
    """
    out = []
    for m in _NAME.finditer(text):
        parts = m.group().split()
        while parts and parts[0].lower().strip("'’") in _NOT_NAMES:
            parts.pop(0)
        if not parts:
            continue
        phrase = " ".join(parts).lower().replace("’", "'")
        if phrase.endswith("'s"):
            phrase = phrase[:-2]
        if len(parts) == 1:
            start = m.start() + m.group().find(parts[0])
            before = text[max(0, start - 3) : start].rstrip(" \t")
            if not before or before[-1] in ".!?\n\"“:":
                continue  # capitalised only because a sentence starts here
            if len(phrase) < 3:
                continue
        out.append(phrase)
    return out


def article_terms(
    article: Article,
    *,
    name_weight: float = 1.0,
    title_weight: float = 2.0,
    lead_words: int = 0,
    lead_weight: float = 0.0,
    bigram_weight: float = 0.0,
    number_weight: float = 0.0,
) -> dict[str, float]:
    """Term -> sublinear term frequency, before inverse document frequency.

    Words are plain terms, names are ``"n:" + phrase`` terms, and the title's
    words count ``title_weight`` extra times. Sublinear counts (1 + log tf)
    stop one name repeated twenty times from drowning the rest.
    """
    body = words(article.text)
    counts: Counter[str] = Counter(body)
    if lead_weight and lead_words:
        for w in body[:lead_words]:
            counts[w] += lead_weight
    if bigram_weight:
        for a, b in zip(body, body[1:]):
            counts["b:" + a + " " + b] += bigram_weight
    for n in names(article.text):
        counts["n:" + n] += 1
    if number_weight:
        for m in _NUMBER.finditer(article.text):
            counts["#" + m.group().replace(",", "")] += number_weight
    title = article.title or _headline(article.text)
    for w in words(title):
        counts[w] += title_weight
    for n in names(title):
        counts["n:" + n] += title_weight
    out: dict[str, float] = {}
    for term, c in counts.items():
        w = 1.0 + math.log(c) if c >= 1 else c
        if term.startswith("n:"):
            w *= name_weight
        out[term] = w
    return out


def term_id(term: str) -> int:
    """A stable 62-bit id for a term; the lowest bit is 1 for names.

    Ids instead of strings keep per-article features as two small arrays
    (cheap to pass between processes and to store); CRC-32 and Adler-32 are
    stable across runs and machines, and collisions are negligible.
    """
    b = term.encode()
    h = ((zlib.crc32(b) << 30) ^ zlib.adler32(b)) & ((1 << 62) - 1)
    return (h & ~1) | (1 if term.startswith("n:") else 0)


def term_vector(article: Article, **params: float) -> tuple[np.ndarray, np.ndarray]:
    """:func:`article_terms` as ``(ids, weights)`` arrays (ids from :func:`term_id`)."""
    terms = article_terms(article, **params)
    ids = np.fromiter((term_id(t) for t in terms), dtype=np.int64, count=len(terms))
    weights = np.fromiter(terms.values(), dtype=np.float64, count=len(terms))
    return ids, weights
