"""Article text as HTML with spans marked, built by splitting at offsets.

Article text is untrusted. It is never turned into markup: the text is cut at
the offsets of the spans to mark, every piece is escaped on its own, and only
``<mark>`` elements that this module writes are put between the pieces.

Spans may nest (a quote inside a cited sentence) or cross (a quote running over
two sentences). Crossing spans are split into pieces that nest; the first piece
carries the span's ``id`` (so ``#id`` in a link lands on it and CSS ``:target``
highlights it) and every piece carries ``data-span`` with the same key, so a
script or a reader can find the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Callable, Iterable

from markupsafe import Markup

# kinds, in the order their class names are written
KINDS = ("cite", "quote", "figure", "shared")


@dataclass
class _Piece:
    start: int
    end: int
    key: str
    kinds: set[str] = field(default_factory=set)
    first: bool = True  # only the first piece of a span carries its id


def span_key(start: int, end: int) -> str:
    """The fragment key of a span: ``s-<start>-<end>``."""
    return f"s-{start}-{end}"


def _collect(text: str, spans: Iterable[tuple[int, int, str]]) -> list[_Piece]:
    merged: dict[tuple[int, int], _Piece] = {}
    n = len(text)
    for start, end, kind in spans:
        try:
            s, e = int(start), int(end)
        except (TypeError, ValueError):
            continue
        if not (0 <= s < e <= n):
            continue  # offsets that do not fit this text are not marked
        p = merged.setdefault((s, e), _Piece(s, e, span_key(s, e)))
        p.kinds.add(str(kind))
    return sorted(merged.values(), key=lambda p: (p.start, -p.end))


def _open(p: _Piece, id_prefix: str) -> str:
    kinds = [k for k in KINDS if k in p.kinds] + sorted(p.kinds - set(KINDS))
    cls = " ".join(["hl"] + [f"hl-{escape(k)}" for k in kinds])
    key = escape(id_prefix + p.key)
    if p.first:
        return f'<mark class="{cls}" id="{key}" data-span="{key}">'
    return f'<mark class="{cls} hl-cont" data-span="{key}">'


def _build(text: str, pieces: list[_Piece], lo: int, hi: int, id_prefix: str, out: list[str]) -> None:
    pos = lo
    pending = pieces
    while pending:
        top = pending[0]
        out.append(escape(text[pos : top.start], quote=False))
        inner: list[_Piece] = []
        rest: list[_Piece] = []
        for p in pending[1:]:
            if p.start >= top.end:
                rest.append(p)
            elif p.end <= top.end:
                inner.append(p)
            else:  # crosses the end of ``top``: split into a nested piece and a continuation
                inner.append(_Piece(p.start, top.end, p.key, p.kinds, p.first))
                rest.append(_Piece(top.end, p.end, p.key, p.kinds, False))
        rest.sort(key=lambda p: (p.start, -p.end))
        out.append(_open(top, id_prefix))
        _build(text, inner, top.start, top.end, id_prefix, out)
        out.append("</mark>")
        pos = top.end
        pending = rest
    out.append(escape(text[pos:hi], quote=False))


def highlight(text: str, spans: Iterable[tuple[int, int, str]], id_prefix: str = "") -> Markup:
    """Return ``text`` as safe HTML with each ``(start, end, kind)`` span in a ``<mark>``.

    The mark of span ``[start, end)`` has ``id="<id_prefix>s-<start>-<end>"`` and
    the classes ``hl hl-<kind>`` for every kind given for that exact range.
    Spans whose offsets do not fit the text are ignored.
    """
    text = text or ""
    out: list[str] = []
    _build(text, _collect(text, spans), 0, len(text), id_prefix, out)
    return Markup("".join(out))


def anchor_id(id_prefix: str, start: int, end: int) -> str:
    """The element id :func:`highlight` gives span ``[start, end)``."""
    return id_prefix + span_key(start, end)


AnchorFn = Callable[[str, int, int], str]
