"""``chorus bench summarize``: Chorus's summaries against peers, in one run.

Every system gets the same clusters and the same sentences: each article is
cleaned the way the pipeline cleans it (``chorus.clean``; the raw text when
that module is missing) and split with ``chorus.sentences.split_sentences``,
in the order the file lists the articles. Peers see every sentence; which
sentences are fit for a summary (no boilerplate, captions, quotations without
their speaker) is part of Chorus's own method, and so is leaving out pages that
are not news (``chorus.notnews``: web-archive crawl notices, error, sign-in and
video-player pages), which the pipeline never puts into an event. Systems return whole
sentences; each output is then cut to the word budget and scored with
ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (``rouge-score``, stemming on, the
output's sentences joined by newlines, the reference as given), averaged over
clusters. Seconds per cluster time the system's own work only (the shared
cleaning and splitting are not counted); each system runs over all the
clusters in a pass of its own, so no system's time includes the cache misses
another system or the scorer causes.

Chorus runs in its headline form when the budget is 40 words or less (its
headline, then its summary's sentences), else as its long summary.

Peers:

* ``lead``: the first article's sentences in order, then the next article's;
* ``lexrank`` / ``textrank``: sumy's summarizers, fed our sentences through a
  tokenizer object of our own (NLTK data cannot be downloaded);
* ``oracle``: greedy extractive upper bound against the reference.

Run as ``chorus bench summarize --data FILE.jsonl --budget N [--json]`` or
``python -m chorus.bench.summarize ...``.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path
from typing import Callable

from chorus.model import Article, RawDoc, article_id
from chorus.sentences import split_sentences

SYSTEMS = ("chorus", "lead", "lexrank", "textrank", "oracle")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", required=True, type=Path, help="clusters, one JSON object a line")
    parser.add_argument("--budget", type=int, default=250, help="words every output is cut to")
    parser.add_argument("--half", choices=("even", "odd", "all"), default="all",
                        help="clusters on even or odd lines (counting from 0), or all")
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        help="comma-separated subset of: " + ", ".join(SYSTEMS))
    parser.add_argument("--limit", type=int, default=None, help="score only the first N clusters")
    parser.add_argument("--form", choices=("auto", "headline", "summary"), default="auto",
                        help="Chorus output form; auto = headline when the budget is 40 words or less")
    parser.add_argument("--event-size", type=int, default=0, metavar="N",
                        help="also time Chorus's summary and facts of one event made of the file's first "
                             "N articles (median of 3 runs)")
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="timed rounds of every system but the oracle; each system's seconds are its "
                             "median pass (default 3)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")


# --------------------------------------------------------------------------- input


def load_clusters(path: Path, half: str = "all", limit: int | None = None) -> list[dict]:
    """Read the clusters of ``path``, keeping one half by line number when asked
    (lines that are not clusters are reported on stderr and left out)."""
    from chorus.bench.clusterfile import read_clusters

    out = [cluster for _, cluster in read_clusters(path, half, need_summary=True)]
    return out[:limit] if limit else out


def cluster_articles(cluster: dict) -> list[Article]:
    """The cluster's articles as the pipeline would see them: cleaned, split, and
    flagged when they are not news (``Article.not_news``, set at ingest).

    Uses ``chorus.clean.clean_documents`` when that module exists; otherwise the
    raw text is kept as it is (with runs of blank space tidied per line).
    """
    raws = [RawDoc(path=str(a.get("id", i)), text=a.get("text") or "", format="text",
                   title=a.get("title")) for i, a in enumerate(cluster["articles"])]
    try:
        from chorus.clean import clean_documents  # type: ignore[attr-defined]
    except ImportError:
        clean_documents = None
    articles: list[Article] = []
    if clean_documents is not None:
        for item in clean_documents(raws):
            if isinstance(item, Article):
                articles.append(item)
    else:
        for raw in raws:
            text = "\n".join(" ".join(line.split()) for line in raw.text.splitlines())
            text = "\n".join(line for line in text.split("\n") if line)
            if text.strip():
                articles.append(Article(id=article_id(text), text=text, path=raw.path,
                                        title=raw.title))
    from chorus.notnews import not_news_reason

    for a in articles:
        if not a.sentences:
            a.sentences = split_sentences(a.text)
        a.not_news = not_news_reason(a)  # flagged at ingest, as the pipeline does
    return articles


# --------------------------------------------------------------------------- systems


def _sentences(articles: list[Article]) -> list[list[str]]:
    return [[a.text[s:e] for s, e in a.sentences] for a in articles]


def _fill(ordered: list[str], budget: int) -> list[str]:
    out, n = [], 0
    for s in ordered:
        if n >= budget:
            break
        out.append(s)
        n += len(s.split())
    return out


def run_lead(articles: list[Article], budget: int) -> list[str]:
    return _fill([s for doc in _sentences(articles) for s in doc], budget)


class _Tokenizer:
    """What sumy asks of a tokenizer; sentences are ours already."""

    language = "english"

    def __init__(self) -> None:
        import re

        self._word = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

    def to_sentences(self, paragraph: str):
        return [paragraph[s:e] for s, e in split_sentences(paragraph)]

    def to_words(self, sentence: str):
        return self._word.findall(sentence)


def _sumy(kind: str) -> Callable[[list[Article], int], list[str]]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    if kind == "lexrank":
        from sumy.summarizers.lex_rank import LexRankSummarizer as S
    else:
        from sumy.summarizers.text_rank import TextRankSummarizer as S
    tok = _Tokenizer()
    summarizer = S(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def run(articles: list[Article], budget: int) -> list[str]:
        doc = ObjectDocumentModel([Paragraph([Sentence(s, tok) for s in sents])
                                   for sents in _sentences(articles) if sents])

        def take(infos):  # best-rated first, until the budget is full
            chosen, n = [], 0
            for info in infos:
                if n >= budget:
                    break
                chosen.append(info)
                n += len(info.sentence._text.split())
            return chosen

        return [s._text for s in summarizer(doc, take)]

    return run


def _oracle() -> Callable[[list[Article], int, str], list[str]]:
    from collections import Counter

    from rouge_score import tokenize
    from rouge_score.rouge_scorer import _create_ngrams
    from nltk.stem import porter

    stemmer = porter.PorterStemmer()

    def grams(text: str):
        toks = tokenize.tokenize(text, stemmer)
        return _create_ngrams(toks, 1), _create_ngrams(toks, 2)

    def f1(cand: Counter, ref: Counter) -> float:
        overlap = sum((cand & ref).values())
        if not overlap:
            return 0.0
        p, r = overlap / max(1, sum(cand.values())), overlap / max(1, sum(ref.values()))
        return 2 * p * r / (p + r)

    def run(articles: list[Article], budget: int, reference: str) -> list[str]:
        sents = [s for doc in _sentences(articles) for s in doc]
        r1, r2 = grams(reference)
        g = [grams(s) for s in sents]
        chosen: list[int] = []
        c1, c2 = Counter(), Counter()
        best_score, n = 0.0, 0
        while n < budget:
            best = None
            for i, (g1, g2) in enumerate(g):
                if i in chosen:
                    continue
                sc = f1(c1 + g1, r1) + f1(c2 + g2, r2)
                if best is None or sc > best[0]:
                    best = (sc, i)
            if best is None or best[0] <= best_score:
                break
            best_score = best[0]
            chosen.append(best[1])
            c1 += g[best[1]][0]
            c2 += g[best[1]][1]
            n += len(sents[best[1]].split())
        return [sents[i] for i in sorted(chosen)]

    return run


def _chorus(form: str, budget: int) -> Callable[[list[Article], int], list[str]]:
    from chorus.analyze import summary

    headline = form == "headline" or (form == "auto" and budget <= 40)

    def run(articles: list[Article], budget: int) -> list[str]:
        # As in the pipeline, pages that are not news (crawl notices, error and
        # sign-in pages) never join an event; a cluster of nothing else is kept whole.
        articles = [a for a in articles if not a.not_news] or articles
        if headline:  # the headline first, then the summary's sentences
            bank = summary.SentenceBank(articles)
            h = summary.headline_sentence(articles, bank=bank)
            rest = [s["text"] for s in summary.summarize(articles, 2 * budget, bank=bank)]
            return ([h["text"]] if h else []) + [t for t in rest if not h or t != h["text"]]
        return [s["text"] for s in summary.summarize(articles, budget)]

    return run


# --------------------------------------------------------------------------- scoring


def cut(sentences: list[str], budget: int) -> list[str]:
    """Keep whole sentences until ``budget`` words, cutting the last one short."""
    out, n = [], 0
    for s in sentences:
        w = s.split()
        if n + len(w) > budget:
            if budget - n > 0:
                out.append(" ".join(w[: budget - n]))
            break
        out.append(" ".join(w))
        n += len(w)
    return out


def evaluate(clusters: list[dict], systems: list[str], budget: int, form: str = "auto", repeat: int = 1) -> dict:
    """Run every system on every cluster; return mean scores and seconds per cluster."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    runners: dict[str, Callable] = {}
    for name in systems:
        if name == "chorus":
            runners[name] = _chorus(form, budget)
        elif name == "lead":
            runners[name] = run_lead
        elif name in ("lexrank", "textrank"):
            runners[name] = _sumy(name)
        elif name == "oracle":
            runners[name] = _oracle()
        else:
            raise ValueError(f"unknown system {name!r}; choose from {', '.join(SYSTEMS)}")
    totals = {n: {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0, "seconds": 0.0} for n in systems}
    prepared = [(cluster_articles(cluster), cluster["summary"]) for cluster in clusters]
    # Each system in its own timed pass over all the clusters, then the scoring: taking
    # turns cluster by cluster, each system's time would include the processor-cache
    # misses the other systems and the scorer cause, which weighs most on the fastest.
    # The objects made before the passes (the modules of all five systems, the prepared
    # clusters) are set aside from garbage collection, which still runs: otherwise one
    # full collection, walking all of them, lands on whichever system happens to be
    # running (90 ms, against about 60 ms for all of Chorus's 50 clusters).
    gc.collect()
    gc.freeze()
    try:
        _timed_passes(runners, prepared, budget, scorer, totals, repeat)
    finally:
        gc.unfreeze()
    n = max(1, len(clusters))
    return {"clusters": len(clusters), "budget": budget, "systems": {
        name: {"rouge1": t["rouge1"] / n, "rouge2": t["rouge2"] / n, "rougeLsum": t["rougeLsum"] / n,
               "seconds_per_cluster": t["seconds"] / n} for name, t in totals.items()}}


