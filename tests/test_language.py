"""Languages: which pages the English-reading analyses read, and what readers are told.

The test pages in tests/data/languages are reports of the demo corpus's Sella
floods written in French, Spanish, Russian, Chinese and Arabic for this
project; the demo corpus has one in German (examples/sella-floods).
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
    "huanan-ribao-hongshui.txt": "zh",
    "al-wadi-fayadanat.txt": "ar",
}


def _articles(paths) -> list[Article]:
    raws = [r for r in read_paths(paths) if not hasattr(r, "reason")]
    return [a for a in clean_documents(raws) if isinstance(a, Article)]


def test_each_page_gets_its_language():
    arts = {Path(a.path).name: a for a in _articles([PAGES, FLOODS])}
    assert {name: arts[name].language for name in EXPECTED} == EXPECTED


def test_english_pages_are_english():
    paths = [ROOT / "examples"] + ([SEEDS] if SEEDS.exists() else [])
    arts = _articles(paths)
    assert len(arts) >= 17
    assert {Path(a.path).name: a.language for a in arts if a.language != ENGLISH} == {
        "vestaland-rundschau-hochwasser.txt": "de"}


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
    floods = _articles([FLOODS])
    english = [a for a in floods if a.language == ENGLISH]
    foreign = [a for a in _articles([PAGES]) + floods if a.language in ("de", "fr", "es")]
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
    german = [a for a in _articles([FLOODS]) if a.language == "de"]
    assert len(german) == 1
    event = _analysed(german)
    assert event.languages == {"de": 1}
    head = event.summary["headline"]
    art = german[0]
    c = head["citations"][0]
    assert c["article"] == art.id and art.text[c["start"]:c["end"]] == head["text"]
    assert "Riverton" in head["text"] and "Tausende" in head["text"]
    # No English reading of German text: no quotes, figures, names or wording.
    assert event.quotes == [] and event.figures == [] and event.entities == [] and event.framing == []


def test_text_without_spaces_or_capitals_is_split_and_summarised():
    """Chinese sentences end at 。 with no space after; Arabic ones start with a
    letter that has no capital. Both get sentences, a date, and a summary whose
    every sentence is the article's text at its citation; a run of Chinese
    characters counts one word per two characters, so the 40-word headline
    and the budgets hold."""
    from chorus.language import word_count

    arts = {a.language: a for a in _articles([PAGES])}
    for code, n_sentences in (("zh", 8), ("ar", 7)):
        art = arts[code]
        assert art.published == "2025-03-03"
        assert len(art.sentences) == n_sentences
        event = _analysed([art])
        head = event.summary["headline"]
        assert 10 <= word_count(head["text"]) <= 40
        for s in [head] + event.summary["short"] + event.summary["long"]:
            c = s["citations"][0]
            assert art.text[c["start"]:c["end"]] == s["text"]
        assert sum(word_count(s["text"]) for s in event.summary["short"]) <= 100
    zh = arts["zh"].sentence_texts()
    assert zh[1] == "这是该地区二十多年来最严重的洪灾。"
    # a quotation and who said it stay one sentence
    assert "“我们从未见过水位上涨得这么快。”塞拉河谷紧急事务机构负责人托马斯·赖特说。" in zh
    assert word_count("这是该地区二十多年来最严重的洪灾。") == 8 and word_count("Riverton 里弗顿") == 3


def test_reports_name_the_languages(tmp_path):
    from chorus.progress import summary_table

    result = digest([FLOODS, PAGES], db=tmp_path / "c.db", out=tmp_path / "out", warn=lambda m: None)
    assert not result.rejected
    table = summary_table(result)
    assert "in other languages        6" in table and "ar 1, de 1, es 1, fr 1, ru 1, zh 1" in table
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
    assert total == {"ar": 1, "de": 1, "en": len(doc["articles"]) - 6, "es": 1, "fr": 1, "ru": 1, "zh": 1}
    md = (tmp_path / "out" / "report.md").read_text()
    html = (tmp_path / "out" / "report.html").read_text()
    assert "in Russian" in md and "are read in English only" in md
    assert '<span class="tag">German</span>' in html and "are read in English only" in html


def test_web_app_names_the_language(tmp_path):
    import warnings

    import pytest

    pytest.importorskip("fastapi")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with")
        from fastapi.testclient import TestClient

    from chorus.web.app import create_app

    digest([FLOODS, PAGES], db=tmp_path / "c.db", out=tmp_path / "out", warn=lambda m: None)
    doc = json.loads((tmp_path / "out" / "events.json").read_text())
    client = TestClient(create_app(tmp_path / "out" / "events.json"))
    german = next(a for a in doc["articles"] if a["language"] == "de")
    english = next(a for a in doc["articles"] if a["language"] == "en")
    assert "In German: left out of the quotes" in client.get(f"/articles/{german['id']}").text
    assert "In German" not in client.get(f"/articles/{english['id']}").text
    event = next(e for e in doc["events"] if german["id"] in e["articles"])
    page = client.get(f"/events/{event['id']}").text
    assert '<span class="tag">German</span>' in page and "are read in English only" in page
    assert "also in French, German, Spanish" in client.get("/").text
    # events with an article in a language, in the list and the API
    index = client.get("/").text
    assert '<option value="de">German</option>' in index and '<option value="en">English</option>' in index
    listed = client.get("/", params={"lang": "zh"}).text
    chinese = next(e for e in doc["events"] if e["languages"] == {"zh": 1})
    assert f'/events/{chinese["id"]}' in listed and f'/events/{event["id"]}' not in listed
    api = client.get("/api/events", params={"lang": "de"}).json()
    assert [e["id"] for e in api["events"]] == [event["id"]] and api["total"] == 1
    assert client.get("/api/events", params={"lang": "en"}).json()["total"] == len(
        [e for e in doc["events"] if "en" in e["languages"]])


def test_a_store_made_before_languages_gets_them(tmp_path):
    """Articles stored by a version that recorded no language get theirs on the
    next run, and their event is analysed again without the English reading."""
    from chorus.store import Store

    db = tmp_path / "c.db"
    digest([FLOODS, PAGES], db=db, warn=lambda m: None)
    with Store(db) as s:
        arts = list(s.articles())
        for a in arts:
            a.language = None
        s.update_articles(arts)
        s.set_state("sentences", "older sentence rules")
        s.set_state("analysis", "older analyses")
    again = digest([FLOODS, PAGES], db=db, warn=lambda m: None)
    assert again.stored == 0
    with Store(db) as s:
        found = {Path(a.path).name: a.language for a in s.articles()}
        assert {n: found[n] for n in EXPECTED} == EXPECTED
        assert s.count_articles() == len(arts)
        german = next(a.id for a in s.articles() if a.language == "de")
        event = next(e for e in s.events() if german in e.articles)
        assert event.languages.get("de") == 1
        assert german not in json.dumps(event.quotes) + json.dumps(event.entities)


def test_pages_in_another_language_are_grouped_by_what_they_report(tmp_path):
    """Three German reports on unrelated things (a rail strike, a cup final, a
    pension reform) are three events, not one made of "der", "und", "sagte";
    the German floods report joins the English floods event by its names."""
    unrelated = ROOT / "tests" / "data" / "languages-unrelated"
    floods_de = FLOODS / "vestaland-rundschau-hochwasser.txt"
    digest([ROOT / "examples", unrelated], db=tmp_path / "c.db", out=tmp_path / "out", warn=lambda m: None)
    doc = json.loads((tmp_path / "out" / "events.json").read_text())
    name = {a["id"]: Path(a["path"]).name for a in doc["articles"]}
    groups = [sorted(name[i] for i in e["articles"]) for e in doc["events"]]
    for f in unrelated.iterdir():
        assert [f.name] in groups
    floods = next(g for g in groups if floods_de.name in g)
    assert "estland-courier-thousands-flee.txt" in floods


def test_search_finds_words_inside_chinese_text(tmp_path):
    """Chinese has no spaces: a word inside a run of characters is found, in the
    store's index and in the web app's, and English search is as before."""
    from chorus.store import Store
    from chorus.web.data import DocSource, StoreSource

    digest([FLOODS, PAGES], db=tmp_path / "c.db", out=tmp_path / "out", warn=lambda m: None)
    doc = json.loads((tmp_path / "out" / "events.json").read_text())
    chinese = next(e["id"] for e in doc["events"] if e["languages"] == {"zh": 1})
    floods = next(e["id"] for e in doc["events"] if e["languages"].get("en"))
    with Store(tmp_path / "c.db") as s:
        assert [e.id for e in s.search_events("洪灾")] == [chinese]  # "flood disaster", mid-sentence
        assert [e.id for e in s.search_events("撤离 里弗顿")] == [chinese]
        assert floods in [e.id for e in s.search_events("Riverton evacuated")]
    for source in (DocSource(doc), StoreSource(tmp_path / "c.db")):
        assert source.search("洪灾") == [chinese]
        assert source.search("紧急事务") == [chinese]
        assert floods in source.search("Riverton evac")


def test_an_event_of_no_articles_is_analysed_without_failing():
    event = Event(id="ev-empty", articles=[])
    assert analyse_event(event, []) == [] and event.languages == {} and event.summary is None
