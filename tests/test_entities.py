"""Rule-based entities on text written for these tests."""

from __future__ import annotations

from chorus.analyze import entities
from chorus.model import Article, Event
from chorus.sentences import split_sentences


def art(aid, text):
    return Article(id=aid, text=text, sentences=split_sentences(text), published="2023-06-01")


A = ("Foreign Minister Anna Kowalczyk arrived in Valmora on Tuesday. Kowalczyk said the "
     "International Grain Council would send inspectors to the port of Ostrava.\n"
     "Workers at the Ostrava docks went on strike. Workers said the Council had ignored them.\n"
     "The World Health Organization (WHO) warned of shortages in Valmora.")
B = ("Polish diplomat Ana Kowalczyk met union leader Marek Zielinski in Valmora. "
     "Zielinski told the WHO that the International Grain Council was slow. "
     "Rebels said they controlled the road from Valmora to Kerst.")


def by_name(found):
    return {e["name"]: e for e in found}


def run(*arts):
    return entities.analyze(Event(id="e", articles=[a.id for a in arts]), list(arts))["entities"]


def test_people_with_titles_and_surnames_merge():
    ents = by_name(run(art("a", A), art("b", B)))
    kow = [e for e in ents.values() if "Kowalczyk" in e["name"]]
    assert len(kow) == 1, kow
    assert kow[0]["kind"] == "person"
    assert "Kowalczyk" in kow[0]["variants"]
    assert set(kow[0]["articles"]) == {"a", "b"}
    assert "Foreign Minister Anna Kowalczyk" not in kow[0]["name"]
    assert ents["Marek Zielinski"]["kind"] == "person"


def test_organisations_and_acronyms():
    ents = by_name(run(art("a", A), art("b", B)))
    assert ents["International Grain Council"]["kind"] == "organisation"
    who = [e for e in ents.values() if e["name"] in ("World Health Organization", "WHO")]
    assert len(who) == 1 and who[0]["kind"] == "organisation"
    assert {"WHO", "World Health Organization"} <= set(who[0]["variants"])


def test_places_from_prepositions():
    ents = by_name(run(art("a", A), art("b", B)))
    assert ents["Valmora"]["kind"] == "place"
    assert ents["Valmora"]["articles"] == ["a", "b"]


def test_common_words_at_sentence_start_are_not_entities():
    names = {e["name"] for e in run(art("a", A), art("b", B))}
    assert "Workers" not in names
    assert "Rebels" not in names
    assert "Tuesday" not in names


def test_bare_institutions_states_and_party_members():
    a = art("c", "Congress passed the bill on Friday after the White House said New Jersey and West Virginia "
                 "would get more money. Democrats said the Senate would vote next week. "
                 "Congress said the New Jersey plan was fair, and the White House agreed.")
    found = by_name(run(a))
    assert found["Congress"]["kind"] == "organisation" and found["White House"]["kind"] == "organisation"
    assert found["Senate"]["kind"] == "organisation"
    assert found["New Jersey"]["kind"] == "place"
    assert "Democrats" not in found


def test_names_with_letters_past_ascii_stay_whole():
    """Names are not cut at their first accented letter: "Nicolás Maduro" was "Nicol" and
    "Maduro", "Juan Guaidó" "Juan Guaid", "São Paulo" "S" and "Paulo"."""
    text = ("President Nicolás Maduro blamed the opposition on Friday. Opposition leader Juan Guaidó "
            "called for protests in Caracas, and Delcy Rodríguez said the army was loyal.\n"
            "Prime Minister Nguyễn Xuân Phúc spoke to reporters in Hanoi about the talks.\n"
            "Maduro later flew to São Paulo, where Guaidó had no supporters waiting.")
    ents = by_name(run(art("a", text)))
    for name in ("Nicolás Maduro", "Juan Guaidó", "Delcy Rodríguez", "Nguyễn Xuân Phúc"):
        assert ents[name]["kind"] == "person", (name, sorted(ents))
    assert "Maduro" in ents["Nicolás Maduro"]["variants"]
    assert ents["São Paulo"]["kind"] == "place"
    assert not {"Nicol", "Juan Guaid", "S", "Paulo", "Rodr"} & set(ents), sorted(ents)


def test_people_named_with_their_office_and_titles_alone():
    """"Travis County District Attorney Margaret Moore" is Margaret Moore, a person (the
    office's words once made the whole phrase an organisation); a title alone ("the CEO",
    "the General") names nobody, while NATO alone is still the alliance."""
    text = ("European Council President Herman Van Rompuy met NATO officials in Brussels on Monday. "
            "Travis County District Attorney Margaret Moore said the case was closed.\n"
            "The CEO declined to comment. Van Rompuy said NATO would meet again, and Moore agreed.")
    ents = by_name(run(art("a", text)))
    assert ents["Herman Van Rompuy"]["kind"] == "person" and "Van Rompuy" in ents["Herman Van Rompuy"]["variants"]
    assert ents["Margaret Moore"]["kind"] == "person"
    assert ents["NATO"]["kind"] == "organisation"
    assert "CEO" not in ents and not any("Attorney" in n or "Council President" in n for n in ents), sorted(ents)


