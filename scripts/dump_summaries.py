"""Write every summary and fact Chorus gives on a set of inputs as one JSON file.

For changes meant to leave results alone (speed work on the sentence bank,
similarities, salience): run it before and after the change and compare the
two files byte for byte.

    PYTHONPATH=CHECKOUT python scripts/dump_summaries.py OUT.json [--bench FILE.jsonl ...] [--seeds DIR]

(CHECKOUT is the tree whose ``chorus`` is dumped: the script can be run from
a newer checkout against an older one.)

For each cluster of each benchmark file (as ``chorus bench summarize`` reads
it): the bench's Chorus output in headline and summary form at a few
budgets, ``summary.analyze`` and ``facts.analyze`` (from a fresh sentence
bank, in both orders), a headline with other settings and a long summary;
then events made of the first 5 to 250 articles of each file; then the seed
articles (read and cleaned by the real stages, and as plain text), and the
example corpus (``examples/``) run through ``chorus digest``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from chorus.analyze import facts, sentencebank, summary
from chorus.bench.summarize import _chorus, cluster_articles, load_clusters
from chorus.model import Article, Event
from chorus.sentences import split_sentences

REPO = Path(__file__).resolve().parents[1]


def analyses(articles: list[Article], eid: str) -> dict:
    """Summary and facts of one event, from a fresh bank; the same in either order."""
    event = Event(id=eid, articles=[a.id for a in articles])
    out: dict = {}
    sentencebank._CACHE.clear()
    out.update(summary.analyze(event, articles))
    out.update(facts.analyze(event, articles))
    sentencebank._CACHE.clear()
    other: dict = {}
    other.update(facts.analyze(event, articles))
    other.update(summary.analyze(event, articles))
    if other != out:
        raise SystemExit(f"{eid}: summary and facts differ with the order they run in")
    return out


def bench_file(path: Path) -> dict:
    budget = 40 if "headline" in path.name else 250
    rows, every = [], []
    for k, cluster in enumerate(load_clusters(path)):
        articles = cluster_articles(cluster)
        every.extend(articles)
        row = {f"{form}-{b}": _chorus(form, b)(articles, b)
               for form in ("headline", "summary") for b in sorted({budget, 40, 100})}
        row["analyze"] = analyses(articles, f"{path.stem}-{k}")
        row["headline_first_only"] = summary.headline_sentence(articles, lead_window=1, max_words=25)
        row["summary_600"] = summary.summarize(articles, 600)
        rows.append(row)
    events = {n: analyses(every[:n], f"{path.stem}-first-{n}") for n in (5, 20, 60, 100, 250) if n <= len(every)}
    return {"clusters": rows, "events": events}


def seeds(folder: Path) -> dict:
    from chorus.clean import clean_documents
    from chorus.read import read_paths

    raws = [r for r in read_paths([str(folder)]) if not hasattr(r, "reason")]
    cleaned = [a for a in clean_documents(raws) if isinstance(a, Article)]
    for a in cleaned:
        a.sentences = a.sentences or split_sentences(a.text)
    plain = []
    for p in sorted(folder.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        plain.append(Article(id=p.stem, text=text, sentences=split_sentences(text)))
    out = {"cleaned": analyses(cleaned, "seeds"), "plain": analyses(plain, "seeds-plain")}
    out.update({f"first-{k}": analyses(cleaned[:k], f"seeds-{k}") for k in range(1, len(cleaned))})
    return out


def digested(folder: Path) -> list[dict]:
    from chorus.pipeline import digest

    with tempfile.TemporaryDirectory() as tmp:
        result = digest([folder], db=Path(tmp) / "dump.db", strict=True, warn=lambda m: None)
    return [{k: e.get(k) for k in ("id", "title", "summary", "facts")}
            for e in sorted(result.document["events"], key=lambda e: e["id"])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--bench", type=Path, action="append", default=[], help="a benchmark file (repeatable)")
    parser.add_argument("--seeds", type=Path, help="a folder of seed articles")
    parser.add_argument("--examples", type=Path, default=REPO / "examples", help="corpus run through digest")
    args = parser.parse_args(argv)
    out: dict = {}
    for path in args.bench:
        out[path.name] = bench_file(path)
    if args.seeds:
        out["seeds"] = seeds(args.seeds)
        out["seeds-digest"] = digested(args.seeds)
    if args.examples and args.examples.is_dir():
        out["examples-digest"] = digested(args.examples)
    args.out.write_text(json.dumps(out, indent=1, sort_keys=True, default=str))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
