"""The ingest benchmark generates its corpus, ingests all of it, and reports its figures."""

from __future__ import annotations

import json

import pytest

from chorus.bench.ingest import measure, parse_mix
from chorus.bench.synthetic import write_corpus
from chorus.clean import clean_documents
from chorus.model import Article
from chorus.read import read_paths


def test_parse_mix_sums_to_total():
    assert parse_mix("text=0.5,html=0.25,jsonl=0.25", 10) == {"text": 6, "html": 2, "jsonl": 2}
    assert parse_mix("jsonl=1,feed=1", 10) == {"jsonl": 5, "feed": 5}
    with pytest.raises(ValueError):
        parse_mix("pdf=1", 10)


def test_generated_pages_clean_to_their_bodies(tmp_path):
    dirs = write_corpus(tmp_path, {"text": 4, "html": 2, "jsonl": 3, "feed": 3}, seed=3, items_per_feed=2)
    raws = list(read_paths(list(dirs.values())))
    assert [r.format for r in raws].count("feed") == 3 and len(list(dirs["feed"].iterdir())) == 2
    arts = clean_documents(raws)
    assert len(arts) == 12 and all(isinstance(a, Article) for a in arts)
    for a in arts:
        assert a.title and a.published and a.outlet and a.sentences
        for debris in ("Leave a Reply", "Share", "Advertisement", "All rights reserved", "Related",
                       "Independent news since", "We use cookies"):
            assert debris not in a.text, (a.path, debris)


def test_measure_small_run(tmp_path):
    fig = measure(30, seed=2, by_format=True, folder=tmp_path)
    assert fig["mixed"]["articles"] == 30 and fig["mixed"]["rejected"] == 0
    assert set(fig["by_format"]) == {"text", "html", "jsonl"}
    assert sum(r["articles"] for r in fig["by_format"].values()) == 30
    assert fig["mixed"]["articles_per_second"] > 0 and fig["peak_rss_mb"] > 0
    assert {"read", "clean", "store", "total"} <= set(fig["mixed"]["seconds"])
    json.dumps(fig)


def test_cli_json(capsys):
    from chorus.cli import main

    assert main(["bench", "ingest", "--articles", "12", "--no-by-format", "--json"]) == 0
    fig = json.loads(capsys.readouterr().out)
    assert fig["mixed"]["articles"] == 12 and fig["by_format"] == {}


def test_worker_processes_do_not_change_results(tmp_path):
    from chorus.settings import Settings

    dirs = write_corpus(tmp_path, {"text": 60, "html": 10, "jsonl": 40}, seed=5, jsonl_per_file=4)
    paths = list(dirs.values())
    serial = list(read_paths(paths, Settings(workers=1)))
    parallel = list(read_paths(paths, Settings(workers=2)))
    assert serial == parallel and len(serial) == 110
    assert clean_documents(serial, workers=1) == clean_documents(serial, workers=2)


def test_map_ordered_keeps_order_and_stops_early():
    from chorus.parallel import map_ordered

    assert list(map_ordered(abs, list(range(-100, 0)), 2)) == list(range(100, 0, -1))
    it = map_ordered(abs, list(range(-1000, 0)), 2, min_items=10)
    assert next(it) == 1000
    it.close()  # returns promptly, without running the rest
