"""The sentences of an event, with what the analyzers need to compare them.

One ``SentenceBank`` holds every sentence of every article of an event: its
offsets, stemmed content words, numbers, capitalised names, TF-IDF vector, and
flags saying whether it is fit to appear in a summary (not boilerplate, not a
caption, not a quotation without its speaker). Facts and summaries are both
built on it, so the two agree on what "the same statement" means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from chorus.analyze import textstats
from chorus.analyze.letters import UPPER
from chorus.metadata import BUTTON_LABEL
from chorus.model import Article

# Further down a page, only the unmistakable ones (``sentence_start``): a place in capitals with
# an agency's credit and a dash, or a place in capitals before "A", "An", "The" or a dash.
_AGENCY_DATELINE = re.compile(rf"[{UPPER}][{UPPER}.'’ -]{{2,}}(?:, [{UPPER}][\w.'’ -]{{1,25}})?\s*"
                              r"\([A-Z][\w .'-]{1,25}\)\s*(?:—|–|--|-)\s+")
_PLACE_IN_CAPITALS = re.compile(r"[A-Z]{4,}(?:[ /][A-Z]{2,}){0,2}(?:\s*(?:—|–|--)\s*|\s+(?=(?:A|An|The)\s))")
# A dateline or agency tag opening an article ("PARIS (AP) — ", "ALEPPO, Syria: ",
# "(CNN) -- "): metadata, not part of the first sentence.
_DATELINE = re.compile(
    rf"^(?:(?:[{UPPER}][{UPPER}.'’ -]+|[{UPPER}][\w.'’-]*(?:[ /][{UPPER}][\w.'’-]*){{0,3}})(?:, [{UPPER}][\w.'’ -]{{1,25}})?\s*"
    r"(?:\([^()]{1,30}\))?\s*(?:—|–|--|-|:)\s+"
    r"|\([A-Z][\w .'-]{1,25}\)\s*(?:(?:—|–|--|-)\s*)?"
    # a place in capitals and an agency credit with no dash: "FORT WAYNE, Ind. (WANE) The ..."
    rf"|[{UPPER}][{UPPER}.'’ -]+(?:, [{UPPER}][\w.'’ -]{{1,25}})?\s*\([A-Z][A-Za-z]{{1,10}}\)\s+"
    # ... a dash with no space around it: "MIAMI—When speaking about ..."
    rf"|[{UPPER}]{{2,}}(?:[ -][{UPPER}]{{2,}})*(?:, [{UPPER}][\w.'’ -]{{1,25}})?(?:—|–)"
    # ... or nothing but a space before an article: "PARIS An Algerian man ..."
    rf"|[{UPPER}]{{3,}}(?:[ -][{UPPER}]{{2,}})*\s+(?=(?:A|An|The)\s)"
    # ... two places or more: "SINGAPORE/BEIJING Flamboyant former basketball star ..."
    rf"|[{UPPER}]{{3,}}(?:/[{UPPER}]{{3,}})+\s+(?=[{UPPER}])"
    # ... a place as written in running text, then a news service's name: "Washington (CNN) Vermont ..."
    rf"|[{UPPER}][a-z]+(?: [{UPPER}][a-z]+){{0,2}}(?:, [{UPPER}][\w.]+)?\s*"
    r"\((?:CNN|AP|AFP|Reuters|UPI|Xinhua|dpa|IANS|PTI|ANI|CBS|NBC|ABC)\)\s+"
    # buttons and media labels scraped into the first line: "Email This Even at 88, ...", "[Video Link] The ..."
    rf"|{BUTTON_LABEL}"
    r"|(?:—|–|--)\s+)(?=[A-Z\"“])"
)
# A picture's credit after a bar, its caption before it: "... walk to the Senate floor
# Wednesday. | John Shinkle/POLITICO Congressional leaders reach budget deal ..."
_PIPE_CREDIT = re.compile(r"[.!?]\s+\|\s*(?:[A-Z][\w.'’-]*\s){0,4}?(?:[A-Z][\w.'’-]*/[A-Z][\w.'’-]*|Getty Images|"
                          r"AP Photo)\s")
MIN_WORDS = 8  # shorter sentences are rarely informative enough for a summary
_END = re.compile(r"[.!?][\"'”’)\]]*$")
_QUOTE_OPEN = "\"“‘'«"
_ATTRIB = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|asked|cried|shouted|recalled|explained|warned|insisted|noted|wrote|writes|"
    r"stated|declared|replied|argued|tweeted|according to|announced|claimed|called|described|"
    r"suggested|acknowledged|conceded|urged|vowed|estimated|reported|reports|explains|reads|read|"
    r"teased|joked|admitted|responded|posted|continued|recalled|quipped|insists|notes|"
    r"describes|remarks|remarked|alleges|alleged|alleging|saying|quoted|quoting|asks|admits|stressed|"
    r"stresses|maintained|maintains|commented|confirmed|denied|promised|pledged|testified|"
    r"in a statement|in an interview)\b",
    re.I,
)
_BOILER = re.compile(
    r"https?://|www\.|\S@\S+\.\w|©|all rights reserved|click here|\bsubscri|\bsign (?:up|in)\b|newsletter|"
    r"use of cookies|cookie policy|privacy policy|terms of (?:use|service)|comments? (?:are |is )?closed|"
    r"comment(?:ing)? (?:policy|guidelines)|leave a (?:reply|comment)|follow us|share this|share\W+tweet|"
    r"read more|related:|advertisement|getty images|photo(?:graph)?:|image:|\(photo|\[photo|credit:|"
    r"(?:^|[(;—–-]\s*|additional |with )(?:reporting|editing|writing) by|contributed to this report|log in|javascript|your browser|"
    r"download the app|watch video|story continues|file photo|\bfile - |"
    r"(?:story|article|report) (?:has been|was) corrected|an earlier version of th|"
    r"(?:clip|video|photo|gallery|player|tweet|post|graphic) (?:above|below)\b"
)
_CREDIT_TAIL = re.compile(r"[\(\[][^()\[\]]{0,80}(?:/|Images|Agency|Photo|AFP|AP|Reuters|Getty|EPA)[^()\[\]]{0,40}[\)\]]\s*$")
# Where-in-the-picture markers only photo captions use: "(C)", "(L-R)", "(2nd R)", "(centre)".
_PICTURE_MARK = re.compile(r"\((?:[CLR]|[LR]-[LR]|(?:\d(?:st|nd|rd|th)|second|third) (?:[LR]|left|right|from [lr]\w+)|"
                           r"cent(?:re|er)|left|right|front|back|top|bottom|in red|in blue|pictured)\)", re.I)
# Openings that lean on the sentence before: a personal pronoun (also at the
# start of a quotation), "it" unless it announces what follows ("It is likely
# that ...", "It's fun to ..."), "this"/"that"/"these"/"those" standing for
# something said before ("This has now been confirmed ..."; not "This week" or
# "Those who ..."), connectives ("But", "However", "Then,"; not "Then-President"), and a
# clause about someone named before ("When he left, he was beaming"; not "As it turns out").
# ... and written out between commas: "A Ku Klux Klansman, left, uses an American flag ..."
_PICTURE_MARK_WORDS = re.compile(r", (?:left|right|cent(?:re|er)|(?:second|third|2nd|3rd) (?:left|right)|"
                                 r"from (?:left|right)|top|bottom|front|back|foreground|background),")
_PRONOUN_START = re.compile(
    r"^(?:[\"“‘']\s*)?(?:He|She|They|His|Her|Their|Him|Them|Its)\b"
    r"|^It(?:['’]s)?\b(?!(?:['’]s|\s+(?:is|was|has been|had been|would be|will be|could be|may be|might be|"
    r"seems|seemed|appears|appeared|remains|remained|took|takes|is not|was not|isn['’]t|wasn['’]t))?"
    r"\s+(?:[\w,’'-]+\s+){0,4}?(?:to|that|for|when|whether|how|why|if)\b)"
    r"|^(?:This|That|These|Those)\s+(?:is|was|are|were|isn['’]t|wasn['’]t|aren['’]t|has|have|had|will|would|"
    r"could|can|may|might|must|should|means|meant|comes|came|marks|marked|follows|followed|includes|included|"
    r"makes|made|leads|led|prompted|sparked|caused|raises|raised|adds|added|puts|put|shows|showed)\b"
    r"|^(?:But|And|However|Yet|Nevertheless|Nonetheless|Moreover|Furthermore|Instead|Besides|Thus|Therefore|"
    r"Hence|Also|Meanwhile|Still|Then)\b(?!-)"
    # a clause about someone named before: "When he left, he was beaming ...", "Once she was in ..."
    r"|^(?:When|After|As|Although|Though|Because|Since|While|Before|Until|If|Once)\s+(?:he|she|they|it)\b"
    r"(?!\s+(?:is|was)\s+(?:likely|unclear|clear|possible|not clear|expected|reported)\b"
    r"|\s+(?:turns out|turned out|seems|seemed|may seem|might seem|appears|happens|happened)\b)")
_UPPER = re.compile(r"[A-Z]")
_ODD = re.compile(r"[^\w\s]|_")
# The same counts on ASCII text, as bytes: what is left once letters, digits and
# blank space (resp. everything but A-Z) are taken out.
_ASCII_WORD_OR_SPACE = bytes(c for c in range(128) if chr(c).isalnum() or chr(c).isspace())
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_WORD_OR_SPACE_OR_HIGH = _ASCII_WORD_OR_SPACE + bytes(range(128, 256))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_END_CLOSERS = "\"'”’)]"  # what _END lets follow the final stop
_DATE_LINE = re.compile(r"^(?:\w+day,?\s+)?(?:\d{1,2}\s+\w+|\w+\s+\d{1,2}),?\s+\d{4}")


@dataclass
class SentenceBank:
    """Every sentence of an event's articles, vectorised once."""

    articles: list[Article]
    art: np.ndarray = field(init=False)  # article index of each sentence
    pos: np.ndarray = field(init=False)  # position of the sentence inside its article
    spans: list[tuple[int, int]] = field(init=False)
    texts: list[str] = field(init=False)
    terms: list[list[str]] = field(init=False)
    nums: "Numbers" = field(init=False)  # nums[i]: sentence i's numbers (textstats.numbers)
    ok: np.ndarray = field(init=False)  # fit for a summary
    statement: np.ndarray = field(init=False)  # a full sentence stating something (quotations too)
    quote_ctx: np.ndarray = field(init=False)  # a quotation whose speaker the previous sentence names
    dangling: np.ndarray = field(init=False)  # opens with an unresolved pronoun/connective
    nwords: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        art, pos, spans, texts = [], [], [], []
        for ai, a in enumerate(self.articles):
            sents = a.sentences or []
            if not sents and a.text:
                from chorus.sentences import split_sentences

                sents = split_sentences(a.text)
            captions = {c.strip() for c in (a.captions or [])}
            title = (a.title or "").strip()
            titles = {title, title.split(": ", 1)[-1]} - {""}
            p = 0
            after_heading = False  # the previous piece was a heading (no closing punctuation)
            for s, e in sents:
                t = a.text[s:e]
                if (captions or titles) and (t.strip() in captions or t.strip() in titles):
                    continue
                opens = p == 0 or after_heading  # a title run into the body, a dateline: metadata
                s = sentence_start(a.text, _after_title(a.text, s, e, title) if opens and title else s, e,
                                   opens_article=opens)
                t = a.text[s:e]
                # (not ``_END.search(t.rstrip())``: a stop, then nothing but closing quotes and brackets)
                after_heading = t.rstrip().rstrip(_END_CLOSERS)[-1:] not in (".", "!", "?")
                art.append(ai)
                pos.append(p)
                spans.append((s, e))
                texts.append(t)
                p += 1
        self.art = np.asarray(art, dtype=np.int64)
        self.pos = np.asarray(pos, dtype=np.int64)
        self.spans = spans
        self.texts = texts
        self.terms = [textstats.content_terms(t) for t in texts]
        self.nums = Numbers(texts)
        nwords = [len(t.split()) if t.isascii() else textstats.word_count(t) for t in texts]
        self.nwords = np.asarray(nwords, dtype=np.int64)
        statement = [summary_fit(t, n, len(tm), min_words=5, quotes=True) for t, n, tm in
                     zip(texts, nwords, self.terms)]
        self.statement = np.asarray(statement, dtype=bool)
        # Full statements of MIN_WORDS words or more (what ``summary_fit`` with
        # its default length and quotes=True says), and which of them are
        # quotations without their speaker.
        long = [k and n >= MIN_WORDS for k, n in zip(statement, nwords)]
        unattributed = [k and quote_without_speaker(t) for t, k in zip(texts, long)]
        ok = [k and not q for k, q in zip(long, unattributed)]
        self.ok = np.asarray(ok, dtype=bool)
        self.quote_ctx = _context_quotes(texts, art, nwords, self.terms, ok, long=long, unattributed=unattributed)
        dangling = [_PRONOUN_START.match(t) is not None for t in texts]
        self.dangling = np.asarray(dangling, dtype=bool)
        self.vectors = textstats.Vectors(self.terms)
        # The same per-sentence values as Python lists, for the loops of the
        # summary over a few dozen sentences (no numpy call, no numpy scalar).
        self.art_l, self.pos_l, self.nwords_l, self.ok_l = art, pos, nwords, ok
        self.statement_l, self.dangling_l = statement, dangling
        self.quote_ctx_l = self.quote_ctx.tolist()
        # What analyzers derive from the bank alone, worked out once per bank
        # (the bank is never modified once built).
        self.derived: dict = {}

    @property
    def matrix(self):
        """The sentences' TF-IDF vectors as a scipy CSR matrix (rows L2-normalised)."""
        return self.vectors.matrix

    def __len__(self) -> int:
        return len(self.texts)

    def article_id(self, i: int) -> str:
        return self.articles[self.art_l[i]].id

    def citation(self, i: int) -> dict:
        s, e = self.display_span(i)
        return {"article": self.article_id(i), "start": int(s), "end": int(e)}

    def display_span(self, i: int) -> tuple[int, int]:
        """The sentence's offsets (for an article's first sentence, without the
        title run into it or the dateline opening it)."""
        return self.spans[i]

    def display_text(self, i: int) -> str:
        s, e = self.display_span(i)
        return self.articles[self.art_l[i]].text[s:e]


