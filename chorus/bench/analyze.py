"""``chorus bench analyze``: how long the per-event analyses take on a large event.

Builds one event of ``--articles`` articles from a corpus on disk (by default
the project's ``examples/`` folder), read and cleaned by the same stages
``chorus digest`` uses. When the corpus has fewer articles than asked for,
copies are made with their paragraphs rotated and their numbers shifted, so
that quotes, figures and dates recur across articles with small differences,
as they do in wire-heavy coverage; unless ``--wire-copies``, every sentence of a
copy also gets a word of its own, so that the analyses' per-sentence caches
(which pay off on real wire copies) do not flatter the timing. Caches are
emptied before every run. Then the five analyses (quotes, figures,
framing, timeline, entities) run ``--repeat`` times on the whole event; the
median of the runs is reported, in total and per analysis, as wall time and
as this process's CPU time (the analyses are single-threaded, so CPU time is
what the wall time would be on an idle machine; the wall time grows when
other programs share the cores).
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import statistics
import time
from dataclasses import replace
from pathlib import Path

from chorus.model import Article, Event, article_id
from chorus.sentences import split_sentences

ANALYSES = ("quotes", "figures", "framing", "timeline", "entities")
TARGET_SECONDS = 2.0  # the target for a 100-article event


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--articles", type=int, default=100, help="articles in the event (default: 100)")
    parser.add_argument("--corpus", default="examples",
                        help="folder of articles to build the event from (default: examples)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs; the median is reported (default: 5)")
    parser.add_argument("--wire-copies", dest="wire_copies", action="store_true",
                        help="let copies repeat sentences word for word, as wire copies do "
                             "(default: every sentence of a copy is made unique)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def load_corpus(folder: str | Path) -> list[Article]:
    """Read and clean every article under ``folder`` the way ``chorus digest`` does."""
    from chorus.clean import clean_documents
    from chorus.read import read_paths

    raws = [r for r in read_paths([str(folder)]) if not hasattr(r, "reason")]
    arts = [a for a in clean_documents(raws) if isinstance(a, Article)]
    for a in arts:
        if not a.sentences:
            a.sentences = split_sentences(a.text)
    return arts


def _shift_numbers(text: str, k: int) -> str:
    """Nudge every third digit group by ``k`` so copies report slightly different figures."""
    count = 0

    def bump(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        if count % 3:
            return m.group()
        return str(int(m.group()) + k)

    return re.sub(r"(?<![\d,.])\d{2,3}(?![\d,.:])", bump, text)


def _unique_sentences(text: str, tag: str) -> str:
    """Put a word of its own into every sentence, so that no copy repeats a sentence of
    another word for word and the analyses' sentence caches cannot help."""
    out, pos = [], 0
    for s, e in split_sentences(text):
        body = text[s:e]
        cut = body.rfind(" ")
        out.append(text[pos:s])
        out.append(body if cut < 0 else f"{body[:cut]} {tag}{_letters(len(out))}{body[cut:]}")
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _letters(i: int) -> str:
    """A number written in letters ("b", "ba", ...), so the tag holds no digits."""
    out = ""
    while True:
        out = chr(ord("a") + i % 26) + out
        i //= 26
        if not i:
            return out


def clear_caches() -> None:
    """Empty the sentence- and name-level caches of the analyses."""
    from chorus.analyze import dates, numbers, quotes, speakers

    for fn in (dates._cached_dates, numbers._cached_numbers, quotes._frame_mentions,
               speakers._clean_name, speakers.is_organisation, speakers.person_name):
        fn.cache_clear()


def build_event(base: list[Article], n: int, *, repeats: bool = False) -> tuple[Event, list[Article]]:
    """An event of ``n`` articles: the corpus, then perturbed copies of it (with every
    sentence made unique unless ``repeats``)."""
    if not base:
        raise ValueError("the corpus has no articles")
    out: list[Article] = []
    k = 0
    while len(out) < n:
        for a in base:
            if len(out) == n:
                break
            if k == 0:
                out.append(a)
                continue
            paras = [p for p in a.text.split("\n") if p.strip()]
            r = k % max(1, len(paras))
            text = _shift_numbers("\n\n".join(paras[r:] + paras[:r]), k)
            if not repeats:
                text = _unique_sentences(text, f"zq{_letters(k)}w")
            copy = replace(a, id=article_id(text + str(k)), text=text,
                           sentences=split_sentences(text),
                           outlet=(a.outlet or "Outlet") + f" {k}" if k % 2 else a.outlet)
            out.append(copy)
        k += 1
    return Event(id="ev-bench", articles=[a.id for a in out]), out


def time_analyses(event: Event, articles: list[Article], repeat: int) -> dict:
    modules = {name: importlib.import_module(f"chorus.analyze.{name}") for name in ANALYSES}
    per: dict[str, list[float]] = {name: [] for name in ANALYSES}
    totals: list[float] = []
    cpu: list[float] = []
    sizes: dict[str, int] = {}
    for _ in range(max(1, repeat)):
        clear_caches()
        c_run = time.process_time()
        t_run = time.perf_counter()
        for name, mod in modules.items():
            t0 = time.perf_counter()
            out = mod.analyze(event, articles)
            per[name].append(time.perf_counter() - t0)
            sizes[name] = len(next(iter(out.values())))
        totals.append(time.perf_counter() - t_run)
        cpu.append(time.process_time() - c_run)
    return {
        "articles": len(articles),
        "words": sum(len(a.text.split()) for a in articles),
        "repeat": max(1, repeat),
        "seconds_median": round(statistics.median(totals), 3),
        "seconds_runs": [round(t, 3) for t in totals],
        # CPU time of this process: what the wall time would be on an otherwise idle core
        "cpu_seconds_median": round(statistics.median(cpu), 3),
        "cpu_seconds_min": round(min(cpu), 3),
        "per_analysis_median": {k: round(statistics.median(v), 3) for k, v in per.items()},
        "found": sizes,
        "target_seconds": TARGET_SECONDS,
        "within_target": statistics.median(totals) < TARGET_SECONDS,
    }


def run(args: argparse.Namespace) -> int:
    base = load_corpus(args.corpus)
    event, articles = build_event(base, args.articles, repeats=args.wire_copies)
    figures = time_analyses(event, articles, args.repeat)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{figures['articles']} articles, {figures['words']} words, "
              f"median of {figures['repeat']} runs: {figures['seconds_median']} s wall, "
              f"{figures['cpu_seconds_median']} s CPU (target < {TARGET_SECONDS} s)")
        for name, sec in figures["per_analysis_median"].items():
            print(f"  {name:9} {sec:7.3f} s  ({figures['found'][name]} found)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    p = argparse.ArgumentParser(description=__doc__)
    add_arguments(p)
    raise SystemExit(run(p.parse_args()))
