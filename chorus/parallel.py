"""Spread per-document work over processes, in order, falling back to one process.

Reading (HTML extraction above all) and cleaning are per-document work with
no shared state, so they scale with cores. ``map_ordered`` runs a top-level
function over items in a process pool and yields results in input order; for
small inputs, one worker, or a platform where a pool cannot start, it runs in
this process instead, so callers never need a second code path.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def worker_count(workers: int) -> int:
    """``workers`` as a process count: 0 means one per CPU core."""
    return max(1, workers if workers > 0 else (os.cpu_count() or 1))


def map_ordered(fn: Callable[[T], R], items: list[T], workers: int, *, min_items: int = 64) -> Iterator[R]:
    """``map(fn, items)`` over ``worker_count(workers)`` processes, results in input order."""
    n = worker_count(workers)
    if n <= 1 or len(items) < min_items:
        yield from map(fn, items)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunk = max(8, len(items) // (n * 16))
    try:
        executor = ProcessPoolExecutor(max_workers=n)
    except (OSError, ValueError, NotImplementedError):  # no semaphores or fork here: stay serial
        yield from map(fn, items)
        return
    done = 0
    try:
        for result in executor.map(fn, items, chunksize=chunk):
            done += 1
            yield result
    except BrokenProcessPool:  # a worker died (out of memory, killed): finish in this process
        yield from map(fn, items[done:])
    finally:  # also when the caller stops early: drop the work not started yet
        executor.shutdown(wait=True, cancel_futures=True)

