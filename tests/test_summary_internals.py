"""The fast paths under summaries and facts give what the plain definitions give.

TF-IDF vectors built on lists against the general construction and their
products without scipy against scipy's own products (to the last bit), stems
against the plain suffix loop,
pattern searches that look for required substrings first against the patterns
themselves, byte counts against the regexes they replace, and the salience
parts shared by the headline and the summary against a fresh computation.
"""

from __future__ import annotations

import re

import numpy as np
from scipy.sparse import csr_matrix

from chorus.analyze import sentencebank, summary, textstats
from chorus.analyze.sentencebank import SentenceBank
from chorus.model import Article
from chorus.sentences import split_sentences

TEXTS = [
    "The council in Ostrava voted on Tuesday to close the coal plant by 2030, officials said.",
    "Officials said the council voted to close the plant, which employs 3,000 people, by 2030.",
    "“We will not leave,” protesters told reporters outside the council building on Tuesday.",
    "Click here to subscribe to our newsletter. Photo: the plant (Jan Novak/Reuters)",
    "THE PLANT WILL CLOSE, SAID THE MAYOR OF OSTRAVA ON TUESDAY EVENING.",
    "İstanbul’s ΟΔΟΣ ΣΑΣ.Β and snake_case words; ſaid the KELVIN-K sign.",
    "",
    "Two words",
    "In a“quote”statement the minister added that talks would resume in March.",
    "according  to the statement, he said: “It is over.”",
]


def _article(text: str, aid: str) -> Article:
    a = Article(id=aid, text=text)
    a.sentences = split_sentences(text)
    return a


ARTICLES = [
    _article(" ".join(TEXTS[:3]) + " The plant has operated since 1952 and employs seven hundred people.", "a1"),
    _article("Ostrava's council voted on Tuesday to close the coal plant by 2030. " + TEXTS[2]
             + " Workers said they would strike. He said it was a sad day for the city.", "a2"),
    _article("The coal plant in Ostrava will close by 2030 after a council vote on Tuesday, officials said. "
             "Some 3,000 people work there.", "a3"),
]


def test_vector_products_equal_scipy_bit_for_bit():
    rows = [textstats.content_terms(t) for t in TEXTS] + [["plant", "plant", "coal"], []]
    v = textstats.Vectors(rows)
    m = v.matrix
    assert isinstance(m, csr_matrix) and m.shape == (len(rows), len(v.vocab))
    pick = np.array([0, 2, 4, 9, 10])
    assert v.cross(pick).tobytes() == (m[pick] @ m.T).toarray().tobytes()
    vec = np.linspace(0.1, 1.0, m.shape[1])
    assert v.dot(pick, vec).tobytes() == np.asarray(m[pick] @ vec).ravel().tobytes()
    group = np.array([0, 0, 1, 1, 2, 2, 0, 1, 2, 0, 1, 2])
    mask = np.arange(len(rows)) % 3 != 1
    ones = csr_matrix((mask.astype(float), (group, np.arange(len(rows)))), shape=(3, len(rows)))
    assert v.group_sum(group, 3, mask).tobytes() == np.asarray((ones @ m).todense()).tobytes()
    # Rows are L2-normalised; a row without terms stays empty.
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    assert np.allclose(norms[[0, 1, 2, 10]], [1.0, 1.0, 1.0, 1.0]) and norms[11] == 0.0


def test_vectors_of_nothing():
    for rows in ([], [[]], [[], ["a", "a", "b"], []]):
        v = textstats.Vectors(rows)
        assert v.matrix.shape == (len(rows), len(v.vocab))
        assert v.cross(np.arange(len(rows))).shape == (len(rows), len(rows))


def test_word_tokens_are_the_regex_tokens_lower_cased():
    for text in TEXTS:
        expected = [w.lower().replace("’", "'") for w in textstats._WORD.findall(text)]
        assert textstats.words(text) == expected
        assert textstats.content_terms(text) == [textstats.stem(w) for w in expected
                                                 if w not in textstats.STOPWORDS and len(w) > 1]


def test_word_tokens_of_mixed_punctuation_are_the_regex_tokens():
    # The ASCII fast path (typographic quotes, dashes and apostrophes replaced
    # first) against the regex, on strings where apostrophes, dashes and
    # letters that change length when lower-cased meet.
    import random

    rnd = random.Random(7)
    alphabet = "aZ09'’“”‘—–… _-.,İΣéß\u212a\t"
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        expected = [w.lower().replace("’", "'") for w in textstats._WORD.findall(text)]
        assert textstats.words(text) == expected, text
    for text in ("don't 'quote' rock'n'roll ''twice'' o'", "It’s “quoted” — twice… ‘so’", "A'B''C'"):
        assert textstats.words(text) == [w.lower().replace("’", "'") for w in textstats._WORD.findall(text)]


