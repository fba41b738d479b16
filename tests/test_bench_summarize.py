"""The summarize benchmark on a tiny cluster file written here (never the bench data)."""

import json

import pytest

pytest.importorskip("rouge_score")
pytest.importorskip("sumy")

from chorus.bench import summarize as bench  # noqa: E402


def _data(tmp_path):
    text = ("Heavy rain flooded the river town of Marlow on Sunday, forcing hundreds of residents from their homes.\n"
            "Emergency crews used boats to reach families trapped on the upper floors of their houses.\n"
            "The regional council said 412 houses had been damaged and two bridges were closed.\n")
    other = ("Hundreds of Marlow residents left their homes on Sunday after heavy rain flooded the town.\n"
             "Insurers expect claims to run into millions of pounds, their trade body said.\n")
    rows = [{"id": f"c{i}", "summary": "Heavy rain flooded Marlow on Sunday and hundreds of residents left their homes.",
             "articles": [{"id": "x", "text": text}, {"id": "y", "text": other}]} for i in range(3)]
    p = tmp_path / "clusters.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return p


def test_cut_keeps_whole_sentences_then_cuts():
    assert bench.cut(["one two three", "four five six"], 4) == ["one two three", "four"]


def test_halves_split_by_line_number(tmp_path):
    p = _data(tmp_path)
    assert [c["id"] for c in bench.load_clusters(p, "even")] == ["c0", "c2"]
    assert [c["id"] for c in bench.load_clusters(p, "odd")] == ["c1"]


def test_json_output_has_every_system(tmp_path, capsys):
    p = _data(tmp_path)
    assert bench.main(["--data", str(p), "--budget", "30", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["systems"]) == {"chorus", "lead", "lexrank", "textrank", "oracle"}
    for name, r in out["systems"].items():
        assert 0 < r["rouge1"] <= 1 and 0 <= r["rouge2"] <= 1 and 0 < r["rougeLsum"] <= 1, name
        assert r["seconds_per_cluster"] >= 0
    assert out["systems"]["oracle"]["rouge1"] >= out["systems"]["lead"]["rouge1"]


def test_unknown_system_is_an_error(tmp_path):
    assert bench.main(["--data", str(_data(tmp_path)), "--systems", "nope"]) == 2


def test_chorus_leaves_out_pages_that_are_not_news(tmp_path):
    # A crawl notice scraped into the cluster: the pipeline never puts such a page
    # into an event, and Chorus's summary in the benchmark does not use it either.
    notice = ("Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive. "
              "Flowing in every day, these data are added to the Wayback Machine after an embargo period.\n")
    text = ("Heavy rain flooded the river town of Marlow on Sunday, forcing hundreds of residents from their homes.\n"
            "Emergency crews used boats to reach families trapped on the upper floors of their houses.\n")
    cluster = {"id": "c0", "summary": "Heavy rain flooded Marlow.",
               "articles": [{"id": "n", "text": notice}, {"id": "x", "text": text}]}
    articles = bench.cluster_articles(cluster)
    out = bench._chorus("summary", 250)(articles, 250)
    assert out and not any("Alexa" in s or "Wayback" in s for s in out)
    assert any("Alexa" in s for s in bench.run_lead(articles, 250))  # the peers see every page


def test_bad_lines_are_reported_with_file_and_line_and_skipped(tmp_path, capsys):
    good = json.loads(_data(tmp_path).read_text().splitlines()[0])
    p = tmp_path / "mixed.jsonl"
    p.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"id": "x", "articles": []}),
                            json.dumps({"id": "y", "articles": [{"text": "no summary here"}]}),
                            json.dumps(good)]) + "\n")
    assert bench.main(["--data", str(p), "--budget", "30", "--systems", "chorus,lead", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["clusters"] == 2
    assert f"{p}:2: skipped: not JSON" in captured.err
    assert f"{p}:3: skipped: no \"articles\" list" in captured.err
    assert f"{p}:4: skipped: no \"summary\" string" in captured.err


def test_unreadable_or_empty_data_is_a_clear_error(tmp_path, capsys):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    assert bench.main(["--data", str(empty)]) == 2
    assert "no clusters to read" in capsys.readouterr().err
    assert bench.main(["--data", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00\x01binary")
    assert bench.main(["--data", str(binary)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_repeated_rounds_time_each_system_by_its_median_pass_and_score_once():
    calls = {"fast": 0, "oracle": 0}
    sleeps = iter([0.0, 0.03, 0.0])  # one slow pass of three: the median ignores it

    def fast(articles, budget):
        import time
        calls["fast"] += 1
        time.sleep(next(sleeps))
        return ["Heavy rain flooded Marlow on Sunday."]

    def oracle(articles, budget, ref):
        calls["oracle"] += 1
        return [ref]

    from rouge_score import rouge_scorer

    totals = {n: {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0, "seconds": 0.0} for n in ("fast", "oracle")}
    prepared = [([], "Heavy rain flooded Marlow on Sunday.")]
    bench._timed_passes({"fast": fast, "oracle": oracle}, prepared, 40,
                        rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True), totals, 3)
    assert calls == {"fast": 3, "oracle": 1}
    assert totals["fast"]["seconds"] < 0.02  # the median pass, not the slow one nor the sum
    assert totals["fast"]["rouge1"] == pytest.approx(1.0) and totals["oracle"]["rouge1"] == pytest.approx(1.0)
