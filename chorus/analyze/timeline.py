"""The event's timeline: dated sentences, each entry citing where it comes from.

Every date comes from the text itself (``chorus.analyze.dates``): explicit
dates, and relative ones ("on Monday", "last year", "mid-November") resolved
against the article's publication date. An article without one borrows the
event's latest publication date; its relative dates are then marked
``approximate`` and ``basis: "event"``. Sentences about the same date that say
much the same thing become one entry with several citations.
"""

from __future__ import annotations

import re
from typing import Any

from chorus.analyze.dates import DateMention, find_dates, parse_iso
from chorus.analyze.sentencebank import sentence_start
from chorus.model import Article, Event

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("the a an of in on to and or for with at by from that this is was were be been "
                  "has have had it its as said says will would their they he she his her".split())
_SAME_ENTRY = 0.3  # word overlap (Jaccard) that makes two same-date sentences one entry
_SINCE = re.compile(r"since\b", re.I)
_EARLIER_FIGURE = re.compile(r"\b(?:up|down) from\b[^,;.]{0,60}$", re.I)
_MAX_SENTENCE = 400  # longer "sentences" are usually lists or debris


def with_sentences(articles: list[Article]) -> list[Article]:
    """The articles, each with sentence offsets (copies are split here; inputs stay untouched)."""
    from dataclasses import replace

    from chorus.sentences import split_sentences

    return [a if a.sentences else replace(a, sentences=split_sentences(a.text)) for a in articles]


def event_reference(event: Event, articles: list[Article]) -> str | None:
    """The date undated articles are read against: the event's latest publication date."""
    dates = [a.published for a in articles if parse_iso(a.published)]
    if event.last_published and parse_iso(event.last_published):
        dates.append(event.last_published)
    return max(dates) if dates else None


def article_mentions(article: Article, fallback: str | None) -> list[tuple[DateMention, int, int, bool]]:
    """(mention with absolute offsets, sentence start, sentence end, borrowed reference)."""
    own = parse_iso(article.published)
    ref = own or parse_iso(fallback)
    borrowed = own is None and ref is not None
    out = []
    for k, (s, e) in enumerate(article.sentences):
        if e - s > _MAX_SENTENCE:
            continue
        s = sentence_start(article.text, s, e, opens_article=k == 0)  # as the summaries cite it
        sent = article.text[s:e]
        found = find_dates(sent, ref)
        # "since Sunday" starts a state; with another day named ("the fisherman missing
        # since Sunday was found on Tuesday") the sentence tells what happened then.
        if any(not _SINCE.match(m.text) for m in found):
            found = [m for m in found if not _SINCE.match(m.text)]
        # "six have died, up from three reported on Sunday": Sunday is the earlier
        # figure's day, not the day of what the sentence reports.
        found = [m for m in found if not _EARLIER_FIGURE.search(sent, 0, m.start)]
        # "signed on Oct. 28, 2016, days before the 2016 presidential election": one
        # entry, on the day; a bare year inside the same sentence adds nothing.
        days = {m.date[:4] for m in found if m.precision in ("day", "month")}
        found = [m for m in found if not (m.precision == "year" and m.date[:4] in days)]
        for m in found:
            shifted = DateMention(m.start + s, m.end + s, m.text, m.date, m.precision,
                                  m.approximate or (borrowed and m.relative), m.relative)
            out.append((shifted, s, e, borrowed and m.relative))
    return out


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def analyze(event: Event, articles: list[Article]) -> dict[str, Any]:
    """Return ``{"timeline": [{"date", "approximate", "text", "citations", ...}]}``."""
    articles = with_sentences(articles)
    fallback = event_reference(event, articles)
    # date -> list of candidate entries (each: words, record)
    by_date: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for art in articles:
        seen: set[tuple[str, int]] = set()
        for m, s, e, borrowed in article_mentions(art, fallback):
            if (m.date, s) in seen:
                continue
            seen.add((m.date, s))
            sent = art.text[s:e]
            words = _words(sent)
            cite = {"article": art.id, "start": s, "end": e,
                    "expression": m.text, "expression_start": m.start, "expression_end": m.end}
            bucket = by_date.setdefault((m.date, m.precision), [])
            for entry in bucket:
                inter = len(words & entry["_words"])
                union = len(words | entry["_words"]) or 1
                if inter / union >= _SAME_ENTRY:
                    entry["citations"].append(cite)
                    entry["approximate"] = entry["approximate"] and m.approximate
                    entry["_words"] |= words
                    break
            else:
                bucket.append({
                    "date": m.date, "precision": m.precision, "approximate": m.approximate,
                    "text": sent, "citations": [cite],
                    "basis": "event" if borrowed else "article", "_words": set(words),
                })
    entries = [e for bucket in by_date.values() for e in bucket]
    for e in entries:
        del e["_words"]
        e["articles"] = sorted({c["article"] for c in e["citations"]})
    entries.sort(key=lambda e: (e["date"], -len(e["articles"]), e["text"]))
    return {"timeline": entries}
