"""``chorus bench cluster``: event clustering quality against a TF-IDF baseline.

Pools every article of every gold cluster in a JSON-lines file (one cluster
per line: ``{"id", "articles": [{"id", "text", "title"?}]}``), shuffles the
pool with a fixed seed and asks each system to find the clusters again:

* ``chorus``: not-news pages set aside, near-duplicates joined to their
  original, the rest clustered by :class:`chorus.cluster.EventClusterer`;
* ``tfidf_agglomerative``: scikit-learn TF-IDF and agglomerative clustering
  (cosine, average linkage), its distance threshold the best of a small grid
  on the same data (an optimistic baseline).

Articles whose text appears in more than one gold cluster (crawl notices and
the like) are left out of scoring. The incremental path is checked against
the batch one: the same pool fed in chunks, scored with the batch labels as
reference.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from chorus.bench.scoring import bcubed, pairwise
from chorus.model import Article

BASELINE_GRID = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", required=True, type=Path, help="JSON-lines file of gold clusters")
    parser.add_argument("--half", choices=["even", "odd", "all"], default="all",
                        help="use clusters on even or odd lines (from 0), or all")
    parser.add_argument("--seed", type=int, default=13, help="shuffle seed (default 13)")
    parser.add_argument("--chunk", type=int, default=100, help="chunk size for the incremental check")
    parser.add_argument("--threshold", type=float, default=None, help="override Chorus's threshold")
    parser.add_argument("--errors", action="store_true", help="list Chorus's wrong merges and splits")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--store", action="store_true",
                        help="also through the store: 'chorus digest' run by run in chunks, then 'chorus regroup'")


def load_pool(path: Path, half: str, seed: int) -> tuple[list[Article], list[int], set[int]]:
    """Shuffled articles, their gold cluster numbers and the positions to leave unscored."""
    from chorus.bench.clusterfile import read_clusters

    items: list[tuple[dict, int]] = []
    for n, cluster in read_clusters(path, half):
        for art in cluster["articles"]:
            items.append((art, n))
    random.Random(seed).shuffle(items)
    clusters_of_text: dict[str, set[int]] = defaultdict(set)
    for art, n in items:
        clusters_of_text[art["text"].strip()].add(n)
    articles, gold, excluded = [], [], set()
    for k, (art, n) in enumerate(items):
        articles.append(Article(id=f"a{k:05d}", text=art["text"], title=art.get("title")))
        gold.append(n)
        if len(clusters_of_text[art["text"].strip()]) > 1:
            excluded.add(k)
    return articles, gold, excluded


def chorus_labels(articles: list[Article], threshold: float | None = None, chunk: int | None = None) -> list[str]:
    """Chorus's event for each article, in batch or fed in chunks (incremental)."""
    from chorus.assign import EventPipeline

    pipe = EventPipeline(**({} if threshold is None else {"threshold": threshold}))
    if not chunk:
        return pipe.run(articles)
    for s in range(0, len(articles), chunk):
        pipe.partial_run(articles[s : s + chunk])
    return [pipe.label(a.id) for a in articles]


def store_labels(articles: list[Article], chunk: int) -> tuple[list[str], list[str], dict]:
    """Each article's event in a store that ``chorus digest`` fills run by run, ``chunk``
    articles a run, then after ``chorus regroup`` (articles a run leaves out of every
    event, such as pages that are not news, each stand alone)."""
    import tempfile

    from chorus.pipeline import digest, regroup
    from chorus.settings import Settings
    from chorus.store import Store

    def labels(db: Path) -> list[str]:
        with Store(db) as store:
            stored = {a.source_id: a.id for a in store.iter_articles()}
            event_of = store.event_ids_for_articles(stored.values())
        return [event_of.get(stored.get(a.id, ""), f"alone:{a.id}") for a in articles]

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        for s in range(0, len(articles), chunk):
            path = Path(tmp) / f"run{s:06d}.jsonl"
            with path.open("w", encoding="utf-8") as f:
                for a in articles[s : s + chunk]:
                    f.write(json.dumps({"id": a.id, "text": a.text, "title": a.title}) + "\n")
            digest([path], db=db, settings=Settings(workers=1))
        runs = time.perf_counter() - t0
        before = labels(db)
        t0 = time.perf_counter()
        result = regroup(db=db)
        seconds = {"runs": round(runs, 2), "regroup": round(time.perf_counter() - t0, 2),
                   "moved": result.moved}
        return before, labels(db), seconds


