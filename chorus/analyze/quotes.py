"""Who said what: direct quotations, their speakers, and the same quote across articles.

A quotation is text between double quotation marks (straight or curly),
within a paragraph, or running on when the next paragraph opens with a mark.
Single marks inside count as part of the quote; curly single marks on their
own (the British style) count when a speaker is found for them. Capitalised names in marks
("the “Army of Aleppo”") and scare quotes of one or two words in the middle
of a sentence are not quotations.

The speaker comes from the sentence (``chorus.analyze.speakers.attribute``);
"he said" resolves to the previous quote's speaker, or the last person named;
"the official said" resolves to the last described speaker with that role
("one opposition official, who declined ..."); a quote with no attribution
that follows another quote continues it. Descriptions stay descriptions.

A quotation split around its attribution ("We will rebuild the bridge,"
she said, "and we will do it before the summer.") is one quote: its
occurrence spans both parts (attribution included) and lists each part in
``parts``; its wording joins the parts.

The same quote in several articles is one record with several occurrences;
each occurrence is ``verbatim`` when its words match the canonical wording
exactly, and ``wordings`` / ``differences`` show how outlets differ.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from typing import Any

from chorus.analyze.letters import fold
from chorus.analyze.speakers import (
    NAME, QMARK, ROLES, SOURCE_NOUNS, Speaker, _DESC_RE, _NAME_RE, attribute, description, is_organisation, merge_names,
    person_name, sentence_subject, _DOC_HEADS, document_issuer, STOP_CAPS,
)
from chorus.model import Article, Event

_OPEN = "“"
_CLOSE = "”"
_WORD = re.compile(r"[\w'’]+")
_RELATIVE_ANTECEDENT = re.compile(rf"(?P<name>{NAME}),\s+who\b[^.;]*\b(?:he|she)\b")
_SPEECH_NEAR = re.compile(r"\b(?:said|says|called|described|promised|warned|told|added)\b[^.!?\n]*$")
_CALLED = re.compile(r"\b(?<!so-)(?:called|calling|calls|described\s+(?:\w+\s+){0,4}?as|branded|labell?ed|"
                     r"termed|dubbed)\s+(?:(?:it|them|him|her|this|that|the\s+\w+)\s+)?$")
_MIN_WORDS = 3  # shorter quotes need to end their sentence and have an attribution
_PEOPLE_ROLES = ROLES - frozenset("group organisation organization agency ministry statement report "
                                   "police filing lawsuit complaint".split())  # "he" and "she" are people
_CONTINUE_SENTENCES = 2  # an unattributed quote continues a quote this close before it
# Between the two parts of a split quotation: the closing mark, the attribution
# (no sentence end, no other quotation, one line) ending in a comma, the opening mark.
_SPLIT_GAP = re.compile(r"[\"”’']\s+[^.!?\"“”\n]{1,120},\s*[\"“‘']")


def _join_split(found: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Join each quotation whose first part ends in a comma and whose second part,
    after the attribution, goes on in lower case, when both have one speaker."""
    out: list[dict[str, Any]] = []
    for q in found:
        prev = out[-1] if out else None
        if (prev is not None and prev["text"].rstrip().endswith(",") and q["text"][:1].islower()
                and (q["speaker"] is None or q["speaker"] == prev["speaker"])
                and _SPLIT_GAP.fullmatch(text, prev["end"], q["start"])):
            parts = prev.get("parts") or [[prev["start"], prev["end"]]]
            out[-1] = {**prev, "end": q["end"], "text": prev["text"].rstrip() + " " + q["text"],
                       "parts": parts + [[q["start"], q["end"]]]}
            continue
        out.append(q)
    return out


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of the text inside each pair of double quotation marks."""
    spans: list[tuple[int, int]] = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for li, (ls, le) in enumerate(lines):
        opened: int | None = None
        for i in range(ls, le):
            ch = text[i]
            if opened is None:
                if ch == _OPEN or (ch == '"' and _opens(text, i, ls)):
                    opened = i
            elif ch in (_CLOSE, '"'):
                spans.append((opened + 1, i))
                opened = None
        if opened is not None and li + 1 < len(lines):
            nxt = text[lines[li + 1][0]:lines[li + 1][1]].lstrip()
            if nxt[:1] in (_OPEN, '"'):
                spans.append((opened + 1, le))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def find_single_quote_spans(text: str, double: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations in curly single marks (‘...’), the British style, outside double ones.

    The closing mark is the first ’ not followed by a letter (so "won’t" and
    "it’s" do not close it); at least three words inside.
    """
    out = []
    for m in re.finditer("\u2018", text):
        i = m.start()
        if any(s - 1 <= i < e + 1 for s, e in double):
            continue
        if i > 0 and not (text[i - 1].isspace() or text[i - 1] in "([—–:-"):
            continue
        line_end = text.find("\n", i)
        line_end = len(text) if line_end < 0 else line_end
        j = i + 1
        close = None
        while True:
            j = text.find("\u2019", j, line_end)
            if j < 0:
                break
            if (j + 1 >= len(text) or not text[j + 1].isalpha()) and not text[j - 1].isspace():
                close = j
                break
            j += 1
        if close is not None and len(_WORD.findall(text[i + 1:close])) >= 3:
            out.append((i + 1, close))
    return out


