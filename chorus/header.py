"""The page header: title, masthead, date stamp, byline and what the page says about its outlet.

A scraped page runs masthead, taglines and menus, then the headline, then
date, byline and picture, then the article. ``read_header`` reads the
metadata those lines state and marks them removed on the document being
cleaned (``chorus.clean``); ``outlet_from_copyright`` reads the outlet from a
copyright line when nothing earlier named it. Nothing is guessed: a value the
page does not state stays empty.

How the title is chosen among headline-shaped header lines: it shares words
with the body, the page repeats it, and nothing but removed lines (date,
byline, caption) stands between it and the body. A short name-shaped first
line with a headline below it is the masthead, the outlet's own name.
"""

from __future__ import annotations

import re
from collections import defaultdict

from chorus import boilerplate as bp
from chorus import metadata as md
from chorus.dates import date_line

_PARTS = re.compile(r"\s+[|•·]\s+")
_BULLET = re.compile(r"^[•·▪►»*–—-]\s*")
_WORD = re.compile(r"\w{3,}")
_STOP = frozenset(
    "the and for with from that this was were are has have had not but its his her their they them "
    "our you your will would can could into over after before about than then there here what when "
    "who which while also more most some any all new news said says since only just every each other "
    "such even very much many well back still first last one two three year years now how why where "
    "out off being been get got make made like".split()
)


def line_key(line: str) -> str:
    """Comparison key of a normalised line (whitespace is already single spaces)."""
    return line.casefold()


def _content_words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold())) - _STOP


class _LazyWords:
    """The content words of a text, computed on first use (most pages never need them)."""

    __slots__ = ("text", "_words")

    def __init__(self, text: str):
        self.text, self._words = text, None

    def get(self) -> set[str]:
        if self._words is None:
            self._words = _content_words(self.text)
        return self._words


def overlap(line: str, body_words: _LazyWords) -> float:
    """Share of the line's content words that the article body also uses."""
    words = _content_words(line)
    return len(words & body_words.get()) / len(words) if words else 0.0


_TWICE = re.compile(r"^(?P<t>(?:\S+\s+){3,24}?\S+)\s+(?P=t)\s+(?=\S)")


