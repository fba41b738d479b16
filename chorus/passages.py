"""Shared passages between articles, wire groups and independent sources.

Two outlets that run the same agency story share long runs of identical
words, even when each edits the copy (cuts a paragraph, changes the
punctuation of a quote, adds its own intro). This module finds those runs:
it compares articles on normalised word tokens (lowercase, punctuation and
whitespace ignored) and maps every run back to character offsets in the
original ``Article.text``, so a reader can see the passage where it stands.

From the passages it derives *wire groups* (articles joined by substantial
shared text, i.e. copies of the same agency story) and the number of
*independent sources* of an event: articles joined that way count once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from chorus.model import Article

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)  # a word, apostrophes inside

MIN_SHARED_WORDS = 15  # a passage is at least this many consecutive words
SUBSTANTIAL_WORDS = 30  # articles sharing this many words in passages are one source
SUBSTANTIAL_SHARE = 0.2  # ... or this share of the shorter article's words


def word_tokens(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Normalised words of ``text`` and their ``[start, end)`` offsets.

    Words are lowercased; apostrophes inside a word are dropped so that
    ``don't`` and ``don’t`` compare equal. Punctuation and whitespace are
    not tokens, so they never break or create a match.
    """
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in WORD_RE.finditer(text):
        words.append(m.group().lower().replace("'", "").replace("’", ""))
        spans.append((m.start(), m.end()))
    return words, spans


class _Tokens:
    """An article's tokens, their offsets and a hash per k-word window."""

    __slots__ = ("article", "words", "spans", "grams")

    def __init__(self, article: Article, k: int):
        self.article = article
        self.words, self.spans = word_tokens(article.text)
        ids = [hash(w) for w in self.words]
        self.grams: dict[int, list[int]] = defaultdict(list)
        for i in range(len(ids) - k + 1):
            self.grams[hash(tuple(ids[i : i + k]))].append(i)


ANCHOR_WORDS = 8  # a passage starts from an exact run of at least this many words
MAX_GAP = 3  # words one copy may add, drop or change between two exact runs
MIN_RESUME = 3  # exact words needed to resume a passage after a gap
MIN_MATCHED = 0.8  # share of a passage's words that must match exactly


def _extend(aw: list[str], bw: list[str], i: int, j: int, step: int) -> tuple[int, int, int]:
    """Walk from ``(i, j)`` in direction ``step`` over equal words and small edits.

    Returns the last positions reached (exclusive in the walk direction)
    and how many words matched exactly. An edit (words added, dropped or
    changed, up to ``MAX_GAP`` on each side) is crossed only when at least
    ``MIN_RESUME`` equal words follow it, so a passage ends where the two
    copies really part.
    """
    matched = 0
    na, nb = len(aw), len(bw)

    def eq(x: int, y: int) -> bool:
        return 0 <= x < na and 0 <= y < nb and aw[x] == bw[y]

    # In the backward walk positions point at the word *before* the current start.
    x, y = (i, j) if step > 0 else (i - 1, j - 1)
    while True:
        while eq(x, y):
            x += step
            y += step
            matched += 1
        resumed = False
        for total in range(1, 2 * MAX_GAP + 1):
            for dx in range(max(0, total - MAX_GAP), min(MAX_GAP, total) + 1):
                dy = total - dx
                px, py = x + step * dx, y + step * dy
                if all(eq(px + step * t, py + step * t) for t in range(MIN_RESUME)):
                    x, y = px, py
                    resumed = True
                    break
            if resumed:
                break
        if not resumed:
            break
    if step < 0:
        return x + 1, y + 1, matched
    return x, y, matched


