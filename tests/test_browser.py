"""In a real headless Chromium: search, open an event, follow a citation to its sentence; the report offline."""

from __future__ import annotations

import json
import re
from pathlib import Path

from browser_support import artifact, browser, server  # noqa: F401  (fixtures)

from chorus.render import write_reports

FIXTURE = Path(__file__).parent / "fixtures" / "events_fixture.json"
TARGET_BG = "rgb(255, 210, 77)"  # mark.hl:target in report.css


def _target_state(page) -> dict:
    return page.evaluate("""() => {
        const t = document.querySelector(':target');
        if (!t) return null;
        const r = t.getBoundingClientRect();
        return {id: t.id, tag: t.tagName, text: t.textContent, bg: getComputedStyle(t).backgroundColor,
                classes: t.className, top: r.top, bottom: r.bottom, vh: window.innerHeight};
    }""")


def test_search_open_event_and_follow_a_citation(browser, server):  # noqa: F811
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/")
    assert page.locator(".event-list a.title").count() == 2

    page.fill("input[name=q]", "pump")
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r".*[?&]q=pump"))
    titles = page.locator(".event-list a.title")
    assert titles.count() == 1
    assert titles.first.inner_text() == "Floods close Kessel port as river breaks its banks"

    titles.first.click()
    page.wait_for_url(re.compile(r".*/events/ev-[0-9a-f]+$"))
    assert page.locator("h1").inner_text() == "Floods close Kessel port as river breaks its banks"

    cite = page.locator("section.summary a.cite").nth(1)  # summary sentence 2's first citation: [2]
    assert cite.inner_text() == "[2]"
    cite.click()
    page.wait_for_url(re.compile(r".*/articles/[0-9a-f]{16}#s-\d+-\d+$"))
    c = doc["events"][0]["summary"]["long"][1]["citations"][0]
    assert page.url.endswith(f"/articles/{c['article']}#s-{c['start']}-{c['end']}")
    state = _target_state(page)
    text = next(a["text"] for a in doc["articles"] if a["id"] == c["article"])
    assert state and state["tag"] == "MARK" and state["id"] == f"s-{c['start']}-{c['end']}"
    assert state["text"] == text[c["start"]:c["end"]]
    assert state["bg"] == TARGET_BG
    assert "hl-active" in state["classes"]  # the page's own script ran (allowed by the CSP as 'self')
    assert 0 <= state["top"] < state["vh"]  # scrolled into view
    # the removed boilerplate is one click away
    removed = page.locator("details.removed")
    assert removed.count() == 1 and not page.get_by_text("Comments are closed.").is_visible()
    removed.locator("summary").click()
    assert page.get_by_text("Comments are closed.").is_visible()
    shot = artifact("citation-target.png")
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 5000
    assert not errors
    page.close()


def test_report_opens_offline_and_citations_jump(browser, tmp_path):  # noqa: F811
    from seed_doc import seed_doc

    for name, doc in (("fixture", json.loads(FIXTURE.read_text(encoding="utf-8"))), ("seeds", seed_doc(tmp_path))):
        paths = write_reports(doc, tmp_path / name)
        ctx = browser.new_context(viewport={"width": 1000, "height": 800}, offline=True)
        requests = []
        ctx.route("**/*", lambda route: (requests.append(route.request.url),
                                         route.continue_() if route.request.url.startswith("file:")
                                         else route.abort()))
        page = ctx.new_page()
        violations = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(paths["html"].as_uri())
        assert page.locator("h1").first.inner_text() == "Chorus report"
        # the inline stylesheet applied (allowed by its hash), so the page is styled offline
        assert page.evaluate("getComputedStyle(document.querySelector('table, ol')).display") in ("table", "block")
        assert page.evaluate("getComputedStyle(document.body).maxWidth") != "none"
        cite = page.locator("a.cite").first
        href = cite.get_attribute("href")
        cite.click()
        state = _target_state(page)
        assert state and "#" + state["id"] == href and state["tag"] == "MARK" and state["bg"] == TARGET_BG
        assert [u for u in requests if not u.startswith("file:")] == []
        assert violations == []
        page.screenshot(path=str(artifact(f"report-{name}.png")))
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('section.event')).breakBefore") == "page"
        if page.locator("nav.toc").count():
            assert not page.locator("nav.toc").is_visible()
        ctx.close()
