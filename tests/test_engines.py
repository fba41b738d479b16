"""Engines schedule, never transform: the local and the Spark engine give the same events.json."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chorus.engines import LocalEngine, make_engine
from chorus.pipeline import digest
from chorus.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / ".." / "shared" / "seeds"

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs a Java runtime (java not on PATH)")


def _square(x: int) -> int:
    return x * x


def test_local_engine_keeps_input_order_across_processes():
    items = list(range(500))
    assert LocalEngine(workers=2).map(_square, items) == [x * x for x in items]
    assert LocalEngine(workers=1).map(_square, []) == []


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine 'hadoop'"):
        make_engine(Settings(engine="hadoop"))


@needs_java
def test_spark_engine_gives_the_local_engine_s_events_json(tmp_path):
    """The whole demo corpus (and the seed articles when they are beside the repository),
    plus a file that cannot be read, digested once per engine: the documents are identical,
    the bad file is rejected by name on both, and nothing stops the run."""
    bad = tmp_path / "inputs" / "broken.jsonl"
    bad.parent.mkdir()
    bad.write_text('{"text": "The harbour reopened on Monday after a week of repairs to the quay wall."}\n'
                   '{"text": \n', encoding="utf-8")
    inputs = [str(REPO / "examples"), str(bad.parent)] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    docs = {}
    for engine in ("local", "spark"):
        result = digest(inputs, db=tmp_path / f"{engine}.db", out=tmp_path / engine,
                        settings=Settings(engine=engine, spark_master="local[2]"), warn=lambda msg: None)
        assert [(r.path, r.line) for r in result.rejected] == [(str(bad), 2)]
        docs[engine] = (tmp_path / engine / "events.json").read_bytes()
    assert docs["spark"] == docs["local"]
    assert b'"events": [' in docs["spark"] and len(docs["spark"]) > 10_000


def test_spark_engine_without_pyspark_is_a_clear_error_before_the_store_is_touched(tmp_path, monkeypatch, capsys):
    import importlib.util

    from chorus.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyspark" else real(name, *a))
    db = tmp_path / "chorus.db"
    assert main(["digest", str(REPO / "examples"), "--db", str(db), "--engine", "spark", "--quiet"]) == 2
    assert "the spark engine needs pyspark: pip install 'chorus-news[spark]'" in capsys.readouterr().err
    assert not db.exists()