def test_prefiltered_search_agrees_with_the_pattern():
    probes = TEXTS + [t.lower() for t in TEXTS] + [t.upper() for t in TEXTS] + [
        "He SAİD so.", "She ſaid it", "ACCORDING TO him", "in an interview", "noted:", "the notes_ said"]
    for fast in (sentencebank._BOILER_SEARCH, sentencebank._ATTRIB_SEARCH):
        assert fast.hints or fast.words  # the fast path is in use
        for text in probes:
            assert bool(fast.search(text)) == bool(fast.pattern.search(text)), (fast.pattern.pattern[:20], text)


def test_required_substrings_of_a_pattern():
    pat = re.compile(r"https?://|\bsign (?:up|in)\b|share\W+tweet|photo(?:graph)?:")
    assert set(sentencebank._literal_hints(pat)) == {"http", "sign ", "share", "photo"}
    assert sentencebank._literal_hints(re.compile(r"\d+|abc")) is None  # an alternative with no plain text
    assert sentencebank._bounded_words(re.compile(r"\b(?:Said|told)\b", re.I)) == ("said", "told")
    assert sentencebank._bounded_words(re.compile(r"\bsaid\w*\b")) is None


def test_byte_counts_equal_the_regex_counts():
    for text in TEXTS + ["Ünïcödé — “quoted” _under_ ÀÉ ¿Qué? 1,000 €", "\udcff lone surrogate"]:
        odd = len(sentencebank._ODD.findall(text))
        upper = len(sentencebank._UPPER.findall(text))
        assert sentencebank._odd_upper(text) == (odd, upper)


def test_numbers_are_worked_out_when_asked_for():
    bank = SentenceBank(ARTICLES)
    assert len(bank.nums) == len(bank)
    for i, t in enumerate(bank.texts):
        assert bank.nums[i] == textstats.numbers(t)
    assert list(bank.nums) == [textstats.numbers(t) for t in bank.texts]


def test_shared_salience_parts_equal_a_fresh_computation():
    for arts in (ARTICLES, ARTICLES[:1]):
        for first, then in (((summary.HEADLINE, 3), (summary.DEFAULT, 40)), ((summary.DEFAULT, 40), (summary.HEADLINE, 3))):
            bank = SentenceBank(arts)
            summary.salience(bank, *first)
            got = summary.salience(bank, *then)
            fresh = SentenceBank(arts)
            rows, ranks, sim, cent, support = summary._compute_parts(fresh, summary._candidate_cap(fresh, then[1]))
            assert np.array_equal(got[0], rows)
            assert got[2].tobytes() == sim.tobytes()
            assert got[1].tobytes() == summary.salience(SentenceBank(arts), *then)[1].tobytes()
            assert len(rows) and sim.shape == (len(rows), len(bank))


def test_small_vectors_equal_the_general_construction():
    # Passing the rows themselves as df_docs gives the same document
    # frequencies but takes the general (numpy) construction.
    rows = [textstats.content_terms(t) for t in TEXTS] + [["plant", "plant", "coal"], [], ["a"] * 3 + ["b"]]
    rows += [[f"t{k % 13}" for k in range(j, j + 140)] for j in range(3)]  # rows of more than 128 terms
    for sample in (rows, rows[:1], [[]], [[], ["x"]], []):
        small, general = textstats.Vectors(sample), textstats.Vectors(sample, df_docs=sample)
        for name in ("data", "indices", "indptr", "row", "idf"):
            a, b = getattr(small, name), getattr(general, name)
            assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), name
        assert small.vocab == general.vocab and small.shape == general.shape


def _stem_reference(word: str) -> str:
    # The stemmer as first written: every suffix tried in turn.
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or w.isdigit():
        return w
    if w[-1] == "s":
        if w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "y"
        elif w.endswith("sses"):
            w = w[:-2]
        elif not w.endswith(("ss", "us", "is")):
            w = w[:-1]
    for suf in ("ingly", "edly", "ing", "ed", "ly"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if w[-1] == "e" and len(w) > 4:
        w = w[:-1]
    return w


def test_stems_equal_the_plain_definition():
    words = {w for t in TEXTS for w in textstats.words(t)}
    for stem in ("a", "ab", "abc", "abcd", "runn", "hopp", "fill", "buzz", "ss", "us", "is", "kingl", "edl"):
        for suf in ("", "ingly", "edly", "ing", "ed", "ly", "s", "ies", "sses", "'s", "e", "ingy", "edy"):
            words.update({stem + suf, (stem + suf).upper()})
    for w in words:
        assert textstats._stem(w) == _stem_reference(w), w


def test_bank_lists_equal_its_arrays():
    bank = SentenceBank(ARTICLES)
    assert bank.art_l == bank.art.tolist() and bank.pos_l == bank.pos.tolist()
    assert bank.nwords_l == bank.nwords.tolist() and bank.ok_l == bank.ok.tolist()
    assert bank.statement_l == bank.statement.tolist() and bank.dangling_l == bank.dangling.tolist()
    assert bank.quote_ctx_l == bank.quote_ctx.tolist()
