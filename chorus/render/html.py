"""The HTML report: one self-contained file that opens offline and prints well.

No external scripts, fonts or styles: the stylesheet is inlined and allowed by
its hash in a Content-Security-Policy meta tag that also forbids every script,
so hostile article text could not run even if it slipped through escaping
(it does not: Jinja autoescaping plus offset-split highlighting).

Citations are numbered per event and link to the cited span inside the
"Source texts" part of the same file, where each cited span is a ``<mark>``
with an id; CSS ``:target`` highlights the one a reader jumped to.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from chorus.render.highlight import anchor_id, highlight
from chorus.render.svg import actor_colours, framing_chart, legend, swatch
from chorus.render.view import build_event_view, outlet_name

TEMPLATES = Path(__file__).parent / "templates"


def configure(env: Environment) -> Environment:
    """Add the helpers the shared section templates call."""
    env.globals.update(framing_chart=framing_chart, actor_colours=actor_colours, legend=legend, swatch=swatch)
    env.trim_blocks = False
    return env


def make_environment(*extra_dirs: Path) -> Environment:
    """A Jinja environment over ``extra_dirs`` then the report templates, autoescaping everything."""
    loader = ChoiceLoader([FileSystemLoader([str(d) for d in extra_dirs] + [str(TEMPLATES)])])
    env = Environment(loader=loader, autoescape=select_autoescape(default=True, default_for_string=True))
    return configure(env)


@lru_cache(maxsize=1)
def _env() -> Environment:
    return make_environment()


@lru_cache(maxsize=1)
def report_css() -> str:
    """The stylesheet shared by the report and the web app."""
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def _sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def report_csp(css: str) -> str:
    """The report's policy: nothing loads, nothing runs; only its own stylesheet applies."""
    return (
        "default-src 'none'; "
        f"style-src {_sha256_source(css)}; "
        "img-src data:; script-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _article_anchor(aid: str) -> str:
    return f"a-{aid}"


def render_html(doc: dict, title: str = "Chorus report") -> str:
    """The report of an ``events.json`` document as one HTML string."""
    articles = {a["id"]: a for a in doc.get("articles") or [] if isinstance(a, dict) and a.get("id")}

    def href(aid: str, start: int, end: int) -> str:
        return "#" + anchor_id(f"t-{aid}-", start, end)

    def article_href(aid: str) -> str:
        return "#" + _article_anchor(aid)

    events, targets, in_event = [], {}, set()
    for i, ev in enumerate(doc.get("events") or [], start=1):
        v = build_event_view(ev, articles, href, article_href)
        v["anchor"] = f"event-{i}"
        events.append(v)
        for aid, spans in v["targets"].items():
            targets.setdefault(aid, set()).update(spans)
        in_event.update(a for a in ev.get("articles") or [] if a in articles)

    source_texts = []
    for aid, a in articles.items():
        if aid not in in_event:
            continue
        source_texts.append({
            "anchor": _article_anchor(aid),
            "article": a,
            "outlet": outlet_name(a),
            "html": highlight(a.get("text") or "", targets.get(aid, ()), id_prefix=f"t-{aid}-"),
        })
    others = [a for aid, a in articles.items() if aid not in in_event]
    css = report_css()
    return _env().get_template("report.html").render(
        title=title,
        css=css,
        csp=report_csp(css),
        schema=doc.get("schema", ""),
        events=events,
        n_articles=len(articles),
        source_texts=source_texts,
        others=others,
        rejected=[r for r in doc.get("rejected") or [] if isinstance(r, dict)],
    )


def write_html(doc: dict, path: Path) -> Path:
    """Write the HTML report of ``doc`` to ``path``."""
    path = Path(path)
    path.write_text(render_html(doc), encoding="utf-8")
    return path