def _opens(text: str, i: int, line_start: int) -> bool:
    """A straight mark opens a quote unless it clearly follows a word (inches, 5'10")."""
    return i == line_start or not text[i - 1].isdigit()


def _is_quotation(text: str, s: int, e: int, sent_end: int, sent_start: int = -1) -> bool:
    """Keep real quotations; drop names in marks and mid-sentence scare quotes."""
    inner = text[s:e]
    words = _WORD.findall(inner)
    if not words:
        return False
    if len(words) <= 6 and all(w[0].isupper() or w.lower() in ("of", "the", "and", "for")
                               for w in words) and not re.search(r"[.!?,]$", inner):
        return False
    small = {"of", "the", "and", "for", "a", "an", "to", "in", "on", "at", "or", "with", "what"}
    big = [w for w in words if w.lower() not in small]
    if len(words) >= 3 and big and sum(w[0].isupper() for w in big) >= 0.8 * len(big):
        return False  # a title in marks: "Son of a Gambler: What to Do When You Win"
    if len(words) >= _MIN_WORDS:
        return True
    if s - 1 == sent_start and re.search(r"[,.!?]$", inner):
        return True  # it opens the sentence: '"It's scary," she said.' 
    if len(words) == 2 and _SPEECH_NEAR.search(text[max(0, s - 200):s]):
        return True  # "said it was "deeply concerned" by ..."
    if _CALLED.search(text[max(0, s - 60):s - 1]):
        return True  # "called the plan "reckless" and ..."
    rest = text[e + 1: sent_end]
    return bool(re.fullmatch(r"[\s.,!?;:”\"’']*", rest)) or bool(re.match(r"[,.]?\s*,", rest))


def normalize(text: str) -> str:
    """Lower-case words only, accents folded, for matching one quote across outlets
    ("Guaidó" in one, "Guaido" in another)."""
    return " ".join(fold(w.replace("’", "'")) for w in _WORD.findall(text.lower()))