def read_header(doc) -> None:
    """Title, outlet, date and byline from the lines before the body; those lines are removed.

    The page header runs masthead, taglines and menus, then the headline,
    then date, byline and picture. So a short name-shaped first line followed
    by a headline is the masthead (the outlet's own name), and whatever stands
    above the headline is site furniture.
    """
    lines, header_end = doc.lines, doc.first if doc.first >= 0 else len(doc.lines)
    # The body's vocabulary, from its first paragraphs: enough to tell a title from a tagline.
    body_words = _LazyWords(" ".join(
        [l for i, l in enumerate(lines[header_end:header_end + 40], header_end) if doc.verdict[i] is None]
    )[:1500])
    candidates: dict[str, list[int]] = defaultdict(list)
    headlines: dict[str, str] = {}
    suffixes: dict[str, list[str]] = {}  # "| Section | Site | date" after a headline
    for i in range(header_end):
        line = lines[i]
        if doc.verdict[i] not in (None, "repeated line", "navigation menu"):
            continue
        stamp, name = date_line(line), md.byline(line)
        if name and not stamp:  # "By Jane Doe | 5 May 2020"
            stamp = next((d for d in map(date_line, _PARTS.split(line)) if d), None)
        if stamp or name:
            if stamp and "updated" not in line.casefold():  # an update stamp is not the publication date
                doc.published = doc.published or stamp
            if name:
                doc.byline = doc.byline or name
                doc.add_wire(md.agencies_in(name))
            doc.verdict[i] = "byline" if name else "date line"
            continue
        if doc.verdict[i] == "navigation menu":
            continue
        head, suffix = md.split_title_suffix(_BULLET.sub("", line))
        if bp.is_heading_shaped(head) and bp.n_words(head) >= 3:
            candidates[line_key(head)].append(i)
            headlines.setdefault(line_key(head), head)
            if suffix:
                suffixes.setdefault(line_key(head), suffix)
    masthead = _masthead(doc, candidates)
    if doc.title is None and candidates:
        def score(key: str) -> tuple[float, int]:
            # Evidence for a title: it shares words with the body, the page repeats it,
            # and nothing but removed lines (date, byline, caption) stands between it and the body.
            repeated = 0.5 if len(candidates[key]) > 1 else 0.0
            last = candidates[key][-1]
            adjacent = 0.3 if all(doc.verdict[j] is not None for j in range(last + 1, header_end)) else 0.0
            return overlap(headlines[key], body_words) + repeated + adjacent, -candidates[key][0]
        best = max(candidates, key=score)
        if score(best)[0] >= 0.3:
            doc.title = headlines[best]
    if doc.title is None and header_end < len(lines):
        # A headline run into the body twice by the scraper: "Passenger Who Arrived At Newark
        # Being Evaluated For Ebola Passenger Who Arrived ... Ebola A passenger who ...".
        twice = _TWICE.match(lines[header_end])
        if twice and bp.is_heading_shaped(twice.group("t")):
            doc.title = twice.group("t")
    title_at = header_end
    if doc.title:
        head, suffix = md.split_title_suffix(doc.title)
        suffix = suffix or suffixes.get(line_key(head), [])
        if suffix:
            doc.outlet = doc.outlet or md.outlet_from_suffix(suffix, date_line)
            doc.published = doc.published or next((d for d in map(date_line, suffix) if d), None)
            doc.title = head
        tkey = line_key(doc.title)
        for i, line in enumerate(lines):
            if tkey[:12] in line.casefold() and line_key(md.split_title_suffix(_BULLET.sub("", line))[0]) == tkey:
                doc.verdict[i] = "title"
                title_at = min(title_at, i)
    if masthead is not None:
        doc.outlet = doc.outlet or md.display_name(lines[masthead])
        doc.verdict[masthead] = "masthead"
    for i in range(header_end):
        if doc.verdict[i] is not None:
            continue
        line = lines[i]
        if i < title_at and not bp.is_sentence_like(line):
            doc.drop(i, "site header above the headline")
        elif bp.n_words(line) <= 4 and not bp.is_sentence_like(line):
            doc.drop(i, "header line (section label or site furniture)")
        elif bp.is_heading_shaped(line) and overlap(line, body_words) < 0.34:
            doc.drop(i, "header line unrelated to the article (tagline)")
    _split_byline_affiliation(doc)


def _masthead(doc, candidates: dict[str, list[int]]) -> int | None:
    """Index of the masthead: a name-shaped first line with a headline below it."""
    if doc.raw.format != "text" or not doc.lines or not md.name_shaped(doc.lines[0]):
        return None
    # The first line of a menu run can be the site's name, if it is more than one word.
    if doc.verdict[0] is not None and not (doc.verdict[0] == "navigation menu" and bp.n_words(doc.lines[0]) > 1):
        return None
    first_key = line_key(doc.lines[0])
    if any(k != first_key and idx[-1] > 0 for k, idx in candidates.items()):
        candidates.pop(first_key, None)
        return 0
    return None


def _split_byline_affiliation(doc) -> None:
    """"Jane Doe, Reuters" credits the agency; "Jane Doe, World Dispatch" names the outlet."""
    if not doc.byline:
        return
    tail_agency = md.trailing_agency(doc.byline)
    if tail_agency:  # "ELENA MORAES Associated Press"
        name, agency = tail_agency
        doc.add_wire([agency])
        doc.byline = name
        return
    person, _, tail = doc.byline.rpartition(",")
    tail, person = tail.strip(), person.strip()
    if not person or bp.n_words(person) < 2:
        return
    agencies = md.agencies_in(tail)
    if agencies and bp.n_words(tail) <= 3:
        doc.add_wire(agencies)
        doc.byline = person
    elif md.name_shaped(tail, 4) and (doc.outlet is None or line_key(tail) == line_key(doc.outlet)):
        doc.outlet = doc.outlet or tail
        doc.byline = person


def outlet_from_copyright(doc) -> None:
    """The holder of a copyright line names the outlet, when nothing earlier did."""
    if doc.outlet:
        return
    for i, line in enumerate(doc.lines):
        if doc.verdict[i] == "copyright line":
            name = md.copyright_holder(line)
            if name and not md.agencies_in(name):
                doc.outlet = name
                return
