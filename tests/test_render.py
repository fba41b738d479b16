"""The reports: events.json, report.md, report.html, built from a hand-made document."""

from __future__ import annotations

import html as htmlmod
import json
import re
from pathlib import Path

import pytest

from chorus.render import write_reports
from chorus.render.highlight import highlight
from chorus.render.html import render_html, report_css, report_csp
from chorus.render.jsonout import DocumentError, check_document
from chorus.render.markdown import md_escape, render_markdown
from chorus.render.svg import framing_chart
from chorus.render.view import build_event_view, format_value, safe_url

FIXTURE = Path(__file__).parent / "fixtures" / "events_fixture.json"


@pytest.fixture(scope="module")
def doc() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(doc) -> str:
    return render_html(doc)


def _spans(doc):
    """Every (article, start, end, expected text or None) the fixture's events point at."""
    for ev in doc["events"]:
        for s in ev["summary"]["long"]:
            for c in s["citations"]:
                yield c["article"], c["start"], c["end"], None
        for f in ev["facts"]:
            for c in f["spans"]:
                yield c["article"], c["start"], c["end"], None
        for q in ev["quotes"]:
            for o in q["occurrences"]:
                yield o["article"], o["start"], o["end"], None
        for fig in ev["figures"]:
            for c in fig["claims"]:
                yield c["article"], c["start"], c["end"], c["text"]
        for p in ev["shared_passages"]:
            for aid, (s, e) in zip(p["articles"], p["spans"]):
                yield aid, s, e, p["text"]


def test_fixture_offsets_point_into_the_texts(doc):
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    n = 0
    for aid, s, e, expect in _spans(doc):
        assert 0 <= s < e <= len(texts[aid])
        if expect is not None:
            assert texts[aid][s:e] == expect
        n += 1
    assert n > 30


def _strip_tags(s: str) -> str:
    return htmlmod.unescape(re.sub(r"<[^>]+>", "", s))


def test_highlight_escapes_every_piece_and_keeps_the_text():
    text = 'a <script>x()</script> b "c" & d'
    out = str(highlight(text, [(2, 22, "cite"), (0, 1, "quote")]))
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert _strip_tags(out) == text
    assert '<mark class="hl hl-cite" id="s-2-22" data-span="s-2-22">' in out


def test_highlight_nests_and_splits_crossing_spans():
    text = "One two three. Four five six."
    spans = [(0, 14, "cite"), (4, 9, "quote"), (8, 20, "figure"), (0, 14, "shared"), (50, 60, "cite"), (5, 5, "x")]
    out = str(highlight(text, spans, id_prefix="p-"))
    assert _strip_tags(out) == text
    # the same range twice: one mark with both kinds; out-of-range and empty spans ignored
    assert out.count('id="p-s-0-14"') == 1 and "hl-cite hl-shared" in out
    assert "s-50-60" not in out and "s-5-5" not in out
    # the crossing span [8, 20) is cut where the quote [4, 9) and the sentence [0, 14) end:
    # its first piece has the id, the rest carry data-span only
    assert out.count('data-span="p-s-8-20"') == 3 and out.count('id="p-s-8-20"') == 1
    # well nested: every prefix has at least as many opens as closes, and they balance
    depth = 0
    for tag in re.findall(r"</?mark", out):
        depth += 1 if tag == "<mark" else -1
        assert depth >= 0
    assert depth == 0