class _ArticleQuotes:
    """Quotes of one article with their speakers, resolved in reading order."""

    def __init__(self, article: Article):
        self.a = article
        self.mentions: list[tuple[int, str, str]] = []
        self.subjects: list[tuple[int, str, str]] = []
        self.last_quote_end = -1

    def _sentence_index(self, pos: int) -> int:
        sents = self.a.sentences
        lo, hi = 0, len(sents) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if sents[mid][0] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def extract(self) -> list[dict[str, Any]]:
        a = self.a
        if not a.sentences:
            return []
        spans = find_quote_spans(a.text)
        single = set(find_single_quote_spans(a.text, spans))
        spans = sorted(set(spans) | single)
        if not spans:
            return []
        found: list[dict[str, Any]] = []
        mentions: list[tuple[int, str, str]] = []  # (sentence index, kind, display)
        self.subjects: list[tuple[int, str, str]] = []  # (position, kind, display)
        self._collect_mentions(spans, mentions)
        self.mentions = mentions
        last_quote: tuple[int, str | None, str | None] | None = None
        self.last_quote_end = -1
        for s, e in spans:
            si, ei = self._sentence_index(s), self._sentence_index(max(s, e - 1))
            c_start, c_end = a.sentences[si][0], a.sentences[ei][1]
            if not _is_quotation(a.text, s, e, c_end, c_start):
                continue
            frame, anchor = self._frame(spans, c_start, c_end, (s, e))
            sp = attribute(frame, anchor)
            if sp is not None and sp.kind == "pronoun":
                # "X, who ... what he called ...": the pronoun of a relative clause is X
                rel = list(_RELATIVE_ANTECEDENT.finditer(frame[: anchor]))
                if rel:
                    sp = Speaker(rel[-1].group("name"), "name")
            speaker, kind = self._resolve(sp, si, mentions, last_quote, s)
            if sp is not None and sp.kind == "description" and sp.text.split()[-1].lower() in _DOC_HEADS:
                # "a statement from the firm said", "the statement said": who issued it
                who = document_issuer(frame)
                named = any(w[:1].isupper() for w in sp.text.split()[1:-1])  # "the Navy report": its issuer named
                if who is None and not named and sp.text.split()[0].lower() in ("the", "that", "this", "its"):
                    who = document_issuer(a.text[max(0, c_start - 2000):c_start])
                if who is not None:
                    speaker, kind = self._resolve(who, si, mentions, last_quote, s)
            alone = re.fullmatch(r"[\W]*" + re.escape(QMARK) + r"[\W]*", frame)
            source = _ACCORDING_END.search(a.text, a.sentences[si - 1][0], a.sentences[si - 1][1]) \
                if sp is None and alone and si > 0 else None
            credit = self._credit_line(ei) if sp is None and alone else None
            if credit:  # a pull quote, its speaker's name on the line below: "“...” / Senator Ted Cruz"
                speaker, kind = credit, "name"
                sp = Speaker(credit, "name")  # named with the quotation, as "..., Cruz said" is
            elif source:  # "..., according to ABC News. "Representatives had to rush onstage ...""
                speaker, kind = Speaker(source.group("src"), "name").display, "name"
            elif sp is None and alone and last_quote and si - last_quote[0] <= _CONTINUE_SENTENCES:
                speaker, kind = last_quote[1], last_quote[2]
            elif sp is None and alone and si > 0 and self._after_question(si):
                # an interview written as questions and quoted answers: "What was your
                # reaction to the early anthem?" "I didn't hear it ..." - the person
                # answering before, else the person the article was last about
                about = [x for x in self.subjects if x[0] < a.sentences[si][0] and x[1] == "name"]
                if about and about[-1][0] > self.last_quote_end:  # "Reign Coach Laura Harvey also addressed ..."
                    speaker, kind = about[-1][2], about[-1][1]
                elif last_quote and last_quote[1] and self._after_question(last_quote[0]):
                    speaker, kind = last_quote[1], last_quote[2]
                elif about:
                    speaker, kind = about[-1][2], about[-1][1]
            elif sp is None and alone and si > 0:
                # a quote on its own right after a sentence about someone: "His mother,
                # Maria Feng, remembers that day. "We were so proud.""
                prev_start = a.sentences[si - 1][0]
                prev = [x for x in self.subjects if x[0] == prev_start]
                if not prev and si > 1 and _HE_SHE.match(a.text, prev_start):
                    # "Martinez cheered ... He noted ... "Quote."": the one before names him
                    before = a.sentences[si - 2][0]
                    prev = [x for x in self.subjects if x[0] == before and x[1] == "name"]
                if prev and (last_quote is None or last_quote[0] < si - 1):
                    speaker, kind = prev[-1][2], prev[-1][1]
            if (s, e) in single and speaker is None:
                continue  # single marks without a speaker: a title or a phrase, not speech
            found.append({"article": a.id, "start": s, "end": e, "text": a.text[s:e],
                          "speaker": speaker, "speaker_kind": kind,
                          "speaker_text": sp.text if sp else None})
            last_quote = (ei, speaker, kind)
            self.last_quote_end = e
        return _join_split(found, a.text)

    def _credit_line(self, ei: int) -> str | None:
        """The person named alone after the quotation, at the end of its line or on
        the next ("Senator Ted Cruz", "— Mayor Ana Ruiz"), as pull quotes are credited."""
        a = self.a
        if ei + 1 >= len(a.sentences):
            return None
        qe = a.sentences[ei][1]
        ns, ne = a.sentences[ei + 1]
        if "\n" in a.text[ns:ne] or (ne < len(a.text) and a.text[ne] != "\n") or a.text[qe - 1] not in "”\"":
            return None
        m = _CREDIT.fullmatch(a.text, ns, ne)
        if not m or is_organisation(m.group("name")):
            return None
        if m.group("name").split()[0].lower() in _CREDIT_NOT_SPEAKER:
            return None  # "Courtesy Maria Feng": a picture's credit
        name = person_name(m.group("name"))
        # A person the article names elsewhere too, not a subheading ("Getting Answers").
        toks = name.split()
        if not 2 <= len(toks) <= 4 or a.text.count(toks[-1]) < 2 \
                or any(t.lower() in STOP_CAPS or _CONTRACTION.search(t) for t in toks):
            return None
        return name

    def _after_question(self, si: int) -> bool:
        """Is the sentence before ``si`` an interviewer's question: a line of its own,
        ending with a question mark, no quotation in it?"""
        if si <= 0:
            return False
        ps, pe = self.a.sentences[si - 1]
        prev = self.a.text[ps:pe]
        return prev.endswith("?") and not any(c in prev for c in "\"“”") \
            and (ps == 0 or self.a.text[ps - 1] == "\n") and "\n" in self.a.text[pe:self.a.sentences[si][0]]

    def _frame(self, spans, c_start, c_end, this) -> tuple[str, int]:
        """The context sentences with every quotation (marks included) replaced by QMARK."""
        text = self.a.text
        parts, pos, anchor = [], c_start, 0
        for s, e in spans:
            if e <= c_start or s >= c_end:
                continue
            qs, qe = max(c_start, s - 1), min(c_end, e + 1)
            parts.append(text[pos:qs])
            if (s, e) == this:
                anchor = sum(len(p) for p in parts)
            parts.append(QMARK)
            pos = qe
        parts.append(text[pos:c_end])
        return "".join(parts), anchor

    def _collect_mentions(self, spans, mentions) -> None:
        """Person names and indefinite descriptions outside quotes, by sentence."""
        for idx, (ss, se) in enumerate(self.a.sentences):
            frame, _ = self._frame(spans, ss, se, (-1, -1))
            found, subj = _frame_mentions(frame)
            mentions.extend((idx, kind, disp) for kind, disp in found)
            if subj is not None and subj.kind == "name" and " " not in subj.display:
                known = any(m[1] == "name" and m[2].split()[-1] == subj.display for m in mentions)
                if not known and not re.search(re.escape(subj.text) + r"\s+(?:said|says|told|added)\b",
                                               frame):
                    subj = None  # "Presidents like to ...": a capitalised first word
            if subj is not None and subj.display:  # who the sentence is about, for a later "he said"
                self.subjects.append((ss, subj.kind, subj.display))

    def _resolve(self, sp: Speaker | None, si: int, mentions, last_quote, pos: int = 0):
        if sp is None:
            return None, None
        if sp.kind == "name":
            return (sp.display, "name") if sp.display else (None, None)
        if sp.kind == "description":
            words = sp.text.split()
            head = words[-1].lower()
            if any(w.lower() in ("whose", "who", "which", "alleges", "says") for w in words) \
                    or _VERB_AND_OBJECT.search(sp.text):
                # a clause caught as a phrase: "indictment alleges Vasiliades contacted ...",
                # "Lawmakers in Kiev passed a resolution Tuesday"
                return None, None
            if words[0].lower() == "the" and 2 <= len(words) <= 4 and head in _TITLES:
                # "the president told Mr. Comey": the president the article names with that
                # title ("President Donald Trump"), before the quote if it does, else after
                # ("the UN envoy for Syria suggested ..." ... "UN envoy Staffan de Mistura")
                title = r"\s+".join(re.escape(w) for w in words[1:])
                pattern = re.compile(rf"\b(?i:{title})\s+(?P<name>{NAME})")
                named = list(pattern.finditer(self.a.text, 0, pos)) or list(pattern.finditer(self.a.text, pos))[:1]
                if named:
                    return person_name(named[-1].group("name")), "name"
            if words[0].lower() == "the" and len(words) <= 3:
                for idx, kind, disp in reversed(mentions):
                    if idx <= si and kind == "description" and disp.split()[-1].lower() == head:
                        return disp, "description"
            return sp.display, "description"
        # pronoun
        if sp.text.lower() in ("him", "her"):
            # the person the sentence reports, not its subject: "she recalls him saying"
            subjects = {x[2] for x in self.subjects if self.a.sentences[max(0, si - 1)][0] <= x[0] <= pos}
            for idx, kind, disp in reversed(mentions):
                if idx <= si and disp not in subjects and (
                        kind == "description" or kind == "name" or disp.split()[-1].lower() in _PEOPLE_ROLES):
                    return disp, kind
            return None, None
        if sp.text.lower() == "they":
            return (last_quote[1], last_quote[2]) if last_quote else (None, None)
        if sp.text.lower() in ("he", "she") and last_quote and last_quote[1] and _plural_role(last_quote[1]):
            last_quote = None  # "she responded" is not the troopers quoted before
        sent_start = self.a.sentences[si][0]
        between = [x for x in self.subjects if self.last_quote_end < x[0] < min(pos, sent_start)]
        if between:  # a person became the subject since the last quote
            return between[-1][2], between[-1][1]
        if last_quote and last_quote[1] and si - last_quote[0] <= _CONTINUE_SENTENCES:
            return last_quote[1], last_quote[2]
        quote_si = last_quote[0] if last_quote else -1
        for idx, kind, disp in reversed(mentions):
            if idx <= quote_si:
                break
            if idx <= si and (kind == "name" or disp.split()[-1].lower() in _PEOPLE_ROLES):
                return disp, kind  # a person named since the last quote
        if last_quote and last_quote[1]:
            return last_quote[1], last_quote[2]
        # the last person a sentence was about, before any name merely mentioned
        # ("Newt Gingrich says President Barack Obama's address ... was naive. ... he said")
        about = [x for x in self.subjects if x[0] < sent_start and x[1] == "name"]
        if about:
            return about[-1][2], about[-1][1]
        for idx, kind, disp in reversed(mentions):
            if idx <= si and (kind == "name" or disp.split()[-1].lower() in _PEOPLE_ROLES):
                return disp, kind
        return None, None


