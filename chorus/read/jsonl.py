"""JSON-lines reader: one article per line, ``text`` required.

Each line is an object with ``text`` and optionally ``id``, ``title``,
``url``, ``published`` (any date form ``chorus.dates`` reads, or a Unix
timestamp) and ``outlet`` (or ``source``, a string or an object with a
``name``) and ``byline`` (or ``author``). A file holding one JSON array of
such objects is read the same way. A malformed line, or one without text,
is rejected with its line number and the rest of the file is still read.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from chorus.dates import parse_date
from chorus.model import RawDoc, Rejection


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _outlet(obj: dict) -> str | None:
    for key in ("outlet", "source", "site_name", "sitename"):
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if _str(value):
            return _str(value)
    return None


def record_to_raw(name: str, obj: Any, line: int) -> RawDoc | Rejection:
    """One decoded JSON value as a RawDoc, or a Rejection saying what is missing."""
    if not isinstance(obj, dict):
        return Rejection(name, "JSON value is not an object", line)
    text = obj.get("text")
    if not isinstance(text, str):
        return Rejection(name, "no 'text' field" if text is None else "'text' is not a string", line)
    if not text.strip():
        return Rejection(name, "empty 'text'", line)
    return RawDoc(
        path=name,
        text=text,
        format="jsonl",
        line=line,
        title=_str(obj.get("title")),
        url=_str(obj.get("url")),
        published=parse_date(obj.get("published", obj.get("date"))),
        outlet=_outlet(obj),
        source_id=_str(obj.get("id")),
        byline=_str(obj.get("byline", obj.get("author"))),
        structured=True,
    )


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
            yield record_to_raw(name, obj, 1)
            return
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield Rejection(name, f"malformed JSON: {exc.msg} (column {exc.colno})", lineno)
            continue
        yield record_to_raw(name, obj, lineno)
