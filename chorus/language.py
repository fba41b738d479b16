"""The language an article is written in.

Chorus's analyses of wording (who said what, figures, framing, named
entities, dates in the text) read English; a page in another language is
still read, cleaned, grouped and summarised, but those analyses leave it out
rather than misread it (German capitalises every noun, "15.000" is fifteen
thousand, French attributes quotations with "a déclaré").

Two steps, cheap first:

* English is recognised by its function words: on English news pages "the",
  "of", "and", "that", ... make up a large share of the words (5% or more of
  the first hundred words on 780 of the 790 pages of the benchmark files,
  usually 15-25%), and next to none on pages in other languages. Nearly
  every page stops here, at the cost of a few substring counts.
* Anything else goes to ``py3langid`` (a naive Bayes classifier over byte
  n-grams for 97 languages, its model shipped inside the package), loaded on
  first use. Its answer is taken when it is English, or when it is confident: text that is no
  natural language (the invented words of the benchmark generator, long
  lists of names or numbers) gets ``und``, undetermined, and is treated as
  English would be, as before. Text mostly in another script (Arabic,
  Cyrillic, Chinese, ...) is not English whatever the classifier's
  confidence, so its best guess is taken there.

Codes are ISO 639-1 (``en``, ``fr``, ``de``, ...) as the classifier gives them.
"""

from __future__ import annotations

import re
import threading

ENGLISH = "en"
UNDETERMINED = "und"

# How much of the text is looked at: the opening carries the language, and a
# bounded sample keeps the cost per page flat.
SAMPLE_CHARS = 1200
QUICK_CHARS = 600  # (the first, quick look at English: about a hundred words)
# Share of words that are English function words above which a page is
# English without asking the classifier.
ENGLISH_SHARE = 0.05
# The classifier's normalised probability needed to call a page another
# language: a paragraph of real French, German, Spanish or Russian news gets
# 0.9997 or more; the benchmark generator's invented words up to 0.94.
MIN_CONFIDENCE = 0.99
# Fewer letters than this say too little to call a language.
MIN_LETTERS = 40

# Words other languages do not use as words of their own: no "in", "a", "an",
# "to", "is", "was", "for", "over", "at", "by", "also" (German, Dutch,
# Scandinavian, Romance or Slavic words too).
_FUNCTION_WORDS = frozenset(
    "the of and that with from this which would their they were been have has said after about "
    "there when who his its than into but not it be are".split())
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")

# Chinese and Japanese (kana too): scripts written without spaces between words.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Average length of a word in characters in those scripts (Chinese words are
# mostly one or two characters): how a run of them is counted in words.
CJK_CHARS_PER_WORD = 2


def word_count(text: str) -> int:
    """Number of words, the unit summary budgets and line shapes are counted in:
    whitespace-separated words, where text written without spaces (Chinese,
    Japanese) counts one word per ``CJK_CHARS_PER_WORD`` characters."""
    n = len(text.split())
    if text.isascii() or not CJK.search(text):
        return n
    runs = CJK.findall(text)
    if not runs:
        return n
    chars = sum(len(r) for r in runs)
    # each run was counted as (part of) one whitespace word already
    return max(1, n - len(runs) + -(-chars // CJK_CHARS_PER_WORD))


def cjk_spaced(text: str) -> str:
    """``text`` with a space around each Chinese or Japanese character, for a word
    index (SQLite FTS5's tokenizer takes a run of them for one word, so a word
    inside the run could never be found): indexed this way, and searched as a
    phrase of characters, any word of such text is found."""
    if text.isascii() or not CJK.search(text):
        return text
    return CJK.sub(lambda m: " " + " ".join(m.group()) + " ", text)


_identifier = None
_lock = threading.Lock()


def _classifier():
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def english_share(text: str) -> float:
    """Share of the words of ``text`` that are English function words."""
    found = _WORD.findall(text.lower())
    return _share(found)


def _share(found: list[str]) -> float:
    return sum(1 for w in found if w in _FUNCTION_WORDS) / len(found) if found else 0.0


_PADDED = tuple(f" {w} " for w in _FUNCTION_WORDS)


def _quick_english(sample: str) -> bool:
    """The function-word share counted on spaces alone (a word next to a
    punctuation mark is missed, so it can only come out lower than
    ``english_share``): enough to see most English pages as English at a tenth
    of the cost of tokenising them."""
    low = sample.lower().replace("\n", " ")
    n = low.count(" ") + 1
    return n >= 20 and sum(low.count(w) for w in _PADDED) >= ENGLISH_SHARE * n


def detect(text: str) -> str:
    """The language of ``text``: an ISO 639-1 code, or ``und`` when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    if _quick_english(text[:QUICK_CHARS]):
        return ENGLISH
    found = _WORD.findall(sample.lower())
    if sum(map(len, found)) < MIN_LETTERS:
        return UNDETERMINED
    if _share(found) >= ENGLISH_SHARE:
        return ENGLISH
    code, confidence = _classifier().classify(sample)
    if confidence >= MIN_CONFIDENCE or code == ENGLISH:  # (undetermined reads as English anyway)
        return str(code)
    # Mostly letters of another script (Arabic, Cyrillic, Chinese, ...): not
    # English whatever else it is, so the classifier's best guess stands (it
    # may hesitate between neighbours such as Arabic and Persian).
    latin = sum(len(w) for w in found if w.isascii() or _LATIN.fullmatch(w))
    return str(code) if latin * 2 < sum(map(len, found)) else UNDETERMINED


def language_counts(articles) -> dict[str, int]:
    """Articles per language code, sorted by code (``und`` for undetermined or not recorded)."""
    counts: dict[str, int] = {}
    for a in articles:
        code = a.language or UNDETERMINED
        counts[code] = counts.get(code, 0) + 1
    return dict(sorted(counts.items()))


def reads_as_english(language: str | None) -> bool:
    """Whether the English-reading analyses apply: English, undetermined, or
    not known (articles stored before languages were recorded)."""
    return language in (None, ENGLISH, UNDETERMINED)
