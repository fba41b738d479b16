"""Sentence splitting with character offsets, aware of quotations.

News text breaks the usual splitters in three ways this module handles:

* attribution after a quotation: ``"We will not leave." he said.`` and
  ``"...," Lavrov said.`` stay one sentence;
* a sentence never ends inside a quotation that closes later on the same
  paragraph (``"We need to reach them. Now," she said.``), unless the quote
  runs so long that it is clearly several sentences of reported speech;
* abbreviations (Mr., U.S., Gen., Jan.), initials and decimals do not split.

Scraped pages also run headings into the body: a headline runs into a dateline
("... killing at least 21 BEIJING (AP) — Twenty-one ...") and running stories
open with a kicker ("The Latest on ... (all times local): ..."); a sentence
starts at the dateline and after the kicker. Scrapers that drop line breaks
glue sentences ("... lower courts.Military policy ..."): a stop between a
word not in capitals and a capitalised one ends a sentence there too.

Paragraphs (line breaks) always end a sentence. Offsets are ``[start, end)``
into the text passed in, with surrounding whitespace excluded.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col capt cpt sgt maj adm cmdr gov sen rep rev fr st
    det insp supt cpl pvt spc atty hon mt brig msgr
    jr sr inc corp ltd co bros no nos vs etc al approx est dept univ
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    u.s u.k u.n e.u u.a.e d.c a.m p.m e.g i.e
    """.split()
)

# Abbreviated US state names as datelines write them ("NEWTOWN, Conn. Parents
# of ..."): after a dateline's place they close no sentence. In running text
# they often do ("... hit Moore, Okla. But she ..."), so only there.
STATE_ABBREVIATIONS = frozenset(
    """
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb
    nev n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn tex vt va wash w.va wis wyo
    """.split()
)

_DATELINE_PLACE = re.compile(r"[A-Z][A-Z.'’ -]+, ")
_TERMINATOR = re.compile(r"[.!?؟।]+|…")
# Full stops of text written without spaces (Chinese, Japanese): a sentence
# ends there whatever follows, unless a quotation closes right after it (the
# sentence goes on to say who said it).
_CJK_TERMINATOR = re.compile(r"[。！？]+(?![」』”’）)])(?=\S)")
# A kicker that opens a paragraph and ends with a colon, as in running-story
# pages: "The Latest on the vote (all times local): The parliament ..."
_KICKER = re.compile(r"^The Latest(?: on| from)?\b[^:\n]{0,200}?(?:\(all times local\))?:\s+(?=[\"“‘A-Z0-9])")
_CREDIT_DASH = re.compile(r"\([^()]{1,30}\)\s*(?:—|–|--|-)\s")
# What every dateline has, looked for first (cheap): a capital, a dot or a bracket, then its separator.
_DATELINE_SEPARATOR = re.compile(r"[A-Z.)]\s*(?:—|–|--|-|:)\s")
_LOCAL_TIMES = re.compile(r"\(all times local\):\s+(?=[\"“‘A-Z0-9])")
# A dateline in the middle of a paragraph, after a headline or a standfirst run
# into the body: "... killing at least 21 BEIJING (AP) — Twenty-one miners ...".
_INNER_DATELINE = re.compile(
    r"(?<=[a-z0-9,;'’\"”)\]])\s+(?="
    # PLACE[, Region][, Mon D] [(AGENCY)] — ...
    r"[A-Z][A-Z.'’-]{2,}(?:[ -][A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2})?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([^()]{2,30}\))?\s*(?:—|–|--|-)\s+[\"“‘A-Z0-9]"
    # PLACE: ... (letters only, so "L.A.:" is not one; see _NOT_BEFORE_DATELINE)
    r"|[A-Z]{3,}(?: [A-Z]{3,}){0,2}:\s+[\"“‘A-Z0-9])")
# After joining words ("the head of NASA - ...") and verbs of saying ("he told
# CBS: ...") capitals continue the sentence: they are not a dateline.
_NOT_BEFORE_DATELINE = frozenset(
    "a an the of to in on at for by with from and or but as than that "
    "told tells said says wrote writes asked asks added adds".split())
