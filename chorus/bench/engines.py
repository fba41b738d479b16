"""``chorus bench engines``: the same digest run on the local engine and on Spark.

Writes a synthetic corpus of scraped-looking articles (plain text, HTML and
JSON lines; ``chorus.bench.synthetic``), then runs ``chorus digest`` over it
once per engine, each into a fresh store, and reports the seconds of each
stage side by side, their ratio, and whether the two events.json documents
are identical byte for byte (engines schedule; they never transform). The
Spark run includes starting its session, which happens at its first job
(the "read" stage); ``spark start`` gives that part alone.

Run as ``chorus bench engines --articles 2000 [--spark-master local[*]] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

STAGES = ("read", "clean", "store", "dedup", "cluster", "analyse")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--articles", type=int, default=2000, help="articles to generate (default: 2000)")
    parser.add_argument("--mix", default="text=0.5,html=0.25,jsonl=0.25",
                        help="share of each format, text/html/jsonl (default: text=0.5,html=0.25,jsonl=0.25)")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the generated corpus (default: 1)")
    parser.add_argument("--spark-master", default="local[*]", help="Spark master URL (default: local[*])")
    parser.add_argument("--workers", type=int, default=0,
                        help="processes of the local engine (default: 0 = one per CPU core)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def _spark_start(master: str) -> float:
    """Seconds to start a Spark session and run one trivial job (then stopped)."""
    from chorus.engines import SparkEngine

    engine = SparkEngine(master)
    t0 = time.perf_counter()
    engine.map(abs, [1])
    seconds = time.perf_counter() - t0
    engine.close()
    return seconds


def measure(articles: int, mix: str, *, seed: int = 1, spark_master: str = "local[*]", workers: int = 0) -> dict:
    from chorus.bench.ingest import parse_mix
    from chorus.bench.synthetic import write_corpus
    from chorus.pipeline import digest
    from chorus.settings import Settings

    counts = parse_mix(mix, articles)
    out: dict = {"articles": articles, "spark_master": spark_master, "engines": {}}
    with tempfile.TemporaryDirectory(prefix="chorus-bench-engines-") as tmp:
        root = Path(tmp)
        dirs = write_corpus(root / "corpus", counts, seed=seed)
        docs = {}
        for engine in ("local", "spark"):
            settings = Settings(engine=engine, spark_master=spark_master, workers=workers)
            t0 = time.perf_counter()
            result = digest([str(d) for d in dirs.values()], db=root / f"{engine}.db", out=root / engine,
                            settings=settings, warn=lambda msg: None)
            total = time.perf_counter() - t0
            docs[engine] = (root / engine / "events.json").read_bytes()
            out["engines"][engine] = {
                "seconds": {k: round(result.seconds.get(k, 0.0), 3) for k in STAGES} | {"total": round(total, 3)},
                "articles": result.read, "rejected": len(result.rejected), "events": result.events_total,
            }
        out["identical"] = docs["local"] == docs["spark"]
    out["spark_start_seconds"] = round(_spark_start(spark_master), 3)
    return out


def _report(fig: dict) -> str:
    loc, spk = fig["engines"]["local"]["seconds"], fig["engines"]["spark"]["seconds"]
    lines = [f"chorus bench engines: {fig['articles']} generated articles, Spark master {fig['spark_master']}",
             f"  {'stage':8s} {'local s':>9s} {'spark s':>9s} {'spark/local':>12s}"]
    for k in STAGES + ("total",):
        ratio = spk[k] / loc[k] if loc[k] > 0 else float("nan")
        lines.append(f"  {k:8s} {loc[k]:9.2f} {spk[k]:9.2f} {ratio:12.2f}")
    e = fig["engines"]
    lines.append(f"  articles {e['local']['articles']} / {e['spark']['articles']}, events "
                 f"{e['local']['events']} / {e['spark']['events']} (local / spark)")
    lines.append(f"  events.json identical: {'yes' if fig['identical'] else 'NO'}")
    lines.append(f"  spark start (session + one trivial job): {fig['spark_start_seconds']:.2f} s, "
                 "inside the spark run's 'read' stage")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from chorus.engines import EngineError

    try:
        fig = measure(args.articles, args.mix, seed=args.seed, spark_master=args.spark_master, workers=args.workers)
    except (ValueError, EngineError) as exc:
        print(f"chorus bench engines: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(fig, indent=2) if args.json else _report(fig))
    return 0 if fig["identical"] else 1


if __name__ == "__main__":
    _parser = argparse.ArgumentParser(prog="chorus bench engines")
    add_arguments(_parser)
    sys.exit(run(_parser.parse_args()))
