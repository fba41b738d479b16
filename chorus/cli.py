"""The ``chorus`` command: a thin face over the library.

The library raises precise exceptions; this module turns them into messages
a person understands and exit codes scripts can rely on.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from . import __version__
from .settings import Settings

EXAMPLES = {
    "digest": "chorus digest examples/ --out out/",
    "regroup": "chorus regroup --db chorus.db --out out/",
    "serve": "chorus serve --db chorus.db --port 8000",
    "export": "chorus export --db chorus.db --out dataset/ --format parquet",
    "bench ingest": "chorus bench ingest --articles 10000",
    "bench cluster": "chorus bench cluster --data multinews_val.jsonl --half even",
    "bench scale": "chorus bench scale --articles 100000",
    "bench summarize": "chorus bench summarize --data multinews_val.jsonl --budget 250",
    "bench analyze": "chorus bench analyze --articles 100",
    "bench load": "chorus bench load --requests 5000 --concurrency 32",
    "bench engines": "chorus bench engines --articles 2000",
}

# bench name -> (module, one-line help)
BENCHES = {
    "ingest": ("chorus.bench.ingest", "read + clean + split + store speed and memory"),
    "cluster": ("chorus.bench.cluster", "event clustering quality against a TF-IDF baseline"),
    "scale": ("chorus.bench.scale", "dedup + clustering speed on synthetic corpora"),
    "summarize": ("chorus.bench.summarize", "summary ROUGE against lead, LexRank, TextRank, oracle"),
    "analyze": ("chorus.bench.analyze", "speed of quotes, figures, framing, timeline, entities"),
    "load": ("chorus.bench.load", "requests per second and p95 of the web app on loopback"),
    "engines": ("chorus.bench.engines", "the same digest on the local engine and on Spark, side by side"),
}


def _epilog() -> str:
    width = max(len(k) for k in EXAMPLES)
    lines = ["examples:"] + [f"  {k:<{width}}  {v}" for k, v in EXAMPLES.items()]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chorus",
        description="Turn many news articles about the same events into events a reader can trust.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"chorus {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    d = sub.add_parser(
        "digest",
        help="read, clean, group and analyse articles; write events.json and reports",
        description="Read articles (text, HTML, WARC, JSON lines; files, folders or - for stdin), "
        "clean them, store them, group them into events and analyse each event.",
        epilog="example:\n  " + EXAMPLES["digest"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    d.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for standard input")
    d.add_argument("--db", default="chorus.db", help="SQLite store (default: chorus.db)")
    d.add_argument("--out", type=Path, help="folder for events.json, report.md and report.html")
    d.add_argument("--one-event", action="store_true",
                   help="treat the input as one story and flag articles that do not belong")
    d.add_argument("--strict", action="store_true",
                   help="exit non-zero when any input is rejected or any stage fails")
    d.add_argument("--quiet", "-q", action="store_true", help="no progress and no summary table")
    d.add_argument("--workers", type=int, default=0,
                   help="processes for reading and cleaning large inputs (default: one per CPU core)")
    _engine_arguments(d)
    d.add_argument("--duplicate-threshold", type=float, default=Settings.duplicate_threshold,
                   help="word-shingle Jaccard above which an article is a near-duplicate; fixed when a store is created "
                   f"(default: {Settings.duplicate_threshold})")

    r = sub.add_parser(
        "regroup",
        help="group every stored article into events again, in one batch",
        description="Group every article in the store into events again, all at once. Articles added "
        "run by run join the events they find; regrouping sees the whole collection together. An event "
        "keeps its id when most of its articles stay together; events whose articles changed are analysed "
        "again. Written in one transaction: an interrupted run leaves the store as it was.",
        epilog="example:\n  " + EXAMPLES["regroup"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    r.add_argument("--db", default="chorus.db", help="SQLite store (default: chorus.db)")
    r.add_argument("--out", type=Path, help="folder for events.json, report.md and report.html")
    r.add_argument("--strict", action="store_true", help="exit non-zero when any analysis stage fails")
    r.add_argument("--quiet", "-q", action="store_true", help="no progress and no summary table")
    _engine_arguments(r)

    s = sub.add_parser(
        "serve",
        help="browse events, search and read articles in a local web app",
        description="Serve the store as a local web app with a JSON API.",
        epilog="example:\n  " + EXAMPLES["serve"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument("--db", default="chorus.db", help="SQLite store (default: chorus.db)")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000)")

    x = sub.add_parser(
        "export",
        help="write the store as a dataset: one row per article, one per event (JSON lines or Parquet)",
        description="Write every stored article (with its event, metadata, flags, text and sentence offsets) "
        "and every event (with its summary and analyses) as articles.<format> and events.<format>.",
        epilog="example:\n  " + EXAMPLES["export"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    x.add_argument("--db", default="chorus.db", help="SQLite store (default: chorus.db)")
    x.add_argument("--out", type=Path, required=True, help="folder to write the files into")
    x.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl",
                   help="jsonl, or parquet (needs chorus-news[parquet]; default: jsonl)")
    x.add_argument("--no-text", dest="text", action="store_false",
                   help="leave the article texts and sentence offsets out")

    b = sub.add_parser(
        "bench",
        help="benchmarks: ingest, cluster, scale, summarize, analyze, load, engines",
        description="Benchmarks that measure Chorus side by side with its peers.",
        epilog="examples:\n" + "\n".join(f"  {v}" for k, v in EXAMPLES.items() if k.startswith("bench")),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    bsub = b.add_subparsers(dest="bench", metavar="BENCH")
    for name, (module, help_text) in BENCHES.items():
        p = bsub.add_parser(
            name,
            help=help_text,
            description=help_text[0].upper() + help_text[1:] + ".",
            epilog="example:\n  " + EXAMPLES[f"bench {name}"],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(bench_module=module)
        try:
            importlib.import_module(module).add_arguments(p)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            p.set_defaults(bench_missing=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "digest":
        return _digest(args)
    if args.command == "regroup":
        return _regroup(args)
    if args.command == "serve":
        return _serve(args)
    if args.command == "export":
        return _export(args)
    if args.command == "bench":
        if not getattr(args, "bench", None):
            parser.parse_args(["bench", "--help"])
        if getattr(args, "bench_missing", False):
            print(f"chorus: benchmark '{args.bench}' is not available in this install", file=sys.stderr)
            return 2
        return int(importlib.import_module(args.bench_module).run(args) or 0)
    parser.print_help()
    return 0


def _engine_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=("local", "spark"), default="local",
                        help="what runs the per-item work (reading, cleaning, analysing events): this machine's "
                        "processes, or Apache Spark (needs chorus-news[spark]; default: local)")
    parser.add_argument("--spark-master", default=Settings.spark_master,
                        help=f"Spark master URL for --engine spark (default: {Settings.spark_master})")


def _run_stage(args: argparse.Namespace, run, table):
    """Run ``run(progress)`` behind a progress bar; print ``table(result)`` unless quiet.
    Returns the result, or None after printing the error a run of the library raised."""
    from .engines import EngineError
    from .pipeline import StageError
    from .progress import ProgressBar
    from .store import StoreError

    bar = ProgressBar(enabled=not args.quiet)
    try:
        result = run(bar.update)
    except (StoreError, StageError, EngineError) as exc:
        bar.close()
        print(f"chorus: {exc}", file=sys.stderr)
        return None
    bar.close()
    if not args.quiet:
        print(table(result), file=sys.stderr)
    return result


def _digest(args: argparse.Namespace) -> int:
    from .pipeline import digest
    from .progress import summary_table

    result = _run_stage(args, lambda progress: digest(
        args.paths,
        db=args.db,
        out=args.out,
        settings=Settings(workers=args.workers, duplicate_threshold=args.duplicate_threshold,
                          engine=args.engine, spark_master=args.spark_master),
        one_event=args.one_event,
        strict=args.strict,
        progress=progress,
    ), summary_table)
    if result is None:
        return 2
    if result.read == 0 and result.rejected:
        print("chorus: nothing could be read", file=sys.stderr)
        return 1
    if args.strict and (result.rejected or result.warnings):
        return 1
    return 0


def _regroup(args: argparse.Namespace) -> int:
    from .pipeline import regroup
    from .progress import regroup_table

    if not Path(args.db).exists():
        print(f"chorus: {args.db}: no such store; run 'chorus digest' first", file=sys.stderr)
        return 2
    settings = Settings(engine=args.engine, spark_master=args.spark_master)
    result = _run_stage(args, lambda progress: regroup(db=args.db, out=args.out, strict=args.strict,
                                                       settings=settings, progress=progress), regroup_table)
    if result is None:
        return 2
    return 1 if args.strict and result.warnings else 0


def _export(args: argparse.Namespace) -> int:
    from .export import ExportError, export
    from .store import StoreError

    if not Path(args.db).exists():
        print(f"chorus: {args.db}: no such store; run 'chorus digest' first", file=sys.stderr)
        return 2
    try:
        done = export(args.db, args.out, args.format, text=args.text)
    except (ExportError, StoreError) as exc:
        print(f"chorus: {exc}", file=sys.stderr)
        return 2
    print(f"chorus export: {done['articles']} articles, {done['events']} events", file=sys.stderr)
    for f in done["files"]:
        print(f"  wrote {f}", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        print(f"chorus: {args.db}: no such store; run 'chorus digest' first", file=sys.stderr)
        return 2
    try:
        from .web.app import serve
    except ModuleNotFoundError as exc:
        print(f"chorus: the web app needs the 'web' extra ({exc.name} is missing): "
              "pip install 'chorus-news[web]'", file=sys.stderr)
        return 2
    serve(args.db, host=args.host, port=args.port)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
