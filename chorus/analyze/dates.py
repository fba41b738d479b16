"""Finding date expressions in text and resolving them to calendar dates.

Shared by the timeline (which lists what happened when) and the figures
(which need the time a number refers to). A date is only produced when the
text supports it: an explicit date, or a relative one ("on Monday", "last
year", "mid-November") resolved against a reference date, normally the
article's publication date. Weekdays are resolved backwards (the most recent
such day, the reference day included) unless the sentence speaks of the
future ("will", "expected", "due"), then forwards.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUMWORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
             "fifteen": 15, "eighteen": 18, "twenty": 20}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>" + _YEAR + r")-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("dmy_dots", re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>" + _YEAR + r")\b")),
    ("month_day", re.compile(r"\b(?P<mon>" + _MONTH + r")\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
                             r"(?:,?\s+(?P<y>" + _YEAR + r"))?(?![\d,]*\d)")),
    ("day_month", re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>" + _MONTH +
                             r")(?:,?\s+(?P<y>" + _YEAR + r"))?\b")),
    ("part_month", re.compile(r"\b(?P<part>early|mid|late|end of|beginning of|start of)[\s-]+"
                              r"(?P<mon>" + _MONTH + r")(?:\s+(?P<y>" + _YEAR + r"))?\b", re.I)),
    ("month", re.compile(r"\b(?:in|since|during|until|by|from|of|last|this|before|after)\s+"
                         r"(?P<mon>January|February|March|April|May|June|July|August|September|"
                         r"October|November|December)(?:\s+(?P<y>" + _YEAR + r"))?\b")),
    ("month_year", re.compile(r"\b(?P<mon>January|February|March|April|June|July|August|"
                              r"September|October|November|December)\s+(?P<y>" + _YEAR + r")\b")),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|this|next|on|since|until|by|late|early|for)\s+)?"
                           r"(?P<wd>" + _WEEKDAY + r")" + _PART +
                           r"(?:\s+or\s+(?P<wd2>" + _WEEKDAY + r")" + _PART + r")?\b")),
    ("deictic", re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight|last night|this morning|"
                           r"this evening|this afternoon)\b", re.I)),
    ("relative", re.compile(r"\b(?P<rel>last|this|next|earlier this|later this)\s+"
                            r"(?P<unit>week|month|year)\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d{1,3}|" + "|".join(_NUMWORDS) + r")\s+"
                       r"(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.I)),
    ("season", re.compile(r"\b(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?"
                          r"(?P<y>" + _YEAR + r")\b", re.I)),
    ("year", re.compile(r"\b(?i:in|since|during|until|by|from|of|the|early|late|mid-?)\s+"
                        r"(?P<y>" + _YEAR + r")\b(?!\s*(?:people|percent|%))")),
]

_FUTURE = re.compile(r"(?:will|would|shall|expects?|expected|forecasts?|predicts?|anticipates?|"
                     r"scheduled|due|plans?|planned|going|upcoming|ahead|awaiting|next)$", re.I)
_PAST = re.compile(r"(?:ed|said|told|took|met|fell|began|made|went|came|saw|won|lost|left|fled|"
                   r"fought|broke|struck|held|gave|ran|spoke|sent|led|shot|hit|was|were|had|did|"
                   r"got)$", re.I)
_TENSE_WINDOW = 12  # words before a weekday that decide whether it lies ahead or behind
_NOT_VERBS = frozenset("the a an his her their its this that these those my our your some any "
                       "all each every no one two three".split())
_INTENT = frozenset("called asked urged invited agreed decided planned voted ordered told summoned "
                    "expected scheduled set promised pledged vowed threatened wanted".split())
_PARTICIPLE_AUX = frozenset("be been being stay stays remain remains get gets is are will would "
                            "was were".split())


_CLAUSE_END = re.compile(r"[;!?]|[.:](?!\d)")


def _looks_future(before: str) -> bool:
    """True when the words just before a weekday put it in the future.

    The nearest tense marker wins: "told officials on Saturday they would"
    is past, "said it would hold talks on Tuesday" is future.
    """
    # (a stop inside a number, "6.8 metres" or "10:30", ends no clause)
    words = re.findall(r"[A-Za-z']+", _CLAUSE_END.split(before)[-1])[-_TENSE_WINDOW:]
    for i in range(len(words) - 1, -1, -1):
        w, prev = words[i], (words[i - 1].lower() if i else "")
        if _FUTURE.match(w):
            return True
        if prev == "to" and w[0].islower() and w.lower() not in _NOT_VERBS:
            # "to explain ... on Thursday": an infinitive looks ahead, unless a past
            # verb of doing governs it ("forced to flee on Monday")
            gov = words[i - 2].lower() if i >= 2 else ""
            if not (_PAST.search(gov) and gov not in _INTENT):
                return True
        if (_PAST.search(w) and len(w) > 3) or w.lower() in ("was", "were", "had", "did", "put"):
            if prev in _PARTICIPLE_AUX:
                continue  # "will stay closed until Friday": a participle, not a past tense
            if prev in ("has", "have") and w.lower() not in ("been",):
                return True  # "has called a strike on Wednesday": the perfect takes no past day
            return False
    return False


# Cheap test first: most sentences name no date at all.
_ANY_DATE = re.compile(r"\d|day\b|\b(?:today|tonight|yesterday|tomorrow|last|this|next|ago|mid|early|"
                       r"late|spring|summer|autumn|fall|winter|jan|feb|mar|apr|may|jun|jul|aug|sep|"
                       r"oct|nov|dec)", re.I)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text states, resolved: ``date`` is YYYY-MM-DD (the period's first day
    for a month or year, its middle for "mid-November"), ``precision`` day|month|year."""

    start: int
    end: int
    text: str
    date: str
    precision: str
    approximate: bool
    relative: bool


