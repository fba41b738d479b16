"""``chorus bench scale``: dedup + clustering speed and memory on synthetic corpora.

Generates corpora with :mod:`chorus.bench.synth` (10% and 100% of
``--articles``), then runs what ``chorus digest`` runs after cleaning:
not-news check, near-duplicate marking, event clustering. The map phase
(per-article features and MinHash signatures) runs on ``--workers``
processes; the reduce phase (index lookups, agglomeration) in one. Each
size runs in a fresh child process so peak memory is its own. Prints
articles per second, peak resident memory, the time ratio between the two
sizes, and clustering quality against the generator's events.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import time


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--articles", type=int, default=100000, help="largest corpus size (default 100000)")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="processes for the map phase")
    parser.add_argument("--seed", type=int, default=7, help="generator seed")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(n: int, workers: int, seed: int) -> dict:
    """Generate ``n`` articles and time dedup + clustering over them."""
    from chorus.bench.scoring import bcubed
    from chorus.bench.synth import generate
    from chorus.assign import EventPipeline

    corpus = generate(n, seed=seed)
    base = _peak_mb()
    t0 = time.perf_counter()
    pipe = EventPipeline(workers=workers)
    labels = pipe.run(corpus.articles)
    seconds = time.perf_counter() - t0
    scored = [k for k, e in enumerate(corpus.events) if e >= 0]
    p, r, f = bcubed([labels[k] for k in scored], [corpus.events[k] for k in scored])
    return {
        "articles": n,
        "seconds": round(seconds, 2),
        "articles_per_second": round(n / seconds, 1),
        "peak_rss_mb": round(_peak_mb(), 1),
        "rss_before_mb": round(base, 1),
        "duplicates": pipe.stats["duplicates"],
        "not_news": pipe.stats["not_news"],
        "events": len(set(labels)),
        "map_seconds": pipe.stats["map_seconds"],
        "dedup_seconds": pipe.stats["dedup_seconds"],
        "cluster_seconds": pipe.stats["cluster_seconds"],
        "bcubed_p": round(p, 4), "bcubed_r": round(r, 4), "bcubed_f1": round(f, 4),
    }


def _child(n: int, workers: int, seed: int, queue) -> None:
    try:
        queue.put(measure(n, workers, seed))
    except BaseException as exc:  # report, never leave the parent waiting
        queue.put({"error": repr(exc)})
        raise


def run(args: argparse.Namespace) -> int:
    sizes = sorted({max(1, args.articles // 10), args.articles})
    results = []
    ctx = mp.get_context("fork")
    for n in sizes:
        q = ctx.Queue()
        proc = ctx.Process(target=_child, args=(n, args.workers, args.seed, q))
        proc.start()
        res = q.get()
        proc.join()
        if "error" in res:
            print(f"chorus bench scale: {n} articles failed: {res['error']}", file=sys.stderr)
            return 1
        results.append(res)
    out = {"workers": args.workers, "runs": results}
    if len(results) == 2:
        out["time_ratio"] = round(results[1]["seconds"] / results[0]["seconds"], 2)
        out["size_ratio"] = results[1]["articles"] / results[0]["articles"]
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"dedup + clustering on {args.workers} worker(s)")
    print(f"{'articles':>9}{'seconds':>9}{'art/s':>9}{'peak MB':>9}{'dups':>7}{'not news':>9}{'events':>8}{'B3 F1':>7}")
    for r in results:
        print(f"{r['articles']:>9}{r['seconds']:>9.1f}{r['articles_per_second']:>9.0f}{r['peak_rss_mb']:>9.0f}"
              f"{r['duplicates']:>7}{r['not_news']:>9}{r['events']:>8}{r['bcubed_f1']:>7.3f}")
    for r in results:
        print(f"{r['articles']:>9} articles: map {r['map_seconds']:.1f} s, dedup {r['dedup_seconds']:.1f} s, "
              f"clustering {r['cluster_seconds']:.1f} s")
    if "time_ratio" in out:
        print(f"time ratio {out['time_ratio']} for {out['size_ratio']:.0f}x the articles")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chorus bench scale", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
