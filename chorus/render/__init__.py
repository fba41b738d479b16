"""Reports: events.json, report.md and report.html from one events document.

``write_reports(doc, out_dir)`` is what ``chorus digest`` calls at the end of
a run. Each face lives in its own module (jsonout, markdown, html); they all
lay out the same per-event view (``chorus.render.view``).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["write_reports"]


def write_reports(doc: dict, out_dir: Path) -> dict[str, Path]:
    """Write ``events.json``, ``report.md`` and ``report.html`` into ``out_dir``.

    Returns ``{"json": path, "markdown": path, "html": path}``. The document is
    checked first (``chorus.render.jsonout.DocumentError`` when its shape is wrong),
    so no half-written set of reports is left behind for a bad document.
    """
    from chorus.render.html import render_html
    from chorus.render.jsonout import check_document, write_json
    from chorus.render.markdown import render_markdown

    check_document(doc)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    md = render_markdown(doc)
    html = render_html(doc)
    paths = {"json": write_json(doc, out / "events.json")}
    (out / "report.md").write_text(md, encoding="utf-8")
    (out / "report.html").write_text(html, encoding="utf-8")
    paths["markdown"] = out / "report.md"
    paths["html"] = out / "report.html"
    return paths