def test_view_numbers_citations_and_marks_targets(doc):
    arts = {a["id"]: a for a in doc["articles"]}
    ev = doc["events"][0]
    v = build_event_view(ev, arts, lambda a, s, e: f"{a}#{s}-{e}", lambda a: a)
    assert [r["n"] for r in v["refs"]] == list(range(1, len(v["refs"]) + 1))
    assert v["summary"][1]["refs"] == [2, 3, 4]
    first = ev["summary"]["long"][0]["citations"][0]
    assert v["refs"][0]["excerpt"] == arts[first["article"]]["text"][first["start"]:first["end"]]
    # facts sorted by independent backing; those of one source (wire copies) shown apart
    assert [f["independent_sources"] for f in v["facts"]] == sorted(
        (f["independent_sources"] for f in v["facts"]), reverse=True)
    assert [f["independent_sources"] for f in v["facts"]] == [2]
    assert [f["independent_sources"] for f in v["facts_one_source"]] == [1, 1]
    # figures split: those that disagree, those several outlets give alike (each amount
    # once, with who gives it), those of one outlet only
    assert [f["measure"] for f in v["figures_disagree"]] == ["people evacuated from Kessel"]
    assert [f["measure"] for f in v["figures_agreed"]] == ["rain between Friday and Sunday"]
    (rain,) = v["figures_agreed"][0]["values"]
    assert rain["value"] == "140 mm" and rain["outlets"] == ["Harbour Times", "Northern Post"]
    assert rain["sources"] == ["regional weather service"]
    assert v["figures_other"] == [] and v["figures_changing"] == []
    # quotes grouped by speaker, with the paraphrasing outlet's wording as a difference
    brandt = next(g for g in v["quotes"] if g["speaker"] == "Ilse Brandt")
    assert len(brandt["quotes"]) == 2
    diffs = brandt["quotes"][0]["differences"]
    assert [d["outlet"] for d in diffs] == ["Northern Post"]
    assert diffs[0]["wording"] == "We have never seen the water rise this quickly"
    # sources: wire group and duplicate marked
    by_outlet = {(s["outlet"], s["title"]): s for s in v["sources"]}
    assert by_outlet[("Northern Post", "Thousands flee as Aller floods Kessel")]["wire_group"] == 1
    dup = by_outlet[("Coastal Daily", "Kessel evacuates thousands (update)")]
    assert dup["duplicate_of"]["title"] == "Kessel evacuates thousands"
    # the hostile article's javascript: URL is never offered as a link
    assert all(s["url"] is None or s["url"].startswith("https://") for s in v["sources"])
    # every link target is recorded, for anchors
    for r in v["refs"]:
        assert (r["start"], r["end"], "cite") in v["targets"][r["article"]]


def test_small_helpers():
    assert format_value(2000) == "2,000" and format_value(33.3) == "33.3" and format_value(None, 10, 20) == "10–20"
    assert format_value(130000, unit="payment", currency="$") == "$130,000"
    assert format_value(None, 3e8, 4e8, currency="€") == "€300,000,000–€400,000,000"
    assert safe_url("javascript:alert(1)") is None and safe_url(" JAVASCRIPT:alert(1)") is None
    assert safe_url("https://example.org/a") == "https://example.org/a" and safe_url("//x.org") is None
    assert md_escape("[x](javascript:y) <b>*z*</b>") == r"\[x\](javascript:y) &lt;b&gt;\*z\*&lt;/b&gt;"
    svg = str(framing_chart("<o>", [{"term": "<script>", "actor": "a", "count": 2}, {"term": "b", "count": 1}]))
    assert svg.count("<rect") == 2 and "<script>" not in svg and "&lt;script&gt;" in svg and "style=" not in svg


