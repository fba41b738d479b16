"""Near-duplicates, shared passages, wire groups and independent sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chorus.dedup import NearDuplicateIndex, event_passages, find_duplicates, mark_duplicates
from chorus.model import Article, article_id
from chorus.passages import shared_passages, word_tokens
from chorus.sentences import split_sentences

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def make(text: str, **kw) -> Article:
    return Article(id=article_id(text), text=text, sentences=split_sentences(text), **kw)


def seeds() -> dict[str, Article]:
    out = {}
    for f in sorted((SHARED / "seeds").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        out[f.stem] = Article(id=f.stem, text=text, sentences=split_sentences(text))
    return out


STORY = (
    "The harbour authority in Port Elvin closed the northern quay on Tuesday after inspectors found "
    "cracks in the concrete piles that hold up the ferry terminal. Ferries to the islands will dock "
    "at the fishing pier until repairs are finished, a spokeswoman said. Engineers expect the work to "
    "take at least six weeks and to cost about four million euros. Traders at the market next to the "
    "quay said they feared losing customers during the summer season, when tourists arrive by boat. "
    "The authority said the cracks posed no immediate danger but that it would not take any risks."
)
OTHER = (
    "A new public library opened in the old tram depot of Castelmoor on Saturday, with a reading room "
    "under the glass roof where the trams were once repaired. The city council bought the building "
    "ten years ago and spent most of the budget on the roof. Children queued to borrow books from the "
    "first day, and volunteers ran a workshop on repairing bicycles in the courtyard."
)


def test_reprint_with_edits_is_a_duplicate_and_other_story_is_not():
    long_story = STORY + "\n\n" + OTHER  # one article of about 180 words
    reprint = long_story.replace("Tuesday", "Tuesday morning") + "\n\nReporting by a staff writer."
    a, b, c = make(long_story), make(reprint), make(OTHER)
    assert find_duplicates([a, b, c]) == {b.id: a.id}


def test_same_text_twice_is_not_its_own_duplicate():
    index = NearDuplicateIndex(0.8)
    assert index.add("x", STORY) is None
    assert index.add("x", STORY) is None
    assert index.add("y", STORY) == "x"


def test_threshold_is_checked_and_used():
    with pytest.raises(ValueError):
        NearDuplicateIndex(0.0)
    half = STORY[: len(STORY) // 2]
    loose = NearDuplicateIndex(0.3)
    loose.add("full", STORY)
    strict = NearDuplicateIndex(0.9)
    strict.add("full", STORY)
    assert loose.query(half) == "full"
    assert strict.query(half) is None


class DictStore:
    """The two store methods dedup uses, over a dict."""

    def __init__(self):
        self.state = {}

    def get_state(self, key):
        return self.state.get(key)

    def set_state(self, key, value):
        self.state[key] = value


def test_mark_duplicates_remembers_earlier_runs_through_the_store():
    store = DictStore()
    first = [make(STORY), make(OTHER)]
    mark_duplicates(first, store)
    assert all(a.duplicate_of is None for a in first)
    assert json.loads(store.state["dedup"])["signatures"]
    later = make(STORY.replace("six weeks", "seven weeks"))
    cookie = make("We use cookies. " + STORY)
    cookie.not_news = "cookie or consent notice"
    mark_duplicates([later, cookie], store)
    assert later.duplicate_of == first[0].id
    assert cookie.duplicate_of is None  # pages that are not news are left alone


def test_seed_passages_found_with_offsets_and_no_seed_is_a_duplicate():
    arts = seeds()
    gold = json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))
    found = event_passages(list(arts.values()))
    for want in gold["shared_wire_passages"]:
        hits = [
            p for p in found["shared_passages"]
            if set(p["articles"]) == set(want["articles"])
            and all(want["text_contains"] in arts[a].text[s:e] for a, (s, e) in zip(p["articles"], p["spans"]))
        ]
        assert hits, want["text_contains"]
        p = hits[0]
        first = arts[p["articles"][0]]
        assert p["text"] == first.text[p["spans"][0][0] : p["spans"][0][1]]
    assert find_duplicates(list(arts.values())) == {}
    # 001 and 004 (AFP copy) and 002 and 004 (Reuters copy) are joined.
    assert any({"001_7d05609f62b32f10", "004_a93669aef66e94ec"} <= set(g) for g in found["wire_groups"])
    assert 2 <= found["independent_sources"] < len(arts)


def test_passage_ignores_case_punctuation_and_whitespace():
    a = make("Intro of one outlet. " + STORY)
    b = make(
        "Different intro here.\n\n" + STORY.upper().replace(",", "").replace(" the ", "  the\n")
    )
    ps = shared_passages([a, b])
    assert ps, "the shared story must be found"
    longest = max(ps, key=lambda p: p["spans"][0][1] - p["spans"][0][0])
    (sa, ea), (sb, eb) = longest["spans"]
    assert word_tokens(a.text[sa:ea])[0] == word_tokens(b.text[sb:eb])[0]
    assert a.text[sa:ea].startswith("The harbour authority")


def test_short_common_phrase_is_not_a_passage_and_wire_groups_count_once():
    phrase = "the Syrian Observatory for Human Rights said on Monday"  # 9 words: stock phrase
    a = make(f"In the north, {phrase}, fighting continued near the border town all night long.")
    b = make(f"Aid convoys waited at the crossing while {phrase}, according to the agency's own count.")
    assert shared_passages([a, b]) == []
    wire1, wire2 = make("Local lead one.\n" + STORY), make("Another local lead.\n" + STORY + " Extra line.")
    solo = make(OTHER)
    out = event_passages([wire1, wire2, solo, a])
    assert out["wire_groups"] == [[wire1.id, wire2.id]]
    assert out["independent_sources"] == 3


def test_independent_sources_count_an_outlet_and_an_agency_once():
    """Copies of one story are one source (a wire group); so are two reports of one outlet
    (by name or by web site) and two stories credited to one agency, whoever runs them."""
    from chorus.passages import independent_sources, source_of

    def a(aid, outlet=None, url=None, wire=()):
        return Article(id=aid, text=f"text of {aid}", outlet=outlet, url=url, wire=list(wire))

    arts = [
        a("echo-1", outlet="The Saltmere Echo"),
        a("echo-2", url="https://www.saltmere-echo.example/news/2"),
        a("echo-3", outlet="the saltmere echo", url="https://saltmere-echo.example/news/3"),
        a("yahoo-ap", outlet="Yahoo News", wire=["AP"]),
        a("ledger-ap", outlet="The Northern Ledger", wire=["AP", "AFP"]),
        a("ledger-own", outlet="The Northern Ledger"),
        a("copy-of-ledger", outlet="Coast Radio"),
        a("unknown"),
    ]
    src = source_of(arts, [["ledger-own", "copy-of-ledger"]])
    # echo-1 and echo-3 share the outlet's name, echo-2 and echo-3 its site
    assert src["echo-1"] == src["echo-2"] == src["echo-3"] == "echo-1"
    assert src["yahoo-ap"] == src["ledger-ap"] != src["ledger-own"]  # an AP story is AP's, not the site's
    assert src["copy-of-ledger"] == src["ledger-own"]  # a copy of the Ledger's own story
    assert src["unknown"] == "unknown"
    assert independent_sources(arts, [["ledger-own", "copy-of-ledger"]]) == 4


def test_a_compilation_of_two_stories_does_not_make_them_one_source():
    """A round-up carrying a passage of one story and, elsewhere, a passage of an unrelated
    one shares text with both; the two stories share nothing, so they stay two sources. A
    reprint of a reprint (the same text in all three) is still one wire group."""
    quay, library = make(STORY), make(OTHER)
    roundup = make("Our round-up of the day's news.\n" + STORY + "\nIn other news.\n" + OTHER + "\nThat is all.")
    out = event_passages([quay, library, roundup])
    assert len(out["wire_groups"]) == 1 and roundup.id in out["wire_groups"][0]
    assert out["independent_sources"] == 2
    copy1 = make("Reprinted.\n" + STORY)
    copy2 = make("Reprinted again.\n" + STORY + "\nEnd.")
    chain = event_passages([quay, copy1, copy2])
    assert chain["wire_groups"] == [[quay.id, copy1.id, copy2.id]] and chain["independent_sources"] == 1