def parse_iso(value: str | None) -> date | None:
    """A YYYY-MM-DD string as a date, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _year_for(month: int, day: int, ref: date | None) -> int | None:
    """The year that puts month/day nearest the reference, preferring the past."""
    if ref is None:
        return None
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        delta = (d - ref).days
        score = abs(delta) if delta <= 0 else delta * 3  # past is likelier
        if best is None or score < best[0]:
            best = (score, y)
    return best[1] if best else None


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str, ref: date | None) -> list[DateMention]:
    """All date mentions of ``text`` resolved against ``ref`` (None: only explicit dates).

    Overlapping matches keep the earliest, longest one. Cached: wire copies repeat
    sentences word for word.
    """
    return list(_cached_dates(text, ref))


@functools.lru_cache(maxsize=65536)
def _cached_dates(text: str, ref: date | None) -> tuple[DateMention, ...]:
    return tuple(_find_dates(text, ref))


def _find_dates(text: str, ref: date | None) -> list[DateMention]:
    if not _ANY_DATE.search(text):
        return []
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            res = _resolve(kind, m, ref, _looks_future(text[:s]))
            if res is None:
                continue
            d, precision, approx, relative = res
            taken.append((s, e))
            found.append(DateMention(s, e, text[s:e], d.isoformat(), precision, approx, relative))
    found.sort(key=lambda x: x.start)
    return found


def _resolve(kind: str, m: re.Match[str], ref: date | None, future: bool):
    g = m.groupdict()
    if kind in ("iso", "dmy_dots"):
        d = _mk(int(g["y"]), int(g["m"]), int(g["d"]))
        return (d, "day", False, False) if d else None
    if kind in ("month_day", "day_month"):
        mon = MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["d"])
        if not 1 <= day <= 31:
            return None
        y = int(g["y"]) if g.get("y") else _year_for(mon, day, ref)
        if y is None:
            return None
        d = _mk(y, mon, day)
        return (d, "day", False, not g.get("y")) if d else None
    if kind == "part_month":
        mon = MONTHS[g["mon"].lower().rstrip(".")]
        part = g["part"].lower()
        day = {"early": 5, "mid": 15, "late": 25, "end of": 28}.get(part, 1)
        y = int(g["y"]) if g.get("y") else _year_for(mon, day, ref)
        if y is None:
            return None
        d = _mk(y, mon, day)
        return (d, "day", True, not g.get("y")) if d else None
    if kind in ("month", "month_year"):
        mon = MONTHS[g["mon"].lower()]
        y = int(g["y"]) if g.get("y") else _year_for(mon, 1, ref)
        if y is None:
            return None
        return (date(y, mon, 1), "month", True, not g.get("y"))
    if kind == "weekday":
        if ref is None:
            return None
        wd = WEEKDAYS[g["wd"].lower()]
        rel = (g.get("rel") or "").lower()
        if rel in ("next", "for") or (future and rel not in ("last", "since")):
            delta = (wd - ref.weekday()) % 7
            if rel == "next" and delta == 0:
                delta = 7
        else:
            delta = -((ref.weekday() - wd) % 7)
            if rel == "last" and delta == 0:
                delta = -7
        return (ref + timedelta(days=delta), "day", bool(g.get("wd2")), True)
    if kind == "deictic":
        if ref is None:
            return None
        w = g["word"].lower()
        off = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(w, 0)
        return (ref + timedelta(days=off), "day", False, True)
    if kind == "relative":
        if ref is None:
            return None
        rel, unit = g["rel"].lower(), g["unit"].lower()
        step = -1 if rel == "last" else (1 if rel == "next" else 0)
        if unit == "year":
            return (date(ref.year + step, 1, 1), "year", True, True)
        if unit == "month":
            y, mo = ref.year, ref.month + step
            if mo == 0:
                y, mo = y - 1, 12
            elif mo == 13:
                y, mo = y + 1, 1
            return (date(y, mo, 1), "month", True, True)
        # On a Sunday the week that ends today is the one people call "last week".
        this_monday = ref - timedelta(days=ref.weekday()) + timedelta(days=7 if ref.weekday() == 6 else 0)
        monday = this_monday + timedelta(days=7 * step)
        return (monday, "week", True, True)
    if kind == "ago":
        if ref is None:
            return None
        n = g["n"].lower()
        n_val = int(n) if n.isdigit() else _NUMWORDS[n]
        unit = g["unit"].lower().rstrip("s")
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n_val
        d = ref - timedelta(days=days)
        precision = "day" if unit in ("day", "week") else ("month" if unit == "month" else "year")
        if precision == "month":
            d = d.replace(day=1)
        elif precision == "year":
            d = date(d.year, 1, 1)
        return (d, precision, unit != "day", True)
    if kind == "season":
        start = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}[g["season"].lower()]
        return (date(int(g["y"]), start, 1), "month", True, False)
    if kind == "year":
        return (date(int(g["y"]), 1, 1), "year", True, False)
    return None
