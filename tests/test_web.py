"""The web app over the hand-made events document: pages, search, filters, API, errors, headers."""

from __future__ import annotations

import inspect
import json
import re
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
with warnings.catch_warnings():  # starlette warns about its own test client's httpx use
    warnings.filterwarnings("ignore", message="Using `httpx` with")
    from fastapi.testclient import TestClient  # noqa: E402

from chorus.web.app import CSP, create_app, serve  # noqa: E402
from chorus.web.data import DataError, fts_query, open_source  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "events_fixture.json"


@pytest.fixture(scope="module")
def doc() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(FIXTURE), raise_server_exceptions=False)


def _titles(html: str) -> list[str]:
    return re.findall(r'<a class="title" href="/events/[^"]+">([^<]+)</a>', html)


def test_events_list_search_and_filters(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert _titles(r.text) == ["Rail strike halts trains across Westmark",
                               "Floods close Kessel port as river breaks its banks"]
    assert _titles(client.get("/?q=pump").text) == ["Floods close Kessel port as river breaks its banks"]
    assert _titles(client.get("/?q=strik").text) == ["Rail strike halts trains across Westmark"]  # prefix
    assert _titles(client.get("/?q=strike+pump").text) == []  # every word must match
    assert _titles(client.get("/?outlet=Harbour+Times").text) == [
        "Floods close Kessel port as river breaks its banks"]
    assert len(_titles(client.get("/?outlet=Northern+Post").text)) == 2
    assert _titles(client.get("/?from=2024-04-01").text) == ["Rail strike halts trains across Westmark"]
    assert _titles(client.get("/?to=2024-03-04").text) == ["Floods close Kessel port as river breaks its banks"]
    assert _titles(client.get("/?from=2024-03-05&to=2024-03-05").text) == [
        "Floods close Kessel port as river breaks its banks"]
    # FTS5 syntax in the input cannot break the search
    for q in ['"', "(", "AND", "NEAR(", "*", "a OR", "x:y", "'; DROP TABLE ev; --"]:
        assert client.get("/", params={"q": q}).status_code == 200


def test_event_page_has_report_sections_and_citation_links(client, doc):
    ev = doc["events"][0]
    r = client.get(f"/events/{ev['id']}")
    assert r.status_code == 200
    for heading in ("Summary", "What the sources agree on", "Figures that disagree", "Who said what",
                    "How each outlet words it", "Timeline", "Sources"):
        assert f">{heading}<" in r.text
    cites = re.findall(r'<a class="cite" href="([^"]+)"', r.text)
    first = ev["summary"]["long"][0]["citations"][0]
    assert cites[0] == f"/articles/{first['article']}#s-{first['start']}-{first['end']}"
    assert '<script src="/static/app.js" defer></script>' in r.text
    assert "<style" not in r.text and " style=" not in r.text  # the CSP allows no inline style


def test_article_page_marks_cited_spans_and_shows_removed_lines(client, doc):
    ev = doc["events"][0]
    c = ev["summary"]["long"][0]["citations"][0]
    art = next(a for a in doc["articles"] if a["id"] == c["article"])
    r = client.get(f"/articles/{art['id']}")
    assert r.status_code == 200
    m = re.search(rf'<mark class="([^"]+)" id="s-{c["start"]}-{c["end"]}"[^>]*>(.*?)</mark>', r.text, re.S)
    assert m and "hl-cite" in m.group(1)
    assert re.sub(r"<[^>]+>", "", m.group(2)) == art["text"][c["start"]:c["end"]]
    assert "hl-quote" in r.text and "hl-figure" in r.text
    assert "Removed boilerplate (2 lines)" in r.text and "Subscribe to our newsletter" in r.text
    assert f'href="/events/{ev["id"]}"' in r.text


def test_api_matches_events_json(client, doc):
    r = client.get("/api/events")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["schema"] == doc["schema"]
    assert sorted(body["events"], key=lambda e: e["id"]) == sorted(doc["events"], key=lambda e: e["id"])
    for ev in doc["events"]:
        assert client.get(f"/api/events/{ev['id']}").json() == ev
    for a in doc["articles"]:
        assert client.get(f"/api/articles/{a['id']}").json() == a
    page = client.get("/api/events?offset=1&limit=1").json()
    assert page["total"] == 2 and [e["id"] for e in page["events"]] == [body["events"][1]["id"]]
    assert client.get("/api/events?limit=-1").status_code == 422
    assert [e["title"] for e in client.get("/api/events?q=pump").json()["events"]] == [
        "Floods close Kessel port as river breaks its banks"]
    spec = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}"} <= set(spec["paths"])
    assert "JSON API" in client.get("/api").text


@pytest.mark.parametrize("url", ["/events/nope", "/articles/nope", "/api/events/nope", "/api/articles/nope",
                                 "/events/%3Cscript%3E", "/articles/" + "f" * 300, "/no/such/page",
                                 "/static/none.css", "/events/"])
