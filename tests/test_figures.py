"""Numbers and figures on text written for these tests."""

from __future__ import annotations

import pytest

from chorus.analyze import figures
from chorus.analyze.numbers import find_numbers
from chorus.model import Article, Event
from chorus.sentences import split_sentences


def art(aid, text, published="2023-05-02", outlet=None):
    return Article(id=aid, text=text, sentences=split_sentences(text), published=published,
                   outlet=outlet)


def run(*articles):
    ev = Event(id="ev-test", articles=[a.id for a in articles])
    return figures.analyze(ev, list(articles))["figures"]


def figure_with(figs, article, text):
    for f in figs:
        for c in f["claims"]:
            if c["article"] == article and text in c["text"]:
                return f
    raise AssertionError(f"no claim {text!r} in {article}: {[c['text'] for f in figs for c in f['claims']]}")


@pytest.mark.parametrize("phrase,value,low,high,qual", [
    ("up to 5,000 homes", 5000, 0, 5000, "up to"),
    ("more than 1,200 people", 1200, 1200, None, "more than"),
    ("nearly 40 people", 40, 34, 40, "nearly"),
    ("about 2.5 million voters", 2_500_000, 2_250_000, 2_750_000, "about"),
    ("three-quarters of the town", 0.75, 0.75, 0.75, None),
    ("a quarter of the district", 0.25, 0.25, 0.25, None),
    ("about 40 percent of votes", 0.40, 0.36, 0.44, "about"),
    ("dozens of homes", None, 24, 199, None),
    ("thousands of people", None, 2000, 19_999, None),
    ("hundreds of thousands of people", None, 200_000, 1_999_999, None),
    ("twelve miners", 12, 12, 12, None),
])
def test_number_values_and_bounds(phrase, value, low, high, qual):
    (n,) = find_numbers(phrase)
    assert n.value == (pytest.approx(value) if value is not None else None)
    assert n.low == pytest.approx(low)
    assert (n.high is None) if high is None else n.high == pytest.approx(high)
    assert n.qualifier == qual


@pytest.mark.parametrize("text", [
    "a 10-day truce", "in 1998 the plant closed", "12 hours later", "on March 3, 2021",
    "3 March 2021", "at 14:30 local time", "six months ago",
])
def test_not_amounts(text):
    assert find_numbers(text) == []


QUAKE_A = ("The health ministry said up to 1,200 people were injured in the quake on Monday. "
           "Nearly 90 people were killed, officials said.")
QUAKE_B = ("More than 1,200 people were injured, according to the Red Crescent. "
           "The death toll stood at 87 people, the governor said.")


def test_conflicting_bounds_disagree_and_sources_are_kept():
    figs = run(art("a", QUAKE_A), art("b", QUAKE_B))
    injured = figure_with(figs, "a", "1,200")
    assert injured is figure_with(figs, "b", "1,200")
    assert injured["disagree"] is True
    srcs = {c["article"]: c["source"] for c in injured["claims"]}
    assert "Red Crescent" in srcs["b"]
    assert "ministry" in (srcs["a"] or "")


def test_compatible_qualifiers_do_not_disagree():
    figs = run(art("a", QUAKE_A), art("b", QUAKE_B))
    killed = figure_with(figs, "a", "Nearly 90")
    assert killed is figure_with(figs, "b", "87")
    assert killed["disagree"] is False


def test_growing_share_over_different_dates_changes_over_time():
    a = art("a", "Since the offensive began, troops have captured a quarter of the district.",
            published="2023-05-01")
    b = art("b", "Troops have now taken half of the district, the army said.",
            published="2023-05-04")
    f = figure_with(run(a, b), "a", "a quarter")
    assert f is figure_with(run(a, b), "b", "half") or any(
        c["article"] == "b" for c in f["claims"])
    assert f["changes_over_time"] is True
    assert f["disagree"] is False


def test_share_shrinking_later_is_a_disagreement():
    a = art("a", "Troops have captured half of the district.", published="2023-05-01")
    b = art("b", "Troops have captured a quarter of the district.", published="2023-05-04")
    f = figure_with(run(a, b), "a", "half")
    assert f["disagree"] is True


