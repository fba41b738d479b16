"""An events.json document for the five seed articles, for report and browser tests.

With every pipeline stage installed this is what ``chorus digest --one-event``
makes of the seeds. Where a stage is not there yet (a partial checkout), it is
a plain document built from the files (whole text as article text, one event,
a few sentences of each article cited): enough to check that the report of
the seeds stays small and opens with no network.
"""

from __future__ import annotations

from pathlib import Path

from chorus.model import SCHEMA, article_id, event_id
from chorus.sentences import split_sentences

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEEDS = SHARED / "seeds"


def _digested(tmp: Path) -> dict | None:
    try:
        from chorus.pipeline import digest

        result = digest([SEEDS], db=tmp / "seeds.db", one_event=True, warn=lambda msg: None)
    except ImportError:  # a stage module missing from this checkout
        return None
    return result.document


def _by_hand() -> dict:
    articles, cites = [], []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        aid = article_id(text)
        articles.append({"id": aid, "text": text, "path": path.name, "title": None, "outlet": path.stem,
                         "published": None, "dateline": None, "byline": None, "wire": [], "url": None,
                         "removed": [], "captions": [], "duplicate_of": None, "not_news": None,
                         "source_id": None})
        for s, e in split_sentences(text)[5:8]:
            cites.append({"text": text[s:e], "citations": [{"article": aid, "start": s, "end": e}]})
    ids = [a["id"] for a in articles]
    event = {"id": event_id(ids), "articles": ids, "title": "Seed articles",
             "summary": {"headline": cites[0], "short": cites[:3], "long": cites},
             "independent_sources": len(ids)}
    return {"schema": SCHEMA, "articles": articles, "events": [event], "rejected": []}


def seed_doc(tmp: Path) -> dict:
    import pytest

    if not any(SEEDS.glob("*.txt")):
        pytest.skip(f"the seed articles are not next to this checkout ({SEEDS})")
    return _digested(tmp) or _by_hand()