def test_a_name_spelled_with_and_without_accents_is_one_entity():
    a = art("a", "Opposition leader Juan Guaidó spoke in São Paulo on Monday. Guaidó said the army must choose.")
    b = art("b", "Opposition leader Juan Guaido spoke in Sao Paulo on Monday. Guaido said the army must choose.")
    ents = by_name(run(a, b))
    assert set(ents) == {"Juan Guaidó", "São Paulo"}, sorted(ents)
    assert ents["São Paulo"]["variants"] == ["Sao Paulo", "São Paulo"] and ents["São Paulo"]["articles"] == ["a", "b"]


def test_lone_initials_contractions_and_words_of_speech_are_not_entities():
    text = ("\u201cI'm not leaving,\u201d Mayor Anna Berg said on Monday in Valmora. \u201cLet them come. Oh, "
            "and please tell the WHO.\u201d\n\u201cI'm sure,\u201d said Jonas K. Lind of the U. S. office. "
            "\u201cLet us wait. Please be patient. Well, we are ready.\u201d Berg met Lind in Valmora.")
    ents = by_name(run(art("a", text)))
    assert not {"I'm", "Let", "Oh", "Please", "Well", "K", "U", "S."} & set(ents), sorted(ents)
    assert {"Anna Berg", "Valmora", "WHO"} <= set(ents), sorted(ents)


def test_kinds_on_the_way_news_copy_names_things():
    # Written after a reading of scraped news: platforms read as places ("on Facebook"), a
    # source read as a place ("according to Lena Varga"), bodies and streets without a
    # telling context read as people, a title left on a name, a lone surname, a party's
    # members as a person.
    text = ("The Coast Guard searched the bay near Korva Beach on Tuesday, according to Lena Varga. "
            "Lena Varga posted a video on Facebook. Councilman Piet Aro thanked Varga. "
            "Varga works at the Sella Museum on Church Street. "
            "House Republicans criticised the Coast Guard. "
            "\"We had no idea,\" Aro said. Following Aro, the mayor spoke.\n"
            "Gov. Dana Holm praised the Coast Guard and Malaysia Airlines. Holm said the Academy Awards "
            "would go ahead. The Academy Awards drew 900 guests. Sella Airways flew to Los Angeles.")
    ents = by_name(run(art("a", text)))
    kinds = {n: e["kind"] for n, e in ents.items()}
    assert kinds["Coast Guard"] == "organisation"
    assert kinds["Facebook"] == "organisation"
    assert kinds["Lena Varga"] == "person" and "Varga" in ents["Lena Varga"]["variants"]
    assert kinds["Korva Beach"] == "place" and kinds["Church Street"] == "place"
    assert kinds["Malaysia Airlines"] == "organisation" and kinds["Sella Airways"] == "organisation"
    assert kinds["Academy Awards"] == "other"
    assert kinds["Los Angeles"] == "place"
    assert "Dana Holm" in kinds and "Gov. Dana Holm" not in kinds
    assert kinds["Piet Aro"] == "person" and "Councilman Piet Aro" not in kinds
    assert not any(n.startswith(("House Republicans", "Following")) for n in kinds)


def test_studios_magazines_boulevards_and_apartments():
    text = ("Paramount Pictures sued Axanar Productions over the film. The Hollywood Reporter said the suit "
            "was filed on Tuesday. Police found the car on Southmore Boulevard. The officer lived at the "
            "Lincoln Apartments before he moved to St. Clair Shores.")
    kinds = {n: e["kind"] for n, e in by_name(run(art("a", text))).items()}
    assert kinds["Paramount Pictures"] == kinds["Axanar Productions"] == kinds["Hollywood Reporter"] == "organisation"
    assert kinds["Southmore Boulevard"] == kinds["Lincoln Apartments"] == kinds["St. Clair Shores"] == "place"


def test_abbreviated_months_and_days_are_no_entities():
    text = ("She lost her youngest son Dylan in the Dec. 2012 Sandy Hook Elementary School shooting. "
            "The parents of eight of the children killed in the Dec. 14, 2012, carnage filed the lawsuit "
            "in Bridgeport. Lawyers for the families said on Wed. that the company would answer by Jan. 30.")
    names = set(by_name(run(art("a", text))))
    assert not names & {"Dec", "Wed", "Jan"}, names
    assert "Bridgeport" in names
