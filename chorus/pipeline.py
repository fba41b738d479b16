"""The ordered stages of ``chorus digest``, shared by every face (CLI, API, web).

read -> clean -> split -> store -> not-news / dedup -> cluster -> per-event
passages and analyses -> store -> events.json document -> reports.

Each stage is a function in its own module; this module only orders them,
counts what happened, and turns a failing stage on one event into a clear
message instead of a lost run.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analyze import articles_read
from .language import language_counts
from .language import detect as detect_language
from .model import SCHEMA, Article, Event, Rejection
from .sentences import split_sentences
from .settings import Settings
from .store import Store

if TYPE_CHECKING:
    from .engines import Engine

# The analyzers run on every changed event, in this order. Each module has
# ``analyze(event, articles) -> dict`` returning the event fields it fills.
ANALYZERS: tuple[str, ...] = (
    "chorus.analyze.facts",
    "chorus.analyze.summary",
    "chorus.analyze.quotes",
    "chorus.analyze.figures",
    "chorus.analyze.framing",
    "chorus.analyze.timeline",
    "chorus.analyze.entities",
)

Progress = Callable[[str, int, int], None]


def _fingerprint(files: Iterable[Path]) -> str:
    """A short digest of the names and contents of ``files``."""
    import hashlib

    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def analysis_fingerprint() -> str:
    """A digest of the analyzers' code: when it differs from the one the store
    recorded, the stored analyses were made by another version of Chorus and
    every event is analysed again (articles and events themselves are kept)."""
    return _fingerprint(sorted((Path(__file__).resolve().parent / "analyze").glob("*.py")))


def sentences_fingerprint() -> str:
    """A digest of the code that finds sentence boundaries (the splitter, the
    dateline rules and the cleaner that applies them): when it differs from the
    one the store recorded, stored articles are split again with this version's
    rules."""
    root = Path(__file__).resolve().parent
    return _fingerprint(root / name for name in ("sentences.py", "metadata.py", "clean.py", "analyze/letters.py"))


def refresh_sentences(store: Store) -> list[str]:
    """Split the stored articles again when the sentence rules have changed since
    they were stored; return the ids of those whose sentences differ now.

    Text, and so every offset into it, stays as stored; only the sentence
    spans (which summaries and facts cite) follow the current rules, and an
    article stored before languages were recorded gets its language.
    """
    from .clean import sentence_spans

    fingerprint = sentences_fingerprint()
    if store.get_state("sentences") == fingerprint:
        return []
    changed: list[str] = []
    batch: list[Article] = []
    for a in store.iter_articles():
        spans = sentence_spans(a.text)
        # Articles stored before languages were recorded get theirs now.
        language = a.language if a.language is not None else detect_language(a.text)
        if [tuple(x) for x in a.sentences] != spans or language != a.language:
            a.sentences = spans
            a.language = language
            batch.append(a)
            changed.append(a.id)
        if len(batch) >= 1000:
            store.update_articles(batch)
            batch = []
    store.update_articles(batch)
    store.set_state("sentences", fingerprint)
    return changed


@dataclass
class DigestResult:
    """What a digest run did, for the end-of-run table and for tests."""

    read: int = 0
    resplit: int = 0  # stored articles split again under changed sentence rules
    rejected: list[Rejection] = field(default_factory=list)
    stored: int = 0  # articles new to the store
    already_stored: int = 0
    duplicates: int = 0
    not_news: int = 0
    events_changed: list[str] = field(default_factory=list)
    events_total: int = 0
    warnings: list[str] = field(default_factory=list)
    languages: dict[str, int] = field(default_factory=dict)  # articles read, per language
    seconds: dict[str, float] = field(default_factory=dict)
    document: dict[str, Any] | None = None
    outputs: dict[str, Path] = field(default_factory=dict)


class StageError(Exception):
    """An analysis stage failed on one event; raised only in strict mode."""


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    settings: Settings = Settings(),
    progress: Progress | None = None,
    result: DigestResult | None = None,
    engine: Engine | None = None,
) -> tuple[list[Article], DigestResult]:
    """Read, clean, split and store; return the articles read in this run. The
    per-file and per-page work runs on ``engine`` when one is given."""
    from .clean import clean_documents
    from .read import read_paths

    result = result or DigestResult()
    t0 = time.perf_counter()
    raws = []
    for item in read_paths([str(p) for p in paths], settings, engine):
        if isinstance(item, Rejection):
            result.rejected.append(item)
        else:
            raws.append(item)
        if progress:
            progress("read", len(raws) + len(result.rejected), 0)
    result.seconds["read"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    articles: dict[str, Article] = {}
    cleaned = clean_documents(raws, workers=settings.workers, engine=engine)
    for i, item in enumerate(cleaned):
        if isinstance(item, Rejection):
            result.rejected.append(item)
            continue
        if not item.sentences:
            item.sentences = split_sentences(item.text)
        articles.setdefault(item.id, item)
        if progress:
            progress("clean", i + 1, len(cleaned))
    result.read = len(articles)
    result.languages = language_counts(articles.values())
    result.seconds["clean"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    new_ids = set(store.put_articles(articles.values()))
    store.put_rejections(result.rejected)
    result.stored = len(new_ids)
    result.already_stored = len(articles) - len(new_ids)
    result.seconds["store"] = time.perf_counter() - t0
    return [a for a in articles.values() if a.id in new_ids], result


def digest(
    paths: Iterable[str | Path],
    *,
    db: str | Path = "chorus.db",
    out: str | Path | None = None,
    settings: Settings = Settings(),
    one_event: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> DigestResult:
    """Run every stage over ``paths`` against the store at ``db``.

    New articles join the events already in the store or open new ones;
    only the events that changed are analysed again (all of them when the
    store's analyses were made by another version of the analyzers). With ``out`` the
    events.json document and the reports are written there.
    """
    from .engines import make_engine

    warn = warn or (lambda msg: print(msg, file=sys.stderr))
    engine = make_engine(settings)  # (an engine that cannot be had fails here, before the store is opened)
    try:
        return _digest(paths, db, out, settings, one_event, strict, progress, warn, engine)
    finally:
        engine.close()


def _digest(paths, db, out, settings: Settings, one_event: bool, strict: bool, progress: Progress | None,
            warn: Callable[[str], None], engine: Engine) -> DigestResult:
    with Store(db) as store:
        t0 = time.perf_counter()
        resplit = refresh_sentences(store)
        seconds = time.perf_counter() - t0
        new, result = ingest(paths, store, settings, progress, engine=engine)
        result.resplit = len(resplit)
        result.seconds["resplit"] = seconds
        for rej in result.rejected:
            warn(f"rejected {rej.message()}")
        _mark(new, store, settings, result, engine)
        _cluster(new, store, settings, one_event, result, progress, engine)
        todo = result.events_changed
        fingerprint = analysis_fingerprint()
        if store.get_state("analysis") != fingerprint:  # analysed by another version: all again
            todo = list(dict.fromkeys(todo + [e.id for e in store.events()]))
        elif resplit:  # events citing sentences that are split differently now
            todo = list(dict.fromkeys(todo + sorted(set(store.event_ids_for_articles(resplit).values()))))
        _analyse(todo, store, settings, strict, result, warn, progress, engine)
        store.set_state("analysis", fingerprint)
        doc = build_document(store, result.rejected)
        result.document = doc
        result.events_total = len(doc["events"])
    if out is not None:
        from .render import write_reports

        result.outputs = write_reports(doc, Path(out))
    return result


@dataclass
class RegroupResult:
    """What a regrouping did, for the end-of-run table and for tests."""

    articles: int = 0  # articles grouped (not-news pages and near-duplicates follow)
    events_before: int = 0
    events_total: int = 0
    kept: int = 0  # events whose articles did not change (not analysed again)
    changed: list[str] = field(default_factory=list)  # events written anew (analysed again)
    removed: list[str] = field(default_factory=list)  # events that no longer exist
    moved: int = 0  # articles now in another event than before
    warnings: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    document: dict[str, Any] | None = None  # with ``out`` only
    outputs: dict[str, Path] = field(default_factory=dict)


def regroup(
    *,
    db: str | Path = "chorus.db",
    out: str | Path | None = None,
    settings: Settings = Settings(),
    strict: bool = False,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> RegroupResult:
    """Group every stored article into events again, in one batch.

    Articles added run by run join the events they find, and an event is
    never merged with or split from another afterwards; grouping the whole
    collection at once sees every article beside every other (on the
    Multi-News clusters, B-cubed F1 0.915 against 0.849 for the same
    articles added a hundred at a time). An event keeps its id when most of
    its articles and most of the new group's are the same; events whose
    articles did not change keep their analyses, the others are analysed
    again. Nothing is written until everything is worked out, and then in
    one transaction: an interrupted run leaves the store as it was.
    """
    from .engines import make_engine

    warn = warn or (lambda msg: print(msg, file=sys.stderr))
    engine = make_engine(settings)  # (an engine that cannot be had fails here, before the store is opened)
    try:
        return _regroup(db, out, settings, strict, progress, warn, engine)
    finally:
        engine.close()


def _regroup(db, out, settings: Settings, strict: bool, progress: Progress | None,
             warn: Callable[[str], None], engine: Engine) -> RegroupResult:
    from .cluster import STATE_KEY, EventClusterer
    from .features import term_vector
    from .model import event_id

    result = RegroupResult()
    with Store(db) as store:
        t0 = time.perf_counter()
        old_events = store.memberships()  # event id -> article ids
        result.events_before = len(old_events)
        old_of = {aid: eid for eid, ids in old_events.items() for aid in ids}
        state = store.get_state(STATE_KEY)
        clusterer = EventClusterer.from_state(state) if state else EventClusterer()
        # One pass over the store, keeping what grouping needs (terms, date, id),
        # not the texts: a large store is never held in memory whole.
        params = clusterer.term_params()
        members: list[Article] = []
        terms = []
        copies: list[tuple[str, str]] = []  # (near-duplicate, the article it copies)
        for a in store.iter_articles():
            if a.not_news:
                continue
            if a.duplicate_of:
                copies.append((a.id, a.duplicate_of))
                continue
            terms.append(term_vector(a, **params))
            members.append(Article(id=a.id, text="", published=a.published))
        keys = clusterer.fit_predict(members, terms=terms)
        result.articles = len(members)
        result.seconds["cluster"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        groups: dict[str, list[str]] = {}
        for a, key in zip(members, keys):
            groups.setdefault(key, []).append(a.id)
        # An event keeps its id when it and the new group share most of both.
        member_ids = {a.id for a in members}
        names: dict[str, str] = {}
        for key, ids in groups.items():
            counts: dict[str, int] = {}
            for aid in ids:
                if aid in old_of:
                    counts[old_of[aid]] = counts.get(old_of[aid], 0) + 1
            best = max(counts, key=lambda e: (counts[e], e), default=None)
            if best is not None:
                own = sum(1 for aid in old_events[best] if aid in member_ids)
                if 2 * counts[best] > len(ids) and 2 * counts[best] > own:
                    names[key] = best
        used = set(names.values())
        for key, ids in groups.items():
            if key in names:
                continue
            # A new id, unless another event still has it (a group that now
            # opens with an article that opened an event kept under its id elsewhere).
            name, salt = event_id(ids), 0
            while name in used:
                salt += 1
                name = event_id([f"{ids[0]}#{salt}"])
            names[key] = name
            used.add(name)
        # Near-duplicates follow the article they copy, as when they were added.
        group_of = {aid: names[key] for key, ids in groups.items() for aid in ids}
        new_members: dict[str, list[str]] = {names[key]: list(ids) for key, ids in groups.items()}
        for aid, original in copies:
            if original in group_of:
                new_members[group_of[original]].append(aid)
        now_in = {aid: eid for eid, ids in new_members.items() for aid in ids}
        result.moved = sum(1 for aid, eid in old_of.items() if now_in.get(aid) != eid)
        result.seconds["match"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        put: list[Event] = []
        searchable: dict[str, Article] = {}  # the articles of the events written, for the search index
        todo = []
        for eid, ids in sorted(new_members.items()):
            old = old_events.get(eid)
            if old is not None and set(old) == set(ids):
                result.kept += 1
            else:
                todo.append((eid, ids))
        for k in range(0, len(todo), ANALYSE_BATCH):
            batch = [(Event(id=eid, articles=ids), store.articles(ids), settings)
                     for eid, ids in todo[k:k + ANALYSE_BATCH]]
            for (_, texts, _), (event, failures) in zip(batch, engine.map(_analyse_item, batch)):
                _report(failures, strict, result.warnings, warn)
                put.append(event)
                searchable.update((a.id, a) for a in texts)
                if progress:
                    progress("analyse", len(put), len(todo))
        result.changed = [e.id for e in put]
        result.removed = sorted(set(old_events) - set(new_members))
        clusterer.events_ = {names[k]: v for k, v in clusterer.events_.items()}
        store.replace_events(put, result.removed, {STATE_KEY: clusterer.to_state()}, searchable)
        result.seconds["analyse"] = time.perf_counter() - t0
        result.events_total = len(new_members)
        if out is not None:  # the whole collection as one document: only when reports are asked for
            result.document = build_document(store, [])
    if out is not None:
        from .render import write_reports

        result.outputs = write_reports(result.document, Path(out))
    return result


def _mark(new: list[Article], store: Store, settings: Settings, result: DigestResult,
          engine: Engine | None = None) -> None:
    """Flag pages that are not news and near-duplicates among the new articles."""
    from .dedup import mark_duplicates
    from .notnews import not_news_reason

    t0 = time.perf_counter()
    for a in new:
        a.not_news = not_news_reason(a)
    mark_duplicates(new, store, threshold=settings.duplicate_threshold, engine=engine)
    store.update_articles(new)
    result.not_news = sum(1 for a in new if a.not_news)
    result.duplicates = sum(1 for a in new if a.duplicate_of)
    result.seconds["dedup"] = time.perf_counter() - t0


def _cluster(
    new: list[Article],
    store: Store,
    settings: Settings,
    one_event: bool,
    result: DigestResult,
    progress: Progress | None,
    engine: Engine | None = None,
) -> None:
    """Assign new articles to events; duplicates follow the article they copy."""
    from .cluster import update_events

    t0 = time.perf_counter()
    candidates = [a.id for a in new if not a.not_news and not a.duplicate_of]
    changed = list(update_events(store, candidates, one_event=one_event, settings=settings, engine=engine))
    dups = [a for a in new if a.duplicate_of and not a.not_news]
    if dups:
        owner = store.event_ids_for_articles([a.duplicate_of for a in dups])
        for a in dups:
            eid = owner.get(a.duplicate_of or "")
            event = store.get_event(eid) if eid else None
            if event is None:
                continue
            if a.id not in event.articles:
                event.articles.append(a.id)
                store.put_event(event)
            if eid not in changed:
                changed.append(eid)
    result.events_changed = changed
    result.seconds["cluster"] = time.perf_counter() - t0


def analyse_event(event: Event, articles: list[Article], settings: Settings = Settings()) -> list[str]:
    """Fill an event's passages and analyses in place; return the failures."""
    from .dedup import event_passages

    failures: list[str] = []
    # Originals first, so summaries and quotes cite the first-seen copy.
    articles = sorted(articles, key=lambda a: (a.duplicate_of is not None,))
    dated = sorted(a.published for a in articles if a.published)
    event.first_published = dated[0] if dated else None
    event.last_published = dated[-1] if dated else None
    event.languages = language_counts(articles)
    readers = articles_read(articles, ANALYZERS)
    stages: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        ("chorus.dedup", lambda: event_passages(articles))
    ]
    for name in ANALYZERS:
        stages.append((name, lambda name=name: importlib.import_module(name).analyze(event, readers[name])))
    for name, call in stages:
        try:
            fields = call()
        except Exception as exc:  # one failing stage must not lose the run
            failures.append(f"event {event.id}: {name} failed: {exc!r}\n{traceback.format_exc()}")
            continue
        for key, value in fields.items():
            setattr(event, key, value)
    if not event.title:
        titled = [a for a in articles if a.title]
        event.title = titled[0].title if titled else None
    return failures


