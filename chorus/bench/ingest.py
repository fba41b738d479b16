"""``chorus bench ingest``: articles per second for read + clean + split + store, and peak memory.

Generates a synthetic corpus of scraped-looking articles (plain text, HTML
and JSON lines, with the usual page debris; see ``chorus.bench.synthetic``)
in a temporary folder, then runs the very ingest stage ``chorus digest``
runs (``chorus.pipeline.ingest``: read, clean, split sentences, store in a
fresh SQLite file) over it and reports the time of each step. With
``--by-format`` (the default) each format is then ingested on its own into
its own store, so the slow format (HTML, through trafilatura) is visible.

CPU seconds (this process and its workers) are reported next to wall-clock
time: on a machine other jobs share, articles per CPU second says what the
code does with a free core, and two free cores do about twice that.

Peak memory is the peak resident set size (``getrusage``) of the main
process, read after the mixed run (so it covers generation, imports and
ingest), and of the largest worker process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_MIX = "text=0.5,html=0.25,jsonl=0.25"
FORMATS = ("text", "html", "jsonl", "feed")  # as chorus.bench.synthetic writes them


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--articles", type=int, default=10000, help="articles to generate (default: 10000)")
    parser.add_argument("--mix", default=DEFAULT_MIX,
                        help=f"share of each format, text/html/jsonl/feed (RSS) (default: {DEFAULT_MIX})")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the generated corpus (default: 1)")
    parser.add_argument("--by-format", dest="by_format", action=argparse.BooleanOptionalAction, default=True,
                        help="also time each format on its own (default: on)")
    parser.add_argument("--workers", type=int, default=0,
                        help="processes for reading and cleaning (default: 0 = one per CPU core)")
    parser.add_argument("--keep", metavar="DIR", help="write the corpus and stores to DIR and keep them")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def parse_mix(mix: str, total: int) -> dict[str, int]:
    """``"text=0.5,html=0.25,jsonl=0.25"`` and a total -> articles per format, summing to the total."""
    shares: dict[str, float] = {}
    for part in mix.split(","):
        name, _, value = part.partition("=")
        name = name.strip()
        if name not in FORMATS:
            raise ValueError(f"unknown format in --mix: {name!r} (use {', '.join(FORMATS)})")
        shares[name] = float(value)
    if total < 1 or sum(shares.values()) <= 0 or min(shares.values()) < 0:
        raise ValueError("--articles must be at least 1 and the --mix shares positive")
    norm = sum(shares.values())
    counts = {k: int(total * v / norm) for k, v in shares.items()}
    biggest = max(shares, key=shares.get)  # type: ignore[arg-type]
    counts[biggest] += total - sum(counts.values())
    return counts


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    peak = resource.getrusage(who).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def _ingest(paths: list[Path], db: Path, workers: int) -> dict:
    from chorus.pipeline import ingest
    from chorus.settings import Settings
    from chorus.store import Store

    store = Store(db)
    try:
        cpu0, t0 = _cpu_seconds(), time.perf_counter()
        articles, result = ingest(paths, store, Settings(workers=workers))
        total, cpu = time.perf_counter() - t0, _cpu_seconds() - cpu0
    finally:
        store.close()
    stored = result.stored + result.already_stored
    return {
        "articles": stored,
        "rejected": len(result.rejected),
        "seconds": {k: round(v, 3) for k, v in result.seconds.items()} | {"total": round(total, 3)},
        "articles_per_second": round(stored / total, 1) if total else None,
        "cpu_seconds": round(cpu, 3),
        "articles_per_cpu_second": round(stored / cpu, 1) if cpu else None,
    }


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(articles: int, mix: str = DEFAULT_MIX, *, seed: int = 1, by_format: bool = True,
            folder: Path | None = None, workers: int = 0) -> dict:
    """Generate the corpus, ingest it, and return the figures as a dict."""
    from chorus.bench.synthetic import write_corpus
    from chorus.parallel import worker_count

    counts = parse_mix(mix, articles)
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="chorus-bench-") as tmp:
        root = Path(folder) if folder else Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        dirs = write_corpus(root / "corpus", counts, seed=seed)
        generated = time.perf_counter() - t0
        import chorus.clean  # noqa: F401  imports are not ingest time
        import chorus.read.html  # noqa: F401
        import trafilatura  # noqa: F401

        mixed = _ingest([dirs[f] for f in FORMATS if counts.get(f)], root / "mixed.db", workers)
        peak, peak_workers = _peak_rss_mb(), _peak_rss_mb(resource.RUSAGE_CHILDREN)
        per_format = {}
        if by_format:
            for fmt, n in counts.items():
                if n:
                    per_format[fmt] = _ingest([dirs[fmt]], root / f"{fmt}.db", workers)
    return {
        "benchmark": "ingest",
        "articles_requested": articles,
        "formats": counts,
        "cpu_count": os.cpu_count(),
        "workers": worker_count(workers),
        "load_average": load,
        "generate_seconds": round(generated, 3),
        "mixed": mixed,
        "peak_rss_mb": peak,
        "peak_rss_worker_mb": peak_workers,
        "by_format": per_format,
    }


def _report(fig: dict) -> str:
    m = fig["mixed"]
    s = m["seconds"]
    counts = ", ".join(f"{n} {f}" for f, n in fig["formats"].items() if n)
    lines = [
        f"ingest benchmark: {fig['articles_requested']} generated articles ({counts}), "
        f"{fig['cpu_count']} cores, {fig['workers']} worker process(es), load average before the run "
        f"{fig['load_average'][0] if fig['load_average'] else 'n/a'}",
        f"  read             {s.get('read', 0):8.2f} s",
        f"  clean + split    {s.get('clean', 0):8.2f} s",
        f"  store            {s.get('store', 0):8.2f} s",
        f"  total            {s['total']:8.2f} s   {m['articles']} articles stored, {m['rejected']} rejected",
        f"  throughput       {m['articles_per_second']:8.1f} articles/s (read + clean + split + store)",
        f"  CPU time         {m['cpu_seconds']:8.2f} s   {m['articles_per_cpu_second']:.1f} articles per CPU second "
        f"(what one free core does; the wall-clock figure also counts waiting for a busy machine)",
        f"  peak memory      {fig['peak_rss_mb']:8.1f} MB (resident set of the main process; "
        f"largest worker {fig['peak_rss_worker_mb']:.1f} MB)",
    ]
    if fig["by_format"]:
        lines.append("  by format (each ingested on its own):")
        for fmt, r in fig["by_format"].items():
            lines.append(f"    {fmt:6s} {r['articles_per_second']:8.1f} articles/s   "
                         f"{r['articles_per_cpu_second']:8.1f} per CPU second   "
                         f"({r['articles']} articles in {r['seconds']['total']:.2f} s)")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        fig = measure(args.articles, args.mix, seed=args.seed, by_format=args.by_format,
                      folder=Path(args.keep) if args.keep else None, workers=args.workers)
    except ValueError as exc:
        print(f"chorus bench ingest: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(fig, indent=2) if args.json else _report(fig))
    return 0


if __name__ == "__main__":
    _parser = argparse.ArgumentParser(prog="chorus bench ingest")
    add_arguments(_parser)
    sys.exit(run(_parser.parse_args()))
