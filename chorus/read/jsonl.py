"""JSON-lines reader: one article per line.

Each line is an object holding the article's text and, optionally, its
metadata. Field names follow the common news-dataset layouts, so the output
of the usual scrapers and crawlers reads as it is:

* text: ``text``, ``maintext`` (news-please), ``content``, ``body``,
  ``article``, ``articleBody`` (schema.org), ``full_text``; a WordPress-style
  ``{"rendered": ...}`` object is read too. Text that is HTML markup (``<p>``
  paragraphs, a whole page) goes through the HTML extractor, and so does a
  record that carries only the page: ``html``, ``raw_html``, ``content_html``.
* ``id`` (or ``uuid``, ``guid``), ``title`` (or ``headline``), ``url`` (or
  ``link``, ``canonical_url``);
* ``published`` (or ``date``, ``date_publish``, ``publish_date``,
  ``published_at``, ``datePublished``, ``date_published``, ``pubDate``,
  ``publication_date``): any date form ``chorus.dates`` reads, or a Unix
  timestamp; never a download or modification date;
* ``outlet`` (or ``source``, ``site_name``, ``sitename``, ``publisher``,
  ``source_domain``, ``domain``; a string or an object with a ``name``);
* ``byline`` (or ``author``, ``authors``: a string, a list, objects with a
  ``name``).

The first field present of each list is used. A file holding one JSON array
of such objects is read the same way, and so is the envelope a news API or
a search engine wraps its articles in (``{"status": "ok", "articles":
[...]}``, ``{"articles": {"results": [...]}}``, ``{"hits": {"hits": [{"_source":
...}]}}``), one to a file or one to a line. A malformed line, or one without text,
is rejected with its line number and the rest of the file is still read.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

from chorus.dates import parse_date
from chorus.model import RawDoc, Rejection
from chorus.read.html import MARKUP, extract_html, markup_text

TEXT_KEYS = ("text", "maintext", "content", "body", "article", "articleBody", "article_body", "full_text")
HTML_KEYS = ("html", "raw_html", "content_html", "body_html")
ID_KEYS = ("id", "uuid", "guid")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link", "canonical_url")
DATE_KEYS = ("published", "date", "date_publish", "publish_date", "published_at", "publishedAt",
             "datePublished", "date_published", "pubDate", "publication_date", "dateTimePub", "dateTime")
# Where news APIs and search-engine dumps put their list of articles: NewsAPI
# ``{"status", "totalResults", "articles": [...]}``, Event Registry
# ``{"articles": {"results": [...]}}``, Elasticsearch ``{"hits": {"hits":
# [{"_source": {...}}]}}``, and the usual ``items``, ``results``, ``data``, ``docs``.
LIST_KEYS = ("articles", "items", "results", "data", "docs", "documents", "hits", "entries", "stories", "posts",
             "news")
OUTLET_KEYS = ("outlet", "source", "site_name", "sitename", "publisher", "source_domain", "domain")
BYLINE_KEYS = ("byline", "author", "authors")

NO_TEXT = "no 'text' field (nor " + ", ".join(TEXT_KEYS[1:] + HTML_KEYS) + ")"



def _str(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _plain(value: Any) -> str | None:
    """A string, or a WordPress-style ``{"rendered": "..."}`` field as plain text."""
    if isinstance(value, dict) and isinstance(value.get("rendered"), str):
        value = " ".join(markup_text(value["rendered"]).split())
    return _str(value)


def _name(value: Any) -> str | None:
    """A string, or the ``name`` of an object (a schema.org person or organisation;
    ``title`` where an API names a source so)."""
    if isinstance(value, dict):
        value = value.get("name") if value.get("name") is not None else value.get("title")
    return _str(value)


def _first(obj: dict, keys: tuple[str, ...], read=_str) -> Any:
    for key in keys:
        if key in obj:
            value = read(obj[key])
            if value is not None:
                return value
    return None


def _byline(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return _name(value)


def _date(value: Any) -> str | None:
    return parse_date(value) if value is not None and value != "" else None


def _text_field(obj: dict) -> tuple[str | None, Any]:
    """The first text field present and its value (a ``{"rendered"}`` object unwrapped)."""
    for key in TEXT_KEYS:
        if key in obj and obj[key] is not None:
            value = obj[key]
            if isinstance(value, dict) and isinstance(value.get("rendered"), str):
                value = value["rendered"]
            return key, value
    return None, None


# What NewsAPI puts where it cuts an article's text: "... [+2345 chars]".
_TRUNCATED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")


def looks_like_markup(text: str) -> bool:
    """Text that is HTML rather than prose: it opens with a tag and holds paragraph or block tags."""
    head = text.lstrip()[:2000]
    return head.startswith("<") and MARKUP.search(head) is not None


def record_to_raw(name: str, obj: Any, line: int) -> RawDoc | Rejection:
    """One decoded JSON value as a RawDoc, or a Rejection saying what is missing."""
    if not isinstance(obj, dict):
        return Rejection(name, "JSON value is not an object", line)
    key, text = _text_field(obj)
    markup = None
    if key is None:
        markup = _first(obj, HTML_KEYS)
        if markup is None:
            return Rejection(name, NO_TEXT, line)
    elif not isinstance(text, str):
        return Rejection(name, f"'{key}' is not a string", line)
    elif not text.strip():
        return Rejection(name, f"empty '{key}'", line)
    elif looks_like_markup(text):
        markup = text
    else:
        text = _TRUNCATED.sub("", text)
    url = _first(obj, URL_KEYS)
    found: dict = {}
    if markup is not None:
        found = extract_html(markup, url) or {}
        if not found:
            return Rejection(name, "no article text found in the record's HTML", line)
        text = found["text"]
    return RawDoc(
        path=name,
        text=text,
        format="jsonl",
        line=line,
        title=_first(obj, TITLE_KEYS, _plain) or found.get("title"),
        url=url or found.get("url"),
        published=_first(obj, DATE_KEYS, _date) or found.get("published"),
        outlet=_first(obj, OUTLET_KEYS, _name) or found.get("outlet"),
        source_id=_first(obj, ID_KEYS),
        byline=_first(obj, BYLINE_KEYS, _byline) or found.get("byline"),
        captions=found.get("captions") or [],
        structured=True,
    )


def wrapped_records(obj: Any) -> list | None:
    """The articles of an API response or a search dump: an object without text
    of its own whose ``articles`` (``items``, ``results``, ``hits``, ...) is a
    list of objects, or holds one a level down; an Elasticsearch hit's
    ``_source`` is the record. None when ``obj`` is not such an envelope."""
    if not isinstance(obj, dict) or _text_field(obj)[0] is not None or _first(obj, HTML_KEYS) is not None:
        return None
    for key in LIST_KEYS:
        value = obj.get(key)
        if isinstance(value, dict):
            value = next((value[k] for k in LIST_KEYS if isinstance(value.get(k), list)), None)
        if isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
            return [x["_source"] if isinstance(x.get("_source"), dict) else x for x in value]
    return None


def _records(name: str, obj: Any, line: int) -> Iterator[RawDoc | Rejection]:
    """One decoded JSON value: an article, or an envelope of articles (each
    rejected or read with the line of the envelope)."""
    inner = wrapped_records(obj)
    empty = next((k for k in LIST_KEYS if isinstance(obj, dict) and obj.get(k) == []), None)
    if inner is None and empty is not None and _text_field(obj)[0] is None:
        yield Rejection(name, f"no articles: '{empty}' is an empty list", line)  # an API's empty page
    elif inner is None:
        yield record_to_raw(name, obj, line)
    else:
        for item in inner:
            yield record_to_raw(name, item, line)


def read_jsonl(name: str, text: str) -> Iterator[RawDoc | Rejection]:
    """Yield a RawDoc per good line of ``text`` and a Rejection per bad one."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield Rejection(name, f"malformed JSON: {exc.msg}", exc.lineno)
            return
        if not isinstance(items, list):
            yield Rejection(name, "JSON document is not a list of articles")
            return
        for i, obj in enumerate(items, 1):
            yield record_to_raw(name, obj, i)  # line = position in the array
        return
    if stripped.startswith("{") and "\n" in stripped.strip():
        try:  # one pretty-printed object rather than JSON lines
            obj = json.loads(stripped)
        except json.JSONDecodeError:
            pass
        else:
            yield from _records(name, obj, 1)
            return
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield Rejection(name, f"malformed JSON: {exc.msg} (column {exc.colno})", lineno)
            continue
        yield from _records(name, obj, lineno)
