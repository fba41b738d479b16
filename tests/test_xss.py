"""Hostile article text (``<script>``, ``<img onerror>``, ``javascript:`` links) stays plain text.

The hand-made document has an article whose title, outlet, byline, body,
URL, removed lines, captions, quotes, figures and framing terms all carry
markup that would set ``window.__xss`` if it ever ran. These tests check the
markup the app and the report produce, then load them in Chromium and check
that nothing ran, nothing was requested and the text shows as written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser_support import browser, server  # noqa: F401  (fixtures)
from markup_check import elements

from chorus.render import write_reports

FIXTURE = Path(__file__).parent / "fixtures" / "events_fixture.json"
DOC = json.loads(FIXTURE.read_text(encoding="utf-8"))
HOSTILE = next(a for a in DOC["articles"] if "__xss" in a["text"])
HOSTILE_EVENT = next(e for e in DOC["events"] if HOSTILE["id"] in e["articles"])
ALLOWED_SCRIPT = "/static/app.js"


def _check_markup(html: str, where: str) -> None:
    for tag, attrs in elements(html):
        attrs = dict(attrs)
        assert tag not in ("img", "iframe", "object", "embed", "i", "b", "form") or tag == "form" and \
            attrs.get("action") == "/", (where, tag, attrs)
        if tag == "script":
            assert attrs.get("src") == ALLOWED_SCRIPT, (where, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, name)
            if name in ("href", "src", "action", "xlink:href"):
                v = (value or "").strip().lower()
                assert v.startswith(("/", "#", "?", "https://", "http://")) or (tag, v) == ("link", "data:,"), \
                    (where, tag, name, value)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with")
        from fastapi.testclient import TestClient

    from chorus.web.app import create_app

    c = TestClient(create_app(FIXTURE))
    urls = {"list": "/", "search": "/?q=blogger", "event": f"/events/{HOSTILE_EVENT['id']}",
            "article": f"/articles/{HOSTILE['id']}"}
    out = {}
    for k, u in urls.items():
        r = c.get(u)
        assert r.status_code == 200
        out[k] = r.text
    return out


def test_app_pages_carry_no_markup_from_text(pages):
    for where, html in pages.items():
        _check_markup(html, where)
        assert "<script>window.__xss" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in pages["article"]
    assert "&lt;script&gt;window.__xss=5&lt;/script&gt;" in pages["article"]  # title
    assert "&lt;script&gt;window.__xss=9&lt;/script&gt;" in pages["article"]  # removed line
    assert "javascript:window.__xss=8" not in pages["article"].split("<article", 1)[0]


def test_report_files_carry_no_markup_from_text(tmp_path):
    paths = write_reports(DOC, tmp_path)
    html = paths["html"].read_text(encoding="utf-8")
    _check_markup(html, "report.html")
    md = paths["markdown"].read_text(encoding="utf-8")
    for raw in ("<script", "<img", "<a ", "<b>", "<i>", "](javascript:", "](http"):
        assert raw not in md


def _load_and_probe(page, url: str) -> dict:
    page.goto(url)
    page.wait_for_load_state("load")
    return page.evaluate("""() => ({
        xss: typeof window.__xss === 'undefined' ? null : window.__xss,
        text: document.body.innerText,
        jsLinks: document.querySelectorAll('a[href^="javascript" i]').length,
        imgs: document.querySelectorAll('img').length,
        scripts: Array.from(document.scripts).map(s => s.getAttribute('src')),
    })""")


def test_no_script_runs_in_the_app(browser, server):  # noqa: F811
    page = browser.new_page()
    dialogs, requests, csp = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
    for path in ("/", "/?q=blogger", f"/events/{HOSTILE_EVENT['id']}", f"/articles/{HOSTILE['id']}"):
        probe = _load_and_probe(page, server + path)
        assert probe["xss"] is None, path
        assert probe["jsLinks"] == 0 and probe["imgs"] == 0, path
        assert probe["scripts"] == [ALLOWED_SCRIPT], path
    # the hostile text is on the page, as text
    assert "Kessel residents <script>window.__xss=1</script> returned to the port on Tuesday." in probe["text"]
    assert '<img src=x onerror="window.__xss=2">' in probe["text"]
    assert "[here](javascript:window.__xss=4)" in probe["text"]
    # open every collapsed part and click every link on the hostile article page: still nothing runs
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert "<script>window.__xss=9</script> Cookie banner" in page.evaluate("document.body.innerText")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == [] and csp == []
    assert not [u for u in requests if not u.startswith(server)]
    assert not [u for u in requests if u.rstrip("/").endswith("/x")]  # no <img src=x> was fetched
    page.close()


def test_no_script_runs_in_the_report(browser, tmp_path):  # noqa: F811
    paths = write_reports(DOC, tmp_path)
    page = browser.new_page()
    dialogs, requests = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    probe = _load_and_probe(page, paths["html"].as_uri())
    assert probe["xss"] is None and probe["jsLinks"] == 0 and probe["imgs"] == 0 and probe["scripts"] == []
    assert "Kessel <script>window.__xss=5</script> port" in probe["text"]
    assert dialogs == [] and requests == [paths["html"].as_uri()]
    page.close()
