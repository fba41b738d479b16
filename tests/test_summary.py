"""Event summaries: headline, short and long forms, citations that point into the text."""

import time
from pathlib import Path

import pytest

from chorus.analyze import summary
from chorus.analyze.sentencebank import SentenceBank, quote_without_speaker
from chorus.model import Article, Event, article_id
from chorus.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside the repo")


def _article(text: str, aid: str | None = None) -> Article:
    a = Article(id=aid or article_id(text), text=text)
    a.sentences = split_sentences(text)
    return a


FLOOD = [
    _article(
        "Heavy rain flooded the river town of Marlow on Sunday, forcing hundreds of residents from their homes.\n"
        "Share this article on Facebook Twitter Email\n"
        "\"We lost everything in one night.\"\n"
        "Emergency crews used boats to reach families trapped on the upper floors of their houses.\n"
        "It was the worst flood the town had seen in forty years, officials said.\n"
        "Photo: Flooded streets in Marlow (Jane Doe/Reuters)",
        "a1",
    ),
    _article(
        "Hundreds of residents were forced from their homes in Marlow after heavy rain flooded the river town on Sunday.\n"
        "The regional council said 412 houses had been damaged and two bridges closed.\n"
        "\"The water came up so fast,\" said resident Tom Hale, who was rescued by boat with his two children.",
        "a2",
    ),
    _article(
        "Rescuers evacuated hundreds of Marlow residents on Sunday as heavy rain flooded the river town.\n"
        "Insurers expect claims to run into millions of pounds, the trade body for the industry said on Monday.",
        "a3",
    ),
]


def _check_citations(sents, articles):
    by_id = {a.id: a for a in articles}
    for s in sents:
        first = s["citations"][0]
        assert s["text"] == by_id[first["article"]].text[first["start"]:first["end"]]
        assert len({c["article"] for c in s["citations"]}) == len(s["citations"])


def test_summary_forms_respect_budgets_and_cite_the_text():
    out = summary.analyze(Event(id="e", articles=[a.id for a in FLOOD]), FLOOD)
    s = out["summary"]
    assert len(s["headline"]["text"].split()) <= 40
    assert out["title"] == s["headline"]["text"]
    assert sum(len(x["text"].split()) for x in s["short"]) <= 100
    assert sum(len(x["text"].split()) for x in s["long"]) <= 250
    _check_citations([s["headline"], *s["short"], *s["long"]], FLOOD)
    texts = [x["text"] for x in s["long"]]
    assert len(texts) == len(set(texts))


def test_headline_is_the_statement_most_sources_make_and_cites_them():
    h = summary.headline_sentence(FLOOD)
    assert "flood" in h["text"].lower() and "Marlow" in h["text"]
    assert {c["article"] for c in h["citations"]} == {"a1", "a2", "a3"}


def test_no_boilerplate_captions_or_speakerless_quotes():
    texts = [x["text"] for x in summary.summarize(FLOOD, 250)]
    assert texts
    assert not any("Share this" in t or "Photo:" in t for t in texts)
    assert "\"We lost everything in one night.\"" not in texts
    # A quotation with its speaker may appear.
    assert all(not quote_without_speaker(t) for t in texts)


def test_quotation_detection():
    assert quote_without_speaker("\"We lost everything in one night.\"")
    assert quote_without_speaker("and we had to find another option because they outdid me.\"")
    assert not quote_without_speaker("\"The water came up so fast,\" said resident Tom Hale.")
    assert not quote_without_speaker("The film \"Blue Night\" opened in 40 cinemas on Friday.")
    assert not quote_without_speaker("He called the proposal \"unacceptable.\"")
    # a curly opening mark closed by a straight one is one quotation with its speaker
    assert not quote_without_speaker("The founder, Ana Ruiz, said: “the cups taste good and smell of summer.\"")
    # Speakers named with other verbs of saying, or in a quoting phrase.
    for t in ["\"The studio was very mindful of the persecution of the Jews in Europe,\" Bernstein remarks.",
              "“There is a need to draw a line between the leaders and the people like me,” the presidency "
              "quoted the letter as saying.",
              "The new suit alleges that the car “suffered from material defects which caused the battery "
              "to ignite under certain driving conditions.”",
              "The chain describes the sandwich as “juicy pork, bacon, cheese, crunchy lettuce, red onion and "
              "a honey-mustard sauce.”"]:
        assert not quote_without_speaker(t), t