# A credit line: a name alone (titles allowed), perhaps after a dash.
_CREDIT = re.compile(rf"[—–-]?\s*(?P<name>{NAME})")
_CONTRACTION = re.compile(r"['’](?:t|s|re|ll|ve|d)$")  # "Doesn’t", "You're": no part of a name
_CREDIT_NOT_SPEAKER = frozenset("courtesy photo photograph photos image images credit source via getty".split())
_VERB_AND_OBJECT = re.compile(r"\b[a-z]+ed\s+(?:a|an|the|no|its|their|his|her)\b")


def _plural_role(speaker: str) -> bool:
    """A speaker that is a group ("Troopers", "police officials"), which "he" or "she" cannot be."""
    last = speaker.split()[-1].lower()
    return last in SOURCE_NOUNS and last.endswith("s") or last in ("police", "people")


# Titles written before a name ("President Donald Trump", "Gov. ..." aside) that "the president",
# "the senator" later stand for.
_TITLES = frozenset("president senator governor mayor minister chancellor premier pope king queen prince "
                    "princess judge sheriff general commissioner secretary ambassador envoy".split())


@functools.lru_cache(maxsize=32768)
def _frame_mentions(frame: str) -> tuple[tuple[tuple[str, str], ...], Speaker | None]:
    """People named and described in a sentence frame, and its subject (cached: wire
    copies repeat sentences word for word)."""
    found: list[tuple[str, str]] = []
    for m in _NAME_RE.finditer(frame):
        name = Speaker(m.group(), "name").display  # ("" for "By Friday": no name in it)
        if len(name.split()) >= 2 and not is_organisation(name):
            found.append(("name", name))
    if _INDEFINITE.search(frame):
        for m in _DESC_RE.finditer(frame):
            det = m.group().split()[0].lower()
            if det in ("a", "an", "one", "another"):
                found.append(("description", description(m.group())))
    return tuple(found), sentence_subject(frame)


