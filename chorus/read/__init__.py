"""Read files, folders and standard input into raw documents.

``read_paths`` walks what it is given (folders recursively, in sorted order,
hidden files skipped; ``-`` is standard input), picks a reader for each file
by its content as well as its extension, and yields a ``RawDoc`` per article
or a ``Rejection`` per input that could not be read. It never raises for a
bad input: an empty, binary, oversized, unreadable or malformed file becomes
a ``Rejection`` naming the file (and line or record) and the walk goes on.

Gzip files are read by what they hold (``story.txt.gz``, ``crawl.warc.gz``).
Format sniffing, in order: ``WARC/`` magic -> WARC; JSON object on
the first non-blank line, or the opening of pretty-printed JSON (or a
``.jsonl``/``.ndjson``/``.json`` name) -> JSON lines; an ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` root -> RSS/Atom feed;
an HTML document start or a ``.html``/``.htm`` name -> HTML; anything else
that decodes as text -> plain text.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from chorus.model import RawDoc, Rejection
from chorus.parallel import map_ordered
from chorus.read.decode import NotText, decode_bytes
from chorus.settings import Settings

if TYPE_CHECKING:
    from chorus.engines import Engine

STDIN = "-"
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([\w.:-]{2,40})", re.I)
_HTML_TAGS = re.compile(r"<(?:p|div|article|h1|title|meta|br)\b[^>]*>", re.I)
_JSON_EXT = {".jsonl", ".ndjson", ".json"}
_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
_WARC_EXT = (".warc", ".warc.gz", ".arc.gz")


def read_paths(paths: Iterable[str | os.PathLike], settings: Settings = Settings(),
               engine: Engine | None = None) -> Iterator[RawDoc | Rejection]:
    """Yield a RawDoc for every article found under ``paths``, a Rejection for every failure.

    Files are read in ``settings.workers`` processes when there are many of
    them (HTML extraction is the slow part of ingest), or by ``engine``
    (``chorus.engines``) when one is given; results keep the order of the
    walk either way.
    """
    paths = [str(p) for p in paths]
    if STDIN in paths:  # standard input can only be read here, in order with the rest
        for p in paths:
            if p == STDIN:
                yield from _read_all(STDIN, settings)
            else:
                for f in _files(p):
                    yield from _read_all(f, settings)
        return
    files = [f for p in paths for f in _files(p)]
    if engine is not None:
        for items in engine.map(partial(_read_all, settings=settings), files):
            yield from items
        return
    for items in map_ordered(partial(_read_all, settings=settings), files, settings.workers):
        yield from items


def _files(p: str) -> Iterator[Path]:
    path = Path(p)
    if path.is_dir():
        yield from _walk(path)
    else:
        yield path


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def _read_all(path: Path | str, settings: Settings) -> list[RawDoc | Rejection]:
    """Everything one file (or standard input) yields; a reader bug on an odd input
    becomes that input's Rejection."""
    name = "<stdin>" if path == STDIN else str(path)
    try:
        if path == STDIN:
            return list(read_bytes(name, sys.stdin.buffer.read(settings.max_file_bytes + 1), settings))
        return list(read_file(Path(path), settings))
    except Exception as exc:  # never let one input stop the run
        return [Rejection(name, f"could not read: {type(exc).__name__}: {exc}")]


def read_file(path: Path, settings: Settings = Settings()) -> Iterator[RawDoc | Rejection]:
    """Read one file; size and kind are checked before any byte is read."""
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        reason = "broken link (target missing)" if path.is_symlink() else "no such file"
        yield Rejection(name, f"cannot read: {reason}")
        return
    except OSError as exc:
        yield Rejection(name, f"cannot read: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(st.st_mode):
        yield Rejection(name, "cannot read: not a regular file")
        return
    if st.st_size > settings.max_file_bytes:
        yield Rejection(name, f"file too large ({st.st_size} bytes; limit {settings.max_file_bytes})")
        return
    try:
        with open(path, "rb") as fh:  # bounded by the size just checked, not by the limit
            data = fh.read(st.st_size + 65536)
    except OSError as exc:
        yield Rejection(name, f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(name, data, settings)


def _gzipped_warc(data: bytes) -> bool:
    import zlib

    try:
        head = zlib.decompressobj(wbits=31).decompress(data[:65536], 64)
    except zlib.error:
        return False
    return head.lstrip().startswith(b"WARC/")


def _gunzip(data: bytes, limit: int) -> bytes | None:
    import zlib

    d = zlib.decompressobj(wbits=31)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error:
        return None
    return None if len(out) > limit or not d.eof else out  # oversized, or cut short


def _is_warc(name: str, data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b" or data[:4096].lstrip().startswith(b"WARC/") or name.lower().endswith(_WARC_EXT)


def sniff(name: str, text: str) -> str:
    """The format of decoded ``text`` named ``name``: "jsonl", "feed", "html" or "text"."""
    from chorus.read.feed import is_feed

    suffix = os.path.splitext(name.lower())[1]
    head = text[:4096].lstrip()
    first = head.split("\n", 1)[0].rstrip()
    if suffix in _JSON_EXT or (first.startswith("{") and first.endswith("}")):
        return "jsonl"
    if first in ("{", "[") or first.startswith(('[{', '{"')):  # pretty-printed JSON (say, from jq)
        return "jsonl"
    if is_feed(head):
        return "feed"
    if suffix in _HTML_EXT or ("<" in head and (_HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 3)):
        return "html"
    return "text"


def read_bytes(name: str, data: bytes, settings: Settings = Settings()) -> Iterator[RawDoc | Rejection]:
    """Read the bytes of one input (already loaded) with the reader its content calls for."""
    if len(data) > settings.max_file_bytes:
        yield Rejection(name, f"file too large (over {settings.max_file_bytes} bytes)")
        return
    if not data.strip():
        yield Rejection(name, "empty file")
        return
    if data[:2] == b"\x1f\x8b" and not _gzipped_warc(data):
        inner = _gunzip(data, settings.max_file_bytes)
        if inner is None:
            yield Rejection(name, "damaged or oversized gzip file")
        else:  # "story.txt.gz", "feed.jsonl.gz": read what is inside
            yield from read_bytes(name[:-3] if name.lower().endswith(".gz") else name, inner, settings)
        return
    if _is_warc(name, data):
        from chorus.read.warc import read_warc

        yield from read_warc(name, data)
        return
    try:
        meta = _META_CHARSET.search(data[:2048])
        text, _enc = decode_bytes(data, meta.group(1).decode("ascii", "ignore") if meta else None)
    except NotText as exc:
        yield Rejection(name, f"not a text, HTML, WARC, RSS/Atom or JSON-lines file ({exc})")
        return
    if not text.strip():
        yield Rejection(name, "empty file")
        return
    fmt = sniff(name, text)
    if fmt == "jsonl":
        from chorus.read.jsonl import read_jsonl

        yield from read_jsonl(name, text)
    elif fmt == "feed":
        from chorus.read.feed import read_feed

        yield from read_feed(name, text)
    elif fmt == "html":
        from chorus.read.html import read_html

        yield from read_html(name, text)
    else:
        from chorus.read.text import read_text

        yield from read_text(name, text)


__all__ = ["read_paths", "read_file", "read_bytes", "sniff", "STDIN"]
