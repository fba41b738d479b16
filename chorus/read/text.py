"""Plain-text reader: one file, one article, text exactly as scraped.

Scraped plain text keeps the page's debris (menus, taglines, comment boxes)
and its metadata lines (title, date, byline); the cleaner sorts them out, so
this reader only yields the text with its line structure intact.
"""

from __future__ import annotations

from typing import Iterator

from chorus.model import RawDoc, Rejection


def read_text(name: str, text: str) -> Iterator[RawDoc | Rejection]:
    """Yield the whole of ``text`` as one RawDoc, or a Rejection if it is blank."""
    if not text.strip():
        yield Rejection(name, "empty file")
        return
    yield RawDoc(path=name, text=text, format="text")
