"""The analyses on the five seed articles, scored against ../shared/gold/seeds.json.

Runs the real pipeline (``chorus digest`` as a Python call, one event) when all
its stages are present; else reads and cleans the files with the real reader
and cleaner and analyses them as one event; else (no cleaner) takes the files
as plain text with the gold publication dates.

Targets (from the issue):
* quote recall >= 90% (each listed quote found in each listed article), the
  right speaker for >= 85% of those found. A speaker matches when the last
  name token matches (any of the quote's speaker variants), or, for a
  described speaker ("unnamed opposition official"), when its key nouns
  appear in our description;
* nothing reported as a quote that is not between quotation marks;
* both figures the gold marks ``disagree`` are found (one figure holds their
  claims) and flagged; the share-of-eastern-Aleppo figure is not;
* "regime" among the first 10 framing terms of 000 and 004, "government"
  among those of 002 and 003 (first 10 of the reported ``terms`` list, which
  puts each actor group's preferred label first, then the rest by z);
* timeline entries for 2016-12-05 and 2016-12-06.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chorus.model import Article, Event
from chorus.sentences import split_sentences

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEEDS = SHARED / "seeds"
GOLD_PATH = SHARED / "gold" / "seeds.json"

pytestmark = pytest.mark.skipif(not GOLD_PATH.exists(), reason="shared seeds not available")

ANALYZERS = ("quotes", "figures", "framing", "timeline", "entities")


def _pipeline_available() -> bool:
    import importlib

    import chorus.model

    home = Path(chorus.model.__file__).parent
    needed = {"chorus.clean": "clean_documents", "chorus.cluster": "update_events",
              "chorus.dedup": "event_passages", "chorus.read": "read_paths",
              "chorus.notnews": "not_news_reason"}
    for mod, attr in needed.items():
        try:
            m = importlib.import_module(mod)
        except ImportError:
            return False
        if not hasattr(m, attr) or home not in Path(m.__file__).parents:
            return False
    return True


def _run_pipeline(tmp: Path) -> tuple[dict, dict[str, Article]]:
    from chorus.pipeline import digest
    from chorus.store import Store

    db = tmp / "seeds.db"
    # As `chorus digest ../shared/seeds` runs it: events found by clustering, stage failures raise.
    result = digest([SEEDS], db=db, strict=True, warn=lambda m: None)
    assert len(result.document["events"]) == 1, "the five seeds are one event"
    doc = result.document
    assert doc and doc["events"], "the pipeline produced no event"
    event = max(doc["events"], key=lambda e: len(e["articles"]))
    with Store(db) as store:
        arts = {a.id: a for a in store.articles(event["articles"])}
    by_stem = {Path(a.path).stem: a for a in arts.values()}
    return event, by_stem


def _cleaner_available() -> bool:
    try:
        from chorus.clean import clean_documents  # noqa: F401
        from chorus.read import read_paths  # noqa: F401
    except ImportError:
        return False
    return True


def _run_raw() -> tuple[dict, dict[str, Article]]:
    """Read and clean with the real stages when present (no clustering: one event),
    else take the files as plain text with the gold dates."""
    import importlib

    gold = json.loads(GOLD_PATH.read_text())
    arts = []
    if _cleaner_available():
        from chorus.clean import clean_documents
        from chorus.read import read_paths

        raws = [r for r in read_paths([str(SEEDS)]) if not hasattr(r, "reason")]
        for a in clean_documents(raws):
            if isinstance(a, Article):
                a.sentences = a.sentences or split_sentences(a.text)
                arts.append(a)
    else:
        for p in sorted(SEEDS.glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            info = gold["articles"].get(p.stem, {})
            pub = info.get("published")
            arts.append(Article(id=p.stem, text=text, path=str(p), sentences=split_sentences(text),
                                published=None if pub in (None, "unknown") else pub,
                                outlet=info.get("outlet")))
    ev = Event(id="ev-seeds", articles=[a.id for a in arts])
    event = {}
    for name in ANALYZERS:
        event.update(importlib.import_module(f"chorus.analyze.{name}").analyze(ev, arts))
    return event, {Path(a.path).stem: a for a in arts}


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    if _pipeline_available():
        event, by_stem = _run_pipeline(tmp_path_factory.mktemp("seeds"))
    else:
        event, by_stem = _run_raw()
    gold = json.loads(GOLD_PATH.read_text())
    return event, by_stem, gold


def _speaker_ok(gold_speaker: str, quote: dict) -> bool:
    got = quote.get("speaker") or ""
    if gold_speaker.startswith("unnamed") or quote.get("speaker_kind") == "description":
        keys = [w for w in gold_speaker.lower().split() if w not in ("unnamed", "a", "an", "the")]
        return bool(got) and all(k in got.lower() for k in keys)
    last = gold_speaker.split()[-1].lower()
    names = [got] + list(quote.get("speaker_variants") or [])
    return any(n and n.split()[-1].lower() == last for n in names)


def test_quote_recall_and_speakers(analysed):
    event, by_stem, gold = analysed
    found = right = total = 0
    misses = []
    for gq in gold["quotes"]:
        for stem in gq["articles"]:
            total += 1
            art = by_stem.get(stem)
            hit = None
            for q in event["quotes"]:
                for o in q["occurrences"]:
                    if art is not None and o["article"] == art.id and \
                            gq["text_contains"] in art.text[o["start"]:o["end"]]:
                        hit = q
            if hit is None:
                misses.append((stem, gq["text_contains"]))
                continue
            found += 1
            if _speaker_ok(gq["speaker"], hit):
                right += 1
            else:
                misses.append((stem, gq["text_contains"], hit.get("speaker")))
    assert found / total >= 0.90, misses
    assert right / found >= 0.85, misses


def test_every_quote_is_between_quotation_marks(analysed):
    event, by_stem, _ = analysed
    texts = {a.id: a.text for a in by_stem.values()}
    for q in event["quotes"]:
        for o in q["occurrences"]:
            text = texts[o["article"]]
            assert text[o["start"] - 1] in "\"“‘", text[o["start"] - 20:o["end"]]
            after = text[o["end"]:o["end"] + 1]
            assert after in ("\"", "”", "’") or after in ("\n", ""), text[o["start"]:o["end"] + 5]
            found = text[o["start"]:o["end"]]
            # verbatim: word for word the quote's text, or an exact excerpt with fewer words
            excerpt = found in q["text"] and len(found.split()) < len(q["text"].split())
            assert o["verbatim"] == (found == q["text"] or excerpt)


def _figure_holding(event, by_stem, claims) -> dict | None:
    """The figure that holds most of the gold claims (matched by article and value)."""
    best, best_n = None, 0
    for f in event["figures"]:
        n = 0
        for gc in claims:
            art = by_stem.get(gc["article"])
            for c in f["claims"]:
                if art is None or c["article"] != art.id:
                    continue
                if "value" in gc and c["value"] is not None and abs(c["value"] - gc["value"]) < 1e-6:
                    n += 1
                    break
                if "text_contains" in gc and gc["text_contains"] in art.text[c["start"] - 5:c["end"] + 30]:
                    n += 1
                    break
        if n > best_n:
            best, best_n = f, n
    return best if best_n >= max(2, len(claims) - 1) else None


def test_disputed_figures_are_found_and_flagged(analysed):
    event, by_stem, gold = analysed
    for gf in gold["figures"]:
        if not gf["disagree"]:
            continue
        f = _figure_holding(event, by_stem, gf["claims"])
        assert f is not None, gf["measure"]
        assert f["disagree"] is True, (gf["measure"], f)


def test_share_taken_is_not_a_disagreement(analysed):
    event, by_stem, gold = analysed
    (gf,) = [g for g in gold["figures"] if g["measure"].startswith("share of")]
    f = _figure_holding(event, by_stem, gf["claims"])
    assert f is not None
    assert f["disagree"] is False
    assert f["changes_over_time"] is True


def test_framing_labels(analysed):
    event, by_stem, _ = analysed
    by_article = {}
    for entry in event["framing"]:
        for aid in entry.get("articles", [entry["article"]]):
            by_article[aid] = [t["term"] for t in entry["terms"][:10]]
    assert "regime" in by_article[by_stem["000_303e15b8da19fadf"].id]
    assert "regime" in by_article[by_stem["004_a93669aef66e94ec"].id]
    assert "government" in by_article[by_stem["002_c0f3d0dca708e4af"].id]
    assert "government" in by_article[by_stem["003_8711b95e350eefae"].id]


def test_timeline_dates(analysed):
    event, _, _ = analysed
    dates = {e["date"] for e in event["timeline"]}
    assert {"2016-12-05", "2016-12-06"} <= dates


def test_speaker_variants_merge(analysed):
    event, _, gold = analysed
    names = {v for e in event["entities"] for v in e["variants"]}
    for group in gold["speaker_variants"]:
        merged = [e for e in event["entities"] if set(group) & set(e["variants"])]
        present = [v for v in group if v in names]
        assert len(merged) == 1 or len(present) <= 1, (group, [e["name"] for e in merged])