def _runs(a: _Tokens, b: _Tokens, k: int) -> list[tuple[int, int, int, int, int]]:
    """Passages ``(start_a, end_a, start_b, end_b, matched)`` in word positions.

    Each passage grows from an exact run of ``ANCHOR_WORDS`` words across
    small edits in either copy. It is kept when its two copies average at
    least ``k`` words and ``MIN_MATCHED`` of the longer copy matches word
    for word: "about ``k`` consecutive words" that one outlet may have
    trimmed by a word or two.
    """
    common = a.grams.keys() & b.grams.keys()
    if not common:
        return []
    aw, bw = a.words, b.words
    starts = sorted((i, j) for g in common for i in a.grams[g] for j in b.grams[g])
    used: set[tuple[int, int]] = set()
    runs = []
    for i, j in starts:
        if (i, j) in used:
            continue
        s_i, s_j, m_back = _extend(aw, bw, i, j, -1)
        e_i, e_j, m_fwd = _extend(aw, bw, i, j, 1)
        for t in range(e_i - s_i):
            used.add((s_i + t, s_j + t))  # approximate: same-diagonal anchors inside
        for t in range(e_i - i):
            used.add((i + t, j + t))
        la, lb = e_i - s_i, e_j - s_j
        matched = m_back + m_fwd
        if (la + lb) / 2 >= k and matched >= MIN_MATCHED * max(la, lb):
            runs.append((s_i, e_i, s_j, e_j, matched))
    return _drop_overlaps(runs)


def _drop_overlaps(runs: list[tuple[int, int, int, int, int]]) -> list[tuple[int, int, int, int, int]]:
    """Keep the longest passages so that no word of either article is used twice.

    Repeated text (a sentence quoted twice) would otherwise pair each copy
    with each other copy.
    """
    runs = sorted(runs, key=lambda r: -r[4])
    used_a: list[tuple[int, int]] = []
    used_b: list[tuple[int, int]] = []
    kept = []
    for r in runs:
        si, ei, sj, ej, _ = r
        if any(si < e and s < ei for s, e in used_a) or any(sj < e and s < ej for s, e in used_b):
            continue
        used_a.append((si, ei))
        used_b.append((sj, ej))
        kept.append(r)
    return sorted(kept)


def shared_passages(articles: Sequence[Article], min_words: int = MIN_SHARED_WORDS) -> list[dict]:
    """Every passage of ``min_words`` or more words that two articles share.

    Returns contract dicts ``{"articles": [a, b], "spans": [[s, e], [s, e]],
    "text", "words"}`` where ``text`` is the passage as it reads in the first
    article and the spans are ``[start, end)`` offsets in each article's
    ``text``. Only pairs that share at least one ``min_words``-word window
    are compared, so the cost grows with the copying, not with the square
    of the number of articles.
    """
    toks = [_Tokens(a, ANCHOR_WORDS) for a in articles]
    pairs: set[tuple[int, int]] = set()
    owners: dict[int, list[int]] = defaultdict(list)
    for idx, t in enumerate(toks):
        for g in t.grams:
            owners[g].append(idx)
    for idxs in owners.values():
        if 1 < len(idxs) <= 200:
            for x in range(len(idxs)):
                for y in range(x + 1, len(idxs)):
                    if idxs[x] != idxs[y]:
                        pairs.add((idxs[x], idxs[y]))
    out: list[dict] = []
    for x, y in sorted(pairs):
        a, b = toks[x], toks[y]
        if a.article.id == b.article.id:
            continue
        for si, ei, sj, ej, n in _runs(a, b, min_words):
            sa, sb = a.spans[si][0], b.spans[sj][0]
            ea, eb = a.spans[ei - 1][1], b.spans[ej - 1][1]
            out.append(
                {
                    "articles": [a.article.id, b.article.id],
                    "spans": [[sa, ea], [sb, eb]],
                    "text": a.article.text[sa:ea],
                    "words": n,
                }
            )
    return out