def test_quotation_follows_the_sentence_naming_its_speaker():
    a = _article(
        "The mayor of Lindholm, Ana Berg, said on Tuesday that the harbour would reopen next month after repairs.\n"
        "\"Nobody will be left behind by this work, and every boat owner will be paid for the lost season.\"\n"
        "The harbour was closed in March after a storm damaged the main pier and two warehouses.",
        "b1",
    )
    bank = SentenceBank([a])
    assert bank.quote_ctx.tolist() == [False, True, False]
    chosen = summary.select(bank, 250)
    order = summary.reading_order(bank, chosen)
    if 1 in order:
        assert order[order.index(1) - 1] == 0


def test_hundred_article_event_is_summarised_in_under_a_second():
    base = ("The city council of Westbury voted on {d} to build a new bridge over the river, at a cost of "
            "{n} million pounds. Residents had asked for the bridge for years. Work will start in spring "
            "and last {k} months, the council said. Opponents say the money should go to schools instead. "
            "A public meeting about the plan is planned for next week in the town hall.\n")
    arts = []
    for i in range(100):
        text = "\n".join(base.format(d=["Monday", "Tuesday"][i % 2], n=10 + i % 7, k=12 + i % 5)
                         + f"Story {i} adds detail number {i} about local traffic and parking near the site."
                         for _ in range(3))
        arts.append(_article(text, f"x{i}"))
    summary.analyze(Event(id="e", articles=[a.id for a in arts]), arts[:3])  # warm caches
    t0 = time.perf_counter()
    out = summary.analyze(Event(id="e", articles=[a.id for a in arts]), arts)
    assert time.perf_counter() - t0 < 1.0
    assert out["summary"]["long"]


@needs_seeds
@pytest.mark.parametrize("wire_groups", [[], [["001_7d05609f62b32f10", "002_c0f3d0dca708e4af", "004_a93669aef66e94ec"]]])
def test_seed_headline_and_citations(wire_groups):
    arts = [_article(p.read_text(encoding="utf-8"), p.stem) for p in sorted(SEEDS.iterdir())]
    out = summary.analyze(Event(id="e", articles=[a.id for a in arts], wire_groups=wire_groups), arts)
    head = out["summary"]["headline"]
    text = head["text"].lower()
    assert "russia" in text and "talks" in text and "aleppo" in text and "withdrawal" in text
    assert "washington" in text or "united states" in text or " us " in text
    reporting = {"000_303e15b8da19fadf", "001_7d05609f62b32f10", "002_c0f3d0dca708e4af", "004_a93669aef66e94ec"}
    cited = {c["article"] for c in head["citations"]}
    assert len(cited & reporting) >= 3
    s = out["summary"]
    _check_citations([head, *s["short"], *s["long"]], arts)


def _shown_only_after_the_sentence_before(bank, row):
    """Whatever the budget, ``row`` appears in a summary only right after ``row - 1``."""
    for budget in (20, 40, 250):
        order = summary.reading_order(bank, summary.select(bank, budget))
        if row in order:
            assert order.index(row) > 0 and order[order.index(row) - 1] == row - 1


def test_pronoun_opener_only_right_after_the_sentence_before_it():
    a = _article(
        "Maria Lopez, the new head of the port authority of Valdera, took office on Monday after a long vote.\n"
        "She promised to cut waiting times for container ships by half within two years of taking office.\n"
        "The port handled four million containers last year, more than any other port in the region.",
        "c1",
    )
    bank = SentenceBank([a])
    assert bank.dangling.tolist() == [False, True, False]
    _shown_only_after_the_sentence_before(bank, 1)


def test_openings_that_lean_on_the_sentence_before_are_told_apart():
    leaning = ["It got 11 votes from the opposition as well.", "It was published in 2014 in the same journal.",
               "This has now been confirmed by the county coroner.", "That may seem like a lot of money.",
               "But the service said the threat was not immediate.", "However, the council did not vote.",
               "Its leader resigned on Monday.", "\"He will not stay,\" the coach said."]
    standing = ["It is likely that the bridge will reopen in May.", "It’s always hard to say goodbye to a team.",
                "This week, the studio fired back in court.", "That same day, the diver was rescued.",
                "Those who ran fast lived as long as those who did not.", "Italy said it would send two ships."]
    a = _article("\n".join(leaning + standing), "d1")
    bank = SentenceBank([a])
    assert bank.dangling.tolist() == [True] * len(leaning) + [False] * len(standing)


