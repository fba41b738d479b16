"""``events.json``: the machine-readable output every other face mirrors.

The document is ``{"schema": "chorus.events/1", "articles": [...], "events":
[...], "rejected": [...]}`` (docs/events-json.md lists every field). This
module checks the top-level shape and writes it deterministically (UTF-8,
stable indentation, atomic replace) so reruns diff cleanly.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from chorus.model import SCHEMA

TOP_LEVEL = ("schema", "articles", "events", "rejected")


class DocumentError(ValueError):
    """An events.json document that does not have the contract's shape."""


def check_document(doc: Any) -> None:
    """Raise :class:`DocumentError` unless ``doc`` has the contract's top-level shape."""
    if not isinstance(doc, dict):
        raise DocumentError("events.json document must be an object")
    if doc.get("schema") != SCHEMA:
        raise DocumentError(f"events.json schema must be {SCHEMA!r}, got {doc.get('schema')!r}")
    for key in ("articles", "events", "rejected"):
        if not isinstance(doc.get(key, []), list):
            raise DocumentError(f"events.json field {key!r} must be a list")
    seen = set()
    for i, a in enumerate(doc.get("articles") or []):
        if not isinstance(a, dict) or not isinstance(a.get("id"), str) or not isinstance(a.get("text"), str):
            raise DocumentError(f"article #{i} needs a string 'id' and 'text'")
        seen.add(a["id"])
    for i, ev in enumerate(doc.get("events") or []):
        if not isinstance(ev, dict) or not isinstance(ev.get("id"), str):
            raise DocumentError(f"event #{i} needs a string 'id'")
        missing = [a for a in ev.get("articles") or [] if a not in seen]
        if missing:
            raise DocumentError(f"event {ev['id']} names articles not in the document: {missing[:3]}")


def dumps(doc: dict) -> str:
    """The document as the text written to events.json."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_json(doc: dict, path: Path) -> Path:
    """Check ``doc`` and write it to ``path`` atomically."""
    check_document(doc)
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dumps(doc), encoding="utf-8")
    os.replace(tmp, path)
    return path


def load_json(path: Path) -> dict:
    """Read and check an events.json file."""
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    check_document(doc)
    return doc