def test_stock_estimates_disagree_even_when_dated_differently():
    a = art("a", "About 3,000 soldiers were stationed in the province in March, the ministry said.")
    b = art("b", "Only 1,000 soldiers were stationed in the province, a monitor said.",
            published="2023-05-06")
    f = figure_with(run(a, b), "a", "3,000")
    assert any(c["article"] == "b" for c in f["claims"])
    assert f["disagree"] is True
    as_of = {c["article"]: c["as_of"] for c in f["claims"]}
    assert as_of["a"] == "2023-03"


def test_total_and_its_breakdown_do_not_conflict():
    a = art("a", "About 9,000 people fled the floods, 6,000 of them to the coast.")
    figs = run(a)
    assert not any(f["disagree"] for f in figs)


def test_number_without_a_verb_continues_the_previous_measure():
    a = art("a", "The charity said up to 40,000 people remain in the besieged town. "
                 "A UN official said it could be more than 50,000 people.")
    f = figure_with(run(a), "a", "40,000")
    assert any("50,000" in c["text"] for c in f["claims"])
    assert f["disagree"] is True


def test_claim_offsets_point_into_the_text():
    a = art("a", QUAKE_A)
    for f in run(a):
        for c in f["claims"]:
            assert a.text[c["start"]:c["end"]] == c["text"]


def test_ranges_and_conversions():
    (n,) = find_numbers("between 300 and 400 people")
    assert (n.value, n.low, n.high, n.qualifier) == (None, 300, 400, "between")
    (n,) = find_numbers("20-30 percent of the crop")
    assert n.share and n.low == pytest.approx(0.2) and n.high == pytest.approx(0.3)
    assert [x.value for x in find_numbers("a stretch of 2,700km (1,680 miles)")] == [2700]
    assert find_numbers("the 2D:4D ratio") == []


def test_unrelated_numbers_in_one_article_do_not_disagree():
    a = art("a", "The trail runs 20 miles from the river. The sled was hit 5 miles outside town. "
                 "About 350 people live in the village, and 100 people live upriver.")
    assert not any(f["disagree"] for f in run(a))


def test_counts_far_apart_are_different_measures():
    a = art("a", "At least three people were killed in the blast, police said.")
    b = art("b", "More than 8,000 people have been killed since the war began, the UN says.")
    assert not any(f["disagree"] for f in run(a, b))


def test_sources_skip_days_appositives_and_non_speech():
    a = art("a", "Norland, a main backer of the rebels, on Friday accused the army of killing "
                 "1,200 people. The flooding has added to the misery, with hundreds dying of cold. "
                 "Estimates vary, with the Red Crescent putting the figure at 900 people killed.")
    srcs = {c["text"]: c["source"] for f in run(a) for c in f["claims"]}
    assert srcs["1,200 people"] == "Norland"
    assert srcs["hundreds"] is None
    assert srcs["900 people"] == "Red Crescent"


def test_durations_after_for_are_amounts():
    a = art("a", "A court ordered the editor held in custody for 30 days.")
    b = art("b", "The judge ordered him held for 30 days pending trial.")
    f = figure_with(run(a, b), "a", "30 days")
    assert {c["article"] for c in f["claims"]} == {"a", "b"}
    assert f["disagree"] is False


def test_ranks_decades_names_and_emergency_numbers_are_not_amounts():
    assert find_numbers("It was the 8th time in the 21st century and the 53rd award.") == []
    assert find_numbers("Music of the 90s and the 1960s.") == []
    a = art("a", "The rapper 50 Cent joined 4 Ever on stage for 12 songs. A 911 operator took 30 calls. "
                 "The festival drew 20,000 fans on Saturday.")
    texts = [c["text"] for f in run(a) for c in f["claims"]]
    assert not any(t.startswith(("50", "4 ", "911")) for t in texts), texts
    assert any(t.startswith("20,000") for t in texts) and any(t.startswith("12") for t in texts)


