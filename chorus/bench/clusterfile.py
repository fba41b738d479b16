"""Reading the evaluation files the clustering and summarizing benchmarks share.

One cluster a line: ``{"id", "summary", "articles": [{"id", "text", "title"?}]}``.
A line that is not such an object is reported on stderr with the file and
line number and left out; the run goes on with the others. A file that
cannot be read, or holds no cluster at all, is a ``ClusterFileError``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path


class ClusterFileError(Exception):
    """The file cannot give any cluster (missing, unreadable, empty)."""


def read_clusters(path: Path | str, half: str = "all", *, need_summary: bool = False,
                  warn=None) -> Iterator[tuple[int, dict]]:
    """``(line number counting from 0, cluster)`` for each usable cluster of ``path``,
    keeping the clusters on even or odd lines when ``half`` says so."""
    warn = warn or (lambda msg: print(msg, file=sys.stderr))
    found = 0
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise ClusterFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    with fh:
        try:
            for n, line in enumerate(fh):
                if not line.strip():
                    continue
                if (half == "even" and n % 2) or (half == "odd" and n % 2 == 0):
                    continue
                problem = None
                try:
                    cluster = json.loads(line)
                except json.JSONDecodeError as exc:
                    problem = f"not JSON ({exc.msg})"
                else:
                    problem = _problem(cluster, need_summary)
                if problem:
                    warn(f"{path}:{n + 1}: skipped: {problem}")
                    continue
                found += 1
                yield n, cluster
        except UnicodeDecodeError as exc:
            raise ClusterFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if not found:
        raise ClusterFileError(f"{path}: no clusters to read"
                               + ("" if half == "all" else f" on the {half} lines"))


def _problem(cluster: object, need_summary: bool) -> str | None:
    if not isinstance(cluster, dict):
        return "not a JSON object"
    arts = cluster.get("articles")
    if not isinstance(arts, list) or not arts:
        return 'no "articles" list'
    if not all(isinstance(a, dict) and isinstance(a.get("text"), str) for a in arts):
        return 'an article without a "text" string'
    if need_summary and not isinstance(cluster.get("summary"), str):
        return 'no "summary" string'
    return None