def test_an_unresolved_it_is_only_shown_after_its_antecedent():
    a = _article(
        "The council of Valdera passed a new budget for the harbour district on Tuesday evening after a long debate.\n"
        "It was the first budget in three years to include money for new quays and dredging of the channel.\n"
        "Harbour workers have asked for better pay since the spring, and the budget includes a small rise.", "d2")
    bank = SentenceBank([a])
    assert bank.dangling.tolist() == [False, True, False]
    _shown_only_after_the_sentence_before(bank, 1)


@pytest.mark.parametrize("lines,fit", [
    # staff credits are boilerplate, "in writing by" and reporting by an outlet are not
    (["Officer Ana Ruiz received consent to keep the dogs in writing by their former owner on Sunday.",
      "The mayor resigned after previous reporting by the Valdera Gazette about the harbour contract.",
      "(Reporting by Tom Hale; Writing by Jan Berg; Editing by Mia Lund)"], [True, True, False]),
    # pointers to embedded media
    (["Floodwater forced 3,000 people from their homes in the river district on Monday, the city said.",
      "Watch the mayor's visit to the flooded district in the video clip above, recorded on Monday."],
     [True, False]),
    # correction notes
    (["Floodwater forced 3,000 people from their homes in the river district on Monday, the city said.",
      "This story has been corrected to show that the district is in the north of the city.",
      "An earlier version of this story misstated the number of people who left their homes."],
     [True, False, False]),
    # a caption and its credit after a bar, run into the headline and standfirst
    (["Harbour master Ana Ruiz and Mayor Jan Berg walk to the quay on Wednesday. | Jens Berg/GAZETTE Harbour "
      "leaders reach a deal The agreement would raise the dockers' pay.",
      "Floodwater forced 3,000 people from their homes in the river district on Monday, the city said."],
     [False, True]),
])
def test_sentences_that_are_never_summary_sentences(lines, fit):
    assert SentenceBank([_article("\n".join(lines), "d")]).ok.tolist() == fit


def test_openings_that_repeat_each_other_across_articles_appear_once():
    arts = [
        _article("The city of Brenford will close its three coal power stations by 2030, the mayor announced on Friday.\n"
                 "The plan also includes new solar farms on old industrial land near the river.", "r1"),
        _article("Brenford's mayor announced on Friday that the city will close its three coal power stations by 2030.\n"
                 "Environmental groups welcomed the plan but asked for an earlier date.", "r2"),
    ]
    texts = [s["text"] for s in summary.summarize(arts, 250)]
    assert sum("coal power stations" in t for t in texts) == 1


def test_dateline_is_not_part_of_the_cited_sentence():
    a = _article("PARIS (AP) — France's rail workers began a national strike on Tuesday over a plan to change "
                 "their pensions, halting most trains.\nUnions said the strike would last at least a week.", "d1")
    h = summary.headline_sentence([a])
    assert h["text"].startswith("France's rail workers")
    c = h["citations"][0]
    assert a.text[c["start"]:c["end"]] == h["text"]


@pytest.mark.parametrize("opening,first", [
    ("PARIS An Algerian man suspected of planning an attack on a church has been arrested, police said.",
     "An Algerian man"),
    ("MIAMI—When speaking about his star player, the coach of the Miami team has one line he repeats.",
     "When speaking"),
    ("FORT WAYNE, Ind. (WANE) The mother accused of killing her two children spoke to reporters on Monday.",
     "The mother accused"),
    ("SALTMERE/KORVA Striking dockers in two ports blocked the harbour roads on Monday, the union said.",
     "Striking dockers"),
    ("Washington (CNN) Senator Ilse Brandt praised the harbour workers in a speech to parliament on Monday.",
     "Senator Ilse Brandt"),
    ("Email This Even at 88, the harbour master still rows across the estuary every morning before work.",
     "Even at 88"),
    ("Buy Photo Harbour official Jens Berg was among those calling for the quay to be tested for damage.",
     "Harbour official Jens Berg"),
])
def test_datelines_without_the_usual_dash_are_not_part_of_the_sentence(opening, first):
    a = _article(opening + "\nOfficials gave no further details on the case.", "d2")
    h = summary.headline_sentence([a])
    assert h["text"].startswith(first)
    c = h["citations"][0]
    assert a.text[c["start"]:c["end"]] == h["text"]


