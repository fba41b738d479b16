"""Dates as news pages write them, turned into ``YYYY-MM-DD``, never guessed.

Handles the forms scraped news text uses, for example ``December 3, 2016 at
4:41 pm``, ``Monday 05/December/2016 20:06 PM``, ``05.12.2016``, ``5 Dec.
2016``, the day-month-year dates of pages in German, Dutch, French, Spanish,
Portuguese, Italian, Russian and Arabic (``3. März 2025``, ``3 de marzo de 2025``),
``2025年3月3日``, ISO 8601 (``2016-12-05``, ``2016-12-05T20:06:00Z``) and RFC 2822
(``Mon, 05 Dec 2016 20:06:00 +0000``).

Rules that keep us from inventing a date:

* a date needs a year; ``December 5`` alone is not a publication date;
* all-numeric dates with dots (``05.12.2016``) or dashes (``05-12-2016``)
  are day-month-year, the convention of the sites that write them;
* all-numeric dates with slashes are read only when unambiguous
  (``25/12/2016`` or ``12/25/2016``); ``05/12/2016`` gives ``None``;
* the date is the calendar date as written, in the writer's time zone.

``find_date`` finds the first date in a string; ``date_line`` says whether a
whole line is a dateline-style stamp ("Published: 5 December 2016, 10:00")
rather than a sentence that mentions a date.
"""

from __future__ import annotations

import datetime as _dt
import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Month names of the other languages news pages are often in, written between
# a day and a year ("3. März 2025", "3 de marzo de 2025", "1er mars 2025",
# "3 марта 2025"); only ever read in that day-month-year order.
MONTHS_OTHER = {
    # German, Dutch
    "januar": 1, "jänner": 1, "januari": 1, "februar": 2, "februari": 2, "märz": 3, "maart": 3,
    "mai": 5, "mei": 5, "juni": 6, "juli": 7, "augustus": 8, "oktober": 10, "okt": 10,
    "dezember": 12, "dez": 12,
    # French
    "janvier": 1, "janv": 1, "février": 2, "févr": 2, "fevrier": 2, "mars": 3, "avril": 4, "avr": 4,
    "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
    "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
    # Spanish, Portuguese, Italian
    "enero": 1, "janeiro": 1, "gennaio": 1, "febrero": 2, "fevereiro": 2, "febbraio": 2, "marzo": 3,
    "março": 3, "marco": 3, "abril": 4, "aprile": 4, "mayo": 5, "maio": 5, "maggio": 5, "junio": 6,
    "junho": 6, "giugno": 6, "julio": 7, "julho": 7, "luglio": 7, "agosto": 8, "septiembre": 9,
    "setiembre": 9, "setembro": 9, "settembre": 9, "octubre": 10, "outubro": 10, "ottobre": 10,
    "noviembre": 11, "novembro": 11, "diciembre": 12, "dezembro": 12, "dicembre": 12,
    # Arabic (the months as Egypt and most of the Gulf write them)
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Russian (the genitive, as dates write it)
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}
_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ANY_MONTH = r"(?P<mon>" + "|".join(sorted({**MONTHS, **MONTHS_OTHER}, key=len, reverse=True)) + r")\.?"
_SEP = r"(?:\s+|\s*[/.-]\s*)"
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"

