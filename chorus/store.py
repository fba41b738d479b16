"""SQLite store: one file, WAL mode, a versioned schema, idempotent writes.

Articles are keyed by the hash of their cleaned text, so ingesting the same
article twice stores it once. Events are replaced whole when they change.
Records are kept as JSON next to the few columns the queries need, so the
schema does not have to change each time an analysis adds a field.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .language import cjk_spaced
from .model import Article, Event, Rejection

SCHEMA_VERSION = 1

# One entry per schema version; entry i migrates from version i to i + 1.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        published TEXT,
        data TEXT NOT NULL,
        seq INTEGER NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        title TEXT,
        first_published TEXT,
        last_published TEXT,
        size INTEGER NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE event_articles (
        article_id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL
    );
    CREATE INDEX event_articles_event ON event_articles(event_id);
    CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE rejected (
        path TEXT NOT NULL,
        line INTEGER,
        reason TEXT NOT NULL,
        UNIQUE (path, line, reason)
    );
    CREATE VIRTUAL TABLE events_fts USING fts5(event_id UNINDEXED, title, body);
    """,
]


class StoreError(Exception):
    """The store file cannot be opened or is of a newer schema than this Chorus."""


class Store:
    """The embedded store. Safe to share across threads (one lock per store)."""

    def __init__(self, path: str | Path = "chorus.db", *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        try:
            if readonly:
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, check_same_thread=False)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from exc
        self._lock = threading.RLock()
        if not readonly:
            self._migrate()
        else:
            self._check_version()

    # -- schema -----------------------------------------------------------------
    def _version(self) -> int:
        try:
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a Chorus store: {exc}") from exc

    def _check_version(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this Chorus supports "
                f"({SCHEMA_VERSION}); upgrade Chorus"
            )

    def _migrate(self) -> None:
        self._check_version()
        version = self._version()
        if version == 0:
            tables = [r[0] for r in self._db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            if tables:  # an SQLite file of something else: never write into it
                raise StoreError(f"{self.path}: not a Chorus store (an SQLite database with other tables: "
                                 f"{', '.join(sorted(tables)[:5])})")
        with self._lock:
            for i in range(version, SCHEMA_VERSION):
                with self._db:
                    self._db.executescript(MIGRATIONS[i])
                    self._db.execute(f"PRAGMA user_version = {i + 1}")

    @property
    def schema_version(self) -> int:
        return self._version()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles ---------------------------------------------------------------
    def put_articles(self, articles: Iterable[Article]) -> list[str]:
        """Store articles not seen before; return the ids that were new.

        An article already stored (same cleaned text, so same id) is left as
        it is: its text, and so every offset into it, never changes.
        """
        added: list[str] = []
        with self._lock, self._db:
            seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
            for a in articles:
                seq += 1
                cur = self._db.execute(
                    "INSERT OR IGNORE INTO articles (id, path, title, outlet, published, data, seq)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (a.id, a.path, a.title, a.outlet, a.published, json.dumps(a.to_dict()), seq),
                )
                if cur.rowcount:
                    added.append(a.id)
        return added

    def update_articles(self, articles: Iterable[Article]) -> None:
        """Save derived article fields (duplicate_of, not_news); text is never changed."""
        with self._lock, self._db:
            for a in articles:
                row = self._db.execute("SELECT data FROM articles WHERE id = ?", (a.id,)).fetchone()
                if row is None:
                    continue
                if json.loads(row[0])["text"] != a.text:
                    raise ValueError(f"article {a.id}: stored text cannot change")
                self._db.execute(
                    "UPDATE articles SET data = ?, title = ?, outlet = ?, published = ? WHERE id = ?",
                    (json.dumps(a.to_dict()), a.title, a.outlet, a.published, a.id),
                )

    def get_article(self, article_id: str) -> Article | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.from_dict(json.loads(row[0])) if row else None

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Articles in the order they were first stored (all of them when ids is None)."""
        with self._lock:
            if ids is None:
                rows = self._db.execute("SELECT data FROM articles ORDER BY seq").fetchall()
                return [Article.from_dict(json.loads(r[0])) for r in rows]
            wanted = list(dict.fromkeys(ids))
            found: dict[str, Article] = {}
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                q = ",".join("?" * len(chunk))
                for (data,) in self._db.execute(f"SELECT data FROM articles WHERE id IN ({q})", chunk):
                    a = Article.from_dict(json.loads(data))
                    found[a.id] = a
        return [found[i] for i in wanted if i in found]

    def iter_articles(self, batch: int = 1000) -> Iterator[Article]:
        """Every article in the order first stored, read ``batch`` at a time
        (for passes over a large store without holding it all in memory)."""
        last = 0
        while True:
            with self._lock:
                # (rowids grow with every insert, as seq does, and are indexed)
                rows = self._db.execute("SELECT rowid, data FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                        (last, batch)).fetchall()
            if not rows:
                return
            for _, data in rows:
                yield Article.from_dict(json.loads(data))
            last = rows[-1][0]

    def count_articles(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def outlets(self) -> list[str]:
        with self._lock:
            rows = self._db.execute(
                "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet"
            ).fetchall()
        return [r[0] for r in rows]

    # -- events -----------------------------------------------------------------
    def put_event(self, event: Event, articles: list[Article] | None = None) -> None:
        """Insert or replace an event and its membership; index it for search."""
        self.put_events([event], {a.id: a for a in articles or []})

    def put_events(self, events: Iterable[Event], articles: dict[str, Article] | None = None) -> None:
        with self._lock, self._db:
            self._write_events(events, articles or {})

    def _write_events(self, events: Iterable[Event], articles: dict[str, Article]) -> None:
        """Rows of ``events`` (inside the caller's transaction)."""
        for event in events:
            self._db.execute(
                "INSERT OR REPLACE INTO events (id, title, first_published, last_published, size, data)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (event.id, event.title, event.first_published, event.last_published,
                 len(event.articles), json.dumps(event.to_dict())),
            )
            self._db.execute("DELETE FROM event_articles WHERE event_id = ?", (event.id,))
            self._db.executemany(
                "INSERT OR REPLACE INTO event_articles (article_id, event_id) VALUES (?, ?)",
                [(aid, event.id) for aid in event.articles],
            )
            self._db.execute("DELETE FROM events_fts WHERE event_id = ?", (event.id,))
            body = _event_search_text(event, [articles[a] for a in event.articles if a in articles])
            self._db.execute(
                "INSERT INTO events_fts (event_id, title, body) VALUES (?, ?, ?)",
                (event.id, cjk_spaced(event.title or ""), body),
            )

    def replace_events(self, put: list[Event], delete: Iterable[str], state: dict[str, str],
                       articles: dict[str, Article] | None = None) -> None:
        """In one transaction: delete the events ``delete``, insert or replace
        ``put`` and set the ``state`` keys, so an interrupted regrouping leaves
        the store as it was."""
        with self._lock, self._db:
            self._delete_events(delete)
            self._write_events(put, articles or {})
            for key, value in state.items():
                self._db.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))

    def delete_events(self, ids: Iterable[str]) -> None:
        with self._lock, self._db:
            self._delete_events(ids)

    def _delete_events(self, ids: Iterable[str]) -> None:
        for eid in ids:
            self._db.execute("DELETE FROM events WHERE id = ?", (eid,))
            self._db.execute("DELETE FROM event_articles WHERE event_id = ?", (eid,))
            self._db.execute("DELETE FROM events_fts WHERE event_id = ?", (eid,))

    def get_event(self, event_id: str) -> Event | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone()
        return Event.from_dict(json.loads(row[0])) if row else None

    def events(self) -> list[Event]:
        """All events, largest first, then by date."""
        with self._lock:
            rows = self._db.execute(
                "SELECT data FROM events ORDER BY size DESC, first_published, id"
            ).fetchall()
        return [Event.from_dict(json.loads(r[0])) for r in rows]

    def iter_events(self, batch: int = 100) -> Iterator[Event]:
        """Every event in the order of ``events``, read ``batch`` at a time."""
        with self._lock:
            ids = [r[0] for r in self._db.execute("SELECT id FROM events ORDER BY size DESC, first_published, id")]
        for i in range(0, len(ids), batch):
            chunk = ids[i : i + batch]
            q = ",".join("?" * len(chunk))
            with self._lock:
                found = {eid: data for eid, data in
                         self._db.execute(f"SELECT id, data FROM events WHERE id IN ({q})", chunk)}
            for eid in chunk:
                if eid in found:
                    yield Event.from_dict(json.loads(found[eid]))

    def memberships(self) -> dict[str, list[str]]:
        """Each event's article ids, without loading the events' analyses."""
        out: dict[str, list[str]] = {}
        with self._lock:
            for eid, aid in self._db.execute("SELECT event_id, article_id FROM event_articles ORDER BY rowid"):
                out.setdefault(eid, []).append(aid)
        return out

    def event_ids_for_articles(self, ids: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        ids = list(ids)
        with self._lock:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                q = ",".join("?" * len(chunk))
                for aid, eid in self._db.execute(
                    f"SELECT article_id, event_id FROM event_articles WHERE article_id IN ({q})", chunk
                ):
                    out[aid] = eid
        return out

    def search_events(
        self,
        query: str | None = None,
        *,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
        limit: int = 200,
        prefix: bool = False,
    ) -> list[Event]:
        """Events matching a full-text query and filters, best match first; with
        ``prefix``, the query's last word matches as the start of a word (as one
        types)."""
        sql = ["SELECT e.data FROM events e"]
        where: list[str] = []
        params: list[Any] = []
        if query and query.strip():
            sql.append("JOIN events_fts f ON f.event_id = e.id")
            where.append("events_fts MATCH ?")
            params.append(_fts_query(query, prefix))
        if date_from:
            where.append("COALESCE(e.last_published, e.first_published) >= ?")
            params.append(date_from)
        if date_to:
            where.append("COALESCE(e.first_published, e.last_published) <= ?")
            params.append(date_to)
        if outlet:
            where.append(
                "e.id IN (SELECT ea.event_id FROM event_articles ea JOIN articles a"
                " ON a.id = ea.article_id WHERE a.outlet = ?)"
            )
            params.append(outlet)
        if where:
            sql.append("WHERE " + " AND ".join(where))
        sql.append("ORDER BY " + ("bm25(events_fts), " if query and query.strip() else "") + "e.size DESC, e.id")
        sql.append("LIMIT ?")
        params.append(limit)
        with self._lock:
            rows = self._db.execute(" ".join(sql), params).fetchall()
        return [Event.from_dict(json.loads(r[0])) for r in rows]

    # -- stage state and rejections ---------------------------------------------
    def get_state(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))

    def put_rejections(self, rejections: Iterable[Rejection]) -> None:
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR IGNORE INTO rejected (path, line, reason) VALUES (?, ?, ?)",
                [(r.path, r.line, r.reason) for r in rejections],
            )

    def rejections(self) -> Iterator[Rejection]:
        with self._lock:
            rows = self._db.execute("SELECT path, line, reason FROM rejected ORDER BY rowid").fetchall()
        for path, line, reason in rows:
            yield Rejection(path=path, line=line, reason=reason)


def _event_search_text(event: Event, articles: list[Article]) -> str:
    parts: list[str] = []
    if event.summary:
        head = event.summary.get("headline")
        if isinstance(head, dict):
            parts.append(head.get("text", ""))
        for s in event.summary.get("long", []):
            parts.append(s.get("text", ""))
    for a in articles:
        parts.append(a.title or "")
        parts.append(a.outlet or "")
        parts.append(a.text)
    return cjk_spaced("\n".join(p for p in parts if p))


def _fts_query(q: str, prefix: bool = False) -> str:
    """Turn what a person types into a safe FTS5 query: every word must match
    (a Chinese or Japanese word as the phrase of its characters, as indexed),
    the last one as a prefix with ``prefix``."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in q).split() if w]
    parts = [f'"{" ".join(cjk_spaced(w).split())}"' for w in words]
    if prefix and parts:
        parts[-1] += "*"
    return " AND ".join(parts) or '""'