def _timed_passes(runners: dict, prepared: list, budget: int, scorer, totals: dict, repeat: int = 1) -> None:
    """Each system over every prepared cluster (timed), then its outputs scored; adds to ``totals``.

    With ``repeat`` above 1 the systems' passes run that many rounds (every system once a
    round, so a burst of load from outside falls on all of them alike) and each system's time
    is its median pass, as ``timeit`` repeats a measurement; the oracle, no speed peer, runs
    once. Outputs are scored from the first round (every system gives the same output each time).
    """
    import statistics

    outputs: dict[str, list] = {}
    passes: dict[str, list[float]] = {name: [] for name in runners}
    for rnd in range(max(1, repeat)):
        for name, fn in runners.items():
            if rnd and name == "oracle":
                continue
            outs, spent = [], 0.0
            for articles, ref in prepared:
                t0 = time.perf_counter()
                out = fn(articles, budget, ref) if name == "oracle" else fn(articles, budget)
                spent += time.perf_counter() - t0
                outs.append(out)
            passes[name].append(spent)
            outputs.setdefault(name, outs)
    for name in runners:
        totals[name]["seconds"] += statistics.median(passes[name])
        for (articles, ref), out in zip(prepared, outputs[name]):
            sc = scorer.score(ref, "\n".join(cut(out, budget)))
            for k in ("rouge1", "rouge2", "rougeLsum"):
                totals[name][k] += sc[k].fmeasure


