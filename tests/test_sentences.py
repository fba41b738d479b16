"""Sentence splitting on news text: quotations, attributions, abbreviations."""

from chorus.sentences import split_sentences


def texts(t):
    return [t[s:e] for s, e in split_sentences(t)]


def test_offsets_point_into_text():
    t = "  First one here.  Second one there!\n\nThird?  "
    spans = split_sentences(t)
    assert [t[s:e] for s, e in spans] == ["First one here.", "Second one there!", "Third?"]
    assert all(t[s:e] == t[s:e].strip() for s, e in spans)


def test_closing_quote_and_attribution_stay_together():
    t = '"The bridge will reopen next week." the mayor said. Work starts at dawn.'
    assert texts(t) == ['"The bridge will reopen next week." the mayor said.', "Work starts at dawn."]


def test_named_attribution_after_full_stop_inside_quote_merges():
    t = "“Nobody will be left behind.” Harriet Olsen said on Friday. The river kept rising."
    assert texts(t) == ["“Nobody will be left behind.” Harriet Olsen said on Friday.", "The river kept rising."]


def test_quote_split_by_attribution_is_two_sentences_when_it_restarts():
    t = '“We are ready,” the minister said on Monday. “The talks start soon.”'
    assert texts(t) == ["“We are ready,” the minister said on Monday.", "“The talks start soon.”"]


def test_no_split_inside_a_quotation_that_closes_later():
    t = '"We need water. We need it now," a nurse told reporters. Trucks arrived later.'
    assert texts(t) == ['"We need water. We need it now," a nurse told reporters.', "Trucks arrived later."]


def test_abbreviations_initials_and_decimals_do_not_split():
    t = ("Gen. Ruiz met Mr. Park and Dr. Amal Haddad in the U.S. capital on Jan. 4 to sign a 2.5 billion "
         "dollar deal. Photo by J. K. Rowe was later withdrawn.")
    assert len(texts(t)) == 2


def test_titles_before_names_do_not_split():
    t = ("\"He was just wearing red shoes that day,\" LAPD Det. Christopher Barling said. Insp. Ana Ruiz, "
         "Supt. Tom Hale and Cpl. Jan Berg met at Mt. Hood. The talks ended.")
    assert texts(t)[-1] == "The talks ended." and len(texts(t)) == 3


def test_lowercase_continuation_does_not_split():
    t = "The price rose to 3.4 p.m. levels. e.g. nothing else. Then it fell."
    out = texts(t)
    assert out[-1] == "Then it fell."


def test_paragraphs_always_split():
    t = "A headline without a stop\nThe body starts here. It goes on."
    assert texts(t) == ["A headline without a stop", "The body starts here.", "It goes on."]


def test_question_and_exclamation():
    assert texts("Is it over? Nobody knows! Wait and see.") == ["Is it over?", "Nobody knows!", "Wait and see."]


def test_state_abbreviation_in_a_dateline_does_not_split():
    text = "LITTLETON, Colo. (AP) — Schools in the county will be closed on Wednesday, officials said."
    assert texts(text) == [text]
    text = "NEWTOWN, Conn. Parents of the children met the governor on Sunday."
    assert texts(text) == [text]
    # In running text a state abbreviation may end the sentence.
    text = "The storm hit Moore, Okla. But the town rebuilt its school within a year."
    assert texts(text) == ["The storm hit Moore, Okla.", "But the town rebuilt its school within a year."]


def test_running_story_kicker_is_its_own_sentence():
    text = ("The Latest on the budget vote (all times local): The finance minister says the bill "
            "will pass on Friday. Opposition members walked out.")
    assert texts(text) == ["The Latest on the budget vote (all times local):",
                            "The finance minister says the bill will pass on Friday.",
                            "Opposition members walked out."]
    # ... also when a headline and a dateline come first on the line.
    text = ("Council delays vote WELLBY (AP) — The Latest on the harbour plan (all times local): "
            "The council has delayed its vote by a week.")
    assert texts(text)[-1] == "The council has delayed its vote by a week."


