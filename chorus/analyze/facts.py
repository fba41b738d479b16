"""Facts: statements that several articles of an event make, grouped.

Two sentences from different articles state the same thing when their
TF-IDF similarity over stemmed content words is high, they share names, and
the numbers they give do not contradict each other. Each fact lists the
articles that support it and how many independent sources that is: reprints
of one agency story (``event.wire_groups``) count once.
"""

from __future__ import annotations

import numpy as np

from chorus.analyze.sentencebank import SentenceBank, bank_for
from chorus.model import Article, Event
from chorus.passages import source_of

SAME_STATEMENT = 0.35  # cosine at which two sentences are taken to say the same thing


def source_key(wire_groups: list[list[str]] | None, articles: list[Article] | None = None):
    """A function giving each article id its independent source: copies of one
    story (a wire group), stories of one agency and reports of one outlet share
    one (``chorus.passages.source_of``, when ``articles`` are given); any other
    article is its own."""
    if articles is not None:
        source = source_of(articles, wire_groups)
        return lambda a: source.get(a, a)
    group_of: dict[str, int] = {}
    for g, ids in enumerate(wire_groups or []):
        for a in ids:
            group_of.setdefault(a, g)
    return lambda a: ("g", group_of[a]) if a in group_of else ("a", a)


def independent_sources(article_ids: list[str], wire_groups: list[list[str]] | None,
                        articles: list[Article] | None = None) -> int:
    """How many independent sources ``article_ids`` are (``source_key``)."""
    return len(set(map(source_key(wire_groups, articles), article_ids)))


def same_statement(bank: SentenceBank, i: int, j: int, sim: float, threshold: float = SAME_STATEMENT) -> bool:
    """Do sentences ``i`` and ``j`` (of different articles) state the same thing?"""
    if sim < threshold:
        return False
    return numbers_agree(bank.nums[i], bank.nums[j])


def numbers_agree(a: set[str], b: set[str]) -> bool:
    """Two statements agree on figures when neither gives one, or they share one
    (a sentence without the figure does not confirm it)."""
    return (not a and not b) or bool(a & b)


def group_facts(bank: SentenceBank, threshold: float = SAME_STATEMENT) -> list[list[int]]:
    """Groups of bank rows (at most one per article) that state the same thing."""
    rows = np.flatnonzero(bank.statement)
    if len(rows) < 2 or len(bank.articles) < 2:
        return []
    m = bank.matrix[rows]
    sim = (m @ m.T).tocoo()
    links: dict[int, list[tuple[float, int]]] = {}
    arts = bank.art[rows]
    keep = (sim.row < sim.col) & (sim.data >= threshold)
    keep &= arts[sim.row] != arts[sim.col]
    for r, c, v in zip(sim.row[keep], sim.col[keep], sim.data[keep]):
        if same_statement(bank, int(rows[r]), int(rows[c]), float(v), threshold):
            links.setdefault(int(r), []).append((float(v), int(c)))
            links.setdefault(int(c), []).append((float(v), int(r)))
    used: set[int] = set()
    groups: list[list[int]] = []
    # Seed with the sentences linked to the most articles, strongest links first.
    order = sorted(links, key=lambda r: (-len({arts[c] for _, c in links[r]}),
                                         -sum(v for v, _ in links[r]), r))
    for seed in order:
        if seed in used:
            continue
        members = [seed]
        have = {int(arts[seed])}
        for v, c in sorted(links[seed], reverse=True):
            if c in used or int(arts[c]) in have:
                continue
            members.append(c)
            have.add(int(arts[c]))
        if len(members) < 2:
            continue
        used.update(members)
        groups.append(sorted((int(rows[k]) for k in members), key=lambda i: (int(bank.art[i]), i)))
    return groups


def facts(bank: SentenceBank, wire_groups: list[list[str]] | None = None,
          threshold: float = SAME_STATEMENT) -> list[dict]:
    """The event's facts, best supported first."""
    key = source_key(wire_groups, list(bank.articles))
    out = []
    for members in group_facts(bank, threshold):
        support = list(dict.fromkeys(bank.article_id(i) for i in members))
        out.append({
            "text": bank.display_text(members[0]),
            "support": support,
            "independent_sources": len(set(map(key, support))),
            "spans": [bank.citation(i) for i in members],
        })
    out.sort(key=lambda f: (-f["independent_sources"], -len(f["support"])))
    return out


def analyze(event: Event, articles: list[Article]) -> dict:
    """Event field ``facts``: ``[{"text", "support", "independent_sources", "spans"}]``."""
    return {"facts": facts(bank_for(articles), event.wire_groups)}