def time_large_event(path: Path, n_articles: int, repeats: int = 3) -> dict:
    """Seconds Chorus takes for the summary (headline, short, long, citations) and
    the facts of one event made of the first ``n_articles`` articles of ``path``."""
    from statistics import median

    from chorus.analyze import facts, summary
    from chorus.model import Event

    articles: list[Article] = []
    for cluster in load_clusters(path):
        articles.extend(cluster_articles(cluster))
        if len(articles) >= n_articles:
            break
    articles = articles[:n_articles]
    event = Event(id="bench", articles=[a.id for a in articles])
    from chorus.analyze import sentencebank

    times: dict[str, list[float]] = {"summary": [], "facts": [], "facts_then_summary": []}
    for _ in range(repeats):
        for name, mods in (("summary", (summary,)), ("facts", (facts,)),
                           ("facts_then_summary", (facts, summary))):
            sentencebank._CACHE.clear()  # each timing starts from the articles alone
            t0 = time.perf_counter()
            for mod in mods:
                mod.analyze(event, articles)
            times[name].append(time.perf_counter() - t0)
    return {"articles": len(articles), "sentences": sum(len(a.sentences) for a in articles),
            **{k: median(v) for k, v in times.items()}}


def run(args: argparse.Namespace) -> int:
    from chorus.bench.clusterfile import ClusterFileError

    try:
        clusters = load_clusters(args.data, args.half, args.limit)
    except ClusterFileError as exc:
        print(f"chorus bench summarize: {exc}", file=sys.stderr)
        return 2
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    try:
        result = evaluate(clusters, systems, args.budget, args.form, args.repeat)
    except ValueError as exc:
        print(f"chorus bench summarize: {exc}", file=sys.stderr)
        return 2
    if getattr(args, "event_size", 0):
        result["event"] = time_large_event(args.data, args.event_size)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{args.data.name}  half={args.half}  clusters={result['clusters']}  budget={args.budget}")
    print(f"{'system':<16}{'R1':>8}{'R2':>8}{'RLsum':>8}{'s/cluster':>12}")
    for name, r in result["systems"].items():
        print(f"{name:<16}{100 * r['rouge1']:>8.2f}{100 * r['rouge2']:>8.2f}"
              f"{100 * r['rougeLsum']:>8.2f}{r['seconds_per_cluster']:>12.4f}")
    if "event" in result:
        ev = result["event"]
        print(f"one event of {ev['articles']} articles ({ev['sentences']} sentences): "
              f"summary {ev['summary']:.3f} s, facts {ev['facts']:.3f} s, "
              f"both as the pipeline runs them {ev['facts_then_summary']:.3f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chorus bench summarize", description=__doc__.split("\n")[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
