"""Where the web app reads events and articles from: the store, or an events.json file.

The app talks to a small adapter with five reads (``events``, ``event``,
``article``, ``search``, ``version``) so it serves the SQLite store that
``chorus digest`` fills, and just as well a finished ``events.json`` (handy
to look at a report someone sent, and for tests). Both hand back plain
dicts in the events.json contract's shape.

``version()`` changes when the underlying data changes, so the app can cache
rendered pages and drop them when a new digest lands in the database.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Protocol

from chorus.language import cjk_spaced

_WORD = re.compile(r"\w+", re.UNICODE)


class DataError(RuntimeError):
    """The data the app was pointed at cannot be served (missing or unreadable)."""


def fts_query(q: str) -> str | None:
    """A user's search words as a safe FTS5 query: every word must match, the last as a prefix.

    Quotes, operators and parentheses in the input are dropped, so no input
    can make the FTS5 parser fail.
    """
    words = _WORD.findall(q or "")[:16]
    if not words:
        return None
    # (a Chinese or Japanese word as the phrase of its characters, as indexed: ``cjk_spaced``)
    parts = ['"' + " ".join(cjk_spaced(w.replace('"', "")).split()) + '"' for w in words]
    parts[-1] += "*"
    return " ".join(parts)


class Source(Protocol):
    def version(self) -> Any: ...
    def events(self) -> list[dict]: ...
    def event(self, event_id: str) -> dict | None: ...
    def article(self, article_id: str) -> dict | None: ...
    def articles(self, ids: list[str]) -> dict[str, dict]: ...
    def search(self, q: str) -> list[str]: ...


def _as_dict(obj: Any, public: bool = False) -> dict | None:
    if obj is None:
        return None
    if isinstance(obj, dict):
        d = dict(obj)
    elif public and hasattr(obj, "to_public"):
        d = obj.to_public()
    elif hasattr(obj, "to_dict"):
        d = obj.to_dict()
    else:
        raise TypeError(f"cannot serve a {type(obj).__name__}")
    if public:
        d.pop("sentences", None)
    return d


class DocSource:
    """Serves one events.json document held in memory, searched with an in-memory FTS5 index."""

    def __init__(self, doc: dict):
        self.doc = doc
        self._articles = {a["id"]: a for a in doc.get("articles") or []}
        self._events = {e["id"]: e for e in doc.get("events") or []}
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute("CREATE VIRTUAL TABLE ev USING fts5(event_id UNINDEXED, title, body)")
        for ev in self._events.values():
            self._db.execute("INSERT INTO ev VALUES (?, ?, ?)", (ev["id"], *_event_text(ev, self._articles)))

    @classmethod
    def from_file(cls, path: Path) -> "DocSource":
        from chorus.render.jsonout import DocumentError, load_json

        try:
            return cls(load_json(path))
        except (OSError, ValueError, DocumentError) as exc:
            raise DataError(f"cannot read {path}: {exc}") from exc

    def version(self) -> Any:
        return 0

    def events(self) -> list[dict]:
        return list(self._events.values())

    def event(self, event_id: str) -> dict | None:
        return self._events.get(event_id)

    def article(self, article_id: str) -> dict | None:
        return self._articles.get(article_id)

    def articles(self, ids: list[str]) -> dict[str, dict]:
        return {i: self._articles[i] for i in ids if i in self._articles}

    def search(self, q: str) -> list[str]:
        query = fts_query(q)
        if query is None:
            return []
        with self._lock:
            rows = self._db.execute("SELECT event_id FROM ev WHERE ev MATCH ? ORDER BY rank", (query,)).fetchall()
        return [r[0] for r in rows]


def _event_text(ev: dict, articles: dict[str, dict]) -> tuple[str, str]:
    """The searchable text of an event: its title; summary, quotes and its articles' titles and text."""
    from chorus.render.view import _summary_parts

    parts = []
    head, short, long = _summary_parts(ev.get("summary"))
    for s in ([head] if head else []) + short + long:
        parts.append(s.get("text", "") if isinstance(s, dict) else str(s))
    for q in ev.get("quotes") or []:
        parts.append(f"{q.get('speaker') or ''} {q.get('text') or ''}")
    for aid in ev.get("articles") or []:
        a = articles.get(aid) or {}
        parts.append(f"{a.get('title') or ''} {a.get('outlet') or ''} {a.get('text') or ''}")
    return cjk_spaced(ev.get("title") or ""), cjk_spaced("\n".join(parts))


class StoreSource:
    """Serves the SQLite store through ``chorus.store.Store``, one connection per thread."""

    _RECHECK_S = 0.5

    def __init__(self, path: Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise DataError(f"no database at {self.path}: run `chorus digest` first, or pass --db")
        from chorus.store import Store  # lazy: the store pulls in nothing the app needs at import

        self._Store = Store
        self._local = threading.local()
        self._stamp: Any = None
        self._checked = 0.0
        self._vlock = threading.Lock()
        self._watch: sqlite3.Connection | None = None

    def _store(self):
        st = getattr(self._local, "store", None)
        if st is None:
            try:  # the app only reads; a read-only connection cannot change the file
                st = self._Store(self.path, readonly=True)
            except TypeError:
                st = self._Store(self.path)
            self._local.store = st
        return st

    def _data_version(self) -> int | None:
        """SQLite's own change counter: moves whenever another connection commits."""
        try:
            if self._watch is None:
                uri = f"file:{self.path.resolve()}?mode=ro"
                self._watch = sqlite3.connect(uri, uri=True, check_same_thread=False)
            return int(self._watch.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            self._watch = None
            return None

    def version(self) -> Any:
        now = time.monotonic()
        if now - self._checked >= self._RECHECK_S:
            with self._vlock:
                stamp: list[Any] = [self._data_version()]
                for suffix in ("", "-wal"):
                    try:
                        st = os.stat(str(self.path) + suffix)
                        stamp.append((st.st_mtime_ns, st.st_size))
                    except OSError:
                        stamp.append(None)
                self._stamp = tuple(stamp)
                self._checked = now
        return self._stamp

    def events(self) -> list[dict]:
        return [d for d in (_as_dict(e) for e in self._store().events()) if d]

    def event(self, event_id: str) -> dict | None:
        return _as_dict(self._store().get_event(event_id))

    def article(self, article_id: str) -> dict | None:
        return _as_dict(self._store().get_article(article_id), public=True)

    def articles(self, ids: list[str]) -> dict[str, dict]:
        return {d["id"]: d for d in (_as_dict(a, public=True) for a in self._store().articles(ids)) if d}

    def search(self, q: str) -> list[str]:
        query = fts_query(q)
        if query is None:
            return []
        store = self._store()
        try:  # as one types: the last word may be the start of a word
            found = store.search_events(q, prefix=True)
        except sqlite3.Error:
            return []
        out = []
        for item in found or []:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict):
                out.append(item.get("id"))
            elif isinstance(item, (tuple, list)):
                out.append(item[0])
            else:
                out.append(getattr(item, "id", None))
        return [x for x in out if isinstance(x, str)]


def open_source(path: Path | str) -> Source:
    """The adapter for ``path``: an events.json file (``.json``) or a SQLite store."""
    p = Path(path)
    if p.suffix.lower() == ".json":
        if not p.is_file():
            raise DataError(f"no events file at {p}")
        return DocSource.from_file(p)
    return StoreSource(p)

