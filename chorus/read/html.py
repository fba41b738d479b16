"""HTML reader: the article body and metadata of a page, through trafilatura.

Trafilatura finds the main text of a page and its title, date, site name and
canonical URL from the markup. A page where it finds no main text (an index
page, a login wall, an error page) is rejected with "no article text found"
rather than turned into an article made of menus.
"""

from __future__ import annotations

import html as _html
import logging
import re
from typing import Iterator

from chorus.boilerplate import is_body_shaped
from chorus.dates import parse_date
from chorus.model import RawDoc, Rejection

# Trafilatura logs every page it cannot parse; the Rejection already says so.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|blockquote)\s*>|<br\s*/?>", re.I)
# Markup rather than prose: a paragraph, line-break, block, inline or document tag (for text
# fields of JSON records and feed items that may hold HTML).
MARKUP = re.compile(r"<(?:p|br|div|span|a|img|h[1-6]|ul|li|figure|blockquote|strong|em|article|section|html|body)\b"
                    r"[^>]*>", re.I)


def markup_text(markup: str) -> str:
    """A fragment of HTML as plain text, one paragraph a line, entities decoded."""
    text = _html.unescape(_TAG.sub(" ", _BLOCK_END.sub("\n", markup)))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def figure_captions(markup: str) -> list[str]:
    """The text of the page's ``<figcaption>`` elements (the extractor drops them)."""
    out = []
    for m in _FIGCAPTION.finditer(markup):
        text = " ".join(markup_text(m.group(1)).split())
        if text and text not in out:
            out.append(text)
    return out


def extract_html(html: str, url: str | None = None) -> dict | None:
    """Main text and metadata of one HTML page, or None when it holds no article.

    Returns ``{"text", "title", "published", "outlet", "url", "byline", "captions"}``; values the
    page does not state are None. ``published`` is the date the page's markup
    states (meta tags, structured data), never the crawl date.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            fast=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # trafilatura raises assorted errors on broken markup
        return None
    if doc is None:
        return None
    text = (getattr(doc, "text", None) or "").strip()
    if not any(is_body_shaped(line.strip()) for line in text.splitlines()):
        return None  # menus and link lists only: not an article
    return {
        "text": text,
        "title": (getattr(doc, "title", None) or None),
        "published": parse_date(getattr(doc, "date", None)),
        "outlet": (getattr(doc, "sitename", None) or None),
        "url": (getattr(doc, "url", None) or url or None),
        "byline": (getattr(doc, "author", None) or None),
        "captions": figure_captions(html),
    }


def read_html(name: str, html: str, *, url: str | None = None, line: int | None = None,
              fmt: str = "html", fallback_date: str | None = None) -> Iterator[RawDoc | Rejection]:
    """Yield one RawDoc for the article in ``html``, or a Rejection when there is none."""
    found = extract_html(html, url)
    if found is None:
        yield Rejection(name, "no article text found", line)
        return
    yield RawDoc(
        path=name,
        text=found["text"],
        format=fmt,
        line=line,
        title=found["title"],
        url=url or found["url"],
        published=found["published"] or fallback_date,
        outlet=found["outlet"],
        byline=found["byline"],
        captions=found["captions"],
        structured=True,
    )
