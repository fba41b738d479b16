"""Facts: the same statement in different articles is grouped, wire copies count once."""

from chorus.analyze import facts
from chorus.model import Article, Event, article_id
from chorus.sentences import split_sentences


def _article(text: str, aid: str) -> Article:
    a = Article(id=aid, text=text)
    a.sentences = split_sentences(text)
    return a


ARTS = [
    _article("The regional council said 412 houses in Marlow had been damaged by the flood on Sunday.\n"
             "Local schools will stay closed until Friday while engineers inspect the buildings.", "a"),
    _article("Flooding on Sunday damaged 412 houses in Marlow, the regional council said.\n"
             "A charity concert for the victims is planned at the cathedral next month.", "b"),
    _article("The regional council said 412 houses in Marlow had been damaged by the flood on Sunday.\n"
             "Insurers expect claims to run into millions of pounds.", "c"),
    _article("Flooding on Sunday damaged 900 houses in Marlow, the regional council said.", "d"),
]


def test_independent_sources_counts_a_wire_group_once():
    assert facts.independent_sources(["a", "b", "c"], [["a", "c"]]) == 2
    assert facts.independent_sources(["a", "b", "c"], []) == 3
    assert facts.independent_sources(["a", "a"], None) == 1


def test_same_statement_grouped_with_support_and_spans():
    out = facts.analyze(Event(id="e", articles=[a.id for a in ARTS], wire_groups=[["a", "c"]]), ARTS)["facts"]
    assert out, out
    top = out[0]
    assert set(top["support"]) == {"a", "b", "c"}  # "d" gives another number
    assert top["independent_sources"] == 2
    by_id = {a.id: a for a in ARTS}
    for span in top["spans"]:
        assert "412" in by_id[span["article"]].text[span["start"]:span["end"]]
    assert top["text"] == by_id[top["spans"][0]["article"]].text[top["spans"][0]["start"]:top["spans"][0]["end"]]
    # Unrelated sentences are not facts.
    assert not any("concert" in f["text"] or "Insurers" in f["text"] for f in out)


def test_single_article_has_no_facts():
    assert facts.analyze(Event(id="e", articles=["a"]), ARTS[:1]) == {"facts": []}


def test_number_words_and_missing_figures_keep_statements_apart():
    arts = [
        _article("State television said rebel shelling killed seven people in the city on Monday.", "p"),
        _article("Rebel shelling killed 70 people in the city on Monday, state television said.", "q"),
        _article("Rebel shelling killed several people in the city on Monday, state television said.", "r"),
        _article("State television said rebel shelling killed 7 people in the city on Monday.", "s"),
    ]
    out = facts.analyze(Event(id="e", articles=[a.id for a in arts]), arts)["facts"]
    assert [sorted(f["support"]) for f in out] == [["p", "s"]]


def test_odd_letters_that_case_fold_like_number_words_do_not_break_facts():
    from chorus.analyze import textstats

    # "ſ" (long s) and "İ" match the number-word pattern case-insensitively but
    # lower-case to no number word: they are not numbers, and nothing fails.
    assert textstats.numbers("The ſix men and SİX boats, seven cars, one dog, 30,000 people") == {"7", "30000"}
    arts = [_article("Officials said the ſix bridges over the river would reopen on Monday after repairs.", "o1"),
            _article("The ſix bridges over the river will reopen on Monday after repairs, officials said.", "o2")]
    out = facts.analyze(Event(id="e", articles=[a.id for a in arts]), arts)
    assert out["facts"] and set(out["facts"][0]["support"]) == {"o1", "o2"}