def test_unknown_ids_give_404(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert r.headers["content-security-policy"] == CSP
    if url.startswith("/api/"):
        assert r.json()["status"] == 404


@pytest.mark.parametrize("url,status", [("/?from=yesterday", 400), ("/api/events?to=2024-13", 400),
                                        ("/?page=0", 422), ("/?page=x", 422)])
def test_bad_parameters_are_client_errors(client, url, status):
    r = client.get(url)
    assert r.status_code == status and "content-security-policy" in r.headers


def test_every_response_has_security_headers(client, doc):
    urls = ["/", "/?q=kessel", "/api", "/api/events", "/api/openapi.json", "/static/app.js",
            "/static/app.css", "/static/report.css", f"/events/{doc['events'][0]['id']}",
            f"/articles/{doc['articles'][0]['id']}", f"/api/articles/{doc['articles'][0]['id']}"]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP and "default-src 'none'" in CSP


def test_an_internal_error_is_a_500_page_with_headers(doc):
    app = create_app(FIXTURE)
    app.state.site.source.event = lambda eid: 1 / 0  # a broken store
    c = TestClient(app, raise_server_exceptions=False)
    r = c.get(f"/events/{doc['events'][0]['id']}")
    assert r.status_code == 500 and "ZeroDivisionError" not in r.text
    assert r.headers["content-security-policy"] == CSP


def test_head_requests_are_answered(client, doc):
    assert client.head("/").status_code == 200
    assert client.head(f"/events/{doc['events'][0]['id']}").status_code == 200
    assert client.head("/events/nope").status_code == 404


def test_serve_binds_loopback_by_default():
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_sources_and_query_building(tmp_path):
    assert fts_query('kessel "port" (x') == '"kessel" "port" "x"*'
    assert fts_query('"()*') is None
    with pytest.raises(DataError):
        open_source(tmp_path / "missing.json")
    with pytest.raises(DataError):
        open_source(tmp_path / "missing.db")
    (tmp_path / "bad.json").write_text('{"schema": "x"}')
    with pytest.raises(DataError):
        open_source(tmp_path / "bad.json")


def test_cached_pages_follow_data_changes(doc):
    app = create_app(FIXTURE)
    site = app.state.site
    c = TestClient(app)
    eid = doc["events"][0]["id"]
    assert "Floods close Kessel" in c.get(f"/events/{eid}").text
    src = site.source
    src._events[eid] = dict(src._events[eid], title="Renamed event")
    assert "Renamed event" not in c.get(f"/events/{eid}").text  # cached
    src.version = lambda: 1  # the data changed
    assert "Renamed event" in c.get(f"/events/{eid}").text


def test_load_smoke():
    """A small version of ``chorus bench load``: a real server subprocess, every request answered 200."""
    from chorus.bench.load import run_load

    r = run_load(FIXTURE, requests=200, concurrency=8)
    assert r["errors"] == 0 and r["ok"] == 200 and r["statuses"] == {200: 200}
    assert r["requests_per_s"] > 0 and 0 < r["p50_ms"] <= r["p95_ms"] <= r["p99_ms"]


def test_store_backed_app_reads_the_store_and_sees_new_digests(doc, tmp_path):
    """The same pages over the SQLite store; a later digest shows without restarting the app."""
    from chorus.model import Article, Event
    from chorus.store import Store

    db = tmp_path / "chorus.db"
    arts = {a["id"]: Article.from_dict(a) for a in doc["articles"]}
    first, second = (Event.from_dict(e) for e in doc["events"])
    with Store(db) as st:
        st.put_articles(arts.values())
        st.put_event(first, [arts[a] for a in first.articles])
    app = create_app(db)
    c = TestClient(app)
    assert _titles(c.get("/").text) == [first.title]
    assert _titles(c.get("/?q=pump").text) == [first.title]
    assert c.get(f"/events/{first.id}").status_code == 200
    assert c.get(f"/api/events/{first.id}").json() == first.to_dict()
    assert c.get(f"/api/articles/{first.articles[0]}").json() == arts[first.articles[0]].to_public()
    assert c.get(f"/events/{second.id}").status_code == 404
    with Store(db) as st:  # a new digest lands while the app runs
        st.put_event(second, [arts[a] for a in second.articles])
    app.state.site.source._checked = 0.0  # skip the half-second re-check delay
    assert sorted(_titles(c.get("/").text)) == sorted([first.title, second.title])
    assert _titles(c.get("/?q=strike").text) == [second.title]
    assert c.get(f"/events/{second.id}").status_code == 200


def test_an_empty_store_says_how_to_fill_it(tmp_path):
    from chorus.store import Store

    db = tmp_path / "empty.db"
    Store(db).close()
    c = TestClient(create_app(db))
    r = c.get("/")
    assert r.status_code == 200 and "No events in this database yet" in r.text and "chorus digest" in r.text
    assert c.get("/api/events").json() == {"schema": "chorus.events/1", "total": 0, "events": []}
    assert c.get("/?q=anything").status_code == 200
