"""``chorus digest`` end to end: the article half of the events.json contract,
idempotent reruns, incremental runs, and bad input that never stops the run."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chorus.pipeline import digest
from chorus.store import Store

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEEDS = SHARED / "seeds"
ARTICLE_FIELDS = {"id", "path", "title", "outlet", "published", "dateline", "byline", "wire", "url",
                  "text", "removed", "captions"}

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside the repo")


@needs_seeds
def test_digest_seeds_writes_the_contract(tmp_path):
    result = digest([SEEDS], db=tmp_path / "c.db", out=tmp_path / "out", strict=True)
    doc = json.loads((tmp_path / "out" / "events.json").read_text())
    assert doc["schema"] == "chorus.events/1"
    assert len(doc["articles"]) == 5 and result.stored == 5
    for a in doc["articles"]:
        assert ARTICLE_FIELDS <= set(a), ARTICLE_FIELDS - set(a)
        assert a["text"] and isinstance(a["removed"], list)
        for r in a["removed"]:
            assert set(r) == {"text", "reason"} and r["reason"]
    assert doc["rejected"] == []
    assert (tmp_path / "out" / "report.md").stat().st_size > 0
    assert (tmp_path / "out" / "report.html").stat().st_size > 0
    # Every event lists real article ids.
    ids = {a["id"] for a in doc["articles"]}
    for e in doc["events"]:
        assert set(e["articles"]) <= ids


@needs_seeds
def test_second_run_stores_nothing_twice(tmp_path):
    db = tmp_path / "c.db"
    digest([SEEDS], db=db)
    again = digest([SEEDS], db=db)
    assert again.stored == 0 and again.already_stored == 5
    with Store(db) as s:
        assert s.count_articles() == 5
        members = [a for e in s.events() for a in e.articles]
        assert len(members) == len(set(members))


@needs_seeds
def test_incremental_run_adds_to_the_existing_event(tmp_path):
    files = sorted(SEEDS.iterdir())
    db = tmp_path / "c.db"
    digest(files[:3], db=db)
    second = digest(files[3:], db=db)
    assert second.stored == 2
    with Store(db) as s:
        events = s.events()
        assert len(events) == 1 and len(events[0].articles) == 5


@needs_seeds
def test_analyses_made_by_another_version_are_made_again(tmp_path):
    db = tmp_path / "c.db"
    digest([SEEDS], db=db)
    with Store(db) as s:
        (event,) = s.events()
        good = event.summary
        event.summary = {"headline": {"text": "stale", "citations": []}, "short": [], "long": []}
        s.put_event(event)
        s.set_state("analysis", "an older analyzer")
    again = digest([SEEDS], db=db)
    assert again.stored == 0
    with Store(db) as s:
        (event,) = s.events()
        assert event.summary == good
        assert s.get_state("analysis") not in (None, "an older analyzer")
    # ... and when nothing changed, nothing is analysed again.
    with Store(db) as s:
        (event,) = s.events()
        event.summary = {"headline": {"text": "kept", "citations": []}, "short": [], "long": []}
        s.put_event(event)
    digest([SEEDS], db=db)
    with Store(db) as s:
        assert s.events()[0].summary["headline"]["text"] == "kept"


@needs_seeds
def test_articles_stored_under_older_sentence_rules_are_split_again(tmp_path):
    """A store made by a version whose splitter joined two sentences: the next
    run splits them as this version does and analyses their event again, and
    stores nothing twice."""
    db = tmp_path / "c.db"
    digest([SEEDS], db=db)
    with Store(db) as s:
        good = {a.id: [tuple(x) for x in a.sentences] for a in s.articles()}
        target = next(a for a in s.articles() if len(a.sentences) > 3)
        (start, _), (_, end) = target.sentences[1], target.sentences[2]
        target.sentences = [target.sentences[0], (start, end)] + target.sentences[3:]
        s.update_articles([target])
        (event,) = s.events()
        event.summary = {"headline": {"text": "stale", "citations": []}, "short": [], "long": []}
        s.put_event(event)
        s.set_state("sentences", "older sentence rules")
    again = digest([SEEDS], db=db)
    assert again.resplit == 1 and again.stored == 0
    with Store(db) as s:
        assert {a.id: [tuple(x) for x in a.sentences] for a in s.articles()} == good
        assert s.count_articles() == 5
        (event,) = s.events()
        assert event.summary["headline"]["text"] != "stale"
        assert s.get_state("sentences") != "older sentence rules"
    # Under the current rules nothing is split again.
    with Store(db) as s:
        target = s.get_article(target.id)
        target.sentences = target.sentences[:1]
        s.update_articles([target])
    assert digest([SEEDS], db=db).resplit == 0
    with Store(db) as s:
        assert len(s.get_article(target.id).sentences) == 1


def test_bad_input_is_rejected_and_the_run_goes_on(tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("Harbour reopens after storm\n\nThe harbour in Port Elm reopened on Tuesday after a "
                    "storm closed it for three days, the port authority said. Fishing boats returned "
                    "to their moorings by the afternoon.\n")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "blob.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "in" / "feed.jsonl").write_text(
        '{"text": "Ferry services resumed across the bay on Wednesday, operators said.", "title": "Ferries back"}\n'
        '{"text": broken\n')
    out = subprocess.run([sys.executable, "-m", "chorus", "digest", str(tmp_path / "in"), "--db",
                          str(tmp_path / "c.db"), "--out", str(tmp_path / "out"), "--quiet"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "empty.txt" in out.stderr and "blob.bin" in out.stderr and "feed.jsonl:2" in out.stderr
    doc = json.loads((tmp_path / "out" / "events.json").read_text())
    assert {a["title"] for a in doc["articles"]} == {"Harbour reopens after storm", "Ferries back"}
    rejected = {(Path(r["path"]).name, r.get("line")) for r in doc["rejected"]}
    assert ("empty.txt", None) in rejected and ("feed.jsonl", 2) in rejected
    strict = subprocess.run([sys.executable, "-m", "chorus", "digest", str(tmp_path / "in"), "--db",
                             str(tmp_path / "c2.db"), "--strict", "--quiet"],
                            capture_output=True, text=True, timeout=300)
    assert strict.returncode == 1


def test_nothing_readable_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = subprocess.run([sys.executable, "-m", "chorus", "digest", str(tmp_path / "empty.txt"), "--db",
                          str(tmp_path / "c.db"), "--quiet"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 1 and "empty.txt" in out.stderr
