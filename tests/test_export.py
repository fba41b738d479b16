"""chorus export: the store as tables, checked against the events.json of the same store."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from chorus.cli import main
from chorus.export import ExportError, export
from chorus.pipeline import digest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    digest([str(REPO / "examples")], db=root / "chorus.db", out=root / "out", warn=lambda msg: None)
    return root, json.loads((root / "out" / "events.json").read_text(encoding="utf-8"))


def _membership(doc):
    return {aid: e["id"] for e in doc["events"] for aid in e["articles"]}


def test_jsonl_export_holds_every_article_and_event_of_the_store(demo, tmp_path):
    root, doc = demo
    done = export(root / "chorus.db", tmp_path, "jsonl")
    articles = [json.loads(line) for line in (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    events = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (done["articles"], done["events"]) == (len(doc["articles"]), len(doc["events"])) == (17, 4)
    by_id = {a["id"]: a for a in doc["articles"]}
    member = _membership(doc)
    for row in articles:
        ref = by_id[row["id"]]
        assert row["event"] == member.get(row["id"])  # the consent page belongs to no event
        assert (row["text"], row["title"], row["outlet"], row["wire"], row["not_news"], row["language"]) == (
            ref["text"], ref["title"], ref["outlet"], ref["wire"], ref["not_news"], ref["language"])
        assert all(0 <= s < e <= len(row["text"]) for s, e in row["sentences"]) and row["sentences"]
    assert sum(1 for r in articles if r["event"] is None and r["not_news"]) == 1
    assert [e["data"] for e in events] == doc["events"]
    assert events[0]["headline"] == doc["events"][0]["summary"]["headline"]["text"]


def test_parquet_export_reads_back_the_same_rows(demo, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    root, doc = demo
    export(root / "chorus.db", tmp_path / "j", "jsonl")
    export(root / "chorus.db", tmp_path / "p", "parquet", batch=5)  # several row groups
    rows = pq.read_table(tmp_path / "p" / "articles.parquet").to_pylist()
    jrows = [json.loads(line) for line in (tmp_path / "j" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows == jrows
    assert pq.ParquetFile(tmp_path / "p" / "articles.parquet").num_row_groups == 4
    events = pq.read_table(tmp_path / "p" / "events.parquet").to_pylist()
    assert [json.loads(e["data"]) for e in events] == doc["events"]
    assert [e["independent_sources"] for e in events] == [e["independent_sources"] for e in doc["events"]]


def test_export_without_texts_and_its_errors(demo, tmp_path, monkeypatch, capsys):
    root, _ = demo
    assert main(["export", "--db", str(root / "chorus.db"), "--out", str(tmp_path), "--no-text"]) == 0
    first = json.loads((tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert "text" not in first and "sentences" not in first and first["id"]
    assert main(["export", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path)]) == 2
    assert "no such store" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as if pyarrow were not installed
    with pytest.raises(ExportError, match=r"pip install 'chorus-news\[parquet\]'"):
        export(root / "chorus.db", tmp_path / "p", "parquet")
    assert not (tmp_path / "p").exists()
