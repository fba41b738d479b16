"""Quotes and speakers on text written for these tests (several attribution styles)."""

from __future__ import annotations

from chorus.analyze import quotes
from chorus.analyze.quotes import find_quote_spans
from chorus.analyze.speakers import merge_names, person_name
from chorus.model import Article, Event
from chorus.sentences import split_sentences


def art(aid: str, text: str, published: str | None = "2023-03-14", outlet: str | None = None):
    return Article(id=aid, text=text, sentences=split_sentences(text), published=published,
                   outlet=outlet)


def run(*articles: Article) -> list[dict]:
    ev = Event(id="ev-test", articles=[a.id for a in articles])
    return quotes.analyze(ev, list(articles))["quotes"]


def find(qs: list[dict], words: str) -> dict:
    hits = [q for q in qs if words in q["text"]]
    assert hits, f"no quote containing {words!r} in {[q['text'] for q in qs]}"
    return hits[0]


FLOOD = (
    "Mayor Elena Vostrikova said on Monday that the levee would hold.\n"
    "\u201cWe have reinforced every section of the wall,\u201d Vostrikova told reporters. "
    "\u201cNobody in the valley should panic.\u201d\n"
    "\"The water is still rising,\" said Tomas Brandt, the head of the regional rescue service, "
    "speaking from the town hall.\n"
    "A local fisherman, who asked not to be named, said the river had never been so high. "
    "\"I have lived here forty years and never seen anything like this,\" the fisherman said.\n"
    "Engineers from the Delta Works Agency called the situation \"serious but manageable.\"\n"
    "According to Brandt, \"the next two days will decide everything.\"\n"
    "Volunteers joined the so-called \"Sandbag Brigade\" overnight, and the \u201cwall\u201d of "
    "sandbags grew.\n"
    "\u201cWe will rebuild the bridge,\u201d Vostrikova said, \u201cand we will do it before "
    "the summer.\u201d\n"
    "Hospital director Miriam Okafor said staff were ready. \"Every bed is prepared. "
    "Every nurse is on call,\" she said.\n"
)


def test_every_quote_is_between_quotation_marks():
    a = art("a", FLOOD)
    for q in run(a):
        for o in q["occurrences"]:
            assert a.text[o["start"]:o["end"]] == o["text"]
            assert a.text[o["start"] - 1] in "\"\u201c"
            assert a.text[o["end"]] in "\"\u201d"


def test_attribution_styles():
    qs = run(art("a", FLOOD))
    assert find(qs, "reinforced every section")["speaker"] == "Elena Vostrikova"
    # a quote with no attribution that follows one continues it
    assert find(qs, "Nobody in the valley")["speaker"] == "Elena Vostrikova"
    # "..., said X, the head of ..."
    assert find(qs, "water is still rising")["speaker"] == "Tomas Brandt"
    # "according to X"
    assert find(qs, "next two days")["speaker"] == "Tomas Brandt"
    # partial quote ending the sentence, organisation as speaker
    assert "Delta Works Agency" in find(qs, "serious but manageable")["speaker"]
    # pronoun after a person named in the previous sentence
    assert find(qs, "Every bed is prepared")["speaker"] == "Miriam Okafor"


def test_described_speaker_stays_a_description():
    q = find(run(art("a", FLOOD)), "forty years")
    assert q["speaker_kind"] == "description"
    assert "fisherman" in q["speaker"]
    assert q["speaker"][0].islower() or q["speaker"].startswith("local")


def test_split_quote_has_one_speaker_for_both_parts():
    qs = run(art("a", FLOOD))
    assert find(qs, "rebuild the bridge")["speaker"] == "Elena Vostrikova"
    assert find(qs, "before the summer")["speaker"] == "Elena Vostrikova"


def test_names_and_scare_quotes_are_not_quotations():
    texts = [q["text"] for q in run(art("a", FLOOD))]
    assert not any("Sandbag Brigade" == t for t in texts)
    assert "wall" not in texts


def test_multi_sentence_quote_is_one_quote():
    q = find(run(art("a", FLOOD)), "Every bed is prepared")
    assert q["text"].endswith("on call,")


def test_same_quote_in_two_articles_is_one_record_with_wording_differences():
    a = art("a", FLOOD, outlet="Valley Post")
    b = art("b", "Mayor Yelena Vostrikova spoke late on Monday. \"We have reinforced every "
                 "section of the wall\" Vostrikova told a news conference.", outlet="River Times")
    q = find(run(a, b), "reinforced every section")
    assert {o["article"] for o in q["occurrences"]} == {"a", "b"}
    verbatim = {o["article"]: o["verbatim"] for o in q["occurrences"]}
    assert verbatim["a"] is True and verbatim["b"] is False
    assert q["differences"]
    assert len(q["wordings"]) == 2


def test_unclosed_quote_runs_on_only_when_next_paragraph_continues_it():
    text = "\u201cThe first part goes on\nand this line has no marks.\n"
    assert find_quote_spans(text) == []
    text2 = "\u201cThe first part goes on\n\u201cThe second part ends here.\u201d\n"
    spans = find_quote_spans(text2)
    assert [text2[s:e] for s, e in spans] == ["The first part goes on", "The second part ends here."]


def test_speaker_names_merge_over_variants_and_titles():
    assert person_name("Interior Minister Aleksandr Petrov") == "Aleksandr Petrov"
    canon = merge_names(["Aleksandr Petrov", "Alexander Petrov", "Petrov", "Nadia al-Rashid",
                         "Nadia Al Rashid", "Rashid"])
    assert canon["Alexander Petrov"] == canon["Petrov"] == canon["Aleksandr Petrov"]
    assert canon["Nadia Al Rashid"] == canon["Nadia al-Rashid"] == canon["Rashid"]


def test_he_said_resolves_to_last_speaker_not_a_person_mentioned_in_passing():
    text = ("\"The talks have collapsed,\" said union leader Paolo Rinaldi, who met Prime Minister "
            "Ingrid Solberg last week. \"We are going on strike,\" he said.")
    qs = run(art("a", text))
    assert find(qs, "going on strike")["speaker"] == "Paolo Rinaldi"
