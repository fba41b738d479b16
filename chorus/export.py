"""The store as a dataset: one row per article and one per event, in JSON lines or Parquet.

``events.json`` is one document for people and programs reading a run;
researchers building a news dataset want tables instead: every stored
article with its event, its metadata, its duplicate and not-news flags and
its sentence offsets, and every event with its summary and analyses. The
store is read article by article (``Store.iter_articles``), so an export
never holds the collection in memory; Parquet files are written in row
groups of ``batch`` rows.

* ``articles.jsonl`` / ``articles.parquet``: ``id``, ``event`` (or null),
  ``path``, ``source_id``, ``url``, ``title``, ``outlet``, ``published``,
  ``dateline``, ``byline``, ``wire`` (list), ``duplicate_of``, ``not_news``,
  ``text`` (unless left out) and ``sentences`` (``[start, end]`` offsets
  into ``text``);
* ``events.jsonl`` / ``events.parquet``: ``id``, ``title``,
  ``first_published``, ``last_published``, ``articles`` (ids),
  ``independent_sources``, ``headline`` (text), and ``data``: the whole event
  as events.json has it (a JSON string in Parquet, an object in JSON lines).

Parquet needs pyarrow (``pip install 'chorus-news[parquet]'``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from chorus.store import Store

FORMATS = ("jsonl", "parquet")
ARTICLE_COLUMNS = ("id", "event", "path", "source_id", "url", "title", "outlet", "published", "dateline",
                   "byline", "wire", "duplicate_of", "not_news", "text", "sentences")
EVENT_COLUMNS = ("id", "title", "first_published", "last_published", "articles", "independent_sources",
                 "headline", "data")


class ExportError(RuntimeError):
    """An export that cannot be written (unknown format, pyarrow missing)."""


def _article_rows(store: Store, event_of: dict[str, str], text: bool) -> Iterator[dict[str, Any]]:
    for a in store.iter_articles():
        row = {"id": a.id, "event": event_of.get(a.id), "path": a.path, "source_id": a.source_id, "url": a.url,
               "title": a.title, "outlet": a.outlet, "published": a.published, "dateline": a.dateline,
               "byline": a.byline, "wire": list(a.wire), "duplicate_of": a.duplicate_of,
               "not_news": a.not_news, "language": a.language}
        if text:
            row["text"] = a.text
            row["sentences"] = [list(s) for s in a.sentences]
        yield row


def _event_rows(store: Store) -> Iterator[dict[str, Any]]:
    for e in store.iter_events():
        d = e.to_dict()
        head = (d.get("summary") or {}).get("headline") or {}
        yield {"id": e.id, "title": e.title, "first_published": e.first_published,
               "last_published": e.last_published, "articles": list(e.articles),
               "independent_sources": e.independent_sources, "headline": head.get("text"), "data": d}


def _write_jsonl(path: Path, rows: Iterator[dict[str, Any]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def _schemas(text: bool):
    import pyarrow as pa

    s, ls = pa.string(), pa.list_(pa.string())
    article = [("id", s), ("event", s), ("path", s), ("source_id", s), ("url", s), ("title", s), ("outlet", s),
               ("published", s), ("dateline", s), ("byline", s), ("wire", ls), ("duplicate_of", s),
               ("not_news", s), ("language", s)]
    if text:
        article += [("text", s), ("sentences", pa.list_(pa.list_(pa.int64())))]
    event = [("id", s), ("title", s), ("first_published", s), ("last_published", s), ("articles", ls),
             ("independent_sources", pa.int64()), ("headline", s), ("data", s)]
    return pa.schema(article), pa.schema(event)


def _write_parquet(path: Path, rows: Iterator[dict[str, Any]], schema, batch: int) -> int:
    """``rows`` into a Parquet file, ``batch`` rows a row group (a large ``data`` field is
    an event's whole analysis, so events go in smaller groups: see ``export``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict[str, Any]] = []

        def flush() -> None:
            if chunk:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                chunk.clear()

        for row in rows:
            if "data" in row and not isinstance(row["data"], str):
                row = dict(row, data=json.dumps(row["data"], ensure_ascii=False))
            chunk.append(row)
            n += 1
            if len(chunk) >= batch:
                flush()
        flush()
    return n


def export(db: str | Path, out: str | Path, fmt: str = "jsonl", *, text: bool = True,
           batch: int = 1000) -> dict[str, Any]:
    """Write ``articles.<fmt>`` and ``events.<fmt>`` for the store at ``db`` into ``out``.

    Returns ``{"articles": n, "events": n, "files": [paths]}``.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "parquet":
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError as exc:
            raise ExportError("Parquet export needs pyarrow: pip install 'chorus-news[parquet]'") from exc
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with Store(db, readonly=True) as store:
        event_of = {aid: eid for eid, ids in store.memberships().items() for aid in ids}
        paths = [out / f"articles.{fmt}", out / f"events.{fmt}"]
        if fmt == "jsonl":
            n_articles = _write_jsonl(paths[0], _article_rows(store, event_of, text))
            n_events = _write_jsonl(paths[1], _event_rows(store))
        else:
            article_schema, event_schema = _schemas(text)
            n_articles = _write_parquet(paths[0], _article_rows(store, event_of, text), article_schema, batch)
            n_events = _write_parquet(paths[1], _event_rows(store), event_schema, max(1, batch // 10))
    return {"articles": n_articles, "events": n_events, "files": [str(p) for p in paths]}