# Scraped text often opens with the headline run straight into the dateline and the body.
FERRY = ("Ferry strike halts crossings to three islands LISBON, Portugal (AP) — Ferry crews in Portugal "
         "walked out on Friday over unpaid overtime, stranding thousands of passengers on three islands.\n"
         "The operator said talks with the union would resume next week.")


def _ferry_headline(a: Article) -> dict:
    """The headline of ``a``: the ferry crews' walkout, cited at its own offsets."""
    h = summary.headline_sentence([a])
    assert h["text"].startswith("Ferry crews in Portugal walked out on Friday")
    c = h["citations"][0]
    assert a.text[c["start"]:c["end"]] == h["text"]
    return h


def test_title_run_into_the_first_sentence_is_not_part_of_it():
    text = FERRY
    a = Article(id="t1", text=text, title="Ferry strike halts crossings to three islands")
    a.sentences = split_sentences(text)
    bank = SentenceBank([a])
    assert bank.texts[0].startswith("Ferry crews in Portugal")  # neither title nor dateline
    h = _ferry_headline(a)
    # ... also when the stored title carries a kicker the text leaves out.
    b = Article(id="t2", text=text, title="The Latest: Ferry strike halts crossings to three islands")
    b.sentences = split_sentences(text)
    assert summary.headline_sentence([b])["text"] == h["text"]
    # A first sentence that merely shares the title's opening words keeps them.
    c2 = Article(id="t3", text="Ferry strike halts crossings to three islands, the operator said on Friday, "
                 "as crews walked out over unpaid overtime.", title="Ferry strike halts crossings")
    c2.sentences = split_sentences(c2.text)
    assert SentenceBank([c2]).texts[0].startswith("Ferry strike halts")


def test_event_title_is_the_headline_articles_own_title():
    from dataclasses import replace

    titled = [replace(a, title=f"Headline of {a.id}") for a in FLOOD]
    out = summary.analyze(Event(id="e", articles=[a.id for a in titled]), titled)
    cited = out["summary"]["headline"]["citations"][0]["article"]
    assert out["title"] == f"Headline of {cited}"


def test_headline_and_dateline_run_into_the_body_without_a_title():
    # No title metadata: the heading is a fragment of its own, and the dateline
    # after it is still left out of the sentence that follows.
    text = FERRY
    a = Article(id="t4", text=text)
    a.sentences = split_sentences(text)
    _ferry_headline(a)


def test_photo_captions_in_running_text_are_not_summary_sentences():
    text = ("Mayor Ana Ruiz (C) greets residents of the flooded district during her visit on Monday afternoon.\n"
            "Floodwater forced 3,000 people from their homes in the river district on Monday, the city said.\n"
            "Crews expect the water to recede by Thursday if the rain stops as forecast.")
    a = Article(id="t5", text=text)
    a.sentences = split_sentences(text)
    bank = SentenceBank([a])
    assert not bank.ok[0] and bank.ok[1]
    assert summary.headline_sentence([a])["text"].startswith("Floodwater forced 3,000 people")


def test_picture_positions_between_commas_mark_a_caption():
    text = ("A protester, left, holds a flag outside the council building in Valdera on Saturday afternoon.\n"
            "Police said about 400 people joined the march against the new harbour fees on Saturday.")
    a = Article(id="t6", text=text)
    a.sentences = split_sentences(text)
    assert SentenceBank([a]).ok.tolist() == [False, True]


def test_headline_never_leans_on_a_sentence_before_it_when_another_fits():
    # A page scraped from the middle of a story opens with "Then, ...".
    text = ("Then, near the harbour gate, more video shows the truck stopping abruptly before it sped away.\n"
            "Police in Valdera arrested the driver of a truck that hit a harbour worker on Friday night.\n"
            "The worker was taken to hospital with minor injuries, the police said.")
    a = Article(id="t7", text=text)
    a.sentences = split_sentences(text)
    assert SentenceBank([a]).dangling.tolist() == [True, False, False]
    assert summary.headline_sentence([a])["text"].startswith("Police in Valdera arrested")
    # "Then-" is a title, not a connective.
    b = Article(id="t8", text="Then-mayor Ana Ruiz opened the harbour bridge in 2010, the city said on Monday.")
    b.sentences = split_sentences(b.text)
    assert SentenceBank([b]).dangling.tolist() == [False]