def _compilation_links(links: dict[tuple[str, str], int], passages: list[dict]) -> list[tuple[str, str]]:
    """Links that make a compilation the bridge between two stories.

    An article that carries one passage of an AFP story and another of a
    Reuters story (a round-up compiled from several agencies) shares text
    with both, in different places of its own text, while the two stories
    share nothing: joining all three would count two agencies as one source.
    Such an article keeps only its strongest link. A reprint of a reprint
    shares the same place of its text with both and is not a compilation.
    """
    where: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)  # (article, partner) -> its spans
    for p in passages:
        (a, b), (sa, sb) = p["articles"], p["spans"]
        where[(a, b)].append(tuple(sa))
        where[(b, a)].append(tuple(sb))
    partners: dict[str, list[str]] = defaultdict(list)
    for a, b in links:
        partners[a].append(b)
        partners[b].append(a)

    def linked(x: str, y: str) -> bool:
        return (x, y) in links or (y, x) in links

    def overlap(xs, ys) -> bool:
        return any(s1 < e2 and s2 < e1 for s1, e1 in xs for s2, e2 in ys)

    drop: list[tuple[str, str]] = []
    for c, ps in partners.items():
        bridged = {x for x in ps for y in ps if x != y and not linked(x, y)
                   and not overlap(where[(c, x)], where[(c, y)])}
        if bridged:
            keep = max(ps, key=lambda x: links.get((c, x), links.get((x, c), 0)))
            drop += [(c, x) if (c, x) in links else (x, c) for x in bridged if x != keep]
    return list(dict.fromkeys(drop))


def wire_groups(
    articles: Sequence[Article],
    passages: list[dict],
    *,
    min_words: int = SUBSTANTIAL_WORDS,
    min_share: float = SUBSTANTIAL_SHARE,
) -> list[list[str]]:
    """Groups of articles that carry the same agency story.

    Two articles are joined when the passages they share total at least
    ``min_words`` words, or at least ``min_share`` of the shorter one's
    words (a short brief copied whole). A single shared quotation of 15-20
    words is not enough: independent outlets quote the same statement.
    Groups are the connected components of that graph; singletons are left
    out. Order follows ``articles``.
    """
    order = {a.id: k for k, a in enumerate(articles)}
    length = {a.id: max(1, len(word_tokens(a.text)[0])) for a in articles}
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for p in passages:
        a, b = p["articles"]
        if a in order and b in order:
            shared[(a, b) if order[a] < order[b] else (b, a)] += p.get("words") or len(
                word_tokens(p["text"])[0]
            )
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links = {(a, b): n for (a, b), n in shared.items() if n >= min_words or n >= min_share * min(length[a], length[b])}
    for pair in _compilation_links(links, passages):
        del links[pair]
    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb, key=order.get)] = min(ra, rb, key=order.get)
    groups: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        groups[find(a.id)].append(a.id)
    return [g for g in sorted(groups.values(), key=lambda g: order[g[0]]) if len(g) > 1]


def source_of(articles: Sequence[Article], groups: list[list[str]] | None = None) -> dict[str, str]:
    """Each article's independent source, as the id of its first article in input order.

    Two articles are one source when they are copies of one story (a wire
    group), when they credit the same agency (the first in ``Article.wire``:
    a page carrying an AP story is AP's), or, crediting none, when they come
    from the same outlet (its name, or its URL's host). Agreement between
    two reports of one outlet, or two agency stories run by different sites,
    is not independent confirmation.
    """
    from urllib.parse import urlsplit

    ids = [a.id for a in articles]
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb, key=order.get)] = min(ra, rb, key=order.get)

    order = {i: k for k, i in enumerate(ids)}
    for g in groups or []:
        members = [i for i in g if i in parent]
        for i in members[1:]:
            union(members[0], i)
    first_with: dict[tuple[str, str], str] = {}
    for a in articles:
        if a.wire:
            keys = [("agency", a.wire[0].casefold())]
        else:
            host = urlsplit(a.url).hostname if a.url else None
            keys = [k for k in (("outlet", a.outlet.casefold()) if a.outlet else None,
                                ("host", host.removeprefix("www.")) if host else None) if k]
        for key in keys:
            if key in first_with:
                union(first_with[key], a.id)
            else:
                first_with[key] = a.id
    return {i: find(i) for i in ids}


def independent_sources(articles: Sequence[Article], groups: list[list[str]]) -> int:
    """How many independent sources ``articles`` are (``source_of``)."""
    return len(set(source_of(articles, groups).values()))
