"""Languages: which pages the English-reading analyses read, and what readers are told.

The test pages in tests/data/languages are reports of the demo corpus's Sella
floods written in German, French, Spanish and Russian for this project.
"""

from __future__ import annotations

import json
from pathlib import Path

from chorus.clean import clean_documents
from chorus.language import ENGLISH, UNDETERMINED, detect
from chorus.model import Article, Event
from chorus.pipeline import analyse_event, digest
from chorus.read import read_paths

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "data" / "languages"
FLOODS = ROOT / "examples" / "sella-floods"
SEEDS = ROOT / ".." / "shared" / "seeds"

EXPECTED = {
    "vestaland-rundschau-hochwasser.txt": "de",
    "courrier-du-nord-inondations.txt": "fr",
    "diario-del-valle-inundaciones.txt": "es",
    "vestnik-navodnenie.txt": "ru",
}


def _articles(paths) -> list[Article]:
    raws = [r for r in read_paths(paths) if not hasattr(r, "reason")]
    return [a for a in clean_documents(raws) if isinstance(a, Article)]


def test_each_page_gets_its_language():
    arts = {Path(a.path).name: a for a in _articles([PAGES])}
    assert {name: arts[name].language for name in EXPECTED} == EXPECTED


def test_english_pages_are_english():
    paths = [ROOT / "examples"] + ([SEEDS] if SEEDS.exists() else [])
    arts = _articles(paths)
    assert len(arts) >= 16
    assert {a.language for a in arts if not a.not_news} == {ENGLISH}


def test_text_of_no_language_is_undetermined_not_misnamed():
    """Invented words (the benchmark generator's) and scraps too short to tell are
    undetermined, and so read as English pages are."""
    from chorus.bench.synth import generate

    found = {detect(a.text) for a in generate(300, seed=3).articles}
    assert found <= {ENGLISH, UNDETERMINED} and UNDETERMINED in found
    assert detect("Riverton, 3.3.2025") == UNDETERMINED


def _analysed(arts: list[Article]) -> Event:
    event = Event(id="ev-test", articles=[a.id for a in arts])
    assert analyse_event(event, arts) == []
    return event


def _cited(value) -> set[str]:
    """Every article id a part of an event names."""
    found: set[str] = set()

    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k in ("article", "articles", "support") and isinstance(x, str):
                    found.add(x)
                elif k in ("articles", "support") and isinstance(x, list):
                    found.update(i for i in x if isinstance(i, str))
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(value)
    return found


def test_english_reading_analyses_leave_other_languages_out():
    english = _articles([FLOODS])
    foreign = [a for a in _articles([PAGES]) if a.language in ("de", "fr", "es")]
    assert len(english) >= 3 and len(foreign) == 3
    event = _analysed(english + foreign)
    assert event.languages == {"de": 1, "en": len(english), "es": 1, "fr": 1}
    other = {a.id for a in foreign}
    for part in ("quotes", "figures", "framing", "timeline", "entities", "facts", "summary"):
        assert not _cited(getattr(event, part)) & other, part
    # ... and they still read the English pages.
    assert event.quotes and event.figures and event.entities and event.timeline
    speakers = {q["speaker"] for q in event.quotes}
    assert {"Tomas Reiter", "Katrin Vell"} <= speakers
    # German nouns are no names: before languages were told apart, "Sicherheit",
    # "Zwei der Toten" and "Montag Tausende Menschen" were entities of this event.
    names = {e["name"] for e in event.entities}
    assert not any(w in n for n in names for w in ("Sicherheit", "Toten", "Menschen", "Intérieur"))


def test_an_event_in_another_language_is_summarised_in_it():
    german = [a for a in _articles([PAGES]) if a.language == "de"]
    event = _analysed(german)
    assert event.languages == {"de": 1}
    head = event.summary["headline"]
    art = german[0]
    c = head["citations"][0]
    assert c["article"] == art.id and art.text[c["start"]:c["end"]] == head["text"]
    assert "Riverton" in head["text"] and "Tausende" in head["text"]
    # No English reading of German text: no quotes, figures, names or wording.
    assert event.quotes == [] and event.figures == [] and event.entities == [] and event.framing == []


def test_reports_name_the_languages(tmp_path):
    result = digest([FLOODS, PAGES], db=tmp_path / "c.db", out=tmp_path / "out", warn=lambda m: None)
    assert not result.rejected
    doc = json.loads((tmp_path / "out" / "events.json").read_text())
    langs = {Path(a["path"]).name: a["language"] for a in doc["articles"]}
    assert {n: langs[n] for n in EXPECTED} == EXPECTED
    # their publication dates, written the way each language writes them
    published = {Path(a["path"]).name: a["published"] for a in doc["articles"]}
    assert {published[n] for n in EXPECTED} == {"2025-03-03"}
    total: dict[str, int] = {}
    for ev in doc["events"]:
        for k, n in ev["languages"].items():
            total[k] = total.get(k, 0) + n
    assert total == {"de": 1, "en": len(doc["articles"]) - 4, "es": 1, "fr": 1, "ru": 1}
    md = (tmp_path / "out" / "report.md").read_text()
    html = (tmp_path / "out" / "report.html").read_text()
    assert "in Russian" in md and "are read in English only" in md
    assert '<span class="tag">German</span>' in html and "are read in English only" in html
