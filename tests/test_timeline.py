"""Date resolution and the timeline, on text written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from chorus.analyze import timeline
from chorus.analyze.dates import find_dates
from chorus.model import Article, Event
from chorus.sentences import split_sentences

TUESDAY = date(2023, 3, 14)


def one(text, ref=TUESDAY):
    found = find_dates(text, ref)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,expected,approx", [
    ("The strike began on Monday.", "2023-03-13", False),
    ("Officials met on Tuesday.", "2023-03-14", False),
    ("The unions said they would meet again on Thursday.", "2023-03-16", False),
    ("Talks are expected to resume on Friday evening or Saturday morning.", "2023-03-17", True),
    ("The plant was shut last Friday.", "2023-03-10", False),
    ("Protesters gathered yesterday.", "2023-03-13", False),
    ("Work resumes tomorrow.", "2023-03-15", False),
    ("The decision was announced on 2 March 2023.", "2023-03-02", False),
    ("The decision was announced on March 2.", "2023-03-02", False),
    ("Construction started in mid-January.", "2023-01-15", True),
    ("The vote is due in late April.", "2023-04-25", True),
    ("Prices rose last year.", "2022-01-01", True),
    ("The mine opened in 1998.", "1998-01-01", True),
    ("The report covered October.", None, None),
    # a stop inside a number ends no clause: the forecast still looks ahead
    ("The river was expected to peak at about 6.8 metres at the gauge on Thursday morning.", "2023-03-16",
     False),
])
def test_resolution(text, expected, approx):
    found = find_dates(text, TUESDAY)
    if expected is None:  # a bare month name with no preposition or day is not placed
        assert found == []
        return
    d = found[0]
    assert d.date == expected
    assert d.approximate is approx


def test_weekday_told_before_would_is_past():
    d = one("Workers told managers on Saturday they would not return.")
    assert d.date == "2023-03-11"


def test_no_reference_no_relative_dates():
    assert find_dates("It happened on Monday and yesterday.", None) == []
    assert [d.date for d in find_dates("It happened on 4 May 2021.", None)] == ["2021-05-04"]


def test_words_that_look_like_dates_are_not():
    assert find_dates("They may decide to march in the square.", TUESDAY) == []
    assert find_dates("The score was 14-12 after 90 minutes.", TUESDAY) == []


def art(aid, text, published):
    return Article(id=aid, text=text, sentences=split_sentences(text), published=published)


def test_timeline_entries_cite_their_sentences_and_merge_across_articles():
    a = art("a", "Dock workers walked out on Monday. The port authority said talks would resume "
                 "on Thursday.", "2023-03-14")
    b = art("b", "Dockers walked out on Monday at the northern port. Nothing else happened.",
            "2023-03-15")
    c = art("c", "The walkout by dock workers on Monday halted shipping.", None)
    ev = Event(id="ev", articles=["a", "b", "c"])
    entries = timeline.analyze(ev, [a, b, c])["timeline"]
    by_date = {}
    texts = {"a": a.text, "b": b.text, "c": c.text}
    for e in entries:
        by_date.setdefault(e["date"], []).append(e)
        first = e["citations"][0]
        assert texts[first["article"]][first["start"]:first["end"]] == e["text"]
        for cite in e["citations"]:
            text = texts[cite["article"]]
            assert cite["start"] <= cite["expression_start"] < cite["expression_end"] <= cite["end"]
            assert text[cite["expression_start"]:cite["expression_end"]] == cite["expression"]
    assert "2023-03-13" in by_date
    assert "2023-03-16" in by_date
    monday_articles = {x for e in by_date["2023-03-13"] for x in e["articles"]}
    assert {"a", "b"} <= monday_articles
    # article c has no date: it is read against the event's latest date and marked approximate
    c_entries = [e for e in entries if "c" in e["articles"]]
    assert c_entries and all(e["approximate"] for e in c_entries if e["articles"] == ["c"])
    assert "2023-03-21" not in by_date


def test_sentences_without_dates_produce_nothing():
    a = art("a", "Nothing is dated here. Workers are unhappy.", "2023-03-14")
    assert timeline.analyze(Event(id="e", articles=["a"]), [a])["timeline"] == []


def test_forecasts_look_ahead_and_sunday_weeks():
    d = one("Forecasters expect more rain on Tuesday evening or Wednesday morning.")
    assert d.date == "2023-03-14" and d.approximate
    sunday = date(2023, 3, 19)
    assert one("The warning was issued last week.", sunday).date == "2023-03-13"
    assert one("The warning was issued last week.", TUESDAY).date == "2023-03-06"


def test_a_state_since_a_day_gives_way_to_the_day_something_happened():
    a = art("a", "The body of a fisherman missing since Sunday was recovered on Tuesday. "
                 "Fighting has gone on since Saturday.", "2023-03-15")
    entries = timeline.analyze(Event(id="ev", articles=["a"]), [a])["timeline"]
    dates = {e["date"]: e["text"] for e in entries}
    assert dates["2023-03-14"].startswith("The body of a fisherman")  # recovered on Tuesday
    assert "2023-03-12" not in dates  # not under Sunday
    assert dates["2023-03-11"] == "Fighting has gone on since Saturday."  # the only day named


def test_the_day_of_an_earlier_figure_is_not_the_day_of_the_sentence():
    a = art("a", "At least six people have died, the ministry said, up from three reported on Sunday. "
                 "The river peaked on Monday.", "2023-03-14")
    entries = timeline.analyze(Event(id="ev", articles=["a"]), [a])["timeline"]
    assert [e["text"] for e in entries] == ["The river peaked on Monday."]


def test_a_bare_year_beside_a_day_of_that_year_adds_no_entry():
    from chorus.analyze import timeline
    from chorus.model import Article, Event
    from chorus.sentences import split_sentences

    text = "The owner signed the agreement on Oct. 28, 2016, just days before the 2016 election in Estland."
    a = Article(id="a", text=text, sentences=split_sentences(text), published="2018-03-07")
    entries = timeline.analyze(Event(id="e", articles=["a"]), [a])["timeline"]
    assert [(e["date"], e["precision"]) for e in entries] == [("2016-10-28", "day")]


def test_an_entry_leaves_out_the_dateline_opening_its_sentence():
    a = art("a", "WASHINGTON—An attorney for the aide said Thursday that he would testify on July 24.\n"
                 "Protesters gather outside the court in Manama, February 16, 2014, after the verdict.\n"
                 "DUBAI A Bahraini court sentenced an activist to one year in prison on Monday.", "2017-07-20")
    texts = [t["text"] for t in timeline.analyze(Event(id="e", articles=["a"]), [a])["timeline"]]
    assert any(t.startswith("An attorney for the aide") for t in texts), texts
    assert any(t.startswith("A Bahraini court sentenced") for t in texts), texts
    assert not any(t.startswith(("WASHINGTON", "DUBAI")) for t in texts), texts