def test_report_keeps_the_space_after_a_qualifier():
    from chorus.render.markdown import render_markdown

    a = art("a", "Police said about 2,000 people marched on Monday.")
    b = art("b", "Organisers said more than 1,900 people marched on Monday.")
    figs = run(a, b)
    assert figs
    doc = {"schema": "chorus.events/1", "rejected": [],
           "articles": [{"id": x.id, "text": x.text, "path": f"{x.id}.txt", "title": None, "outlet": None,
                         "published": x.published} for x in (a, b)],
           "events": [{"id": "ev-test", "articles": ["a", "b"], "title": "March", "figures": figs}]}
    md = render_markdown(doc)
    assert "about 2,000" in md and "more than 1,900" in md
    assert "about2" not in md and "than1" not in md


def test_a_toll_rising_over_days_is_one_figure_that_changes():
    # The cause named in one report and not in the others; the latest report gives the
    # new toll and the one it replaces, dated.
    a = art("a", "Three people have died after the river flooded the city, the ministry said on Sunday.",
            published="2025-03-02")
    b = art("b", "At least six people have died, the ministry said, up from three reported on Sunday.",
            published="2025-03-03")
    c = art("c", "The number of people known to have died in the floods rose to nine, officials said. "
                 "On Monday the ministry had put the toll at six.", published="2025-03-05")
    f = figure_with(run(a, b, c), "c", "nine")
    assert {cl["article"] for cl in f["claims"]} == {"a", "b", "c"}
    assert {cl["unit"] for cl in f["claims"]} == {"people"}  # not "people known"
    assert f["changes_over_time"] is True and f["disagree"] is False


def test_a_toll_with_rival_causes_stays_apart_when_it_would_clash():
    a = art("a", "Seven people were killed in the bombing, police said.")
    b = art("b", "Twenty people died, officials said.")
    figs = run(a, b)
    assert figure_with(figs, "a", "Seven") is not figure_with(figs, "b", "Twenty")


def test_people_out_of_their_homes_are_displaced_and_an_old_flood_is_its_own_figure():
    a = art("a", "More than 12,000 people are still out of their homes, according to the Sella Valley "
                 "regional emergency agency. The last flood, in 2002, forced about 5,000 people from "
                 "their homes.", published="2025-03-05")
    b = art("b", "The ministry said about 7,500 people had been evacuated. In 2002 about 5,000 people "
                 "had to leave their homes.", published="2025-03-05")
    figs = run(a, b)
    now = figure_with(figs, "a", "12,000")
    assert now["measure"] == "people displaced or evacuated"
    assert {c["text"] for c in now["claims"]} == {"More than 12,000 people", "about 7,500 people"}
    assert now["disagree"] is True
    assert now["claims"][0]["source"] == "Sella Valley regional emergency agency"
    old = figure_with(figs, "a", "5,000")
    assert old["measure"] == "people displaced or evacuated (in 2002)"
    assert {c["article"] for c in old["claims"]} == {"a", "b"} and old["disagree"] is False


def test_a_vague_amount_reaches_up_to_the_next_one():
    a = art("a", "Thousands of people have fled their homes, officials said.", published="2025-03-02")
    b = art("b", "About 12,000 people have fled their homes, officials said.", published="2025-03-02")
    f = figure_with(run(a, b), "b", "12,000")
    assert f["disagree"] is False


def test_agree_needs_several_outlets_and_amounts_that_allow_one_value():
    a = art("a", "About 140 mm of rain fell between Friday and Sunday, the weather service said.", outlet="A")
    b = art("b", "The weather service measured 140 mm of rain between Friday and Sunday.", outlet="B")
    # three and 30 killed: too far apart to be rival counts, not alike either
    c = art("c", "Three people were killed in the blast, police said.", outlet="A")
    d = art("d", "Police said 30 people were killed in the blast.", outlet="B")
    assert figure_with(run(a, b), "a", "140")["agree"] is True
    assert figure_with(run(a), "a", "140")["agree"] is False  # one outlet: nothing to agree
    blast = figure_with(run(c, d), "c", "Three")
    assert {x["article"] for x in blast["claims"]} == {"c", "d"}
    assert (blast["disagree"], blast["agree"]) == (False, False)


