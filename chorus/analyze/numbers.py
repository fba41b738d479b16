"""Numbers in news text, with the bounds their wording allows.

Finds digits ("200,000", "1.5 million", "70%"), number words ("seven",
"a dozen"), vague amounts ("tens of thousands", "hundreds"), fractions
("two-thirds", "a third", "half") and percentages, with the qualifier in
front ("up to", "more than", "about", "nearly", "close to") turned into a
``low``/``high`` range. Years, times of day, dates, durations ("15 months",
"a seven-day ceasefire") and list numbering are not amounts and are skipped.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a dozen": 12, "a hundred": 100, "a thousand": 1000, "a million": 1_000_000,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
           "m": 1_000_000, "k": 1000}
# Vague amounts as (low, high): each reaches up to where the next begins, since
# writers say "thousands" of 12,000 people until "tens of thousands" fits.
_VAGUE = {
    "dozens": (24, 199), "scores": (40, 199), "hundreds": (200, 1999), "thousands": (2000, 19_999),
    "tens of thousands": (20_000, 199_999), "hundreds of thousands": (200_000, 1_999_999),
    "millions": (2_000_000, 19_999_999), "tens of millions": (20_000_000, 199_999_999),
}
_FRAC_DEN = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
             "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "tenth": 10, "tenths": 10}
_FRAC_NUM = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "nine": 9}

# qualifier -> how it bounds the stated value v: (low factor, high factor); None: unbounded.
# STRICT qualifiers exclude the value itself, so that "more than 200,000" and
# "up to 200,000" do not overlap.
QUALIFIERS: dict[str, tuple[float | None, float | None]] = {
    "up to": (None, 1.0), "as many as": (None, 1.0), "at most": (None, 1.0),
    "no more than": (None, 1.0), "fewer than": (None, 1.0), "less than": (None, 1.0),
    "under": (None, 1.0), "below": (None, 1.0), "just under": (0.9, 1.0),
    "more than": (1.0, None), "over": (1.0, None), "at least": (1.0, None),
    "upwards of": (1.0, None), "in excess of": (1.0, None), "above": (1.0, None),
    "just over": (1.0, 1.1), "well over": (1.1, None), "nearly": (0.85, 1.0),
    "almost": (0.85, 1.0), "close to": (0.85, 1.0), "about": (0.9, 1.1), "around": (0.9, 1.1),
    "roughly": (0.9, 1.1), "approximately": (0.9, 1.1), "some": (0.9, 1.1),
    "an estimated": (0.85, 1.15), "estimated": (0.85, 1.15),
}
STRICT_LOW = frozenset({"more than", "over", "in excess of", "above", "just over"})
STRICT_HIGH = frozenset({"fewer than", "less than", "under", "below", "just under"})
_QUAL_RE = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WORDNUM = "|".join(sorted((re.escape(w) for w in _SMALL), key=len, reverse=True))
_VAGUE_RE = "|".join(sorted((re.escape(w) for w in _VAGUE), key=len, reverse=True))
_FRAC_RE = (r"(?:(?:a|one|two|three|four|five|nine)[\s-](?:half|third|thirds|quarter|quarters|"
            r"fifth|fifths|sixth|sixths|tenth|tenths)|half)")

# The qualifier in front is looked up separately (``_QUAL_BEFORE``): an optional group
# at the head of this pattern would be tried at every position of every sentence.
NUMBER_RE = re.compile(
    rf"(?:(?P<frac>\b{_FRAC_RE}\b)"
    rf"|(?P<vague>\b(?:{_VAGUE_RE})\b)"
    rf"|(?P<cur>[$€£])?(?P<num>(?<![\d.,:/A-Za-z])(?<![A-Za-z]-){_DIGITS})(?![\d:/]|\.\d)"
    rf"(?:\s*(?P<scale>hundred|thousand|million|billion|trillion|mn|bn|tn)\b|(?P<short>[mk])\b)?"
    rf"(?P<pct>\s*(?:%|percent\b|per cent\b))?"
    rf"|(?P<word>\b(?:{_WORDNUM})\b)(?:\s+(?P<wscale>hundred|thousand|million|billion|trillion)\b)?"
    rf"(?P<wpct>\s+(?:percent|per cent)\b)?)",
    re.I,
)
# "held for 30 days", "sentenced to ten years": a duration is an amount of its own
_DURATION = re.compile(r"\b(?:for|to|of)\s+(?:(?:up to|at least|more than|nearly|about)\s+)?$", re.I)
_CLOCK = re.compile(r"\s*(?:am|pm|a\.m\.?|p\.m\.?|GMT|BST|ET)(?!\w)", re.I)  # ("p.m." ends in no word boundary)
# After a number, what makes it a clock time, an address or a page's label, not an amount.
_NOT_AN_AMOUNT_AFTER = re.compile(r"(?i:am|pm|a\.m\.?|p\.m\.?)(?!\w)|\s+block\s+of\b|"
                                  r"\s+(?:News|Photos|Videos|Images|Comments|Shares)\b"
                                  # letters glued on that are no unit: "the 49ers", "a 737max"
                                  r"|(?!(?:mph|kph|kmh|lbs|mln|bln|sqm|rpm)\b)[a-z]{3,}")
_QUAL_BEFORE = re.compile(rf"\b(?P<qual>{_QUAL_RE})\s+$", re.I)
_TIME_UNITS = re.compile(r"[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|"
                         r"decades?|centuries|century|am|pm|a\.m\.?|p\.m\.?|GMT|BST|ET)(?!\w)", re.I)
_MONTH_NEAR = re.compile(r"(?:January|February|March|April|May|June|July|August|September|"
                         r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|"
                         r"Dec)\.?\s*$")


# Cheap test first: a digit, or a word that can start an amount.
_MAYBE_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|dozen|dozens|scores|hundred|hundreds|thousand|thousands|million|millions|tens|half|"
    r"third|thirds|quarter|quarters|fifth|fifths|sixth|sixths|tenth|tenths)\b", re.I)


@dataclass(frozen=True, slots=True)
class Number:
    """One amount in the text: ``value`` as stated (None for vague amounts such as
    "hundreds"), ``low``/``high`` as the wording allows (None: unbounded)."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    share: bool  # a fraction or percentage (value in 0..1)
    word: bool  # written in words ("seven"), not digits
    currency: str | None = None  # "$", "€" or "£" written before the amount