def test_headline_run_into_a_dateline_splits_before_the_dateline():
    text = "Bridge reopens after two years of repairs HARTWELL, Ont. (CP) — The bridge reopened on Monday."
    assert texts(text) == ["Bridge reopens after two years of repairs",
                            "HARTWELL, Ont. (CP) — The bridge reopened on Monday."]
    text = "Storm cuts power to thousands MARLOW, March 3 (Reuters) - A storm cut power on Sunday."
    assert texts(text)[1].startswith("MARLOW, March 3 (Reuters) -")
    # Capitals after a joining word are a name or an acronym, not a dateline.
    text = "He met the head of NASA - the agency - on Tuesday."
    assert texts(text) == [text]
    text = 'But he told CBS: "We will know more next week." Officials agreed.'
    assert texts(text)[0] == 'But he told CBS: "We will know more next week."'
    text = "Videos of the flood go viral on social media KARACHI: Heavy rain flooded the city on Monday."
    assert texts(text)[1] == "KARACHI: Heavy rain flooded the city on Monday."


def test_an_abbreviation_can_end_a_sentence():
    t = ("The car was hit at 11:21 p.m. As it pulled over, shots were fired. Doors open at 9 a.m. Monday "
         "at the U.S. Army base in Washington, D.C. After that, the case goes to Kagin's, Inc. The firm said so.")
    assert texts(t) == ["The car was hit at 11:21 p.m.", "As it pulled over, shots were fired.",
                        "Doors open at 9 a.m. Monday at the U.S. Army base in Washington, D.C.",
                        "After that, the case goes to Kagin's, Inc.", "The firm said so."]
    assert texts("They met Mr. The Edge and Sen. Al Brandt.") == ["They met Mr. The Edge and Sen. Al Brandt."]


def test_sentences_glued_without_a_space_are_split():
    # Scrapers that drop line breaks glue one sentence to the next.
    t = ("The cases will continue to move through lower courts.Military policy had barred service. "
         "The judge was locked up with him.\"I had never been to jail before,\" Olivera said.")
    assert texts(t) == ["The cases will continue to move through lower courts.", "Military policy had barred service.",
                        "The judge was locked up with him.", "\"I had never been to jail before,\" Olivera said."]
    t = "The passenger started the trip in Liberia.They are now in isolation in Newark.This comes as rules tighten."
    assert texts(t) == ["The passenger started the trip in Liberia.", "They are now in isolation in Newark.",
                        "This comes as rules tighten."]


def test_addresses_and_dotted_names_are_not_glued_sentences():
    for t in ["Read the archive at IGC.org.These pages stay.", "See www.Example.com for the full list.",
              "Shares of Amazon.Com rose.", "The U.S.Army said no.", "Write to jane.Doe@example.com today.",
              "It cost approx.Ten dollars."]:
        assert len(texts(t)) == 1, t


def test_reference_marks_after_a_full_stop_end_the_sentence():
    t = ("The church teaches this.[54][55] The council therefore calls itself a restoration.[54] "
         "Ilse Brandt has called it a \"unique member.\"[57] Brandt also suggests that.")
    assert texts(t) == ["The church teaches this.[54][55]", "The council therefore calls itself a restoration.[54]",
                        "Ilse Brandt has called it a \"unique member.\"[57]", "Brandt also suggests that."]


def test_a_source_after_an_ellipsis_stays_with_its_sentence():
    text = ("LFO singer Devin Lima has died after a yearlong battle with stage 4 cancer ... TMZ has learned. "
            "Devin died early Wednesday morning ... according to a family member. "
            "The show went on... Then it ended.")
    assert texts(text) == [
        "LFO singer Devin Lima has died after a yearlong battle with stage 4 cancer ... TMZ has learned.",
        "Devin died early Wednesday morning ... according to a family member.",
        "The show went on...",
        "Then it ended.",
    ]