_PATTERNS = [
    # 2016-12-05, 2016-12-05T20:06:00Z, 2016/12/05
    ("ymd", re.compile(r"(?<![\d.])(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?![\d])")),
    # December 3, 2016 / Dec. 3rd 2016
    ("mdy", re.compile(
        r"\b" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b", re.I)),
    # 3 December 2016 / 05/December/2016 / 5th of Dec, 2016 / Mon, 05 Dec 2016
    # ... and in other languages: 3. März 2025 / 3 de marzo de 2025 / 1er mars 2025
    ("dmy", re.compile(
        r"\b(?P<d>\d{1,2})(?:st|nd|rd|th|er|º|°)?" + _SEP + r"(?:(?:of|de|del)\s+)?" + _ANY_MONTH + r",?"
        + r"(?:\s+de|\s+del)?" + _SEP + r"(?P<y>\d{4})\b", re.I)),
    # 2025年3月3日 (Chinese, Japanese)
    ("ymd", re.compile(r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")),
    # 05.12.2016 / 05-12-2016 (day first)
    ("dmy_num", re.compile(r"(?<![\d.])(?P<d>\d{1,2})[.-](?P<m>\d{1,2})[.-](?P<y>\d{4})(?![\d])")),
    # 25/12/2016 or 12/25/2016, only when unambiguous
    ("slash", re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d])")),
]

_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?"
# Words a date stamp may carry besides the date itself.
_STAMP_WORDS = re.compile(
    r"^(?:published|updated|posted|last updated|first published|date|on|at|am|pm|a\.m\.|p\.m\.|"
    r"gmt|utc|cet|cest|eet|eest|msk|ist|[ecmpbh][sd]t|\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ap]m)?|[+-]\d{2}:?\d{2}|z|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|t\d{2}:\d{2}.*|uhr|h|le|el|publié|publicado|publicada|veröffentlicht|aktualisiert|"
    r"pubblicato|gepubliceerd|mis à jour|actualizado)$",
    re.I,
)
_WEEKDAY_RE = re.compile(_WEEKDAY, re.I)
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def _make(y: int, m: int, d: int) -> str | None:
    if not (_MIN_YEAR <= y <= _MAX_YEAR):
        return None
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _from_match(kind: str, m: re.Match) -> str | None:
    g = m.groupdict()
    y = int(g["y"])
    if kind == "slash":
        a, b = int(g["a"]), int(g["b"])
        if a > 12 and b <= 12:
            return _make(y, b, a)
        if b > 12 and a <= 12:
            return _make(y, a, b)
        if a == b:
            return _make(y, a, b)
        return None  # 05/12/2016: December 5 or May 12; we do not guess
    if "mon" in g and g.get("mon"):
        mon = g["mon"].lower()
        return _make(y, MONTHS.get(mon) or MONTHS_OTHER[mon], int(g["d"]))
    return _make(y, int(g["m"]), int(g["d"]))


_YEAR = re.compile(r"\d{4}")


def find_date_span(text: str) -> tuple[str, int, int] | None:
    """The first date in ``text`` as ``(YYYY-MM-DD, start, end)``, or None."""
    if not _YEAR.search(text):  # every form we read writes a four-digit year
        return None
    best: tuple[str, int, int] | None = None
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            if best is not None and m.start() >= best[1]:
                break
            iso = _from_match(kind, m)
            if iso:
                best = (iso, m.start(), m.end())
                break
    return best


def find_date(text: str) -> str | None:
    """The first date written in ``text`` as ``YYYY-MM-DD``, or None."""
    found = find_date_span(text)
    return found[0] if found else None


def parse_date(value: object) -> str | None:
    """A date field (JSON ``published``, HTTP or WARC header) as ``YYYY-MM-DD``.

    Accepts the forms ``find_date`` knows and, as a fallback, a Unix
    timestamp in seconds. Anything else gives None.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            return _dt.datetime.fromtimestamp(float(value), _dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    return find_date(value.strip())


def date_line(line: str, *, max_other_words: int = 3) -> str | None:
    """The date of a line that is a date stamp, else None.

    A date stamp is a line that is mostly a date: besides the date it holds
    at most ``max_other_words`` words that are not weekdays, times or stamp
    words ("Published", "Updated", "at"), such as a section name ("World
    Monday 05/December/2016 20:06 PM"). A sentence that mentions a date
    ("The talks began on December 5, 2016 in Geneva.") is not a stamp.
    """
    if len(line) > 120:
        return None
    found = find_date_span(line)
    if not found:
        return None
    iso, start, end = found
    rest = (line[:start] + " " + line[end:]).replace("|", " ").replace("•", " ")
    other = 0
    for tok in rest.split():
        tok = tok.strip(",;:-–—()[]")
        if not tok or _STAMP_WORDS.match(tok) or _WEEKDAY_RE.fullmatch(tok):
            continue
        other += 1
        if other > max_other_words:
            return None
    if line.rstrip().endswith(".") and other > 0:
        return None  # "It happened on 5 May 2016." reads as a sentence
    return iso