def test_write_reports_writes_three_files(doc, tmp_path):
    paths = write_reports(doc, tmp_path / "out")
    assert set(paths) == {"json", "markdown", "html"}
    assert {p.name for p in paths.values()} == {"events.json", "report.md", "report.html"}
    assert json.loads(paths["json"].read_text(encoding="utf-8")) == doc
    assert paths["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_bad_documents_are_refused(doc, tmp_path):
    with pytest.raises(DocumentError):
        check_document({"schema": "other", "articles": [], "events": [], "rejected": []})
    bad = dict(doc, events=[{"id": "ev-x", "articles": ["missing"]}])
    with pytest.raises(DocumentError):
        write_reports(bad, tmp_path / "bad")
    assert not (tmp_path / "bad" / "events.json").exists()


def test_html_report_is_self_contained(report):
    assert "<script" not in report.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", report)
    assert "<link" not in report and "@import" not in report and "url(" not in report_css()
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', report)
    assert m and htmlmod.unescape(m.group(1)) == report_csp(report_css())
    policy = htmlmod.unescape(m.group(1))
    assert "script-src 'none'" in policy and "default-src 'none'" in policy
    style = re.search(r"<style>(.*?)</style>", report, re.S).group(1)
    assert style == report_css()  # the hash in the policy is of exactly this text
    assert "@media print" in style


def test_html_report_citations_land_on_anchors(report):
    ids = set(re.findall(r'\bid="([^"]+)"', report))
    links = re.findall(r'href="#([^"]+)"', report)
    assert len(links) > 30
    missing = [l for l in links if l not in ids]
    assert not missing
    cites = re.findall(r'<a class="cite" href="#([^"]+)"', report)
    assert cites and all(re.match(r"t-[0-9a-f]{16}-s-\d+-\d+$", c) for c in cites)


def test_html_report_sections(doc, report):
    for heading in ("Summary", "What the sources agree on", "Figures that disagree", "Who said what",
                    "How each outlet words it", "Timeline", "Sources", "Citations", "Source texts",
                    "Inputs that could not be read", "Articles in no event"):
        assert f">{heading}<" in report
    assert report.count('class="framing-chart"') == sum(len(e["framing"]) for e in doc["events"])
    # charts show the labels each outlet uses per group of actors, coloured by group
    charts = re.findall(r'<svg[^>]*class="framing-chart".*?</svg>', report, re.S)
    assert ">neglectful council<" in charts[1] and ">city council<" in charts[0]
    assert "More than other outlets: neglectful, fled" in report
    assert "fast -&gt; quickly" in report
    table = report[report.index("people evacuated from Kessel"):]
    table = table[: table.index("</table>")]
    for cell in ("2,000 people", "3,500 people", "9,000 people", "more than", "regional fire brigade",
                 "Harbour Times", "2024-03-05"):
        assert cell in table
    assert "wire group 1" in report and ">duplicate<" in report
    assert '<details class="one-source"><summary>Backed by one source only (2)' in report
    assert "We have never seen the water rise this quickly" in report  # the wording difference
    tl = re.findall(r"<time>([^<]+)</time>", report)
    assert tl == sorted(tl[:5]) + sorted(tl[5:])
    assert "Removed boilerplate" in report and "Subscribe to our newsletter" in report


def test_hostile_text_is_inert_in_the_html_report(report):
    from markup_check import elements

    assert "window.__xss" in report  # the hostile text is shown...
    for raw in ("<script>window.__xss", "<img src=x", '<a href="javascript:', "<i>Outlet</i>", "<b>Rex</b>"):
        assert raw not in report  # ...but never as markup
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in report
    tags = elements(report)
    assert {t for t, _ in tags} <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "nav", "ol", "ul",
        "li", "a", "section", "table", "thead", "tbody", "tr", "th", "td", "span", "details", "summary",
        "blockquote", "div", "figure", "figcaption", "svg", "g", "rect", "text", "time", "article", "mark", "br",
        "code"}
    for tag, attrs in tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action"):
                assert (value or "").startswith("#"), (tag, name, value)


def test_markdown_report(doc):
    md = render_markdown(doc)
    assert md.startswith("# Chorus report")
    assert "## 1. Floods close Kessel port as river breaks its banks" in md
    for part in ("### Summary", "### What the sources agree on", "### Figures that disagree", "### Who said what",
                 "### How each outlet words it", "### Timeline", "### Sources", "### Citations"):
        assert part in md
    assert "| 3,500 people | about | regional fire brigade | Northern Post | 2024-03-04 |" in md
    assert "wire group 1" in md and "duplicate of Coastal Daily" in md
    # facts of one source under their own note, not in the agreement table
    agree = md[md.index("### What the sources agree on"):md.index("### Figures that disagree")]
    one = agree.index("Backed by one source only")
    assert agree[:one].count("\n| ") == 2 and agree[one:].count("\n| ") == 3  # header and rows
    # framing: outlets by kinds of actor, the labels each uses; an outlet-less entry named from its article
    # ("leaving" and "<b>truth</b>" are named by one outlet each: nothing to compare, no column)
    assert "| Outlet | authorities | flood defences | other words used most |" in md
    assert "| Northern Post | neglectful council 1 | flood defences 1 |  |" in md
    assert "fled 1" not in md
    assert "| Coastal Daily | officials 1 |" in md
    assert re.search(r"^1\. Harbour Times, 2024-03-04: “Floodwater closed", md, re.M)
    # hostile text: no HTML, no links, no images
    assert "<script" not in md and "<img" not in md and "](javascript:" not in md
    assert "&lt;script&gt;window.\\_\\_xss=1&lt;/script&gt;" in md
    # every table row has as many cells as its header
    for block in re.findall(r"((?:^\|.*\|\n)+)", md, re.M):
        rows = block.strip().split("\n")
        widths = {len(re.findall(r"(?<!\\)\|", r)) for r in rows}
        assert len(widths) == 1, rows


