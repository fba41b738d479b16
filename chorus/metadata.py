"""Metadata a news text states about itself: title, byline, dateline, outlet, wire credits.

Every value here is read from the text (or the container) where it is
stated; when the text does not state it, the value stays empty. Nothing is
guessed from the topic, the file name or the look of the page.

Wire credits. An agency (Reuters, AFP, AP, dpa, ...) is credited when the
text names it as a source of the reporting itself:

* a credit line: ``aw/mkg (dpa, Reuters, AFP)``, ``(AFP)``, ``- Reuters``,
  ``Source: AP``, ``With AFP``, ``Reuters contributed to this report``;
* a dateline credit: ``MOSCOW (Reuters) - ...``;
* a byline naming the agency: ``By Reuters Staff``;
* agency staff gathering the story: ``told Reuters``, ``speaking to Reuters``,
  ``told Agence France-Presse``, ``Reuters journalists/reporters saw``,
  ``an AFP correspondent``.

Citing another outlet's report (``according to Reuters``, ``Reuters
reported``) and photo credits (``(Getty Images/AFP/Name)``) are not wire
credits: the first is attribution, the second credits a picture.
"""

from __future__ import annotations

import re

from chorus.analyze.letters import UPPER
from chorus.boilerplate import ends_sentence, n_words

# Canonical name -> the ways texts write it. Case matters: "AP" and "AA" are words only in capitals.
AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters",),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "ANSA": ("ANSA",),
    "EFE": ("EFE",),
    "Xinhua": ("Xinhua",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Anadolu": ("Anadolu Agency", "Anadolu"),
    "TASS": ("TASS", "Tass"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax",),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS",),
    "UPI": ("UPI", "United Press International"),
    "Yonhap": ("Yonhap",),
    "Bernama": ("Bernama",),
    "AAP": ("AAP", "Australian Associated Press"),
    "PA": ("PA Media", "Press Association"),
    "KNA": ("KNA",),
    "epd": ("epd",),
    "APA": ("APA",),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
}
_ALIAS = {alias: canon for canon, aliases in AGENCIES.items() for alias in aliases}
_AGENCY = "(?:" + "|".join(re.escape(a) for a in sorted(_ALIAS, key=len, reverse=True)) + ")"

# Agency staff gathered the story: "told Reuters", "speaking to AFP" (before the name) ...
_GATHERED_BEFORE = re.compile(
    r"\b(?:told|telling|speaking to|spoke to|speaking with|spoke with|in an interview with|"
    r"interviewed by|confirmed to)\s+(?:the\s+)?$")
# ... or "Reuters journalists", "an AFP correspondent" (after the name).
_GATHERED_AFTER = re.compile(
    r"(?:'s|’s)?\s+(?:TV\s+|Television\s+|news\s+)?(?:journalists?|reporters?|correspondents?|"
    r"photographers?|cameram[ae]n|crews?|witness(?:es)?|staff(?:ers)?)\b")
_CREDIT_ITEMS = re.compile(r"^(?P<initials>[a-z]{1,5}(?:/[a-z]{1,5})*\s*)?\(\s*(?P<items>[^()]{2,80})\s*\)\s*$")
_CREDIT_PHRASE = re.compile(
    rf"^(?:[-—–]\s*|sources?:\s*|with\s+|additional reporting (?:by|from)\s+|(?:compiled|reporting) "
    rf"(?:by|from)\s+|written with\s+)?(?P<items>{_AGENCY}(?:\s*(?:[,/&;]|and)\s*{_AGENCY})*)"
    rf"(?:\s+contributed to this (?:report|story|article))?\.?$", re.I)
# "Reporting by A; editing by B (MP)": the staff credit of a news agency's story.
_STAFF_CREDIT = re.compile(
    r"^(?:additional )?(?:reporting|writing|editing|compiled|produced|reported|written|edited)\s+by\s+"
    r"[^()]{2,160}?\s*(?:\((?P<items>[^()]{2,40})\))?\.?$", re.I)
_ABBREV = re.compile(r"^[A-Z]{2,6}$")
_ITEM_SEP = re.compile(r"[,;/]|\band\b")
_AGENCY_SHAPE = re.compile(r"[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}")
_BYLINE_PARTS = re.compile(r"\s+[|•·]\s+")
_PIPE = re.compile(r"\s*\|\s*")
# "Associated Press writer Karl Jensen contributed from Kelby."
_CONTRIBUTED = re.compile(
    r"^[^.!?]{3,140}\bcontributed(?: to)?(?: this| the)? (?:report|reporting|story|article|coverage|from)\b[^!?]{0,80}$",
    re.I)