def _bounds(value: float, qualifier: str | None, cap: float | None) -> tuple[float | None, float | None]:
    if qualifier is None:
        return value, value
    lo_f, hi_f = QUALIFIERS.get(qualifier.lower(), (1.0, 1.0))
    low = None if lo_f is None else value * lo_f
    high = None if hi_f is None else value * hi_f
    if cap is not None:
        high = cap if high is None else min(high, cap)
        low = 0.0 if low is None else low
    elif low is None:
        low = 0.0
    return low, high


def find_numbers(text: str) -> list[Number]:
    """Every amount in ``text`` (one sentence, usually). Cached: wire copies repeat
    sentences word for word."""
    return list(_cached_numbers(text))


@functools.lru_cache(maxsize=65536)
def _cached_numbers(text: str) -> tuple[Number, ...]:
    return tuple(_find_numbers(text))


def _find_numbers(text: str) -> list[Number]:
    if not _MAYBE_NUMBER.search(text):
        return []
    out: list[Number] = []
    for m in NUMBER_RE.finditer(text):
        if not any(m.group(k) for k in ("frac", "vague", "num", "word")):
            continue
        s, e = m.start(), m.end()
        qm = _QUAL_BEFORE.search(text, max(0, s - 24), s)
        qual = qm.group("qual") if qm else None
        if qm:
            s = qm.start()
        after = text[e:e + 20]
        before = text[max(0, s - 12):s]
        share, word = False, False
        if m.group("frac"):
            if re.match(r"\s+(?:an?\s+)?(?:mile|miles|hour|hours|inch|inches|foot|feet|metre|meter|metres|meters|"
                        r"kilometre|kilometer|kilometres|kilometers|day|days|minute|minutes|year|years|"
                        r"century|dozen|pound|pounds|cup|point|percentage)\b", after, re.I):
                continue  # "half a mile", "a quarter mile", "half an hour": a measure, not a share
            f = m.group("frac").lower().replace("-", " ").split()
            value = 0.5 if f == ["half"] else _FRAC_NUM[f[0]] / _FRAC_DEN[f[1]]
            share = True
            low, high = _bounds(value, qual, 1.0)
        elif m.group("vague"):
            low, high = _VAGUE[m.group("vague").lower()]
            value = None
            word = True
            if qual and QUALIFIERS.get(qual.lower(), (1, 1))[0] is None:
                low = 0.0
        else:
            if m.group("num"):
                raw = m.group("num")
                if _NOT_AN_AMOUNT_AFTER.match(after):
                    continue  # "2pm", "3.30pm", "the 1700 block of", "Channel 2 News", "6 Photos", "49ers"
                if re.match(r"[-‑–][A-Za-z]", after) or (_TIME_UNITS.match(after)
                                                         and not (_DURATION.search(text, 0, s)
                                                              and not _CLOCK.match(after))):
                    continue  # "seven-day", "15 months ago": not amounts
                if _MONTH_NEAR.search(before) or re.search(r"[A-Za-z]\.?\s+\d{1,2},\s*$", before) or re.match(r"\s*(?:,\s*)?(?:January|February|"
                                                          r"March|April|May|June|July|August|"
                                                          r"September|October|November|"
                                                          r"December)\b", after):
                    continue  # "December 5", "5 December"
                value = float(raw.replace(",", ""))
                if (re.fullmatch(r"1[5-9]\d\d|20\d\d", raw) and not m.group("pct")
                        and (not re.match(r"\s+(?:people|[a-z]+s)\b", after)
                             or re.search(r"\b(?:the|its|their|his|her|since|of)\s+$", before, re.I)
                             and re.fullmatch(r"19\d\d|20[0-3]\d", raw))):
                    continue  # a year ("the 2011 protests": a year before a plural after "the")
                if re.match(r"\.\s", text[e:e + 2]) and (s == 0 or text[s - 1] == "\n"):
                    continue  # list numbering
                if re.match(r"[A-Z]", text[e:e + 1]) and not m.group("short"):
                    continue  # "2D", "4G": a name, not an amount
                if not m.group("scale") and not m.group("pct") and re.match(r"(?:st|nd|rd|th)\b", after, re.I):
                    continue  # "8th", "21st": a rank, not an amount
                if re.fullmatch(r"\d*0", raw) and re.match(r"['’]?s\b", after):
                    continue  # "the 90s", "1960s": a decade
                if re.search(r"\d[\d,.]*\s*[A-Za-z]*\s*\((?:about|some|around)?\s*$", before):
                    continue  # "2,700km (1,680 miles)": the same amount in other units
                scale = (m.group("scale") or m.group("short") or "").lower()
                value *= _SCALES.get(scale, 1)
                share = bool(m.group("pct"))
            else:
                w = m.group("word").lower()
                if re.match(r"[-‑–]\w", after) or (_TIME_UNITS.match(after)
                                                   and not (_DURATION.search(text, 0, s)
                                                              and not _CLOCK.match(after))):
                    continue
                value = float(_SMALL[w]) * _SCALES.get((m.group("wscale") or "").lower(), 1)
                share = bool(m.group("wpct"))
                word = True
            if share:
                value /= 100.0
            low, high = _bounds(value, qual, 1.0 if share else None)
        out.append(Number(s, e, text[s:e], value, low, high, qual.lower() if qual else None,
                          share, word, m.group("cur")))
    return _ranges(text, out)


