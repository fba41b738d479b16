"""RSS and Atom reader: one article per item of a news feed.

Media monitoring runs on feeds. An RSS 2.0, RSS 1.0 (RDF) or Atom document
gives one RawDoc per ``<item>``/``<entry>``: the text from ``content:encoded``
(Atom ``<content>``), else ``<description>`` (Atom ``<summary>``), through
the HTML reader when it is markup; the title; the link; the date from
``pubDate``, ``dc:date``, ``published`` or ``updated``; the byline from
``dc:creator`` or ``author``; the item's ``guid``/``id``; and the feed's own
title as the outlet. Elements are found by their local names, so the usual
namespaces and prefixes all read the same. An item with no text is rejected
with its position in the feed (as ``line``); the other items are still read.

The XML parser recovers from the broken markup feeds often carry and never
resolves entities or fetches anything (no external entities, no network).
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from chorus.dates import parse_date
from chorus.model import RawDoc, Rejection
from chorus.read.html import MARKUP, extract_html, markup_text

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.S)
FEED_ROOT = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)*"
                       r"<(?:rss|feed|rdf:RDF)\b", re.S | re.I)


def is_feed(text: str) -> bool:
    """An RSS or Atom document: its root element is ``rss``, ``feed`` or ``rdf:RDF``."""
    return FEED_ROOT.match(text[:4096]) is not None


def _local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _children(el: Any, *names: str) -> list:
    return [c for c in el if _local(c) in names]


def _inner(el: Any) -> str:
    """An element's content as a string: its text, or its child elements as markup (Atom xhtml)."""
    from lxml import etree

    if len(el):
        parts = [el.text or ""] + [etree.tostring(c, encoding="unicode", with_tail=True) for c in el]
        return "".join(parts)
    return el.text or ""


def _first_text(item: Any, *names: str) -> str | None:
    for name in names:
        for c in _children(item, name):
            value = " ".join(markup_text(_inner(c)).split())
            if value:
                return value
    return None


def _link(item: Any) -> str | None:
    for c in _children(item, "link"):
        href = c.get("href")
        if href and c.get("rel", "alternate") == "alternate":
            return href.strip()
        if not href and (c.text or "").strip():
            return c.text.strip()
    return None


def _author(item: Any) -> str | None:
    names = []
    for c in _children(item, "creator", "author"):
        name = _first_text(c, "name") if len(c) else " ".join((c.text or "").split())
        # RSS 2.0 <author> is "email (Name)": keep the name
        m = re.match(r"^\S+@\S+\s*\((.+)\)$", name or "")
        name = m.group(1) if m else name
        if name and name not in names:
            names.append(name)
    return ", ".join(names) or None


def _content(item: Any) -> str | None:
    for names in (("encoded",), ("content",), ("description", "summary")):
        for c in _children(item, *names):
            value = _inner(c).strip()
            if value:
                return value
    return None


def read_feed(name: str, text: str) -> Iterator[RawDoc | Rejection]:
    """Yield a RawDoc per item of the feed in ``text``, a Rejection per item without text."""
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(_XML_DECL.sub("", text, count=1).encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        yield Rejection(name, f"malformed feed: {exc}")
        return
    if root is None:
        yield Rejection(name, "malformed feed: no root element")
        return
    channel = next((c for c in root.iter() if _local(c) in ("channel", "feed")), root)
    outlet = _first_text(channel, "title")
    items = [el for el in root.iter() if _local(el) in ("item", "entry")]
    if not items:
        yield Rejection(name, "feed has no items")
        return
    for n, item in enumerate(items, 1):
        content = _content(item)
        url = _link(item)
        if not content:
            yield Rejection(name, "feed item without text (no content, description or summary)", n)
            continue
        body, captions, found = content, [], None
        if MARKUP.search(content):
            found = extract_html(content, url)
            body = found["text"] if found else markup_text(content)
            captions = found["captions"] if found else []
        else:
            body = markup_text(content)
        if not body.strip():
            yield Rejection(name, "feed item without text (no content, description or summary)", n)
            continue
        date = _first_text(item, "pubdate", "published", "date", "issued", "updated", "modified")
        yield RawDoc(
            path=name,
            text=body,
            format="feed",
            line=n,
            title=_first_text(item, "title"),
            url=url,
            published=parse_date(date) if date else None,
            outlet=outlet,
            source_id=_first_text(item, "guid", "id"),
            byline=_author(item),
            captions=captions,
            structured=True,
        )