_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_ATTRIBUTION = re.compile(
    r"^(?:[A-Z][\w'’.-]*(?:\s+[\w'’.,-]+){0,8}?\s+)?"
    r"(?:said|says|added|adds|told|asked|asks|explained|warned|insisted|noted|wrote|"
    r"stated|declared|replied|continued|argued|tweeted|remarked)\b[^\"“”]{0,80}[.!?]$"
)
# A tabloid's ellipsis before its source ("... has died of an overdose ... TMZ has
# learned."): the source tail belongs to the sentence the ellipsis interrupts.
_ELLIPSIS_TAIL = re.compile(
    r"^(?:(?:[A-Z][\w'’.&-]*\s+){1,3}(?:has|have)\s+(?:learned|confirmed|obtained\s+\S+(?:\s+\S+)?)"
    r"|(?:we['’]re|we are|we['’]ve been)\s+told|sources\s+(?:say|tell us|confirm))[.!]$")
_CITATION_MARKS = re.compile(r"(?:\[(?:\d{1,3}|[a-z]|citation needed|note \d{1,3})\])+")
_MAX_QUOTE_SENTENCE = 600  # beyond this a quotation may be split inside


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at ``dot`` closes an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(0, dot - 64), dot)
    if not m:
        return False
    word = m.group(1)
    low = word.lower().rstrip(".")
    if low in ABBREVIATIONS:
        return True
    if low in STATE_ABBREVIATIONS and _DATELINE_PLACE.fullmatch(text, 0, m.start()):
        return True
    # Single capital initial ("N. Kolesnikova", "George W. Bush").
    if len(word) == 1 and word.isupper():
        return True
    # Dotted acronyms such as "U.S." or "a.m." (word still holds inner dots).
    if "." in word and all(len(p) <= 2 for p in word.split(".") if p):
        return True
    return False


# Abbreviations that can close a sentence ("at 2:17 a.m. In a video ...", "in the
# U.S. The audiences ...", "Kagin's, Inc. The couple ..."): they end it when the
# next word is one that opens sentences and never follows such an abbreviation
# inside one. "at 9 a.m. Monday" and "U.S. Army" go on.
_CAN_END = frozenset("a.m p.m etc inc corp ltd co jr sr bros al u.s u.k u.n e.u u.a.e d.c".split())
_OPENING_WORD = re.compile(
    r"(?:The|A|An|In|He|She|It|They|We|I|But|And|This|That|These|Those|There|His|Her|Their|Its|"
    r"When|After|As|If|Officials|Police)\b(?![.'’-])")


def _ends_at_abbreviation(para: str, dot: int, nxt: int) -> bool:
    """Does the abbreviation closing at ``dot`` also close the sentence, the next
    one starting at ``nxt``?"""
    if not _OPENING_WORD.match(para, nxt):
        return False
    m = _WORD_BEFORE.search(para, max(0, dot - 64), dot)
    return m is not None and m.group(1).lower().rstrip(".") in _CAN_END


# "... through lower courts.Military policy had ...": a scraper that drops line
# breaks glues one sentence to the next. A word of three letters or more (not
# in capitals), one stop, then a capitalised word ends a sentence ("... trip in
# Liberia.They are ..."); "IGC.org", "Amazon.Com", "U.S.Army" and "www.Example"
# do not.
_GLUED_AFTER = re.compile(r"(?!(?:Com|Org|Net|Gov|Edu|Info|Co|Uk|Us|Ca|Au|De|Fr|In|Io)\b)[A-Z][a-z]+\b(?![.@/])")
_LOWER_WORD = re.compile(r"(?<![\w.@/-])[A-Za-z][a-z]{2,}$")


def _glued(para: str, m: re.Match) -> bool:
    """Does the stop ``m``, with no space after it, end a sentence glued to the next?"""
    dot = m.start()
    if m.end() - dot != 1 or not _GLUED_AFTER.match(para, m.end()):
        return False
    before = _LOWER_WORD.search(para, max(0, dot - 40), dot)
    return before is not None and before.group() != "www"


def _glued_quote(para: str, m: re.Match, inside: list[bool]) -> bool:
    """'... locked up with him."I had never been ...': the stop ends a sentence and
    the quotation mark right after it opens the next one."""
    q = m.end()
    if m.end() - m.start() != 1 or q + 1 >= len(para) or para[q] not in "\"“":
        return False
    if inside[q] or not inside[q + 1] or not para[q + 1].isupper():
        return False
    return _LOWER_WORD.search(para, max(0, m.start() - 40), m.start()) is not None


def _closes(para: str, start: int, end: int) -> bool:
    """Does a double quotation mark close among the closers ``para[start:end]``?"""
    return any(c in "\"”" for c in para[start:end])