class Numbers:
    """The numbers of each sentence (``textstats.numbers``), worked out the first
    time a sentence's are asked for: only sentences compared across articles
    need them, often a few of the event's."""

    __slots__ = ("_texts", "_sets")

    def __init__(self, texts: list[str]):
        self._texts = texts
        self._sets: list[set[str] | None] = [None] * len(texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        got = self._sets[i]
        if got is None:
            got = self._sets[i] = textstats.numbers(self._texts[i])
        return got

    def __iter__(self):
        return (self[k] for k in range(len(self)))


def _after_dateline(text: str, s: int, e: int) -> int:
    """Where the sentence starts once a dateline or agency tag opening it is left out."""
    m = _DATELINE.match(text[s:e])
    return s + m.end() if m and len(text[s + m.end():e].split()) >= 5 else s


def sentence_start(text: str, s: int, e: int, *, opens_article: bool) -> int:
    """Where the sentence ``text[s:e]`` starts once metadata opening it is left out, as the
    summaries and the timeline cite it. An article's opening sentence loses any dateline or
    agency tag; further down only the unmistakable ones go: a place in capitals with an
    agency's credit and a dash ("PERTH (Reuters) - An air search ...", where a page runs two
    stories), or opening a paragraph before "A", "An", "The" or a dash ("DUBAI A Bahraini
    court ...", after a photo caption)."""
    if opens_article:
        return _after_dateline(text, s, e)
    m = _AGENCY_DATELINE.match(text, s, e) if "(" in text[s:s + 60] else None
    if m is None and s > 0 and text[s - 1] == "\n":
        m = _PLACE_IN_CAPITALS.match(text, s, e)
    return m.end() if m and len(text[m.end():e].split()) >= 5 else s


def _after_title(text: str, s: int, e: int, title: str) -> int:
    """Where the first sentence really starts when the article's text opens with
    its own title run into the body ("Title words DATELINE (AP) — The body ..."):
    past the title, or past the part of it after a kicker ("The Latest: ...").
    The title is metadata; left in, the sentence reads as a run-on."""
    t = text[s:e]
    lead = len(t) - len(t.lstrip())
    for head in (title, title.split(": ", 1)[-1]):
        n = len(head.split())
        if n < 3 or not t[lead:].startswith(head):
            continue
        pos = lead
        while t[pos:].startswith(head):  # (scrapers sometimes run the title in twice)
            rest = t[pos + len(head):]
            body = rest.lstrip()
            # The body must start afresh (a dateline or a new sentence), not go on
            # with the title's own words ("Strike halts crossings, the operator said").
            if not (body != rest and body[:1] and (body[0].isupper() or body[0] in "\"“‘([")
                    and len(body.split()) >= 5):
                break
            pos += len(head) + len(rest) - len(body)
        if pos > lead:
            return s + pos
    return s


_COLON_QUOTE = re.compile(r":\s*[\"“]")
_QUOTED = re.compile(r"[\"“](?:[^\"“”]|'')*?(?:[\"”]|''|$)|(?<!\w)''[^\"“”']*?(?:[\"”]|''|$)")


_CACHE: list = []


def bank_for(articles: list[Article]) -> "SentenceBank":
    """The SentenceBank of ``articles``, shared by the analyzers of one event
    (the last one built is kept; analyzers never modify articles)."""
    key = tuple((id(a), a.id, len(a.sentences)) for a in articles)
    if _CACHE and _CACHE[0][0] == key:
        return _CACHE[0][1]
    bank = SentenceBank(articles)
    _CACHE[:] = [(key, bank)]
    return bank


def quote_without_speaker(text: str) -> bool:
    """True when the sentence is a quotation that does not say who is speaking.

    The quoted parts are taken out; what remains must name the speaker with a
    verb of saying when the sentence opens with a quotation, is mostly
    quotation, or closes a quotation opened in an earlier sentence.
    """
    t = text.strip()
    if not t:
        return False
    if '"' not in t and "“" not in t and "”" not in t and "''" not in t:
        return False  # no quotation mark that opens or closes a quotation below
    opens = t[0] in "\"“‘«" or t.startswith("''")
    closes_only = (t.count("”") > t.count("“")) or (t.count('"') % 2 == 1 and not opens)
    if closes_only and "”" not in t and 0 <= t.find("“") < t.find('"'):
        closes_only = False  # “... closed by a straight mark: one quotation, mixed marks
    if closes_only:
        # The tail of an earlier quotation: text after its last closing mark.
        cut = max(t.rfind('"'), t.rfind("”"))
        outside = t[cut + 1:]
        quoted_share = 1.0
    else:
        outside = _QUOTED.sub(" ", t)
        quoted_share = 1.0 - len(outside.strip()) / max(1, len(t))
    if not closes_only and quoted_share < 0.4:
        return False  # a quoted title or phrase, not a quotation
    if not (opens or closes_only or quoted_share > 0.6):
        return False
    if not opens and not closes_only and _COLON_QUOTE.search(t):
        return False  # "X said: “...”" names its speaker before the colon
    return not _ATTRIB_SEARCH.search(outside)


def _context_quotes(texts, art, nwords, terms, ok, long=None, unattributed=None) -> np.ndarray:
    """Quotations without their own speaker whose previous sentence (same article)
    names the speaker, or is itself such a quotation: fit for a summary only right
    after that sentence. ``long`` (``summary_fit(..., quotes=True)`` of each
    sentence) and ``unattributed`` (``quote_without_speaker`` of each where
    ``long``) spare working them out again when the caller has them."""
    out = [False] * len(texts)
    ok, art = np.asarray(ok, dtype=bool).tolist(), np.asarray(art).tolist()
    for i, t in enumerate(texts):
        if ok[i] or i == 0 or art[i - 1] != art[i] or not (ok[i - 1] or out[i - 1]):
            continue
        if long is not None:
            if not (long[i] and unattributed[i]):
                continue
        elif not quote_without_speaker(t) or not summary_fit(t, nwords[i], len(terms[i]), quotes=True):
            continue
        prev = texts[i - 1].rstrip()
        if out[i - 1] or prev.endswith(":") or _ATTRIB_SEARCH.search(prev):
            out[i] = True
    return np.asarray(out, dtype=bool)


# How sentences end: the Latin stops, and those of Chinese and Japanese, Arabic and Devanagari.
_SENTENCE_ENDS = frozenset(".!?。！？؟।")


def summary_fit(text: str, nwords: int, nterms: int, min_words: int = 8, max_words: int = 80,
                quotes: bool = False) -> bool:
    """Can this sentence stand in a summary? (length, boilerplate, captions, quotations)"""
    if nwords < min_words or nwords > max_words or nterms < 4:
        return False
    t = text.strip()
    # (``_END.search(t)``: a stop, then nothing but closing quotes and brackets.)
    if t[0].islower() or t.rstrip(_END_CLOSERS)[-1:] not in _SENTENCE_ENDS:
        return False
    if _BOILER_SEARCH.search(t.lower()) or _DATE_LINE.match(t) or (
            ("(" in t or "[" in t) and (_CREDIT_TAIL.search(t) or _PICTURE_MARK.search(t))) or (
            ", " in t and _PICTURE_MARK_WORDS.search(t)) or ("|" in t and _PIPE_CREDIT.search(t)):
        return False
    n = len(t)
    odd, upper = _odd_upper(t)  # punctuation and symbols; capitals
    if odd > 0.15 * n:
        return False
    if upper > 0.4 * (n - odd - t.count(" ")):
        return False
    return quotes or not quote_without_speaker(t)


def _odd_upper(t: str) -> tuple[int, int]:
    """How many matches of ``_ODD`` and of ``_UPPER`` ``t`` has, counted on its
    UTF-8 bytes (where ASCII characters are single bytes and no other
    character uses an ASCII byte), the few non-ASCII characters one by one."""
    if t.isascii():
        b = t.encode("ascii")
        return len(b.translate(None, _ASCII_WORD_OR_SPACE)), len(b) - len(b.translate(None, _ASCII_UPPER))
    b = t.encode("utf-8", "surrogatepass")
    odd = len(b.translate(None, _ASCII_WORD_OR_SPACE_OR_HIGH))
    odd += sum(1 for c in _NON_ASCII.findall(t) if not (c.isalnum() or c.isspace()))
    return odd, len(b) - len(b.translate(None, _ASCII_UPPER))


class _Prefiltered:
    """``pattern.search`` that first looks for the plain strings one of which any
    match must contain (for each alternative, its longest run of plain
    characters). Looking for a few dozen substrings is much faster than trying
    every alternative at every position, and a text with none of them cannot
    match; texts that have one get the full search."""

    # Characters that match an ASCII letter when ignoring case without being
    # that letter in either case (see the ``re`` documentation on IGNORECASE).
    _FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.ignorecase = bool(pattern.flags & re.IGNORECASE)
        hints = _literal_hints(pattern)
        if hints is not None and self.ignorecase:
            hints = tuple(sorted({h.lower() for h in hints})) if all(h.isascii() for h in hints) else None
        self.hints = hints
        # A pattern that is only whole words (``\b(?:said|told|...)\b``) is
        # matched by looking for each word and checking its neighbours.
        self.words = _bounded_words(pattern)
        self._has_hint = _contains_any(hints) if hints else None
        self._has_word = _contains_any(self.words) if self.words else None

    def search(self, text: str):
        """A match object, True (a match found without the regex), or None."""
        if self.words is not None and not (self.ignorecase and self._FOLDS.search(text)):
            text = text.lower() if self.ignorecase else text
            return _find_words(text, self.words) if self._has_word(text) else None
        if self.hints is not None:
            if not self.ignorecase:
                if not self._has_hint(text):
                    return None
            elif not self._FOLDS.search(text) and not self._has_hint(text.lower()):
                return None
        return self.pattern.search(text)


def _contains_any(strings: tuple[str, ...]):
    """A function telling whether a text contains one of ``strings``: the ``in``
    tests written out one after another in a single expression (a few times
    cheaper than calling ``text.__contains__`` once per string)."""
    return eval("lambda text: " + " or ".join(f"{s!r} in text" for s in strings))  # literals only


def _find_words(text: str, words: tuple[str, ...]) -> bool | None:
    r"""True when one of ``words`` occurs in ``text`` between non-word characters
    (or the ends): a match of ``\b(?:word|...)\b``."""
    n = len(text)
    for w in words:
        i = text.find(w)
        while i >= 0:
            j = i + len(w)
            if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")) and \
                    (j == n or not (text[j].isalnum() or text[j] == "_")):
                return True
            i = text.find(w, i + 1)
    return None


def _bounded_words(pattern: re.Pattern) -> tuple[str, ...] | None:
    r"""The words of a pattern of the form ``\b(?:word|word|...)\b`` (each word
    plain characters that begin and end with a word character; lower-cased
    for a case-insensitive pattern, then ASCII only), else None."""
    try:
        from re import _constants as sre_c, _parser as sre_parse

        tree = list(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover - another Python's regex internals
        return None
    if len(tree) != 3 or any(tree[k] != (sre_c.AT, sre_c.AT_BOUNDARY) for k in (0, 2)):
        return None
    op, av = tree[1]
    if op is sre_c.SUBPATTERN and not av[1] and not av[2]:  # a group, flags unchanged
        inner = list(av[3])
    else:  # (a non-capturing group is no item of its own)
        inner = [tree[1]]
    if len(inner) != 1 or inner[0][0] is not sre_c.BRANCH:
        return None
    words = []
    for alt in inner[0][1][1]:
        if not alt or any(o is not sre_c.LITERAL for o, _ in alt):
            return None
        w = "".join(chr(c) for _, c in alt)
        if not all(ch.isalnum() or ch == "_" for ch in (w[0], w[-1])):
            return None
        words.append(w)
    if pattern.flags & re.IGNORECASE:
        if not all(w.isascii() for w in words):
            return None
        words = [w.lower() for w in words]
    return tuple(dict.fromkeys(words))


def _literal_hints(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings of which any text ``pattern`` matches contains at least one (in
    the pattern's own case), or None when that cannot be told (an alternative
    with no plain character, regex internals of another Python)."""
    try:
        from re import _constants as sre_c, _parser as sre_parse

        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - another Python's regex internals
        return None

    def hints(seq) -> set[str] | None:
        best: set[str] | None = None

        def consider(found: set[str] | None) -> None:
            nonlocal best
            if found and (best is None or min(map(len, found)) > min(map(len, best))):
                best = found

        run = ""
        for op, av in seq:
            if op is sre_c.LITERAL:
                run += chr(av)
                continue
            consider({run} if run else None)
            run = ""
            if op is sre_c.BRANCH:
                alts = [hints(alt) for alt in av[1]]
                if all(alts):
                    consider(set().union(*alts))
            elif op is sre_c.SUBPATTERN and not av[1] and not av[2]:  # a group, flags unchanged
                consider(hints(av[3]))
        consider({run} if run else None)
        return best

    found = hints(tree)
    if not found:
        return None
    # A hint containing another is redundant.
    return tuple(sorted(h for h in found if not any(o != h and o in h for o in found)))


_BOILER_SEARCH = _Prefiltered(_BOILER)
_ATTRIB_SEARCH = _Prefiltered(_ATTRIB)
