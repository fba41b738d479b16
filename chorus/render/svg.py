"""Framing charts as inline SVG: one small bar chart per outlet.

A bar per term the outlet uses, coloured by the actor the term names, so a
reader sees at a glance that one outlet says "regime" where another says
"government". The SVG uses presentation attributes only (no ``style``), so
it passes a strict Content-Security-Policy, and every label is XML-escaped.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#805ad5", "#b83280", "#718096", "#975a16", "#2c7a7b")

_ROW = 22
_LABEL_W = 150
_BAR_W = 190
_PAD = 6
_MAX_ROWS = 18


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def actor_colours(framing: list[dict]) -> dict[str, str]:
    """One colour per actor across all outlets of an event, so charts compare."""
    colours: dict[str, str] = {}
    for fr in framing:
        for t in fr.get("chart", fr.get("terms")) or []:
            a = str(t.get("actor") or "")
            if a not in colours:
                colours[a] = PALETTE[len(colours) % len(PALETTE)]
    return colours


def framing_chart(outlet: str, terms: list[dict], colours: dict[str, str] | None = None) -> Markup:
    """An SVG bar chart of ``terms`` (``{"term", "actor", "count"}``) for one outlet."""
    colours = colours or actor_colours([{"terms": terms}])
    rows = [t for t in terms if t.get("term")][:_MAX_ROWS]
    counts = []
    for t in rows:
        try:
            counts.append(max(float(t.get("count") or 0), 0.0))
        except (TypeError, ValueError):
            counts.append(0.0)
    top = max(counts, default=0.0) or 1.0
    width = _LABEL_W + _BAR_W + 60
    height = _PAD * 2 + _ROW * max(len(rows), 1)
    label = f"Framing terms used by {outlet}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="framing-chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    if not rows:
        out.append(f'<text x="{_PAD}" y="{_PAD + 15}" font-size="12" fill="#555">no framing terms</text>')
    for i, (t, c) in enumerate(zip(rows, counts)):
        y = _PAD + i * _ROW
        w = max(2.0, _BAR_W * c / top)
        actor = str(t.get("actor") or "")
        fill = colours.get(actor, PALETTE[0])
        term = _clip(str(t["term"]), 28)
        tip = f"{t['term']} ({actor}): {c:g}" if actor else f"{t['term']}: {c:g}"
        out.append(
            f'<g><title>{escape(tip)}</title>'
            f'<text x="{_LABEL_W - 6}" y="{y + 15}" font-size="12" text-anchor="end" fill="#222">{escape(term)}</text>'
            f'<rect x="{_LABEL_W}" y="{y + 3}" width="{w:.1f}" height="{_ROW - 6}" rx="2" fill="{escape(fill)}"/>'
            f'<text x="{_LABEL_W + w + 4:.1f}" y="{y + 15}" font-size="11" fill="#444">{c:g}</text></g>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def legend(colours: dict[str, str]) -> list[dict]:
    """``[{"actor", "colour"}]`` for the actors that have a name."""
    return [{"actor": a, "colour": c} for a, c in colours.items() if a]


def swatch(colour: str) -> Markup:
    """A small colour square for a legend (SVG, so no style attribute is needed)."""
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" width="12" height="12" aria-hidden="true">'
        f'<rect width="12" height="12" rx="2" fill="{escape(colour)}"/></svg>'
    )