def test_seed_report_is_small(tmp_path):
    from seed_doc import seed_doc

    doc = seed_doc(tmp_path)
    paths = write_reports(doc, tmp_path / "out")
    size = paths["html"].stat().st_size
    assert 10_000 < size < 1_000_000


def test_articles_of_one_feed_without_outlets_are_told_apart():
    from chorus.render.view import outlet_name

    a = {"path": "feeds/wire.jsonl", "outlet": None, "url": None, "source_id": "item-7"}
    b = {"path": "feeds/wire.jsonl", "outlet": None, "url": None, "source_id": "item-9"}
    assert outlet_name(a) != outlet_name(b) and outlet_name(a).startswith("wire.jsonl")
    assert outlet_name({"path": "x/page.html", "outlet": None, "url": None}) == "page.html"
    assert outlet_name({"path": "x/page.html", "outlet": "Harbour Gazette"}) == "Harbour Gazette"


def test_figures_that_change_are_shown_as_steps_and_parts_are_marked(doc):
    import copy

    doc = copy.deepcopy(doc)
    ev = doc["events"][0]
    ht, np_, cd = "3982c9ff09b2ed6b", "59bc03b2a089950c", "9413382c1203bb28"  # Mar 4, Mar 4, Mar 5

    def claim(article, value, **kw):
        return {"article": article, "value": value, "low": value, "high": value, "qualifier": None,
                "unit": "people", "source": None, "as_of": None, "text": str(value), "start": 0, "end": 5,
                "subset": False, **kw}

    ev["figures"] = [
        {"measure": "people killed", "disagree": False, "changes_over_time": True, "claims": [
            claim(cd, 9, source="officials"), claim(ht, 3, as_of="2024-03-03"), claim(np_, 6),
            claim(cd, 6, as_of="2024-03-04"), claim(np_, 2, unit="firefighters")]},
        {"measure": "people arrested", "disagree": True, "changes_over_time": False, "claims": [
            claim(ht, 87, source="police"), claim(ht, 31, subset=True), claim(np_, 240, source="monitors")]},
        {"measure": "boats", "disagree": False, "changes_over_time": False, "claims": [claim(ht, 20, unit="boats")]},
    ]
    md = render_markdown(doc)
    # earliest first, one step per day and amount, the narrower group beside it
    assert ("- people killed: 3 people (2024-03-03: Harbour Times) → 6 people (2024-03-04: Northern Post, "
            "Coastal Daily) → 9 people (2024-03-05: Coastal Daily; officials); of them: 2 firefighters "
            "(Northern Post)") in md
    assert "| 31 people (part of a total) |" in md
    assert "Other figures (one outlet, or amounts that differ):\n\n- boats: 20 boats (Harbour Times)" in md
    html = render_html(doc)
    assert "Figures that change over time" in html and "part of a total</span>" in html


def test_an_outlet_naming_no_compared_actor_shows_the_words_it_repeats(doc):
    import copy

    arts = {a["id"]: a for a in doc["articles"]}
    ev = copy.deepcopy(doc["events"][0])
    fr = ev["framing"][-1]
    fr["groups"] = []
    fr["terms"] = [{"term": "somehow", "z": 2.0, "count": 1}, {"term": "blockade", "z": 1.5, "count": 3},
                   {"term": "occurred", "z": 1.2, "count": 1}, {"term": "stranded", "z": 1.0, "count": 2}]
    v = build_event_view(ev, arts, lambda a, s, e: f"{a}#{s}-{e}", lambda a: a)
    row = v["framing"][-1]
    assert [t["term"] for t in row["chart"]] == ["blockade", "stranded"]
    assert "other words used most" in v["framing_table"]["groups"]
    fr["terms"] = [{"term": "somehow", "z": 2.0, "count": 1}, {"term": "occurred", "z": 1.2, "count": 1}]
    v = build_event_view(ev, arts, lambda a, s, e: f"{a}#{s}-{e}", lambda a: a)
    assert [t["term"] for t in v["framing"][-1]["chart"]] == ["somehow", "occurred"]  # nothing repeated: the top ones
