"""Clustering scores: B-cubed and pairwise precision, recall and F1.

Both compare a predicted labelling with a gold labelling of the same items.
B-cubed averages per item (how much of my predicted cluster is in my gold
cluster, and the reverse); pairwise counts same-cluster pairs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (fractions) of ``pred`` against ``gold``."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold must label the same items")
    if not pred:
        return 0.0, 0.0, 0.0
    both = Counter(zip(pred, gold))
    np_ = Counter(pred)
    ng = Counter(gold)
    p = sum(both[(x, y)] / np_[x] for x, y in zip(pred, gold)) / len(pred)
    r = sum(both[(x, y)] / ng[y] for x, y in zip(pred, gold)) / len(pred)
    return p, r, _f1(p, r)


def pairwise(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of items put in the same cluster."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold must label the same items")

    def pairs(c: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in c.values())

    tp = pairs(Counter(zip(pred, gold)))
    pp = pairs(Counter(pred))
    gp = pairs(Counter(gold))
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return p, r, _f1(p, r)
