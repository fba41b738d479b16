"""WARC reader: every HTML response record of a (gzipped) WARC file is an article.

Each record's target URI becomes the article URL. The publication date is
the one the page's markup states; when the page states none, the record's
own date (``WARC-Date``, when the page was captured) is used, because the
page existed by then and the capture date is the date the archive states
about it. Records that are not HTML responses (requests, metadata, images)
are skipped; a record whose page holds no article is rejected with its
record number, and a damaged archive is rejected from the record where it
breaks.
"""

from __future__ import annotations

import io
import re
from typing import Iterator

from chorus.dates import parse_date
from chorus.model import RawDoc, Rejection
from chorus.read.decode import NotText, decode_bytes
from chorus.read.html import read_html

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def read_warc(name: str, data: bytes) -> Iterator[RawDoc | Rejection]:
    """Yield a RawDoc per HTML response record of the WARC bytes ``data``."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    number = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            number += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            found += 1
            payload = record.content_stream().read()
            m = _CHARSET.search(ctype)
            try:
                html, _enc = decode_bytes(payload, m.group(1) if m else None)
            except NotText:
                yield Rejection(name, "HTML record is not text", number)
                continue
            yield from read_html(
                name,
                html,
                url=record.rec_headers.get_header("WARC-Target-URI"),
                line=number,
                fmt="warc",
                fallback_date=parse_date(record.rec_headers.get_header("WARC-Date")),
            )
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Rejection(name, f"damaged WARC file: {exc}", number + 1 if number else None)
        return
    if found == 0 and number > 0:
        yield Rejection(name, "WARC file holds no HTML response records")
    elif number == 0:
        yield Rejection(name, "not a WARC file (no records)")
