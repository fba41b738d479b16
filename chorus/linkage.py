"""Average-linkage agglomeration over a sparse similarity graph.

Nodes are groups of articles (a new article, or an event kept from earlier
runs); edges carry the *total* similarity between two groups' members (the
sum over member pairs), so merging is exact bookkeeping: the total from
``A + B`` to ``C`` is the total from ``A`` plus the total from ``B``, and
the average link is ``total / (|A| |C|)``. Pairs never compared (no shared
salient term) count as zero similarity. Merging stops when no pair reaches
the threshold. Three refinements guard against merging neighbouring
stories:

* **name gate**: when the groups' names barely overlap (their average name
  similarity is below ``name_gate``), the link is discounted by
  ``name_penalty``: two budget debates share words but not senators;
* **cohesion**: a group of two or more is joined only by a link of at least
  ``cohesion`` times its own inner average similarity, so a tight story
  does not absorb a loosely related one;
* **frozen pairs**: two groups that are both events from earlier runs are
  never merged, so event ids a reader has seen stay valid.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field


@dataclass
class Node:
    """A group during agglomeration."""

    n: int  # members
    inner: float = 0.0  # total similarity over pairs inside the group
    frozen: bool = False  # an event from an earlier run
    members: list[int] = field(default_factory=list)  # node indices merged into this one
    first: int | None = None  # earliest publication day (ordinal) of a dated member
    last: int | None = None


def agglomerate(
    nodes: list[Node],
    edges: dict[tuple[int, int], tuple[float, float]],
    *,
    threshold: float,
    name_gate: float = 0.0,
    name_penalty: float = 1.0,
    cohesion: float = 0.0,
    date_factor=None,
) -> list[int]:
    """Merge ``nodes`` along ``edges`` ``{(i, j): (total sim, total name sim)}``, i < j.

    Returns for each node the index of the node it ended up in (itself when
    it survives). ``nodes`` are updated in place (``n``, ``inner``, ``members``).
    ``date_factor(first_a, last_a, first_b, last_b)`` discounts a link by
    how far apart the two groups' date ranges lie, so an undated article
    cannot bridge two events weeks apart.
    """
    nbrs: list[dict[int, list[float]]] = [dict() for _ in nodes]
    for (i, j), (s, nm) in edges.items():
        nbrs[i][j] = [s, nm]
        nbrs[j][i] = nbrs[i][j]

    def link(i: int, j: int) -> float:
        a, b = nodes[i], nodes[j]
        if a.frozen and b.frozen:
            return -1.0
        tot, names = nbrs[i][j]
        pairs = a.n * b.n
        s = tot / pairs
        if date_factor is not None and a.first is not None and b.first is not None:
            s *= date_factor(a.first, a.last, b.first, b.last)
        if name_gate and names / pairs < name_gate:
            s *= name_penalty
        if cohesion:
            for g in (a, b):
                if g.n >= 2 and s < cohesion * g.inner / (g.n * (g.n - 1) / 2):
                    return -1.0
        return s

    version = [0] * len(nodes)
    heap = []
    for (i, j) in edges:
        s = link(i, j)
        if s >= threshold:
            heap.append((-s, i, j, 0, 0))
    heapq.heapify(heap)
    owner = list(range(len(nodes)))
    alive = [True] * len(nodes)
    while heap:
        _, i, j, vi, vj = heapq.heappop(heap)
        if not (alive[i] and alive[j]) or version[i] != vi or version[j] != vj:
            continue
        # Keep the frozen node, else the larger, so ids and indices stay stable.
        a, b = nodes[i], nodes[j]
        keep, gone = (i, j) if (a.frozen or (not b.frozen and a.n >= b.n)) else (j, i)
        gk, gg = nodes[keep], nodes[gone]
        gk.inner += gg.inner + nbrs[keep][gone][0]
        gk.n += gg.n
        gk.members.extend([gone] + gg.members)
        gk.frozen = gk.frozen or gg.frozen
        if gg.first is not None:
            gk.first = gg.first if gk.first is None else min(gk.first, gg.first)
            gk.last = gg.last if gk.last is None else max(gk.last, gg.last)
        alive[gone] = False
        owner[gone] = keep
        version[keep] += 1
        del nbrs[keep][gone]
        for k, (s, nm) in nbrs[gone].items():
            if k == keep:
                continue
            del nbrs[k][gone]
            cur = nbrs[keep].get(k)
            if cur is None:
                cur = [0.0, 0.0]
                nbrs[keep][k] = cur
                nbrs[k][keep] = cur
            cur[0] += s
            cur[1] += nm
        nbrs[gone] = {}
        for k in nbrs[keep]:
            s = link(keep, k)
            if s >= threshold:
                x, y = (keep, k) if keep < k else (k, keep)
                heapq.heappush(heap, (-s, x, y, version[x], version[y]))
    # Resolve chains of owners.
    for i in range(len(owner)):
        r = i
        while owner[r] != r:
            r = owner[r]
        owner[i] = r
    return owner
