"""Readers: format sniffing, folders and stdin, HTML, WARC, JSON lines, dates, decoding."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from chorus.dates import date_line, find_date, parse_date
from chorus.model import RawDoc, Rejection
from chorus.read import read_bytes, read_paths
from chorus.read.decode import NotText, decode_bytes
from chorus.read.jsonl import NO_TEXT

DATA = Path(__file__).parent / "data"
HTML_PAGE = (DATA / "html" / "valley_times.html").read_text(encoding="utf-8")
BODY = ("The harbour master said on Monday that the new pier would open in the spring, "
        "two years later than planned, because of a shortage of steel.")


def _docs(items):
    return [i for i in items if isinstance(i, RawDoc)]


@pytest.mark.parametrize("text,expected", [
    ("December 3, 2016 at 4:41 pm", "2016-12-03"),
    ("Monday 05/December/2016 20:06 PM", "2016-12-05"),
    ("05.12.2016", "2016-12-05"),
    ("2016-12-05", "2016-12-05"),
    ("2016-12-05T23:06:00-05:00", "2016-12-05"),
    ("Mon, 05 Dec 2016 20:06:00 +0000", "2016-12-05"),
    ("Dec. 5, 2016", "2016-12-05"),
    ("5th of December, 2016", "2016-12-05"),
    ("25/12/2016", "2016-12-25"),
    ("12/25/2016", "2016-12-25"),
    ("05/12/2016", None),  # day and month could be either way round
    ("December 5", None),  # no year: not a date we can state
    ("2016-02-30", None),
    ("31.02.2016", None),
    # pages in other languages write the day first
    ("3. März 2025, 19:10 Uhr", "2025-03-03"),
    ("Publié le 1er mars 2025", "2025-03-01"),
    ("3 de marzo de 2025", "2025-03-03"),
    ("12 de dezembro de 2024", "2024-12-12"),
    ("3 maart 2025", "2025-03-03"),
    ("3 marzo 2025", "2025-03-03"),
    ("3 марта 2025", "2025-03-03"),
    ("März 3, 2025", None),  # those months are read only in day-month-year order
])
def test_dates(text, expected):
    assert find_date(text) == expected


def test_date_line_versus_sentence():
    assert date_line("Published: 14 March 2023, 09:12 GMT") == "2023-03-14"
    assert date_line("World Monday 05/December/2016 20:06 PM") == "2016-12-05"
    assert date_line("The talks began on December 5, 2016 in Geneva.") is None
    assert date_line("Publicado el 3 de marzo de 2025") == "2025-03-03"
    assert date_line("3. März 2025, 19:10 Uhr") == "2025-03-03"
    assert date_line("A picture taken on December 5, 2016 shows destroyed buildings in the east") is None


def test_parse_date_fields():
    assert parse_date("2016-12-05T10:00:00Z") == "2016-12-05"
    assert parse_date(1480932000) == "2016-12-05"
    assert parse_date("soon") is None and parse_date(None) is None and parse_date(True) is None


def test_decode_encodings():
    text = "Café “quoted” – naïve"
    assert decode_bytes(text.encode("utf-8"))[0] == text
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))[0] == text
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")
    assert decode_bytes(b"\xff\xfe" + text.encode("utf-16-le"))[0] == text
    assert decode_bytes(b"\xfe\xff" + text.encode("utf-16-be"))[0] == text
    assert decode_bytes(text.encode("utf-16-le"))[0] == text  # no BOM, found by its zero bytes
    with pytest.raises(NotText):
        decode_bytes(bytes(range(256)) * 8)


def test_format_chosen_by_content_not_only_extension(tmp_path):
    (tmp_path / "page.txt").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "lines.dat").write_text(json.dumps({"text": BODY, "title": "Pier delayed"}) + "\n")
    (tmp_path / "plain").write_text("Pier opening delayed\n\n" + BODY + "\n")
    docs = {Path(d.path).name: d for d in _docs(read_paths([tmp_path]))}
    assert docs["page.txt"].format == "html" and docs["page.txt"].title.startswith("Bridge reopens")
    assert docs["lines.dat"].format == "jsonl" and docs["lines.dat"].title == "Pier delayed"
    assert docs["plain"].format == "text" and BODY in docs["plain"].text


def test_folders_recursive_sorted_hidden_skipped(tmp_path):
    for rel in ["b/2.txt", "b/1.txt", "a/z.txt", ".hidden/x.txt", "a/.secret.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"Story {rel}\n\n{BODY}\n")
    names = [Path(d.path).relative_to(tmp_path).as_posix() for d in read_paths([tmp_path])]
    assert names == ["a/z.txt", "b/1.txt", "b/2.txt"]


def test_stdin(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(("Pier opening delayed\n\n" + BODY).encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", fake)
    docs = list(read_paths(["-"]))
    assert len(docs) == 1 and docs[0].path == "<stdin>" and BODY in docs[0].text


def test_jsonl_fields_and_aliases(tmp_path):
    lines = [
        {"id": "a1", "text": BODY, "title": "Pier delayed", "url": "https://port.example/pier",
         "published": "2021-04-01T08:00:00Z", "outlet": "Port News", "author": "Jo Brandt"},
        {"text": BODY, "source": {"id": "x", "name": "Coast Radio"}, "published": "April 2, 2021"},
        {"text": BODY, "source": "Bay Daily", "published": "not a date"},
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(o) for o in lines) + "\n", encoding="utf-8")
    a, b, c = read_paths([path])
    assert (a.source_id, a.title, a.url, a.published, a.outlet, a.byline, a.line) == (
        "a1", "Pier delayed", "https://port.example/pier", "2021-04-01", "Port News", "Jo Brandt", 1)
    assert (b.outlet, b.published, b.line) == ("Coast Radio", "2021-04-02", 2)
    assert (c.outlet, c.published) == ("Bay Daily", None)
    assert all(d.structured and d.format == "jsonl" for d in (a, b, c))


def test_json_array_file(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"text": BODY}, {"title": "no text"}]), encoding="utf-8")
    out = list(read_paths([path]))
    assert isinstance(out[0], RawDoc) and out[1] == Rejection(str(path), NO_TEXT, 2)


def test_html_reader_metadata():
    (doc,) = read_paths([DATA / "html" / "valley_times.html"])
    assert doc.format == "html" and doc.structured
    assert doc.title == "Bridge reopens after six months of repairs"
    assert doc.published == "2022-09-14"
    assert doc.outlet == "Valley Times"
    assert doc.url == "https://www.valleytimes.example/local/bridge-reopens"
    assert "Most read" not in doc.text and "Home" not in doc.text.splitlines()


def _warc(records: list[tuple[str, str, bytes, str]], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, ctype, payload, date in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http,
                                        warc_headers_dict={"WARC-Date": date})
        writer.write_record(rec)
    return buf.getvalue()


PAGE_WITHOUT_DATE = ("<html><head><title>Pier delayed</title></head><body><article><h1>Pier delayed</h1>"
                     f"<p>{BODY}</p><p>{BODY.replace('Monday', 'Tuesday')}</p></article></body></html>")


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_records_become_articles(tmp_path, gz):
    data = _warc([
        ("https://www.valleytimes.example/local/bridge-reopens", "text/html; charset=utf-8",
         HTML_PAGE.encode("utf-8"), "2022-09-20T10:00:00Z"),
        ("https://port.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64), "2022-09-20T10:00:01Z"),
        ("https://port.example/pier", "text/html; charset=windows-1252", PAGE_WITHOUT_DATE.encode("cp1252"),
         "2021-04-03T12:00:00Z"),
    ], gz)
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data)
    out = list(read_paths([path]))
    assert [type(o) for o in out] == [RawDoc, RawDoc]
    first, second = out
    assert first.format == "warc" and first.line == 1
    assert first.url == "https://www.valleytimes.example/local/bridge-reopens"
    assert first.published == "2022-09-14"  # the page's own date beats the capture date
    assert second.url == "https://port.example/pier" and second.line == 3
    assert second.published == "2021-04-03"  # the page states none: the record's date
    assert BODY in second.text


def test_gzip_files_are_read_by_what_they_hold(tmp_path):
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(("Pier opening delayed\n\n" + BODY).encode()))
    (tmp_path / "feed.gz").write_bytes(gzip.compress(json.dumps({"text": BODY}).encode()))
    whole = gzip.compress((BODY * 20).encode())
    (tmp_path / "broken.gz").write_bytes(whole[: len(whole) // 2])
    out = {Path(o.path).name: o for o in read_paths([tmp_path])}
    assert out["story.txt"].format == "text" and BODY in out["story.txt"].text
    assert out["feed"].format == "jsonl" and out["feed"].text == BODY
    assert isinstance(out["broken.gz"], Rejection) and "gzip" in out["broken.gz"].reason


def test_damaged_warc_is_rejected(tmp_path):
    data = _warc([("https://port.example/pier", "text/html", PAGE_WITHOUT_DATE.encode(), "2021-04-03T12:00:00Z")],
                 gz=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:60])
    out = list(read_paths([path]))
    assert out and all(isinstance(o, Rejection) for o in out)
    assert all("WARC" in o.reason for o in out)


def test_html_meta_charset_is_honoured(tmp_path):
    page = ('<html><head><meta charset="windows-1251"><title>Новости</title></head><body><article>'
            '<p>Городской совет в понедельник утвердил план строительства нового моста через реку, '
            'сообщили в администрации.</p></article></body></html>')
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("cp1251"))
    (doc,) = read_paths([path])
    assert "Городской совет" in doc.text


def test_read_bytes_names_its_source():
    (doc,) = read_bytes("mem.txt", ("Pier opening delayed\n\n" + BODY).encode())
    assert doc.path == "mem.txt" and doc.format == "text" and not doc.structured


def test_jsonl_reads_the_common_news_dataset_layouts(tmp_path):
    """news-please, schema.org-style and WordPress records read without renaming a field."""
    news_please = {"maintext": BODY, "title": "Pier delayed", "date_publish": "2021-04-01 08:00:00",
                   "date_download": "2023-01-01 00:00:00", "source_domain": "port.example",
                   "url": "https://port.example/pier", "authors": ["Jo Brandt", "Ana Ruiz"]}
    schema_org = {"headline": "Pier delayed", "articleBody": BODY, "datePublished": "2021-04-02",
                  "publisher": {"@type": "Organization", "name": "Coast Radio"},
                  "author": [{"@type": "Person", "name": "Ana Ruiz"}], "uuid": "u-2"}
    wordpress = {"id": 7, "link": "https://bay.example/?p=7", "date": "2021-04-03T10:00:00",
                 "title": {"rendered": "Pier delayed &#8211; again"},
                 "content": {"rendered": f"<p>{BODY}</p>\n<p>The steel is expected in March, "
                                         "the port authority said in a statement.</p>"}}
    both = {"text": BODY, "maintext": "something else entirely", "date": "2021-04-04"}
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(o) for o in (news_please, schema_org, wordpress, both)) + "\n",
                    encoding="utf-8")
    a, b, c, d = read_paths([path])
    assert (a.text, a.title, a.published, a.outlet, a.url, a.byline) == (
        BODY, "Pier delayed", "2021-04-01", "port.example", "https://port.example/pier", "Jo Brandt, Ana Ruiz")
    assert (b.text, b.title, b.published, b.outlet, b.byline, b.source_id) == (
        BODY, "Pier delayed", "2021-04-02", "Coast Radio", "Ana Ruiz", "u-2")
    # WordPress: the HTML body goes through the extractor, tags gone, paragraphs kept apart.
    assert c.text.splitlines()[0] == BODY and "<p>" not in c.text and "steel is expected" in c.text
    assert (c.title, c.published, c.url, c.source_id) == (
        "Pier delayed \u2013 again", "2021-04-03", "https://bay.example/?p=7", "7")
    assert d.text == BODY and d.published == "2021-04-04"  # "text" first of the text fields


def test_json_envelopes_of_news_apis_and_search_dumps(tmp_path):
    """The response a news API or a search engine wraps its articles in: each article
    is read as a record, and one without text is rejected with the envelope's line."""
    newsapi = {"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": None, "name": "Coast Radio"}, "author": "Ana Ruiz", "title": "Pier delayed",
         "description": "The pier opens late.", "url": "https://coast.example/pier",
         "publishedAt": "2021-04-02T08:00:00Z", "content": BODY + " The port\u2026 [+2345 chars]"},
        {"source": {"name": "Bay News"}, "title": "No text here", "url": "https://bay.example/x"}]}
    (tmp_path / "newsapi.json").write_text(json.dumps(newsapi, indent=2), encoding="utf-8")
    event_registry = {"articles": {"page": 1, "results": [
        {"uri": "8123", "dateTimePub": "2021-04-03T09:00:00Z", "title": "Pier delayed again", "body": BODY,
         "source": {"uri": "harbour.example", "title": "Harbour Wire"}}]}}
    search = {"took": 3, "hits": {"total": 1, "hits": [
        {"_id": "a1", "_source": {"text": BODY, "title": "From the index", "date": "2021-04-04"}}]}}
    (tmp_path / "pages.jsonl").write_text(json.dumps(event_registry) + "\n" + json.dumps(search) + "\n",
                                           encoding="utf-8")
    a, rej, c, d = read_paths([tmp_path])
    assert (a.text, a.title, a.outlet, a.byline, a.published, a.url) == (
        BODY + " The port", "Pier delayed", "Coast Radio", "Ana Ruiz", "2021-04-02", "https://coast.example/pier")
    assert rej == Rejection(str(tmp_path / "newsapi.json"), NO_TEXT, 1)
    assert (c.text, c.title, c.outlet, c.published, c.line) == (
        BODY, "Pier delayed again", "Harbour Wire", "2021-04-03", 1)
    assert (d.text, d.title, d.published, d.line) == (BODY, "From the index", "2021-04-04", 2)
    # An API's page with no results says so.
    (tmp_path / "empty.json").write_text('{"status": "ok", "totalResults": 0, "articles": []}', encoding="utf-8")
    assert list(read_paths([tmp_path / "empty.json"])) == [
        Rejection(str(tmp_path / "empty.json"), "no articles: 'articles' is an empty list", 1)]
    # The same envelope pretty-printed (say, by jq) under a name that says nothing.
    (tmp_path / "response").write_text(json.dumps(search, indent=2), encoding="utf-8")
    (doc,) = read_paths([tmp_path / "response"])
    assert (doc.format, doc.text, doc.title) == ("jsonl", BODY, "From the index")


