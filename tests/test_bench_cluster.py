"""The clustering scores, the cluster benchmark on a small file, and a scale smoke run."""

from __future__ import annotations

import argparse
import json

import pytest

from chorus.bench import cluster as bench
from chorus.bench.scoring import bcubed, pairwise
from chorus.bench.synth import generate


def test_bcubed_and_pairwise_on_a_worked_example():
    gold = [1, 1, 1, 2, 2]
    pred = ["a", "a", "b", "b", "b"]
    p, r, f = bcubed(pred, gold)
    # precision per item: 1, 1, 1/3, 2/3, 2/3; recall: 2/3, 2/3, 1/3, 1, 1
    assert p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    assert f == pytest.approx(2 * p * r / (p + r))
    pp, pr, _ = pairwise(pred, gold)
    assert pp == pytest.approx(2 / 4)  # true pairs (0,1), (3,4) of 4 predicted pairs
    assert pr == pytest.approx(2 / 4)  # of 4 gold pairs
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)


def test_cluster_bench_json_on_a_small_file(tmp_path, capsys):
    corpus = generate(120, seed=11)
    clusters: dict[int, list] = {}
    for a, e in zip(corpus.articles, corpus.events):
        if e >= 0:
            clusters.setdefault(e, []).append({"id": a.id, "text": a.text})
    lines = [{"id": str(e), "summary": "", "articles": arts} for e, arts in clusters.items()]
    notice = "Starting in 1996, our crawler has been donating crawl data to the Internet Archive."
    lines[0]["articles"].append({"id": "n1", "text": notice})
    lines[1]["articles"].append({"id": "n2", "text": notice})
    data = tmp_path / "c.jsonl"
    data.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    parser = argparse.ArgumentParser()
    bench.add_arguments(parser)
    assert bench.run(parser.parse_args(["--data", str(data), "--json", "--half", "all"])) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["excluded"] == 2
    for name in ("chorus", "tfidf_agglomerative"):
        s = out["systems"][name]
        for key in ("bcubed_p", "bcubed_r", "bcubed_f1", "pairwise_f1", "clusters", "seconds"):
            assert key in s
        assert 0.0 <= s["bcubed_f1"] <= 1.0
    assert out["systems"]["chorus"]["bcubed_f1"] >= 0.8
    assert 0.0 <= out["incremental_agreement"]["bcubed_f1"] <= 1.0


def test_halves_split_by_line_number(tmp_path):
    lines = [{"id": str(k), "articles": [{"id": f"{k}", "text": f"text number {k} here"}]} for k in range(5)]
    data = tmp_path / "h.jsonl"
    data.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    _, gold_even, _ = bench.load_pool(data, "even", 1)
    _, gold_odd, _ = bench.load_pool(data, "odd", 1)
    assert sorted(gold_even) == [0, 2, 4]
    assert sorted(gold_odd) == [1, 3]


def test_scale_smoke():
    from chorus.bench.scale import measure

    r = measure(400, 1, 7)
    assert r["articles"] == 400
    assert r["articles_per_second"] > 0
    assert r["bcubed_f1"] >= 0.8


def test_bad_lines_and_too_small_pools_are_clear_errors(tmp_path, capsys):
    lines = [json.dumps({"id": "a", "articles": [{"text": "Heavy rain flooded the town of Marlow on Sunday."}]}),
             "[1, 2",
             json.dumps({"id": "b", "articles": [{"title": "no text"}]})]
    data = tmp_path / "bad.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parser = argparse.ArgumentParser()
    bench.add_arguments(parser)
    assert bench.run(parser.parse_args(["--data", str(data), "--half", "all"])) == 2
    err = capsys.readouterr().err
    assert f"{data}:2: skipped: not JSON" in err
    assert f"{data}:3: skipped: an article without a \"text\" string" in err
    assert "clustering needs two or more" in err
    assert bench.run(parser.parse_args(["--data", str(tmp_path / "missing.jsonl")])) == 2
    assert "cannot read" in capsys.readouterr().err