def baseline_labels(articles: list[Article], gold: list[int], scored: list[int]) -> tuple[list[int], float]:
    """TF-IDF + agglomerative (cosine, average); best threshold of the grid by B-cubed F1."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [((a.title or "") + "\n" + a.text) for a in articles]
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts).toarray()
    best: tuple[float, list[int], float] | None = None
    for d in BASELINE_GRID:
        model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=d)
        labels = list(model.fit_predict(x))
        f = bcubed([labels[k] for k in scored], [gold[k] for k in scored])[2]
        if best is None or f > best[0]:
            best = (f, labels, d)
    assert best is not None
    return best[1], best[2]


def _scores(labels, gold, scored, seconds) -> dict:
    pred = [labels[k] for k in scored]
    ref = [gold[k] for k in scored]
    p, r, f = bcubed(pred, ref)
    pp, pr, pf = pairwise(pred, ref)
    return {
        "bcubed_p": round(p, 4), "bcubed_r": round(r, 4), "bcubed_f1": round(f, 4),
        "pairwise_p": round(pp, 4), "pairwise_r": round(pr, 4), "pairwise_f1": round(pf, 4),
        "clusters": len(set(labels)), "seconds": round(seconds, 3),
    }


def errors(articles: list[Article], labels: list[str], gold: list[int], scored: list[int]) -> list[str]:
    """Readable lines for each wrong merge (predicted cluster spanning gold ones) and split."""
    out = []
    by_pred: dict[str, list[int]] = defaultdict(list)
    by_gold: dict[int, list[int]] = defaultdict(list)
    for k in scored:
        by_pred[labels[k]].append(k)
        by_gold[gold[k]].append(k)
    for lab, ks in by_pred.items():
        golds = {gold[k] for k in ks}
        if len(golds) > 1:
            out.append(f"MERGE {lab}: " + " || ".join(f"[{gold[k]}] {articles[k].text[:90]!r}" for k in ks))
    for g, ks in by_gold.items():
        preds = {labels[k] for k in ks}
        if len(preds) > 1:
            out.append(f"SPLIT gold {g}: " + " || ".join(f"<{labels[k][-4:]}> {articles[k].text[:90]!r}" for k in ks))
    return out


def run(args: argparse.Namespace) -> int:
    from chorus.bench.clusterfile import ClusterFileError

    try:
        articles, gold, excluded = load_pool(args.data, args.half, args.seed)
    except ClusterFileError as exc:
        print(f"chorus bench cluster: {exc}", file=sys.stderr)
        return 2
    if len(articles) < 2:
        print(f"chorus bench cluster: {args.data}: {len(articles)} article(s); clustering needs two or more",
              file=sys.stderr)
        return 2
    scored = [k for k in range(len(articles)) if k not in excluded]
    t0 = time.perf_counter()
    chorus = chorus_labels(articles, args.threshold)
    t_chorus = time.perf_counter() - t0
    t0 = time.perf_counter()
    base, base_threshold = baseline_labels(articles, gold, scored)
    t_base = time.perf_counter() - t0
    incremental = chorus_labels(articles, args.threshold, chunk=args.chunk)
    ip, ir, if1 = bcubed(incremental, chorus)
    agree = {
        "chunk": args.chunk,
        "bcubed_p": round(ip, 4), "bcubed_r": round(ir, 4), "bcubed_f1": round(if1, 4),
        "pairwise_f1": round(pairwise(incremental, chorus)[2], 4),
        "gold_bcubed_f1": round(bcubed([incremental[k] for k in scored], [gold[k] for k in scored])[2], 4),
    }
    result = {
        "data": str(args.data), "half": args.half, "seed": args.seed,
        "articles": len(articles), "gold_clusters": len(set(gold)),
        "systems": {
            "chorus": _scores(chorus, gold, scored, t_chorus),
            "tfidf_agglomerative": {**_scores(base, gold, scored, t_base), "threshold": base_threshold},
        },
        "excluded": len(excluded),
        "incremental_agreement": agree,
    }
    if args.store:
        before, after, info = store_labels(articles, args.chunk)
        gold_f1 = lambda labels: round(bcubed([labels[k] for k in scored], [gold[k] for k in scored])[2], 4)  # noqa: E731
        result["store"] = {"chunk": args.chunk, "runs_bcubed_f1": gold_f1(before),
                           "regrouped_bcubed_f1": gold_f1(after), **info}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['articles']} articles, {result['gold_clusters']} gold clusters "
              f"({args.half} half, seed {args.seed}); {len(excluded)} left out of scoring")
        head = f"{'system':<22}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}{'pair P':>8}{'pair R':>8}{'pair F1':>8}{'clusters':>9}{'sec':>8}"
        print(head)
        for name, s in result["systems"].items():
            print(f"{name:<22}{s['bcubed_p']:>7.3f}{s['bcubed_r']:>7.3f}{s['bcubed_f1']:>7.3f}"
                  f"{s['pairwise_p']:>8.3f}{s['pairwise_r']:>8.3f}{s['pairwise_f1']:>8.3f}{s['clusters']:>9}{s['seconds']:>8.2f}")
        print(f"baseline threshold (best of grid): {base_threshold}")
        print(f"incremental (chunks of {args.chunk}) vs batch: B-cubed F1 {agree['bcubed_f1']:.3f}, "
              f"pairwise F1 {agree['pairwise_f1']:.3f}; incremental vs gold B-cubed F1 {agree['gold_bcubed_f1']:.3f}")
        if "store" in result:
            st = result["store"]
            print(f"store, digest runs of {st['chunk']}: B-cubed F1 {st['runs_bcubed_f1']:.3f} vs gold "
                  f"({st['runs']:.1f} s); after regroup: {st['regrouped_bcubed_f1']:.3f} "
                  f"({st['regroup']:.1f} s, {st['moved']} articles moved)")
    if args.errors:
        for line in errors(articles, chorus, gold, scored):
            print(line, file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chorus bench cluster", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