_SCALE_WORD = re.compile(r"\b(?:hundred|thousand|million|billion|trillion|mn|bn|tn)\b", re.I)


def _ranges(text: str, nums: list[Number]) -> list[Number]:
    """'300 to 400', 'between 2 and 16', '20-30 percent': one amount from low to high."""
    out: list[Number] = []
    for n in nums:
        prev = out[-1] if out else None
        if prev is not None and n.share and not prev.share and prev.value is not None \
                and re.fullmatch(r"\s*(?:to|-|–|—)\s*", text[prev.end:n.start]):
            # "20-30 percent": the first number is a percentage too
            prev = Number(prev.start, prev.end, prev.text, prev.value / 100, prev.low / 100,
                          prev.high / 100 if prev.high is not None else None, prev.qualifier,
                          True, prev.word, prev.currency)
        if prev is not None and prev.value is not None and n.value is not None \
                and prev.share == n.share and prev.value < n.value:
            gap = text[prev.end:n.start]
            scale = _SCALE_WORD.search(n.text)
            if scale and not _SCALE_WORD.search(prev.text) and prev.value * _SCALES[scale.group().lower()] <= n.value:
                # "300 to 400 million", "2-3 billion": the scale word counts for both
                f = _SCALES[scale.group().lower()]
                prev = Number(prev.start, prev.end, prev.text, prev.value * f, prev.low * f,
                              prev.high * f if prev.high is not None else None, prev.qualifier,
                              prev.share, prev.word, prev.currency)
            between = re.search(r"\bbetween\s+$", text[max(0, prev.start - 9):prev.start], re.I)
            if re.fullmatch(r"\s*(?:to|-|–|—)\s*", gap) or (between and re.fullmatch(r"\s+and\s+", gap)):
                start = prev.start - (len(between.group()) if between else 0)
                out[-1] = Number(start, n.end, text[start:n.end], None, prev.low if prev.qualifier
                                 else prev.value, n.high if n.qualifier else n.value,
                                 "between", n.share, prev.word and n.word, prev.currency or n.currency)
                continue
        out.append(n)
    return out
