"""Cleaning on articles written for these tests, shaped like other sites' pages.

The pages in tests/data/clean carry boilerplate the seed articles do not
(share rows, cookie notices, newsletter lines, "Read more:" links, comment
threads, menus) and body sentences that look risky but must survive.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chorus.clean import PARAGRAPH_SEP, clean_document, clean_documents, normalise_lines
from chorus.model import Article, RawDoc, Rejection
from chorus.read import read_paths

DATA = Path(__file__).parent / "data" / "clean"


def _clean(name: str) -> Article:
    raws = list(read_paths([DATA / name]))
    art = clean_documents(raws)[0]
    assert isinstance(art, Article), art
    return art


def _reasons(art: Article) -> dict[str, str]:
    return {r.text: r.reason for r in art.removed}


def test_harbour_gazette_boilerplate_removed_with_reasons():
    art = _clean("harbour_gazette.txt")
    reasons = _reasons(art)
    assert reasons["Skip to main content"] == "site navigation"
    assert reasons["Facebook Twitter WhatsApp Email"] == "share buttons"
    assert reasons["Advertisement"] == "advertisement label"
    assert reasons["Read more: How the 2019 storm surge flooded the harbour"] == "related link"
    assert reasons["Sign up for our morning newsletter"] == "sign-up or follow prompt"
    assert reasons["Related stories"] == "related links"
    assert reasons["Ferry fares to rise in April"].startswith("after the article")
    assert "cookie" in reasons[
        "We use cookies to improve your experience. By continuing to browse you accept our cookie policy."]
    assert reasons["© 2023 The Harbour Gazette. All rights reserved."] == "copyright line"
    for line in reasons:
        assert line not in art.text.split(PARAGRAPH_SEP)


def test_harbour_gazette_metadata_and_caption():
    art = _clean("harbour_gazette.txt")
    assert art.title == "Council approves new flood barrier for the old port"
    assert art.published == "2023-03-14"
    assert art.byline == "Maria Lindqvist and Tom Okafor"
    assert art.outlet == "The Harbour Gazette"  # the holder named on its copyright line
    assert art.wire == []
    assert art.captions == ["Fishermen protest outside city hall in February (Photo: Jens Berg/Harbour Gazette)"]


def test_risky_body_sentences_survive():
    art = _clean("harbour_gazette.txt")
    paragraphs = art.text.split(PARAGRAPH_SEP)
    for sentence in [
        "Share prices of the two construction firms bidding for the contract rose on the news.",
        "Comments from the opposition benches were brief.",
        "It passed by 31 votes to 12.",
        "Opponents say the barrier will harm fishing.",
        '"Nobody asked us," one of them said.',
        "The work starts next year.",
        "“We cannot keep sandbagging the same streets every winter,” said deputy mayor Ana Ruiz.",
    ]:
        assert sentence in paragraphs


def test_wire_dateline_and_credit():
    art = _clean("dam_wire.txt")
    assert art.dateline == "KYIV"
    assert art.wire == ["Reuters"]
    assert art.outlet is None  # "World | Europe" is a section path, not a page title
    assert art.published is None  # "Updated 2 hours ago" states no date
    assert art.text.startswith("KYIV, June 6 (Reuters) - Thousands")
    assert "She left with her two dogs." in art.text.split(PARAGRAPH_SEP)
    reasons = _reasons(art)
    assert reasons["Share this article"] == "share buttons"
    assert "Reporting by Pavel Kovalenko; Editing by Alex Richards" in reasons


def test_blog_menu_comments_and_subheads():
    art = _clean("mountain_blog.txt")
    reasons = _reasons(art)
    assert reasons["Politics"] == "navigation menu"
    assert reasons["Mountain Post — independent since 1998"] == "site header above the headline"
    assert reasons["Comments (3)"] == "comment box"
    assert all(r == "comment section" for t, r in reasons.items() if t.startswith(("Joe from", "Anna K.")))
    assert art.byline == "Staff Reporter"
    assert art.published is None  # 02/01/2024 is ambiguous (January 2 or February 1)
    paragraphs = art.text.split(PARAGRAPH_SEP)
    assert "What we know" in paragraphs  # a sub-heading inside the article stays
    assert "The slide came down at about 6 a.m." in paragraphs
    assert "Nobody was hurt." in art.text
    assert paragraphs[-1].startswith("Residents of the upper valley")


def test_html_article_cleaned():
    raws = list(read_paths([Path(__file__).parent / "data" / "html" / "valley_times.html"]))
    art = clean_documents(raws)[0]
    assert isinstance(art, Article)
    assert art.title == "Bridge reopens after six months of repairs"
    assert art.outlet == "Valley Times"
    assert art.published == "2022-09-14"
    assert art.byline == "Lena Hart"
    assert art.url == "https://www.valleytimes.example/local/bridge-reopens"
    assert "Advertisement" not in art.text.split(PARAGRAPH_SEP)
    assert art.text.split(PARAGRAPH_SEP)[-1] == "The town council will decide next month whether to add a cycle lane."
    assert "Most read" not in art.text and "newsletter" not in art.text


def test_normalise_whitespace_not_quotes():
    lines = normalise_lines("A\u00a0line  with\tspaces\u200b and \u2018curly\u2019 \"straight\" quotes.\r\n\r\n"
                            "The minister said the plan, which\nwas agreed on Monday, would work.\n")
    assert lines == ["A line with spaces and \u2018curly\u2019 \"straight\" quotes.",
                     "The minister said the plan, which was agreed on Monday, would work."]


def test_lines_that_continue_a_sentence_are_not_joined_across_blank_lines():
    assert normalise_lines("Headline without stop\n\nlowercase start of a line") == [
        "Headline without stop", "lowercase start of a line"]


def _page(title: str, body: list[str], extra_top: list[str], extra_end: list[str], url=None) -> RawDoc:
    text = "\n\n".join(extra_top + [title] + body + extra_end)
    return RawDoc(path=f"{title[:10]}.txt", text=text, format="text", url=url)


_BODY = [
    "The regional parliament passed the budget late on Thursday after eleven hours of debate over hospital funding.",
    "Rising prices ate into the plan",
    "Opposition members said the increase for hospitals would not cover rising energy costs this winter.",
]


def test_labels_repeated_across_one_sites_pages_are_removed():
    docs = [
        _page(f"Budget story number {i} passes the regional parliament", _BODY,
              ["Your trusted regional voice"], ["More from the newsroom"], url=f"https://news.example/{i}")
        for i in range(2)
    ]
    arts = clean_documents(docs)
    for art in arts:
        assert isinstance(art, Article)
        reasons = _reasons(art)
        assert reasons["Rising prices ate into the plan"].startswith("repeated on 2 pages")
        assert "More from the newsroom" in reasons
        assert "Rising prices ate into the plan" not in art.text


def test_subheads_shared_by_unknown_sites_stay():
    """Three wire copies from sites we cannot tell apart share a sub-heading: it stays;
    their shared footer label goes."""
    docs = [_page(f"Budget passes regional parliament, report {i}", _BODY, [], ["Get the app now"])
            for i in range(3)]
    arts = clean_documents(docs)
    for art in arts:
        assert "Rising prices ate into the plan" in art.text.split(PARAGRAPH_SEP)
        assert "Get the app now" not in art.text


def test_sentences_repeated_across_pages_are_never_removed():
    docs = [_page(f"Story {i} about the regional budget vote", _BODY + ["He did not elaborate."], [], [],
                  url=f"https://news.example/{i}") for i in range(3)]
    for art in clean_documents(docs):
        assert "He did not elaborate." in art.text


def test_repeated_line_inside_body_is_dropped_once():
    text = "\n\n".join(["Council vote ends long port debate today", _BODY[0], _BODY[2], _BODY[0]])
    art = clean_document(RawDoc("x.txt", text, "text"))
    assert art.text.count(_BODY[0]) == 1
    assert {"text": _BODY[0], "reason": "repeated line"} in [r.to_dict() for r in art.removed]


def test_nothing_left_is_a_rejection():
    out = clean_document(RawDoc("menu.txt", "Home\nNews\nSport\nWeather\n", "text", line=None))
    assert isinstance(out, Rejection) and out.path == "menu.txt"


@pytest.mark.parametrize("text", ["\x00\x01", "   ", "...", "|||", "“", "a\u2028b", "1. 2. 3.", "(AFP)"])
def test_odd_input_never_raises(text):
    out = clean_documents([RawDoc("odd.txt", text, "text")])
    assert len(out) == 1 and isinstance(out[0], (Article, Rejection))


def test_id_is_hash_of_text():
    from chorus.model import article_id

    art = _clean("dam_wire.txt")
    assert art.id == article_id(art.text)


def test_short_sentence_said_twice_stays_twice():
    text = "\n\n".join(["Council vote ends long port debate today", _BODY[0], "He declined to comment.", _BODY[2],
                        "He declined to comment."])
    art = clean_document(RawDoc("x.txt", text, "text"))
    assert art.text.split(PARAGRAPH_SEP).count("He declined to comment.") == 2


def test_wire_story_credits_and_separators():
    art = _clean("ap_style.txt")
    assert art.title == "Port workers vote to extend strike into third week"
    assert art.published == "2024-03-18"
    assert (art.dateline, art.wire) == ("AROS", ["AP"])
    assert art.byline == "ELENA MORAES"  # the agency at the end of the byline is the wire credit
    assert art.captions == ["FILE - A container ship is loaded at the port of Aros, Nov. 3, 2023. "
                            "(AP Photo/Jan Berg, File)"]
    reasons = _reasons(art)
    assert reasons["___"] == "separator line"
    assert reasons["Associated Press writer Karl Jensen contributed from Kelby."] == "credit line"
    assert art.outlet is None  # the copyright holder is the agency, not the outlet
    assert art.text.split(PARAGRAPH_SEP)[-1] == "Talks are due to resume on Tuesday."


def test_broadcaster_caption_labels_and_follow_prompts():
    art = _clean("broadcaster_live.txt")
    assert art.title == "Ferry operator suspends night crossings after engine fire"
    assert art.outlet == "Northshire Broadcasting"  # masthead above the menu
    assert art.published is None  # "6 hours ago" and "12 March" state no full date
    assert art.captions == ["Lifeboat crews escorted the ferry back to port on Saturday night"]
    reasons = _reasons(art)
    assert reasons["Image caption,"] == "caption label"
    assert reasons["Watch: Passengers describe the moment the alarm sounded"] == "media teaser"
    assert reasons["Follow Northshire Broadcasting on Facebook, X and Instagram."] == "sign-up or follow prompt"
    assert reasons["Islanders call for new ferry contract"].startswith("after the article")
    paragraphs = art.text.split(PARAGRAPH_SEP)
    assert paragraphs[0].startswith("A ferry operator has suspended")
    assert paragraphs[-1] == "The operator said crossings would resume on Monday after safety checks."
    assert 'Passenger Ruth Alder said the crew had acted calmly. "They told us exactly what to do," she said.' \
        in paragraphs


@pytest.mark.parametrize("opening,expected", [
    ("ALEPPO, Syria: Russia said on Monday it would talk.", ("ALEPPO, Syria", [])),
    ("Beirut/Moscow: The Russian government said on Monday it would talk.", ("Beirut/Moscow", [])),
    ("MOSCOW, Dec 5 (Reuters) - Russia said on Monday it would talk.", ("MOSCOW", ["Reuters"])),
    ("RIVERTON, Estland (MP) - Rescue crews used boats on Monday.", ("RIVERTON, Estland", ["MP"])),
    ("UPDATE: The council voted again on Monday evening.", (None, [])),
    ("Lavrov: “We will treat them as terrorists,” he said on Monday.", (None, [])),
    ("Moscow - Russia said on Monday it would talk.", (None, [])),
    # A credit with no place, as agencies and some outlets open their copy.
    ("(Reuters) - A federal judge will block the rule.", (None, ["Reuters"])),
    ("March 2 (Reuters) - Roger Federer won his 100th title.", (None, ["Reuters"])),
    ("March 12 (UPI) -- Schools will be closed on Tuesday.", (None, ["UPI"])),
    ("(CNN)The president said on Monday he would sign.", (None, ["CNN"])),
    ("(L-R) Ana Ruiz and Tom Park at the opening.", (None, [])),
    ("(Photo) The bridge on Monday.", (None, [])),
])
def test_datelines(opening, expected):
    from chorus.metadata import dateline

    assert dateline(opening) == expected


def test_update_stamps_are_not_publication_dates():
    text = "\n\n".join(["Council vote ends long port debate today", "Updated: 7 May 2021, 10:00",
                        "Published: 5 May 2021", _BODY[0], _BODY[2]])
    assert clean_document(RawDoc("x.txt", text, "text")).published == "2021-05-05"
    only_update = "\n\n".join(["Council vote ends long port debate today", "Updated: 7 May 2021", _BODY[0]])
    assert clean_document(RawDoc("y.txt", only_update, "text")).published is None  # not the publication date


def test_first_sentence_starts_after_the_dateline():
    from chorus.clean import clean_documents
    from chorus.model import RawDoc

    text = ("Bridge reopens after repairs\n\nPORT ELM, Estland - The harbour bridge reopened on Tuesday "
            "after six weeks of repairs, the city said. Traffic was light.\n")
    (art,) = clean_documents([RawDoc(path="bridge.txt", text=text, format="text")])
    assert art.dateline == "PORT ELM, Estland"
    s, e = art.sentences[0]
    assert art.text[s:e] == "The harbour bridge reopened on Tuesday after six weeks of repairs, the city said."
    assert art.text.startswith("PORT ELM, Estland - ")  # the text itself keeps the dateline


def test_first_sentence_starts_after_a_credit_without_a_place():
    from chorus.clean import clean_documents
    from chorus.model import RawDoc

    text = ("March 2 (Reuters) - Roger Federer claimed the 100th title of his career on Saturday. "
            "He beat Stefanos Tsitsipas in the final.\n")
    (art,) = clean_documents([RawDoc(path="federer.txt", text=text, format="text")])
    assert art.wire == ["Reuters"] and art.dateline is None
    s, e = art.sentences[0]
    assert art.text[s:e] == "Roger Federer claimed the 100th title of his career on Saturday."


def test_first_sentence_starts_after_a_label_before_the_story():
    from chorus.clean import clean_documents
    from chorus.model import RawDoc

    text = "Updated | When the first humans left Africa, they got shorter. Their joints paid for it.\n"
    (art,) = clean_documents([RawDoc(path="label.txt", text=text, format="text")])
    s, e = art.sentences[0]
    assert art.text[s:e] == "When the first humans left Africa, they got shorter."
    (art2,) = clean_documents([RawDoc(path="rules.txt", text="Updated rules apply from Monday. The council "
                                      "said so on Friday.\n", format="text")])
    s, e = art2.sentences[0]
    assert art2.text[s:e] == "Updated rules apply from Monday."


def test_pages_of_one_masthead_share_their_labels():
    """Plain-text pages without URLs: the masthead tells which site they come from."""
    body = [_BODY[0], "Valley Times budget tracker", _BODY[2]]
    docs = [_page(f"Budget story number {i} passes the regional parliament", body, ["Valley Times"], [])
            for i in range(2)]
    for art in clean_documents(docs):
        assert art.outlet == "Valley Times"
        assert _reasons(art)["Valley Times budget tracker"].startswith("repeated on 2 pages")
    other = _page("Budget story passes the regional parliament again", body, ["Coast Herald"], [])
    arts = clean_documents([docs[0], other])
    assert all("Valley Times budget tracker" in a.text.split(PARAGRAPH_SEP) for a in arts)  # two sites


@pytest.mark.parametrize("line", [
    "Image copyright Getty Images Image caption The band broke up in 1980 after the death of its drummer",
    "Image caption Ana Ruiz was taken across the border on a stretcher and is said to be in good spirits.",
    "(Harbour Gazette Staff Photo/Ana Ruiz)",
    "Media playback is unsupported on your device Media caption The mayor speaks to residents of the Lower Town",
    "Harbour master Ana Ruiz speaks to reporters after the rescue on Monday. Photo: Jens Berg/Scanpix",
    "A child looks at the flowers left after a vigil in Valdera on Monday. Police arrested several people "
    "and are widening... (Associated Press)",
    "Photos: The Korva ferry Photos: The Korva ferry The ferry leaves the harbour in 1961, on its first crossing "
    "of the Sella estuary. Hide Caption 1 of 3 Photos: The Korva ferry The ferry was refitted in Saltmere in 1988, "
    "when it was given its new engines, its larger car deck and its blue and white livery. " * 3
    + "Hide Caption 2 of 3",
    "Ana Ruiz, in this photograph provided by the Korva city hall, is seen at a regatta on April 11, 2015.",
    "The ferry is pictured at the Saltmere quay in this undated handout photo released by the operator.",
    "Dockers march past the harbour office during a strike in Saltmere, Norvale, April 22, 2015.",
    "AFP/Getty Images Harbour master Ana Ruiz holds the regatta trophy after the final race on Sunday.",
    "Harbour master Ana Ruiz smiles as she meets reporters at the quay in Korva, Tuesday, Feb. 6, 2018. "
    "(AP Photo/Jens Berg) (Associated Press)",
])
def test_caption_shapes(line):
    from chorus import boilerplate as bp

    assert bp.caption_reason(line)


@pytest.mark.parametrize("line", [
    "The minister said the photo: it was fake, and he would sue the paper over it.",
    "Police said about 400 people joined the march (Associated Press reported).",
    "The council voted on Monday to widen the harbour road by 2025, the mayor said.",
    "The image caption named the wrong minister, the paper said.",
    "(The vote was close.)",
    "CLOSE races are expected in three districts, officials said.",
    "The senator appeared in a photo with the gunman, posted online on Monday.",
    "The treaty was signed in Saltmere on April 22, 2015.",
    "A docker is seen in this undated photo. The union said he was fired in 2014. He denies it.",
])
def test_sentences_are_not_captions(line):
    from chorus import boilerplate as bp

    assert bp.caption_reason(line) is None


def test_more_links_are_navigation_and_never_the_title():
    from chorus import boilerplate as bp

    assert bp.interface_reason("Local News More>>") == "site navigation"
    text = "Local News More>>\n\n" + "\n\n".join(_BODY)
    art = clean_document(RawDoc("more.txt", text, "text"))
    assert art.title != "Local News More>>" and "Local News More>>" not in art.text


@pytest.mark.parametrize("line,reason", [
    ("Story Continued Below", "advertisement label"),
    ("Sign up here for Harbour Daily A morning briefing on the port in your inbox. Email Sign Up By signing up "
     "you agree to receive email newsletters or alerts from the Gazette. You can unsubscribe at any time.",
     "sign-up or follow prompt"),
    ("JUST WATCHED Mayor: the levee will hold Replay More Videos ... MUST WATCH Mayor: the levee will hold 01:12",
     "media teaser"),
    ("CLOSE Four ferry crews begin a strike over pay on the night crossings. Jens Berg", "media teaser"),
    ("Photo Advertisement Continue reading the main story", "advertisement label"),
    ("Missing ferry found, towed into Korva harbour A ferry that lost power off the Sella estuary on Sunday "
     "has been towed into Korva. More", "related link"),
    ("How has the port's trade changed in a decade? Read more", "related link"),
])
def test_interface_text_that_names_itself_inside_the_body(line, reason):
    from chorus import boilerplate as bp

    assert bp.interface_reason(line) == reason
    text = "\n\n".join([_BODY[0], line, _BODY[2]])
    art = clean_document(RawDoc("page.txt", text, "text"))
    assert line not in art.text and _BODY[2] in art.text


def test_sentences_about_stories_continuing_stay():
    from chorus import boilerplate as bp

    assert bp.interface_reason("The story continued below the fold in the print edition, editors said.") is None
    assert bp.interface_reason("CLOSE races are expected in three districts, officials said.") is None
    assert bp.interface_reason("Follow the money: the council's budget, line by line.") is None
    assert bp.interface_reason("The crews said they wanted more.") is None
    assert bp.interface_reason('"We need more," Berg said. "Much more."') is None


def test_mis_decoded_utf8_is_repaired_and_real_accents_left_alone():
    """Scrapers that read UTF-8 as cp1252 leave "itâ€™s" and "cafÃ©"; the cleaner puts the
    text, title and byline right, drops C1 control characters left over from such damage,
    and leaves text that merely has accents ("SÃO PAULO", "Zürich") as it is."""
    body = ("SÃO PAULO, March 3 - The cafÃ© owners of SÃ£o Paulo said on Tuesday that "
            "itâ€™s the â€œworst winterâ€\x9d in a decade for their trade in Zürich-style pastries.\n"
            "Sales fell by a third in February, according to the owners\u0092 association, "
            "which asked the city for help with rents.\n"
            "Rents in the centre rose by 12 percent last year,\u009d the association said.")
    raw = RawDoc(path="cafes.txt", text=body, format="text", title="CafÃ©s in SÃ£o Paulo struggle",
                 byline="JosÃ© Ribeiro")
    art = clean_document(raw)
    assert isinstance(art, Article), art
    assert "The café owners of São Paulo said on Tuesday that it’s the “worst winter” in a decade" in art.text
    assert "Zürich-style" in art.text and "owners’ association" in art.text  # cp1252's 0x92 too
    assert "12 percent last year, the association said." in art.text
    assert art.title == "Cafés in São Paulo struggle" and art.byline == "José Ribeiro"
    assert art.dateline == "SÃO PAULO"
    assert not any("\u0080" <= ch <= "\u009f" for ch in art.text)


def test_a_headline_run_into_the_body_twice_is_the_title_and_not_the_first_sentence():
    from chorus.analyze.sentencebank import SentenceBank

    head = "Passenger Who Arrived At Kesslow Airport Being Checked For Measles"
    raw = RawDoc(path="p.txt", format="text", text=(
        f"{head} {head} A passenger who arrived at Kesslow airport from Brussels is being checked for "
        "possible symptoms of measles, health officials said on Friday.\n"
        "The passenger was taken to the city hospital, and the airline said it had contacted everyone who "
        "sat nearby on the flight."))
    art = clean_document(raw)
    assert isinstance(art, Article) and art.title == head
    assert art.text.startswith(head)  # the text itself is left as the page had it
    assert SentenceBank([art]).display_text(0).startswith("A passenger who arrived at Kesslow airport")


def test_feed_footers_and_syndication_notes_are_boilerplate():
    body = ("The port of Kesslow reopened to shipping on Tuesday morning, two days after a storm tore away "
            "part of the northern breakwater, the harbour authority said.\n"
            "Pilots guided the first container ship through the damaged entrance at dawn, and the authority "
            "said repairs would take at least six weeks.\n")
    for footer in ("The post Port of Kesslow reopens after storm appeared first on Harbour Wire.",
                   "This article is republished from The Conversation under a Creative Commons license. "
                   "Read the original article.",
                   "This story first appeared in the March 12 issue of Harbour Wire magazine."):
        art = clean_document(RawDoc(path="f.rss", text=body + footer, format="feed", structured=True))
        assert footer not in art.text and art.text.startswith("The port of Kesslow")
        assert _reasons(art)[footer] == "feed or syndication footer"
    kept = "The post office on the quay reopened on Tuesday after the storm, the harbour authority said."
    assert kept in clean_document(RawDoc(path="g.txt", text=body + kept, format="text")).text


def test_story_highlights_are_the_editors_bullets_not_the_story():
    raw = RawDoc(path="highlights.txt", format="text", text=(
        "Story highlights Tomas Brandt, 31, charged in connection with the ferry fire\n\n"
        "This is the third fire on the line this year\n\n"
        "(CNN) A Norvale man pleaded not guilty on Friday to charges over the fire on the night ferry "
        "that injured four crew members.\n\n"
        "Tomas Brandt, 31, will remain in jail without bond, the judge said."))
    art = clean_document(raw)
    assert art.text.startswith("(CNN) A Norvale man pleaded not guilty") or art.text.startswith(
        "A Norvale man pleaded not guilty")
    assert "Story highlights" not in art.text and "third fire on the line" not in art.text
    assert art.title is None  # neither bullet is the story's title


@pytest.mark.parametrize("opening,place,wire", [
    ("FORT WAYNE, Ind. (WANE) The mother accused of killing her two children spoke on Monday.",
     "FORT WAYNE, Ind.", ["WANE"]),
    ("WASHINGTON (Reuters) The Senate voted on Friday to pass the bill.", "WASHINGTON", ["Reuters"]),
    ("Apple (AAPL) Chief executive Tim Cook said on Monday that sales rose.", None, []),
    ("NATO (North Atlantic Treaty Organization) Allies met on Monday in Brussels.", None, []),
])
def test_dateline_with_an_agency_and_no_dash(opening, place, wire):
    from chorus.metadata import dateline

    assert dateline(opening) == (place, wire)


def test_a_row_of_share_buttons_with_pin_is_no_title():
    text = ("share tweet pin email\n\nHeath Harding, 18, says he is the slacker of his nine siblings, "
            "though he earned a master's degree in computer science at age 17.\n\n"
            "His parents taught all ten children at home in Colorado, the family said on Monday.\n")
    art = clean_document(RawDoc("harding.txt", text, "text"))
    assert art.title != "share tweet pin email"
    assert _reasons(art)["share tweet pin email"] == "share buttons"
    assert art.text.startswith("Heath Harding")


@pytest.mark.parametrize("note", [
    "This article was amended on 9 June 2016. Two quotes attributed to the lawyer were made by another lawyer.",
    "Correction 31 July 2017: This article has been amended to make clear that the port reopened on Friday.",
    "This story has been updated to include quotes from the harbour master.",
])
def test_an_editors_note_on_a_change_to_the_story_is_kept_apart(note):
    text = ("The port of Kessel reopened on Friday after three days of flooding, the harbour authority said.\n\n"
            "Ferries to the islands will run on a reduced timetable until Monday, the authority added.\n\n"
            f"{note}\n")
    art = clean_document(RawDoc("kessel.txt", text, "text"))
    assert _reasons(art)[note] == "correction or update note"
    assert note not in art.text and art.text.startswith("The port of Kessel reopened")


def test_a_gallery_of_captions_cut_short_for_teasers_is_captions_whatever_its_length():
    teaser = ("FILE - In this May 24, 2016, file photo, Rep. Ana Ruiz, ranking member on the harbour committee, "
              "speaks in Kessel during a hearing. Police in Kessel say they are searching for the congresswoman's "
              "son after he was reported missing this week. The 21-year-old student,... (Associated Press) ")
    text = (teaser + teaser.replace("The 21-year-old student,...", "Police say they're...").strip() + "\n\n"
            "KESSEL (AP) — Police say the missing son of Rep. Ana Ruiz has been found safe in a hotel.\n\n"
            "A police spokesman said the student was found early on Friday and was in good health.\n")
    art = clean_document(RawDoc("ruiz.txt", text, "text"))
    assert art.text.startswith("KESSEL (AP)") or art.text.startswith("Police say the missing son"), art.text[:80]
    assert "FILE -" not in art.text


def test_a_script_notice_is_no_title_and_no_sentence():
    text = ("Please enable Javascript to watch this video\n\n"
            "Sarah Robinson says that she'll do anything for her six kids, and on Monday she asked the city "
            "council in Kessel for a larger flat.\n\n"
            "The council said it would decide by the end of the month.\n\n"
            "You need to enable JavaScript to use SoundCloud\n")
    art = clean_document(RawDoc("robinson.txt", text, "text"))
    reasons = _reasons(art)
    assert reasons["Please enable Javascript to watch this video"] == "script notice"
    assert reasons["You need to enable JavaScript to use SoundCloud"] == "script notice"
    assert art.title != "Please enable Javascript to watch this video" and "JavaScript" not in art.text


def test_a_section_label_with_its_more_link_is_navigation_not_a_title():
    text = ("Most Popular Stories Most Popular Stories More>>\n\n"
            "A Minnesota man whom officials call a security risk is studying for a commercial driving licence, "
            "investigators said on Monday.\n\n"
            "The state licensing office said it could not comment on a single applicant.\n")
    art = clean_document(RawDoc("fox9.txt", text, "text"))
    assert _reasons(art)["Most Popular Stories Most Popular Stories More>>"] == "site navigation"
    assert art.title is None or "Popular" not in art.title