def test_jsonl_record_holding_the_page_html(tmp_path):
    """A crawler's record with the raw page: the article comes out of the HTML, and the
    record's own metadata wins over what the page states."""
    good = {"url": "https://www.valleytimes.example/x", "html": HTML_PAGE, "title": "Record title"}
    empty = {"url": "https://www.valleytimes.example/login", "html": "<html><body><nav>Home</nav></body></html>"}
    path = tmp_path / "crawl.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(empty) + "\n", encoding="utf-8")
    doc, rej = read_paths([path])
    (page,) = read_paths([DATA / "html" / "valley_times.html"])
    assert isinstance(doc, RawDoc) and doc.format == "jsonl" and doc.line == 1
    assert doc.text == page.text and doc.title == "Record title" and doc.url == good["url"]
    assert (doc.published, doc.outlet) == (page.published, page.outlet) == ("2022-09-14", "Valley Times")
    assert rej == Rejection(str(path), "no article text found in the record's HTML", 2)


FEEDS = DATA / "feeds"


def test_rss_feed_items_are_articles_with_their_metadata():
    items = list(read_paths([FEEDS / "harbour-wire.rss"]))
    first, second, gallery = items
    assert (first.format, first.line, first.outlet, first.title, first.byline, first.published, first.source_id) == (
        "feed", 1, "Harbour Wire", "Port of Kesslow reopens after storm", "Ines Halvorsen", "2024-03-12",
        "hw-2024-0312-01")
    assert first.url == "https://harbourwire.example/2024/03/12/kesslow-reopens"
    # content:encoded wins over the teaser in <description>, through the HTML reader
    assert first.text.startswith("KESSLOW — The port of Kesslow reopened") and "<p>" not in first.text
    assert "“We lost about 300 metres of wall,” harbour master Olav Brenne" in first.text
    assert first.captions == ["The damaged breakwater at Kesslow on Monday."]
    assert second.text.startswith("Ferries between Kesslow") and second.byline == "Marta Lind"  # "email (Name)"
    assert gallery == Rejection(str(FEEDS / "harbour-wire.rss"),
                                "feed item without text (no content, description or summary)", 3)


