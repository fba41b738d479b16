"""Framing by weighted log-odds with an informative Dirichlet prior, on text written here."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from chorus.analyze import framing
from chorus.analyze.framing import log_odds
from chorus.model import Article, Event
from chorus.sentences import split_sentences


def test_log_odds_matches_the_formula():
    ci = Counter({"junta": 4, "army": 1})
    cj = Counter({"government": 5, "army": 3})
    prior = ci + cj
    a0 = 2.0
    z = log_odds(ci, cj, prior, a0)
    total = sum(prior.values())
    a_w = a0 * prior["junta"] / total
    n_i, n_j = 5, 8
    delta = math.log((4 + a_w) / (n_i + a0 - 4 - a_w)) - math.log(a_w / (n_j + a0 - a_w))
    var = 1 / (4 + a_w) + 1 / a_w
    assert z["junta"] == pytest.approx(delta / math.sqrt(var))
    # a word the outlet uses less often than the others scores below zero
    assert z["army"] < 0


def art(aid, text, outlet=None):
    return Article(id=aid, text=text, sentences=split_sentences(text), outlet=outlet,
                   published="2023-06-01")


JUNTA = ("The junta ordered troops into the capital. Critics of the junta say the junta fears "
         "protests. Soldiers loyal to the junta fired on protesters. The regime denied it.")
GOV1 = ("The government ordered troops into the capital. Critics of the government say it fears "
        "unrest. Soldiers fired on demonstrators, the government said.")
GOV2 = ("The government deployed soldiers in the capital. The government said demonstrators "
        "attacked a police station. The authorities imposed a curfew.")


def test_outlet_choosing_a_different_label_ranks_it_first():
    arts = [art("a", JUNTA, "Paper A"), art("b", GOV1, "Paper B"), art("c", GOV2, "Paper C")]
    out = {f["outlet"]: f for f in framing.analyze(Event(id="e", articles=[]), arts)["framing"]}
    top_a = [t["term"] for t in out["Paper A"]["terms"][:10]]
    assert "junta" in top_a
    assert "government" not in top_a
    assert "government" in [t["term"] for t in out["Paper B"]["terms"][:10]]
    zs = [t["z"] for t in out["Paper A"]["terms"]]
    assert all(z > 0 for z in zs)
    groups = {g["group"]: g["labels"] for g in out["Paper A"]["groups"]}
    assert groups["state"]["junta"] == 4


def test_articles_of_one_outlet_are_pooled_and_unknown_outlets_keyed_by_article():
    arts = [art("a1", JUNTA, "Paper A"), art("a2", JUNTA.replace("capital", "city"), "Paper A"),
            art("x", GOV1), art("y", GOV2)]
    out = framing.analyze(Event(id="e", articles=[]), arts)["framing"]
    assert len(out) == 3
    pooled = [f for f in out if f["outlet"] == "Paper A"][0]
    assert pooled["articles"] == ["a1", "a2"]
    keyed = sorted(f["article"] for f in out if f["outlet"] is None)
    assert keyed == ["x", "y"]


def test_names_are_not_framing_terms():
    arts = [art("a", "Premier Valdano spoke. Valdano said the rebels attacked. Valdano left."),
            art("b", "The insurgents attacked, the premier said. The insurgents retreated.")]
    out = framing.analyze(Event(id="e", articles=[]), arts)["framing"]
    terms = {t["term"] for f in out for t in f["terms"]}
    assert "valdano" not in terms
    assert "insurgents" in terms


def test_single_source_has_nothing_to_compare():
    assert framing.analyze(Event(id="e", articles=[]), [art("a", JUNTA)])["framing"] == []


def test_stories_without_known_labels_still_get_terms():
    arts = [art("a", "Layoffs hit the plant. The layoffs follow weak orders. More layoffs loom."),
            art("b", "Job cuts hit the plant. The cuts follow weak orders. More cuts loom.")]
    out = {f["article"]: f for f in framing.analyze(Event(id="e", articles=[]), arts)["framing"]}
    assert "layoffs" in [t["term"] for t in out["a"]["terms"][:5]]
    assert "cuts" in [t["term"] for t in out["b"]["terms"][:5]]


def test_words_inside_quotations_are_the_speakers_not_the_outlets():
    arts = [art("a", "The government met. \"These rioters are criminals,\" the minister said. "
                     "The government said order was restored."),
            art("b", "Protesters gathered. Protesters marched to the square. The government "
                     "sent police to meet the protesters.")]
    out = {f["article"]: f for f in framing.analyze(Event(id="e", articles=[]), arts)["framing"]}
    terms_a = [t["term"] for t in out["a"]["terms"]]
    assert "rioters" not in terms_a and "criminals" not in terms_a


def _framing_by_outlet(texts: dict) -> list:
    """The framing of an event made of one article per text, each from an outlet of its own."""
    from chorus.analyze import framing
    from chorus.model import Article, Event
    from chorus.sentences import split_sentences

    arts = [Article(id=k, text=t, sentences=split_sentences(t), outlet=f"Outlet {k}") for k, t in texts.items()]
    return framing.analyze(Event(id="e", articles=list(texts)), arts)["framing"]


def test_words_with_an_everyday_sense_make_no_group_on_their_own():
    texts = {"a": "The actress said the campaign paid her before the election. Her lawyer called the legal "
                  "dispute absurd and said the campaign knew of the payment.",
             "b": "The lawyer said the dispute over the payment would go to court. The campaign denied any "
                  "wrongdoing in the dispute."}
    out = _framing_by_outlet(texts)
    groups = {g["group"] for o in out for g in o["groups"]}
    assert not groups & {"military action", "labour action"}, groups
    # a criminal "assault" is no military action either
    texts = {"a": "The former student was convicted of sexual assault. The judge's sentence for the assault "
                  "drew a campaign to recall him.",
             "b": "Jurors refused to serve after the assault case. Activists said the assault sentence was too "
                  "light."}
    out = _framing_by_outlet(texts)
    assert "military action" not in {g["group"] for o in out for g in o["groups"]}


def test_contractions_and_ages_are_no_wording():
    texts = {"a": "The 41-year-old singer didn't appear. Fans didn't know, and the band won't say why. "
                  "The year-old dispute didn't end.",
             "b": "The singer cancelled the concert in Chicago. The band gave no reason for the cancellation."}
    out = {f["article"]: f for f in _framing_by_outlet(texts)}
    words = {t["term"] for t in out["a"]["terms"]} | {t["term"] for t in out["a"]["distinctive"]}
    assert not words & {"didn't", "won't", "year-old"}, words