def test_headline_is_what_sources_open_with_not_a_detail_they_all_repeat():
    # Three outlets open with three developments of one strike and all repeat
    # the union's demand further down. Counting sources alone would make the
    # demand the headline; the openings are what the outlets lead with.
    openings = [
        "Dock workers at the port of Kelby walked out on Monday in an indefinite strike, halting cargo traffic.",
        "Shipping lines began diverting vessels away from Kelby on Wednesday as the port stoppage went on.",
        "The government appointed a former judge on Thursday to mediate between the Kelby port and its workers.",
    ]
    middles = [
        "Lorries queued for hours on the coast road before the gates were closed for the day.",
        "At least three container lines moved their weekly calls to other ports along the coast.",
        "The mediator will meet both sides on Friday morning at the labour ministry, officials said.",
    ]
    demand = "The union is demanding a pay rise of 9 percent over two years, its leaders said."
    arts = [_article("\n".join([o, m, demand]), f"k{i}") for i, (o, m) in enumerate(zip(openings, middles))]
    h = summary.headline_sentence(arts)
    assert h["text"] in openings


def test_an_event_whose_openings_are_all_long_still_has_a_headline_and_a_summary():
    long = ("News that the port authority had fined the ferry operator for leaving passengers stranded on the quay "
            "in the storm may not have made much of a splash except for one thing: the fine had been set at twice "
            "what the law allows for a first offence.")
    text = "\n".join([long, long.replace("News that", "Word that"), long.replace("News that", "Reports that"),
                      "The operator said it would appeal against the fine of 2 million crowns in court.",
                      "Passengers waited for eleven hours on the quay in Korva before buses took them home."])
    a = _article(text, "long")
    h = summary.headline_sentence([a])
    assert h is not None and len(h["text"].split()) <= 40
    assert a.text[h["citations"][0]["start"]:h["citations"][0]["end"]] == h["text"]
    out = summary.analyze(Event(id="e", articles=[a.id]), [a])
    assert out["summary"] is not None and out["summary"]["short"]


@pytest.mark.parametrize("opening", [
    "Remember the ferry operator that left two hundred passengers stranded on the quay in Korva last winter?",
    "Not yet, said Lena Varga, a lawyer for the passengers who were stranded on the quay in Korva.",
    "The timing, however, suggests that the ferry operator will not pay the fine before the summer season.",
    "The first starts with something the passengers of the ferry have said since the storm: they were left alone.",
])
def test_headline_states_rather_than_asks_or_answers_what_came_before(opening):
    text = "\n".join([
        opening,
        "The port authority fined the ferry operator 2 million crowns on Monday for leaving passengers stranded "
        "in the storm.",
        "Passengers waited for eleven hours on the quay in Korva before buses took them home.",
    ])
    a, b = _article(text, "a"), _article(text.replace("Monday", "Monday morning"), "b")
    h = summary.headline_sentence([a, b])
    assert h["text"].startswith("The port authority fined"), h["text"]


def test_a_clause_about_someone_named_before_leans_on_it_and_follows_it_in_the_summary():
    text = ("Senator Ana Ruiz was the only candidate in the chamber for the bishop's speech on the floods.\n"
            "When she left, she was beaming, as the bishop had praised the rescue crews she had funded.\n"
            "As it turns out, the bishop had written the speech himself over the weekend in Korva.\n"
            "The river Sella burst its banks on Saturday and forced thousands from their homes in Riverton.")
    a = _article(text, "t9")
    assert SentenceBank([a]).dangling.tolist() == [False, True, False, False]
    shown = [s["text"] for s in summary.summarize([a], 250)]
    i = next(k for k, t in enumerate(shown) if t.startswith("When she left"))
    assert i > 0 and shown[i - 1].startswith("Senator Ana Ruiz")


def test_an_agency_dateline_further_down_the_page_is_left_out_of_the_sentence():
    text = ("Related coverage from the same page.\n"
            "PERTH (Reuters) - An air search of the remote southern Indian Ocean resumed on Friday, seeking "
            "to confirm if objects spotted by satellites are debris from the missing jetliner.\n"
            "The search area lies about 2,500 km southwest of Perth, the maritime authority said.")
    a = _article(text, "t10")
    bank = SentenceBank([a])
    texts = [bank.display_text(i) for i in range(len(bank))]
    assert "An air search of the remote southern Indian Ocean resumed on Friday, seeking to confirm if objects " \
           "spotted by satellites are debris from the missing jetliner." in texts
    assert not any(t.startswith("PERTH") for t in texts)