_ACCORDING_END = re.compile(rf"\baccording to (?:the\s+)?(?P<src>{NAME})\s*[.!]?[\"”’)]*\s*$")
_HE_SHE = re.compile(r"(?:He|She)\s+[a-z]")
_INDEFINITE = re.compile(r"\b(?:a|an|one|another)\s", re.I)


def _group(occs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Occurrences of the same quote: same words, one inside the other, or near-identical."""
    groups: list[dict[str, Any]] = []
    by_norm: dict[str, int] = {}
    for o in sorted(occs, key=lambda o: -len(o["text"])):
        norm = normalize(o["text"])
        gi = by_norm.get(norm)
        n_words = len(norm.split())
        if gi is None and n_words >= 3:
            toks = set(norm.split())
            for i, g in enumerate(groups):
                if f" {norm} " in f" {g['norm']} " and (n_words >= 5 or _same_speaker(o, g["occs"])):
                    gi = i  # a partial quote of a longer one ("whatever it takes")
                    break
                inter = len(toks & g["toks"])
                if n_words >= 4 and inter / (len(toks | g["toks"]) or 1) >= 0.8:
                    gi = i
                    break
        if gi is None:
            gi = len(groups)
            groups.append({"norm": norm, "toks": set(norm.split()), "occs": []})
        by_norm.setdefault(norm, gi)
        groups[gi]["occs"].append(o)
    return [g["occs"] for g in groups]


def _same_speaker(o: dict[str, Any], others: list[dict[str, Any]]) -> bool:
    """A short excerpt joins a longer quote only when nobody else is said to speak it."""
    def key(x: dict[str, Any]) -> str | None:
        sp = x.get("speaker")
        return sp.split()[-1].lower() if sp else None

    mine = key(o)
    theirs = {key(x) for x in others} - {None}
    return mine is None or not theirs or mine in theirs


def _one_person(a: str, b: str) -> bool:
    """'Dunn' and 'Michael Dunn', 'Kim Lehmkuhl' and 'Lehmkuhl': one name inside the other."""
    ta, tb = a.split(), b.split()
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return bool(short) and short[-1] == long[-1] and set(short) <= set(long)


def _verbatim(found: str, canonical: str) -> bool:
    """Word for word the canonical quote, or an exact excerpt of it (fewer words)."""
    if found == canonical:
        return True
    return found in canonical and normalize(found) != normalize(canonical)


def _occurrence(o: dict[str, Any], article_text: str, canonical: str) -> dict[str, Any]:
    parts = o.get("parts")
    found = " ".join(article_text[s:e].rstrip() if k < len(parts) - 1 else article_text[s:e]
                     for k, (s, e) in enumerate(parts)) if parts else article_text[o["start"]:o["end"]]
    occ = {"article": o["article"], "start": o["start"], "end": o["end"],
           "verbatim": _verbatim(found, canonical), "text": o["text"]}
    if parts:
        occ["parts"] = [list(p) for p in parts]
    return occ


def _differences(a: str, b: str) -> list[str]:
    ta, tb = a.split(), b.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ta, b=tb, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(f"{' '.join(ta[i1:i2]) or '(none)'} -> {' '.join(tb[j1:j2]) or '(none)'}")
    return out


def analyze(event: Event, articles: list[Article]) -> dict[str, Any]:
    """Return ``{"quotes": [{"speaker", "speaker_variants", "text", "occurrences", ...}]}``."""
    from chorus.analyze.timeline import with_sentences

    articles = with_sentences(articles)
    occs: list[dict[str, Any]] = []
    order = {a.id: i for i, a in enumerate(articles)}
    texts = {a.id: a.text for a in articles}
    extracted = []
    for art in articles:
        aq = _ArticleQuotes(art)
        occs.extend(aq.extract())
        extracted.append(aq)
    canon = merge_names([o["speaker"] for o in occs if o["speaker_kind"] == "name"]
                        + [m[2] for aq in extracted for m in aq.mentions if m[1] == "name"])
    quotes = []
    for group in _group(occs):
        group.sort(key=lambda o: (order[o["article"]], o["start"]))
        wordings = Counter(o["text"] for o in group)
        longest = max(len(t) for t in wordings)
        text = max(wordings, key=lambda t: (len(t) == longest, wordings[t], -order[
            next(o["article"] for o in group if o["text"] == t)]))
        speakers = Counter()
        variants: list[str] = []
        for o in group:
            if o["speaker"]:
                name = canon.get(o["speaker"], o["speaker"]) if o["speaker_kind"] == "name" \
                    else o["speaker"]
                # A speaker the quotation's own sentence names ('..., Cruz said') outweighs
                # one carried over from the quotes before it.
                speakers[(name, o["speaker_kind"])] += 3 if o.get("speaker_text") else 1
                if o["speaker_kind"] == "name" and o["speaker"] not in variants:
                    variants.append(o["speaker"])
        (speaker, kind), _ = speakers.most_common(1)[0] if speakers else ((None, None), 0)
        if speaker is None and len(text.split()) <= 2:
            continue  # a nickname, a title or a term in quotation marks ("S-Bone.", "vote-a-rama"), not speech
        if kind == "name":
            # (only names of that person: a rival speaker of the same words is no variant)
            variants = sorted({v for v, c in canon.items() if c == speaker}
                              | {v for v in variants if canon.get(v, v) == speaker or _one_person(v, speaker)})
        record: dict[str, Any] = {
            "speaker": speaker,
            "speaker_kind": kind,
            "speaker_variants": variants,
            "text": text,
            "occurrences": [_occurrence(o, texts[o["article"]], text) for o in group],
        }
        if len(wordings) > 1:
            record["wordings"] = [{"text": t, "articles": sorted({o["article"] for o in group
                                                                 if o["text"] == t})}
                                  for t in wordings]
            record["differences"] = sorted({d for t in wordings if t != text
                                            for d in _differences(text, t)})
        quotes.append(record)
    quotes.sort(key=lambda q: (-len({o["article"] for o in q["occurrences"]}),
                               min(order[o["article"]] for o in q["occurrences"]),
                               q["occurrences"][0]["start"]))
    return {"quotes": quotes}