def _heading_boundaries(para: str) -> list[int]:
    """Where sentences start in ``para`` because a heading runs into the body:
    before a dateline that follows a headline, after a running-story kicker."""
    out: list[int] = []
    if _DATELINE_SEPARATOR.search(para):
        for m in _INNER_DATELINE.finditer(para):
            before = _WORD_BEFORE.search(para, max(0, m.start() - 64), m.start()) if m.start() else None
            if before and before.group(1).lower() not in _NOT_BEFORE_DATELINE:
                out.append(m.end())
    kicker = _KICKER.match(para) if para.startswith("The Latest") else None
    if kicker:
        out.append(kicker.end())
    if "(all times local)" in para:
        out.extend(m.end() for m in _LOCAL_TIMES.finditer(para))
    return out


def _split_paragraph(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Split ``text[start:end]`` (one paragraph) into sentences."""
    para = text[start:end]
    # Where each straight/curly double quote opens and closes, so that a
    # terminator inside a quotation that closes later does not split.
    inside = _quote_mask(para)
    pieces: list[tuple[int, int]] = []
    cur = 0
    forced = _heading_boundaries(para)
    if "。" in para or "！" in para or "？" in para:
        forced = sorted(set(forced) | {m.end() for m in _CJK_TERMINATOR.finditer(para)})
    for m in _TERMINATOR.finditer(para):
        j = m.end()
        while j < len(para) and para[j] in _CLOSERS:
            j += 1
        if j < len(para) and para[j] == "[":
            cite = _CITATION_MARKS.match(para, j)  # "... apostasy.[54][55] The LDS Church ...": reference marks
            if cite:
                j = cite.end()
        # The boundary needs whitespace and then a sentence-like start.
        k = j
        while k < len(para) and para[k] in " \t\u00a0":
            k += 1
        if k >= len(para):
            continue
        if k == j:  # no space: a sentence glued to the next, or no ending at all
            if _glued_quote(para, m, inside):
                j = k = m.end()  # the quotation mark opens the next sentence
            elif not _glued(para, m):
                continue
        nxt = para[k]
        # A sentence starts with a capital, a digit, an opening mark, or a
        # letter of a script without capitals (Arabic, Hebrew, Devanagari, Hangul...).
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS
                or (nxt.isalpha() and not nxt.islower() and not nxt.isascii())):
            continue
        if m.group().startswith(".") and len(m.group()) == 1 and _is_abbreviation(para, m.start()) \
                and not _ends_at_abbreviation(para, m.start(), k):
            continue
        if _CREDIT_DASH.match(para, k):  # "HARTWELL, Ont. (CP) — The ...": a dateline, not an ending
            continue
        # Inside a quotation that closes later: no end, unless it closes right
        # here ("... next week." Officials agreed.).
        if inside[m.start()] and (m.start() - cur) < _MAX_QUOTE_SENTENCE and not _closes(para, m.end(), j):
            continue
        pieces.append((cur, j))
        cur = k
    pieces.append((cur, len(para)))
    if forced:
        split: list[tuple[int, int]] = []
        for s, e in pieces:
            for f in sorted(f for f in forced if s < f < e and not inside[f]):
                if para[s:f].strip():
                    split.append((s, f))
                    s = f
            split.append((s, e))
        pieces = split
    merged: list[tuple[int, int]] = []
    for s, e in pieces:
        seg = para[s:e]
        if merged and ((_ATTRIBUTION.match(seg.strip()) and para[merged[-1][1] - 1] in _CLOSERS)
                       or (_ELLIPSIS_TAIL.match(seg.strip())
                           and para[merged[-1][0]:merged[-1][1]].rstrip().endswith(("...", "…")))):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    for s, e in merged:
        seg = para[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs > ls:
            out.append((start + s + ls, start + s + rs))


_DOUBLE_QUOTE = re.compile('[“”"]')


def _quote_mask(para: str) -> list[bool]:
    """For each character: is it inside a double quotation closed later?"""
    mask = [False] * (len(para) + 1)
    opened: int | None = None
    for m in _DOUBLE_QUOTE.finditer(para):  # visit the quote marks only, not every character
        i, ch = m.start(), m.group()
        if ch == "“" or (ch == '"' and opened is None):
            opened = i
        elif opened is not None:
            mask[opened + 1:i] = [True] * (i - opened - 1)
            opened = None
    return mask


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``[start, end)`` offsets of the sentences of ``text``."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in re.finditer(r"[^\n]+", text):
        _split_paragraph(text, line.start(), line.end(), out)
        pos = line.end()
    del pos
    return out