def _agency_items(items: str, *, allow_abbrev: bool) -> list[str] | None:
    """Agency names in a credit's list, or None if any item is not agency-shaped."""
    out = []
    for item in (i.strip() for i in _ITEM_SEP.split(items)):
        if not item:
            continue
        canon = _ALIAS.get(item) or (item if allow_abbrev and _ABBREV.match(item) else None)
        if canon is None:
            return None
        out.append(canon)
    return list(dict.fromkeys(out)) or None


_ALIASES = sorted(_ALIAS, key=len, reverse=True)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "-_"


def _agency_hits(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, canonical name)`` of every agency named in ``text``, in order.

    Plain substring search per alias (fast in C) with a word-boundary check,
    the longest alias winning where two overlap ("Anadolu Agency" over "Anadolu").
    """
    hits = []
    for alias in _ALIASES:
        j = text.find(alias)
        while j >= 0:
            end = j + len(alias)
            if not (j and _is_word_char(text[j - 1])) and not (end < len(text) and _is_word_char(text[end])):
                hits.append((j, end, _ALIAS[alias]))
            j = text.find(alias, j + 1)
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    out, last_end = [], -1
    for h in hits:
        if h[0] >= last_end:
            out.append(h)
            last_end = h[1]
    return out


def agencies_in(text: str) -> list[str]:
    """Canonical names of the agencies named in ``text``, in order, once each."""
    return list(dict.fromkeys(canon for _, _, canon in _agency_hits(text)))


def credit_line(line: str) -> list[str] | None:
    """The agencies a stand-alone credit line names ([] for a staff credit without one),
    or None if the line is not a credit line.

    ``aw/mkg (dpa, Reuters, AFP)``, ``(AFP)``, ``— Reuters``, ``Source: AP``,
    ``Reporting by A; editing by B (MP)``. Every item of a bracketed list must
    be a known agency or, after editors' initials or a staff credit, an
    agency-style abbreviation, so a parenthesised aside is not mistaken for
    a credit.
    """
    if n_words(line) > 30:
        return None
    m = _STAFF_CREDIT.match(line) if " by " in line.lower() else None
    if m:
        items = m.group("items")
        return (_agency_items(items, allow_abbrev=True) or []) if items else []
    if "contributed" in line and _CONTRIBUTED.match(line):
        return agencies_in(line)
    if n_words(line) > 12:
        return None
    m = _CREDIT_ITEMS.match(line) if line.endswith(")") else None
    if m:
        return _agency_items(m.group("items"), allow_abbrev=bool(m.group("initials")))
    m = _CREDIT_PHRASE.match(line)
    if m:
        return agencies_in(m.group("items")) or None
    return None


def gathered_by(text: str) -> list[str]:
    """Agencies whose staff the text says gathered the reporting ("told Reuters")."""
    out: list[str] = []
    for start, end, canon in _agency_hits(text):
        if canon in out:
            continue
        if _GATHERED_BEFORE.search(text[max(0, start - 40):start]) or _GATHERED_AFTER.match(text, end):
            out.append(canon)
    return out


_PLACE_WORD = rf"[{UPPER}][\w.'’-]*"  # "BOGOTÁ", "ÉVRY", "São Paulo"
# Labels that open a paragraph the way a dateline does, but are not places.
_LABELS = frozenset([
    "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "COMMENT", "WATCH", "LISTEN", "VIDEO",
    "PHOTO", "PHOTOS", "FILE", "LIVE", "NEW", "ALERT", "FLASH", "URGENT", "REVIEW", "INTERVIEW", "EXPLAINER",
    "CORRECTION", "CLARIFICATION", "NOTE", "EDITOR'S NOTE", "FACT CHECK", "SPONSORED", "ADVERTISEMENT",
    "READ MORE", "RELATED",
])
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:(?:\s*[/,]\s*|\s+|-){_PLACE_WORD}){{0,4}})"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*(?:\((?P<agency>[^()]{2,40})\))?"
    # (after an agency credit the dash may be left out: "FORT WAYNE, Ind. (WANE) The ...")
    rf"(?:\s*(?P<sep>:|—|–|--|-)\s+|(?<=\))\s+)(?=[\"“‘'{UPPER}0-9])"
)


_MONTH_DAY = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?\s+\d{1,2}"
              r"(?:,?\s+\d{4})?")
# A credit with no place: "(Reuters) - ...", "March 2 (Reuters) - ...", "March 12 (UPI) -- ...",
# "(CNN) — ...", "(CNN)The ...".
_CREDIT_ONLY = re.compile(
    rf"^(?:{_MONTH_DAY}\s+)?\((?P<agency>[^()]{{2,40}})\)\s*(?:(?P<sep>—|–|--|-|:)\s+)?(?=[\"“‘'{UPPER}0-9])")


def _credit_only(first_paragraph: str) -> tuple[list[str], int] | None:
    """The agencies of a place-less dateline credit, and where the text after it starts."""
    m = _CREDIT_ONLY.match(first_paragraph)
    if not m:
        return None
    agency = m.group("agency").strip()
    wire = agencies_in(agency)
    if not wire:
        # An unlisted name counts in capitals ("(CNN)", "(THE CONVERSATION)") or with a dash
        # after it; "(L-R)" and "(FILE)" open captions, not stories.
        if not _AGENCY_SHAPE.fullmatch(agency) or not (agency.isupper() or m.group("sep")):
            return None
        if sum(c.isalpha() for c in agency) < 3 or agency.upper() in _LABELS:
            return None
        wire = [agency]
    return wire, m.end()


def dateline(first_paragraph: str) -> tuple[str | None, list[str]]:
    """The dateline opening the first paragraph, and the agencies it credits.

    ``ALEPPO, Syria: ...`` -> ``"ALEPPO, Syria"``; ``Beirut/Moscow: ...`` ->
    ``"Beirut/Moscow"``; ``MOSCOW, Dec 5 (Reuters) - ...`` -> ``"MOSCOW"`` and
    ``["Reuters"]``. A place written in title case needs a colon or an agency
    credit to count, so "Russia - which ..." style openings are not datelines.
    """
    m = _DATELINE.match(first_paragraph)
    if not m:
        credit = _credit_only(first_paragraph)
        return (None, credit[0]) if credit else (None, [])
    place = m.group("place").rstrip(",")
    if len(place) > 40:
        return None, []
    agency = m.group("agency")
    wire = agencies_in(agency) if agency else []
    if agency and not wire:
        # "RIVERTON (MP) -": by convention the credit of an agency we do not list
        if not _AGENCY_SHAPE.fullmatch(agency.strip()):
            return None, []
        wire = [agency.strip()]
    if not any(c.isalpha() for c in place) or place.upper() in _LABELS:
        return None, []
    first_word = place.split(",")[0].split("/")[0]
    upper = first_word.isupper() and len(first_word) > 1
    if m.group("sep") is None and not (upper and agency and re.fullmatch(r"[A-Z][A-Za-z]{1,10}", agency.strip())):
        # without the dash, only a place in capitals and a one-word credit: "WASHINGTON (Reuters) The ..."
        # (not "Apple (AAPL) Chief executive ..." or "NATO (North Atlantic Treaty Organization) Allies ...")
        return None, []
    if not upper and not wire:
        # "Beirut/Moscow: The ..." is a dateline; "Lavrov: “We ...” is a quote
        follows = first_paragraph[m.end():m.end() + 1]
        if m.group("sep") != ":" or not follows.isalpha():
            return None, []
    return place, wire


# A label some sites put before the story: "Updated | When the first humans ...",
# "UPDATE: The council ...", "BREAKING NEWS - ...".
# Buttons and media labels scraped into the story's first line: "Email This Even at 88, ...",
# "Buy Photo Genesee County health official ...", "[Video Link] The Wilco track ...".
# (Also left out of a first sentence that was never cleaned: chorus.analyze.sentencebank.)
BUTTON_LABEL = r"(?:Email This|Buy Photo|Share This|Print This)\s+|\[(?:Video|Photo|Audio)(?: Link)?\]\s*"
_LEAD_LABEL = re.compile(r"^(?:(?i:updated?|breaking(?: news)?|developing(?: story)?|just in)\s*[:|—–-]\s+"
                         rf"|{BUTTON_LABEL})(?=[\"“A-Z])")


def dateline_length(first_paragraph: str) -> int:
    """How many characters the dateline and its separator take (0 when none),
    with a label standing before them ("Updated | ...", "UPDATE: ...").

    Sentence offsets start after it, so a summary quoting the first sentence
    does not open with "ALEPPO, Syria:".
    """
    label = _LEAD_LABEL.match(first_paragraph)
    if label:
        rest = first_paragraph[label.end():]
        return label.end() + (dateline_length(rest) if rest else 0)
    place, _ = dateline(first_paragraph)
    if place is None:
        credit = _credit_only(first_paragraph)
        if credit is None:
            return 0
        end = credit[1]
    else:
        m = _DATELINE.match(first_paragraph)
        end = m.end() if m else 0
    while end < len(first_paragraph) and first_paragraph[end].isspace():
        end += 1
    return end if end < len(first_paragraph) else 0


_BYLINE = re.compile(
    r"^(?:by|written by|words by|reporting by|author|reporter|report by)\s*[:\-–]?\s+(?P<name>.+)$", re.I)


_NAME_GLUE = frozenset("and & of de del der da di al el bin ibn van von la le staff correspondent reporter "
                       "editor writer in for with".split())


def byline(line: str) -> str | None:
    """The author credit of a byline line ("By: Times News Service"), or None.

    The credit must read like names: every word capitalised except joining
    words ("and", "of", "al", "staff"), so "By Monday, rebels had ..." is not
    a byline.
    """
    for part in _BYLINE_PARTS.split(line):
        m = _BYLINE.match(part.strip())
        if not m:
            continue
        name = m.group("name").strip(" .,;:")
        words = name.replace(",", " ").split()
        if not 1 <= len(words) <= 10:
            continue
        if all(w[0].isupper() or w.lower() in _NAME_GLUE or not w[0].isalpha() for w in words):
            return name
    return None


def split_title_suffix(title: str) -> tuple[str, list[str]]:
    """A page title split into the headline and its "| Section | Site | date" suffix parts."""
    if "|" not in title:
        return title.strip(), []
    parts = [p.strip() for p in _PIPE.split(title) if p.strip()]
    if len(parts) < 2:
        return title.strip(), []
    return parts[0], parts[1:]


def outlet_from_suffix(parts: list[str], is_date) -> str | None:
    """The site name in a page-title suffix: its last short part that is not a date."""
    for part in reversed(parts):
        if is_date(part):
            continue
        if n_words(part) <= 4 and len(part) <= 30 and not ends_sentence(part):
            return part
        return None
    return None


_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.&-]*|of|the|and|&|for|de|du|des|la|le|el|al)$")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
                        r"(?:by\s+)?(?P<name>[^.|/()]{2,60}?)\s*(?:\d{4})?[.,]?\s*(?:all rights reserved\.?)?$", re.I)


def name_shaped(line: str, max_words: int = 5) -> bool:
    """A proper name: a few capitalised words (or one all-capitals line), no digits or punctuation."""
    words = line.split()
    if not 1 <= len(words) <= max_words or len(line) > 50 or any(c.isdigit() for c in line):
        return False
    if any(c in line for c in ".:;!?|,\"“”()[]"):
        return False
    return line.isupper() or (words[0][0].isupper() and all(_NAME_WORD.match(w) for w in words))


def display_name(name: str) -> str:
    """An all-capitals masthead in title case ("KESTRIA FREE VOICE" -> "Kestria Free Voice");
    short all-capitals words stay acronyms ("BBC NEWS" -> "BBC News")."""
    if not name.isupper():
        return name
    glue = {"OF": "of", "THE": "The", "AND": "and", "FOR": "for"}
    words = []
    for i, w in enumerate(name.split()):
        if w in glue:
            words.append(glue[w] if i or w != "THE" else "The")
        elif len(w) <= 3:
            words.append(w)
        else:
            words.append(w[0] + w[1:].lower())
    return " ".join(words)


def copyright_holder(line: str) -> str | None:
    """The name in a copyright line ("(c) 2025 Estland Courier. All rights reserved.")."""
    m = _COPYRIGHT.match(line.strip())
    if not m:
        return None
    name = m.group("name").strip(" ,-–")
    return name if name_shaped(name) else None


def trailing_agency(byline: str) -> tuple[str, str] | None:
    """``(name, agency)`` for a byline that ends with an agency without a comma
    ("ELENA MORAES Associated Press"); None otherwise."""
    hits = _agency_hits(byline)
    if not hits:
        return None
    start, end, canon = hits[-1]
    name = byline[:start].strip(" ,;-–—")
    if end != len(byline.rstrip(" .")) or n_words(name) < 2 or name.lower().endswith((" of", " for", " the")):
        return None
    return name, canon