def test_atom_feed_entry_with_xhtml_content():
    (entry,) = read_paths([FEEDS / "coast-radio.atom"])
    assert (entry.outlet, entry.title, entry.byline, entry.published) == (
        "Coast Radio News", "Breakwater repairs will take weeks", "Jonas Aaberg", "2024-03-12")
    assert entry.url == "https://coastradio.example/news/breakwater"  # the alternate link, not the enclosure
    assert entry.text.splitlines() == [
        "Repairs to the northern breakwater at Kesslow will take at least six weeks, the harbour authority said "
        "on Tuesday, after a storm destroyed about 300 metres of the wall.",
        "Engineers began surveying the damage from boats as the port reopened to shipping."]


def test_feed_never_resolves_external_entities_and_survives_broken_markup(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE", encoding="utf-8")
    feed = tmp_path / "odd.xml"
    feed.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<rss version="2.0"><channel><title>Odd Feed</title>'
        "<item><title>One</title><description>Dockers voted on Monday to end the strike at the port "
        "after eleven days, the union said. &xxe;</description></item>"
        "<item><title>Two</title><description>The council met on Tuesday and agreed to fund repairs "
        "to the quay wall before the summer, its leader said.<broken></description></item>",
        encoding="utf-8")
    docs = _docs(read_paths([feed]))
    assert [d.title for d in docs] == ["One", "Two"]
    assert all("TOP-SECRET" not in d.text for d in docs)
    assert docs[1].text.startswith("The council met on Tuesday")
