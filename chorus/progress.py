"""Progress bars and end-of-run tables for the CLI, with no dependencies.

``Progress`` draws one line on stderr (``\\r``-rewritten) and turns itself off
when stderr is not a terminal or the user asked for ``--quiet``, so logs and
pipes never fill with bar frames. ``format_table`` lays out the summary a
run prints at the end.
"""

from __future__ import annotations

import os
import sys
import time
from typing import IO, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")


class Progress:
    """A progress bar: ``with Progress(total, "reading") as p: ... p.advance()``.

    ``enabled=None`` (the default) means: on when ``stream`` is a TTY and
    ``quiet`` is false and ``$CHORUS_NO_PROGRESS`` is unset. Redraws at most
    ``fps`` times a second so it never costs real time.
    """

    def __init__(self, total: int | None, label: str = "", *, stream: IO[str] | None = None,
                 quiet: bool = False, enabled: bool | None = None, width: int = 28, fps: float = 10.0):
        self.total = total if total and total > 0 else None
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", lambda: False)
            enabled = (not quiet) and bool(isatty()) and not os.environ.get("CHORUS_NO_PROGRESS")
        self.enabled = bool(enabled) and not quiet
        self.width = width
        self.done = 0
        self._interval = 1.0 / fps if fps > 0 else 0.0
        self._last = 0.0
        self._start = time.monotonic()
        self._drawn = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self._last >= self._interval or (self.total and self.done >= self.total)):
            self._last = now
            self._draw()

    def line(self) -> str:
        """The text of the bar as it would be drawn now."""
        elapsed = time.monotonic() - self._start
        label = f"{self.label} " if self.label else ""
        if self.total:
            frac = min(1.0, self.done / self.total)
            fill = int(round(frac * self.width))
            bar = "#" * fill + "-" * (self.width - fill)
            eta = ""
            if 0 < self.done < self.total:
                eta = f" eta {_duration(elapsed / self.done * (self.total - self.done))}"
            return f"{label}[{bar}] {self.done}/{self.total} {frac:4.0%} {_duration(elapsed)}{eta}"
        return f"{label}{self.done} done {_duration(elapsed)}"

    def _draw(self) -> None:
        self.stream.write("\r" + self.line() + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Draw the final state and end the line (only if anything was drawn)."""
        if self.enabled and self._drawn:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False


def track(items: Iterable[T], label: str = "", total: int | None = None, **kw) -> Iterator[T]:
    """Iterate ``items`` with a progress bar (total from ``len`` when it has one)."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with Progress(total, label, **kw) as p:
        for item in items:
            yield item
            p.advance()


def _duration(s: float) -> str:
    if s < 60:
        return f"{s:.1f}s"
    m, s = divmod(int(s), 60)
    if m < 60:
        return f"{m}m{s:02d}s"
    h, m = divmod(m, 60)
    return f"{h}h{m:02d}m"


def _is_number(s: str) -> bool:
    t = s.replace(",", "").replace("%", "").replace("_", "").strip()
    if t.endswith(("s", "ms")):
        t = t.rstrip("ms")
    try:
        float(t)
        return True
    except ValueError:
        return False


def format_table(header: Sequence[str], rows: Sequence[Sequence[object]], *, title: str | None = None) -> str:
    """A plain-text table: columns padded, numbers right-aligned, a rule under the header."""
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
