"""A synthetic news corpus for speed and scale benchmarks.

Real corpora of 100,000 articles cannot ship with the project, so this
generator writes look-alikes with the structure that matters to dedup and
clustering: events (each with its own names, topic words and a date),
several articles per event drawing on the event's words and names, reprints
of some articles with edits (a sentence dropped, words changed, a line
added), stand-alone noise articles, and pages that are not news. Everything
comes from a seeded random generator, so a run is repeatable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from chorus.model import Article, article_id
from chorus.sentences import split_sentences

_SYLLABLES = ["ka", "ro", "mi", "te", "lu", "sa", "de", "vo", "ni", "ba", "ge", "po", "ri", "tu", "le", "ma",
              "an", "or", "el", "is", "un", "ar", "en", "os"]
_NOT_NEWS = [
    "We use cookies to improve your experience. By continuing you consent to our cookie policy and privacy policy.",
    "Tweet with a location. You can add location information to your Tweets, such as your city or precise location.",
    "JavaScript is disabled. You need to enable JavaScript to use this site.",
    "Sorry, the page you requested could not be found. Please try again later.",
]


@dataclass
class Corpus:
    """Articles in arrival order, and for each its true event (-1: noise or not news)."""

    articles: list[Article]
    events: list[int]


def _vocabulary(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    out = []
    while len(out) < n:
        w = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def generate(n_articles: int, *, seed: int = 7, per_event: float = 4.0, reprint_rate: float = 0.15,
             noise_rate: float = 0.1, not_news_rate: float = 0.02, words: int = 220) -> Corpus:
    """About ``n_articles`` articles: events of ~``per_event`` articles, reprints, noise.

    Vocabulary and names grow with the corpus so that, as in real news, a
    larger collection has more distinct events rather than denser ones.
    """
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 20000 + n_articles // 2)
    common = vocab[:2000]  # the everyday words every article uses
    rare = vocab[2000:]
    start = date(2020, 1, 1)
    arts: list[Article] = []
    labels: list[int] = []
    event = 0
    weights = [1.0 / (k + 1) for k in range(len(common))]
    while len(arts) < n_articles:
        r = rng.random()
        if r < not_news_rate:
            text = rng.choice(_NOT_NEWS) + " " + rng.choice(_NOT_NEWS)
            arts.append(_article(text, None))
            labels.append(-1)
            continue
        if r < not_news_rate + noise_rate:
            topic = rng.sample(rare, 8)
            arts.append(_article(_body(rng, common, weights, topic, [], words), None))
            labels.append(-1)
            continue
        topic = rng.sample(rare, 14)
        names = [" ".join(w.capitalize() for w in rng.sample(rare, 2)) for _ in range(4)]
        day = start + timedelta(days=rng.randint(0, 1500))
        size = max(1, int(rng.expovariate(1 / per_event)) + 1)
        for _ in range(size):
            if len(arts) >= n_articles:
                break
            published = (day + timedelta(days=rng.randint(0, 3))).isoformat()
            text = _body(rng, common, weights, topic, names, words)
            arts.append(_article(text, published))
            labels.append(event)
            if rng.random() < reprint_rate and len(arts) < n_articles:
                arts.append(_article(_reprint(rng, text, rare), published))
                labels.append(event)
        event += 1
    order = list(range(len(arts)))
    rng.shuffle(order)
    return Corpus([arts[k] for k in order], [labels[k] for k in order])


def _article(text: str, published: str | None) -> Article:
    return Article(id=article_id(text), text=text, published=published, sentences=split_sentences(text))


def _body(rng, common, weights, topic, names, n_words) -> str:
    """Sentences of 8-20 words: everyday words, the event's words and names."""
    sentences = []
    total = 0
    while total < n_words:
        k = rng.randint(8, 20)
        ws = rng.choices(common, weights=weights, k=k)
        for pos in rng.sample(range(k), min(k, rng.randint(1, 3))):
            ws[pos] = rng.choice(topic)
        if names and rng.random() < 0.6:
            ws.insert(rng.randint(1, len(ws)), rng.choice(names))
        sentences.append(ws[0].capitalize() + " " + " ".join(ws[1:]) + ".")
        total += k
        if rng.random() < 0.25:
            sentences.append("\n")
    return " ".join(sentences).replace(" \n ", "\n\n").strip()


def _reprint(rng, text: str, rare) -> str:
    """A copy with edits: a sentence dropped, a few words changed, a credit line added."""
    parts = text.split(". ")
    if len(parts) > 3:
        del parts[rng.randrange(len(parts))]
    out = ". ".join(parts).split(" ")
    for _ in range(3):
        out[rng.randrange(len(out))] = rng.choice(rare)
    return " ".join(out) + "\n\n(Reporting by " + rng.choice(rare).capitalize() + ")"