def _analyse(
    event_ids: list[str],
    store: Store,
    settings: Settings,
    strict: bool,
    result: DigestResult,
    warn: Callable[[str], None],
    progress: Progress | None,
    engine: Engine | None = None,
) -> None:
    """Analyse the events ``event_ids`` and store them. With an engine, events go to it
    in batches (an event with its articles, one item each); the store is read and
    written here, in the order of ``event_ids``."""
    t0 = time.perf_counter()
    done = 0
    for k in range(0, len(event_ids), ANALYSE_BATCH):
        batch = []
        for eid in event_ids[k:k + ANALYSE_BATCH]:
            event = store.get_event(eid)
            if event is not None:
                batch.append((event, store.articles(event.articles), settings))
        analysed = engine.map(_analyse_item, batch) if engine is not None else map(_analyse_item, batch)
        for (_, articles, _), (event, failures) in zip(batch, analysed):
            _report(failures, strict, result.warnings, warn)
            store.put_event(event, articles)
            done += 1
            if progress:
                progress("analyse", done, len(event_ids))
    result.seconds["analyse"] = time.perf_counter() - t0


ANALYSE_BATCH = 256  # events handed to the engine at a time (each with its articles)


def _analyse_item(item: tuple[Event, list[Article], Settings]) -> tuple[Event, list[str]]:
    """One event analysed (``analyse_event``), as an engine runs it: the event comes back."""
    event, articles, settings = item
    failures = analyse_event(event, articles, settings)
    return event, failures


def _report(failures: list[str], strict: bool, warnings: list[str], warn: Callable[[str], None]) -> None:
    """A failed analysis stage: an error in strict mode, else a warning that lets the run go on."""
    for f in failures:
        if strict:
            raise StageError(f)
        warnings.append(f.splitlines()[0])
        warn("warning: " + f.splitlines()[0])


def build_document(store: Store, rejected: list[Rejection]) -> dict[str, Any]:
    """The events.json document for everything in the store."""
    return {
        "schema": SCHEMA,
        "articles": [a.to_public() for a in store.articles()],
        "events": [e.to_dict() for e in store.events()],
        "rejected": [_rejection_dict(r) for r in rejected],
    }


def _rejection_dict(r: Rejection) -> dict[str, Any]:
    d: dict[str, Any] = {"path": r.path, "reason": r.reason}
    if r.line is not None:
        d["line"] = r.line
    return d