def test_since_a_year_is_a_period_and_since_a_day_of_the_event_is_not():
    a = art("a", "Turkey accused him of the deaths of 600,000 people in the conflict, which has raged "
                 "since 2011. At least 300 people have been killed since mid-November.", published="2016-12-03")
    figs = run(a)
    assert figure_with(figs, "a", "600,000")["measure"] == "people killed (since 2011)"
    assert figure_with(figs, "a", "300")["measure"] == "people killed (since 2016-11)"
    b = art("b", "The ministry said it had arrested 87 people since Friday.", published="2025-04-15")
    c = art("c", "At least 240 people have been detained, a rights group said.", published="2025-04-15")
    f = figure_with(run(b, c), "b", "87")
    assert f["measure"] == "people arrested or detained" and f["disagree"] is True


@pytest.mark.parametrize("text", [
    "She admitted smothering her two children to death, one by one.",
    "She told NewsChannel 15 how she pushed in the door of the house.",
    "\"I am 100 percent certain that he is not involved,\" she said.",
    "Pasztor faces two charges of murder for the deaths of her children.",
])
def test_idioms_channel_numbers_certainty_and_charges_are_no_figures(text):
    figs = run(art("a", text))
    counted = {c["text"] for f in figs for c in f["claims"]}
    assert not ({"one", "15 how she", "100 percent certain"} & counted)
    assert not any(f["measure"].startswith(("charges killed", "how she", "share of certain")) for f in figs)


def test_shares_of_a_surveyed_group_and_durations():
    a = art("a", "A poll found that 45 percent of Americans call the plan a failure. "
                 "He served two and a half years in prison. Sales rose, and 10 percent sales tax revenue went "
                 "to schools.")
    figs = run(a)
    assert figure_with(figs, "a", "45 percent")["measure"] == "share of Americans"
    assert not any("half" in c["text"] for f in figs for c in f["claims"])  # a duration's rest
    assert figure_with(figs, "a", "10 percent")["measure"] == "share of sales tax revenue"


def test_clock_times_with_dots_and_measures_of_half_are_no_figures():
    assert find_numbers("The council meeting began about 7 p.m. and ended at 9 p.m., officials said.") == []
    assert find_numbers("The boat sank at 5 a.m. Monday.") == []
    assert find_numbers("The wreck lies at a depth of more than half a mile.") == []
    assert find_numbers("Half an hour later a quarter mile of road was flooded.") == []
    half = find_numbers("More than half of the residents left.")
    assert len(half) == 1 and half[0].share and half[0].value == 0.5


def test_a_projection_is_no_rival_to_a_count():
    a = art("a", "He thought the planet would one day feed 20 billion people.")
    b = art("b", "Many fear the planet won't be able to feed 9 billion people.")
    assert not any(f["disagree"] for f in run(a, b))


def test_units_after_a_dotted_name_and_amounts_in_trillions():
    figs = run(art("a", "About 12,800 U.S. troops remain in the region, and the plan costs $8 trillion."))
    troops = figure_with(figs, "a", "12,800")
    assert troops["claims"][0]["unit"] == "troops"
    (n,) = [x for x in find_numbers("the plan costs $8 trillion") if x.value]
    assert n.value == 8e12
    assert find_numbers("Police were called to the 1700 block of Ferry Lane at 3.30pm.") == []


def test_tonnage_and_rewards_are_not_victims():
    figs = run(art("a", "Launched in 1940, the battleship was displacing more than 69,000 tons. "
                        "The council approved a $50,000 reward in the killing of the teenager. "
                        "Two suicide bombings killed 34 people in the city in December."))
    assert figure_with(figs, "a", "34 people")["measure"].startswith("people killed")
    assert not any(f["measure"].startswith("suicide bombings") for f in figs), [f["measure"] for f in figs]
    assert not any(f["measure"].endswith(("displaced or evacuated", "killed")) for f in figs), \
        [f["measure"] for f in figs]


