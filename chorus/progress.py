"""A dependency-free progress bar on stderr and the end-of-run table.

The bar draws only when stderr is a terminal and the user did not ask for
quiet, so logs and pipes stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Sequence, TextIO


class ProgressBar:
    """``update(stage, done, total)`` redraws one line; ``close()`` clears it."""

    def __init__(self, *, enabled: bool = True, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()
        self.width = width
        self._last = 0.0
        self._drawn = False

    def update(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done != total:
            return
        self._last = now
        if total:
            filled = int(self.width * done / total)
            bar = "#" * filled + "-" * (self.width - filled)
            line = f"\r{stage:<8} [{bar}] {done}/{total}"
        else:
            line = f"\r{stage:<8} {done}"
        self.stream.write(line.ljust(60))
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
            self._drawn = False


def summary_table(result: Any) -> str:
    """The end-of-run overview: what was read, rejected, stored and grouped."""
    rows = [
        ("articles read", result.read),
        ("rejected inputs", len(result.rejected)),
        ("stored (new)", result.stored),
        ("already stored", result.already_stored),
        ("near-duplicates", result.duplicates),
        ("not news", result.not_news),
        ("events updated", len(result.events_changed)),
        ("events in store", result.events_total),
    ]
    if getattr(result, "resplit", 0):
        rows.append(("sentences redone", result.resplit))  # stored articles, after a rules change
    if result.warnings:
        rows.append(("stage warnings", len(result.warnings)))
    other = {k: n for k, n in (getattr(result, "languages", None) or {}).items() if k not in ("en", "und")}
    if other:
        rows.insert(1, ("in other languages", sum(other.values())))
    width = max(len(k) for k, _ in rows)
    lines = [f"  {k:<{width}}  {v:>7}" for k, v in rows]
    if other:  # which ones; the analyses that read English leave them out
        lines.insert(2, "    " + ", ".join(f"{k} {n}" for k, n in other.items()))
    total = sum(result.seconds.values())
    lines.append(f"  {'seconds':<{width}}  {total:>7.2f}")
    for name, path in sorted(result.outputs.items()):
        lines.append(f"  wrote {path}")
    return "\n".join(["chorus digest:"] + lines)


def regroup_table(result: Any) -> str:
    """The end-of-run overview of ``chorus regroup``."""
    rows = [
        ("articles grouped", result.articles),
        ("events before", result.events_before),
        ("events after", result.events_total),
        ("unchanged", result.kept),
        ("regrouped", len(result.changed)),
        ("removed", len(result.removed)),
        ("articles moved", result.moved),
    ]
    if result.warnings:
        rows.append(("stage warnings", len(result.warnings)))
    width = max(len(k) for k, _ in rows)
    lines = [f"  {k:<{width}}  {v:>7}" for k, v in rows]
    lines.append(f"  {'seconds':<{width}}  {sum(result.seconds.values()):>7.2f}")
    for _, path in sorted(result.outputs.items()):
        lines.append(f"  wrote {path}")
    return "\n".join(["chorus regroup:"] + lines)


def _is_number(s: str) -> bool:
    t = s.replace(",", "").replace("%", "").replace("_", "").strip()
    for suffix in ("ms", "s"):
        if t.endswith(suffix):
            t = t[: -len(suffix)]
            break
    try:
        float(t)
        return True
    except ValueError:
        return False


def format_table(header: Sequence[str], rows: Sequence[Sequence[object]], *, title: str | None = None) -> str:
    """A plain-text table for end-of-run reports (``chorus bench ...``): columns padded,
    numbers right-aligned, a rule under the header."""
    cells = [[str(c) for c in header]] + [["" if c is None else str(c) for c in r] for r in rows]
    ncol = max(len(r) for r in cells)
    for r in cells:
        r += [""] * (ncol - len(r))
    widths = [max(len(r[i]) for r in cells) for i in range(ncol)]
    numeric = [all(_is_number(r[i]) for r in cells[1:] if r[i]) and any(r[i] for r in cells[1:])
               for i in range(ncol)]

    def fmt(r: list[str]) -> str:
        return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(r, widths, numeric)).rstrip()

    out = [title] if title else []
    out += [fmt(cells[0]), "  ".join("-" * w for w in widths)]
    out += [fmt(r) for r in cells[1:]]
    return "\n".join(out)