def test_money_keeps_its_sign_and_a_scale_word_counts_for_both_ends_of_a_range():
    (pay,) = find_numbers("The firm made a $130,000 payment.")
    assert pay.currency == "$" and pay.value == 130000
    (rng,) = find_numbers("The plan costs between $300 and $400 million.")
    assert (rng.low, rng.high, rng.currency) == (3e8, 4e8, "$")
    (two,) = find_numbers("They said 2-3 million people fled.")
    assert (two.low, two.high) == (2e6, 3e6)
    figs = run(art("a", "The firm made a $130,000 payment to the actress, the paper said."))
    assert figure_with(figs, "a", "130,000")["claims"][0]["currency"] == "$"


def test_letters_glued_to_a_number_that_are_no_unit():
    assert find_numbers("Fans of the 49ers and users of 4chan cheered.") == []
    assert [n.value for n in find_numbers("Winds of 100mph hit a 5400rpm turbine.")] == [100, 5400]


def test_words_that_are_no_unit_and_the_pronoun_one():
    figs = run(art("a", "The mayhem is so graphic that one cannot help suspecting a second cut. "
                        "Two people were killed in the film's opening scene, the studio said. "
                        "A larger ferry was built in 1997, approximately 7,000,000 adjacent in the same yard."))
    assert [f["measure"] for f in figs] == ["people killed"], [f["measure"] for f in figs]
    assert not figs[0]["disagree"]
    figs = run(art("b", "In Britain, 18 suffer a stroke every hour. "
                        "Eight billion corresponds to the lowest projection."))
    assert not any(f["measure"].startswith(("suffer", "corresponds")) for f in figs), [f["measure"] for f in figs]


def test_a_number_that_names_a_place_in_a_series_is_a_label():
    a = art("a", "The singer died on Wednesday after a yearlong battle with stage 4 cancer. "
                 "A 30-car pileup on Interstate 35 killed two people, and the firm filed for Chapter 11 "
                 "bankruptcy protection. The song was her 20th No. 1 on the chart.")
    b = art("b", "Two people died in the pileup, and a zone about 60 miles long was closed in the district "
                 "40 kilometres south of the city.")
    figs = run(a, b)
    counted = {c["text"] for f in figs for c in f["claims"]}
    assert not any(t.startswith(("4 ", "35", "11", "1 ")) for t in counted), counted
    assert figure_with(figs, "a", "two")["measure"] == "people killed"
    assert figure_with(figs, "b", "about 60 miles")  # a measure after the number: an amount
    assert figure_with(figs, "b", "40 kilometres")


def test_a_year_before_a_plural_after_the_is_a_year():
    assert find_numbers("Activists have protested since the 2011 protests and before the 2018 elections.") == []
    assert [n.value for n in find_numbers("Police said 2000 protesters gathered.")] == [2000]


def test_a_year_of_an_earlier_century_money_and_the_pronoun_one_are_no_counts():
    a = art("a", "In 1798 Thomas Malthus, an English priest, enunciated his law. "
                 "During its last 10 years on the road, the Dead grossed more than $200 million from 350 shows. "
                 "One imagines sunlight falling through leaded windows. Three people were killed in the crash.")
    figs = run(a)
    assert {f["measure"]: [c["text"] for c in f["claims"]] for f in figs} == {
        "people killed by crash": ["Three people"], "shows": ["350 shows"]}


def test_taken_and_held_are_said_of_ground_people_and_seats_only():
    a = art("a", "Two hundred coaches took protesters to London, and 4 million signatures were taken online. "
                 "Rebels took two towns and held 12 hostages, the army said.")
    measures = {f["measure"] for f in run(a)}
    assert "coaches" in measures and "signatures" in measures, measures
    assert not any(m.startswith(("coaches ", "signatures ")) for m in measures), measures
    assert any(m.startswith("hostages") and m.endswith("held") for m in measures), measures


def test_the_same_count_said_twice_in_one_article_is_one_figure():
    a = art("a", "The study followed 1,420 children in rural North Carolina from the age of nine. "
                 "Researchers interviewed the parents every year until the youngsters turned sixteen. "
                 "Of the 1,420 children, about a quarter reported some bullying.")
    figs = [f for f in run(a) if f["measure"] == "children"]
    assert len(figs) == 1 and len(figs[0]["claims"]) == 2, figs
