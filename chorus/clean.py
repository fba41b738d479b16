"""Raw documents to clean articles: body text, metadata, and a record of what was removed.

``clean_documents`` turns each ``RawDoc`` into an ``Article`` (or a
``Rejection`` when nothing of an article is left). It works line by line:
one non-blank line of the page is one paragraph.

Where a line sits decides how much evidence removing it needs. The article
body runs from the first to the last *body-shaped* line (eight words or more
ending in sentence punctuation, or 25 words whatever the ending):

* before the body (the header) sit the title, the date stamp, the byline,
  section labels, taglines and menus; short lines and headline-shaped lines
  that share no words with the body are removed, a standfirst that does is
  kept;
* after the body (the footer) sit credit lines, comment boxes and lists of
  related headlines; headline-shaped lines there are removed, sentences kept;
* inside the body only lines with positive evidence go: interface text
  (``chorus.boilerplate``), photo captions, runs of three or more menu-like
  lines, repeats of an earlier line, and labels repeated across the
  collection's pages from the same site.

Precision comes first: a line that reads as a sentence is only removed when a
specific rule names it (interface text, a caption, a credit line, a repeat).
Every removed line is kept on ``Article.removed`` with its reason, and
captions go to ``Article.captions``.

Normalisation is limited to whitespace: non-breaking and other Unicode spaces
become plain spaces, zero-width characters and soft hyphens go, runs of
spaces collapse, lines a scraper hard-wrapped inside a sentence are joined.
Quotation marks and apostrophes are left exactly as the outlet wrote them, so
quotes and passages can be matched against the source. Paragraphs are joined
with a blank line (``"\\n\\n"``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from urllib.parse import urlsplit

from chorus import boilerplate as bp
from chorus import metadata as md
from chorus.dates import date_line
from chorus.model import Article, RawDoc, Rejection, Removed, article_id

PARAGRAPH_SEP = "\n\n"
_DELETE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_INNER_STOP = re.compile(r"[a-z0-9][.!?][\"'”’]?\s+[\"'“‘]?[A-Z]")  # a sentence ends inside the line
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


def normalise_lines(text: str) -> list[str]:
    """Non-blank lines of ``text`` with whitespace normalised and hard wraps joined."""
    text = _DELETE.sub("", unicodedata.normalize("NFC", text))
    out: list[str] = []
    blank_before = True
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            blank_before = True
            continue
        if (out and not blank_before and line[0].islower()
                and not bp.ends_sentence(out[-1]) and not out[-1].endswith(":")):
            out[-1] = out[-1] + " " + line  # a sentence the scraper wrapped
        else:
            out.append(line)
        blank_before = False
    return out


def _key(line: str) -> str:
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


def _overlap(line: str, body_words: _LazyWords) -> float:
    """Share of the line's content words that the article body also uses."""
    words = _content_words(line)
    return len(words & body_words.get()) / len(words) if words else 0.0


def site_key(raw: RawDoc) -> str | None:
    """The site a document comes from (URL host or outlet), when the input says."""
    if raw.url:
        host = urlsplit(raw.url).hostname
        if host:
            return host.removeprefix("www.")
    return raw.outlet.casefold() if raw.outlet else None


class _Doc:
    """One document while it is being cleaned: its lines and a verdict per line."""

    __slots__ = ("raw", "lines", "verdict", "captions", "wire", "title", "outlet", "published",
                 "byline", "first", "last")

    def __init__(self, raw: RawDoc):
        self.raw = raw
        self.lines = normalise_lines(raw.text)
        self.verdict: list[str | None] = [None] * len(self.lines)  # None = body text
        self.captions: list[int] = []
        self.wire: list[str] = []
        self.title = " ".join(raw.title.split()) or None if raw.title else None
        self.outlet = " ".join(raw.outlet.split()) or None if raw.outlet else None
        self.published = raw.published
        self.byline = raw.byline
        if raw.byline:
            self.add_wire(md.agencies_in(raw.byline))
        self.first = self.last = -1

    def drop(self, i: int, reason: str) -> None:
        if self.verdict[i] is None:
            self.verdict[i] = reason

    def add_wire(self, names: list[str]) -> None:
        self.wire.extend(n for n in names if n not in self.wire)


def _mark_line_shapes(doc: _Doc) -> None:
    """Rules that judge a line on its own: interface text, credit lines, captions, repeats."""
    lines, seen = doc.lines, set()
    for i, line in enumerate(lines):
        key = _key(line)
        if key in seen:
            doc.drop(i, "repeated line")
            continue
        seen.add(key)
        credits = md.credit_line(line)
        if credits is not None:
            doc.drop(i, "credit line")
            doc.add_wire(credits)
            continue
        reason = bp.interface_reason(line)
        if reason:
            doc.drop(i, reason)
        elif bp.caption_reason(line):
            doc.drop(i, "caption")


def _mark_menus(doc: _Doc) -> None:
    """A run of three or more short labels is a menu when it sits outside the body,
    or inside it next to interface labels ("Print", "Email"); a list inside the
    body (ingredients, names, chemicals) is content and stays."""
    lines, i = doc.lines, 0
    while i < len(lines):
        j = i
        while j < len(lines) and bp.is_menu_item(lines[j]):
            j += 1
        if j - i >= 3 and (doc.first < 0 or j <= doc.first or i > doc.last
                           or any(doc.verdict[k] not in (None, "repeated line") for k in range(i, j))):
            for k in range(i, j):
                doc.drop(k, "navigation menu")
        i = max(j, i + 1)


def _body_lines(doc: _Doc) -> list[int]:
    return [i for i, line in enumerate(doc.lines) if doc.verdict[i] is None and bp.is_body_shaped(line)]


def _find_body(doc: _Doc) -> None:
    """Locate the first and last body-shaped lines.

    A line shown twice in a row before the body starts (a picture's alt text,
    then its caption) is a caption, not the first paragraph.
    """
    body = _body_lines(doc)
    while body and body[0] + 1 < len(doc.lines) and doc.verdict[body[0] + 1] == "repeated line" \
            and _key(doc.lines[body[0] + 1]) == _key(doc.lines[body[0]]):
        doc.verdict[body[0]] = "caption"
        body = body[1:]
    if body:
        doc.first, doc.last = body[0], body[-1]


def _metadata_from_header(doc: _Doc) -> None:
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
            candidates[_key(head)].append(i)
            headlines.setdefault(_key(head), head)
            if suffix:
                suffixes.setdefault(_key(head), suffix)
    masthead = _masthead(doc, candidates)
    if doc.title is None and candidates:
        def score(key: str) -> tuple[float, int]:
            # Evidence for a title: it shares words with the body, the page repeats it,
            # and nothing but removed lines (date, byline, caption) stands between it and the body.
            repeated = 0.5 if len(candidates[key]) > 1 else 0.0
            last = candidates[key][-1]
            adjacent = 0.3 if all(doc.verdict[j] is not None for j in range(last + 1, header_end)) else 0.0
            return _overlap(headlines[key], body_words) + repeated + adjacent, -candidates[key][0]
        best = max(candidates, key=score)
        if score(best)[0] >= 0.3:
            doc.title = headlines[best]
    title_at = header_end
    if doc.title:
        head, suffix = md.split_title_suffix(doc.title)
        suffix = suffix or suffixes.get(_key(head), [])
        if suffix:
            doc.outlet = doc.outlet or md.outlet_from_suffix(suffix, date_line)
            doc.published = doc.published or next((d for d in map(date_line, suffix) if d), None)
            doc.title = head
        tkey = _key(doc.title)
        for i, line in enumerate(lines):
            if tkey[:12] in line.casefold() and _key(md.split_title_suffix(_BULLET.sub("", line))[0]) == tkey:
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
        elif bp.is_heading_shaped(line) and _overlap(line, body_words) < 0.34:
            doc.drop(i, "header line unrelated to the article (tagline)")
    _split_byline_affiliation(doc)


def _masthead(doc: _Doc, candidates: dict[str, list[int]]) -> int | None:
    """Index of the masthead: a name-shaped first line with a headline below it."""
    if doc.raw.format != "text" or not doc.lines or doc.verdict[0] is not None:
        return None
    if not md.name_shaped(doc.lines[0]):
        return None
    first_key = _key(doc.lines[0])
    if any(k != first_key and idx[-1] > 0 for k, idx in candidates.items()):
        candidates.pop(first_key, None)
        return 0
    return None


def _split_byline_affiliation(doc: _Doc) -> None:
    """"Jane Doe, Reuters" credits the agency; "Jane Doe, World Dispatch" names the outlet."""
    if not doc.byline or "," not in doc.byline:
        return
    person, _, tail = doc.byline.rpartition(",")
    tail, person = tail.strip(), person.strip()
    if bp.n_words(person) < 2:
        return
    agencies = md.agencies_in(tail)
    if agencies and bp.n_words(tail) <= 3:
        doc.add_wire(agencies)
        doc.byline = person
    elif md.name_shaped(tail, 4) and (doc.outlet is None or _key(tail) == _key(doc.outlet)):
        doc.outlet = doc.outlet or tail
        doc.byline = person


def _mark_footer(doc: _Doc) -> None:
    """After the body: headlines and labels go, sentences stay; readers' comments go."""
    if doc.first < 0:
        return
    start = next((i for i in range(doc.first + 1, len(doc.lines)) if bp.starts_comment_section(doc.lines[i])),
                 None)
    if start is not None:
        for i in range(start, len(doc.lines)):
            doc.drop(i, "comment section")
        body = _body_lines(doc)
        doc.last = body[-1] if body else doc.first
    outlet = _key(doc.outlet).removeprefix("the ") if doc.outlet else None
    for i in range(doc.last + 1, len(doc.lines)):
        line = doc.lines[i]
        if (bp.n_words(line) <= 2 and not bp.is_sentence_like(line)) or (
                not bp.ends_sentence(line) and bp.n_words(line) <= 20 and not _INNER_STOP.search(line)):
            doc.drop(i, "after the article: headline, link or label")
        elif outlet and _key(line).removeprefix("the ").startswith(outlet + " ") and bp.n_words(line) <= 25:
            doc.drop(i, "after the article: the outlet describing itself")


def _mark_captions_context(doc: _Doc) -> None:
    """A headline-shaped line right after a caption is the caption's title; one right
    after a video teaser is the video's title."""
    for i in range(1, len(doc.lines)):
        before, line = doc.verdict[i - 1], doc.lines[i]
        if doc.verdict[i] is None and before in ("caption", "media teaser") and doc.first <= i \
                and not bp.ends_sentence(line) and bp.n_words(line) >= 4 and bp.n_words(line) <= 25:
            doc.verdict[i] = before
    if doc.raw.captions:  # captions the container marked (HTML <figcaption>)
        known = {_key(" ".join(c.split())) for c in doc.raw.captions}
        for i, line in enumerate(doc.lines):
            if _key(line) in known:
                doc.verdict[i] = "caption"


def _outlet_from_copyright(doc: _Doc) -> None:
    if doc.outlet:
        return
    for i, line in enumerate(doc.lines):
        if doc.verdict[i] == "copyright line":
            name = md.copyright_holder(line)
            if name and not md.agencies_in(name):
                doc.outlet = name
                return


def _mark_collection(docs: list[_Doc]) -> None:
    """Labels repeated on several pages of one site are site furniture.

    Only lines that do not read as sentences are candidates. A label must
    appear on two pages of the same known site, or on three pages of
    unknown sites; between the first and last body lines, only the
    same-known-site rule applies, so the sub-headings of wire copies that
    several unknown sites carry are kept.
    """
    by_site: dict[str | None, Counter] = defaultdict(Counter)
    sites = [site_key(d.raw) for d in docs]
    for d, site in zip(docs, sites):
        keys = {_key(l) for i, l in enumerate(d.lines) if d.verdict[i] is None and not bp.is_sentence_like(l)}
        by_site[site].update(keys)
    for d, site in zip(docs, sites):
        counts = by_site[site]
        need = 2 if site else 3
        for i, line in enumerate(d.lines):
            if d.verdict[i] is not None or bp.is_sentence_like(line):
                continue
            inside = d.first <= i <= d.last
            n = counts[_key(line)]
            if n >= need and (site or not inside):
                d.drop(i, f"repeated on {n} pages of the collection")


def _finish(doc: _Doc) -> Article | Rejection:
    raw, lines = doc.raw, doc.lines
    body = [l for i, l in enumerate(lines) if doc.verdict[i] is None]
    text = PARAGRAPH_SEP.join(body)
    if not text.strip():
        return Rejection(raw.path, "no article text left after cleaning", raw.line)
    lead = lines[doc.first] if doc.first >= 0 and doc.verdict[doc.first] is None else body[0]
    place, wire = md.dateline(lead)
    doc.add_wire(wire)
    doc.add_wire(md.gathered_by(text))
    return Article(
        id=article_id(text),
        text=text,
        path=raw.path,
        title=doc.title,
        outlet=doc.outlet,
        published=doc.published,
        dateline=place,
        byline=doc.byline,
        wire=doc.wire,
        url=raw.url,
        removed=[Removed(l, doc.verdict[i]) for i, l in enumerate(lines)
                 if doc.verdict[i] not in (None, "caption")],
        captions=list(dict.fromkeys([l for i, l in enumerate(lines) if doc.verdict[i] == "caption"]
                                    + [" ".join(c.split()) for c in raw.captions])),
        source_id=raw.source_id,
    )


def _prepare(raw: RawDoc) -> _Doc:
    doc = _Doc(raw)
    _mark_line_shapes(doc)
    _find_body(doc)
    _mark_menus(doc)
    _metadata_from_header(doc)
    _outlet_from_copyright(doc)
    _mark_footer(doc)
    _mark_captions_context(doc)
    return doc


def clean_documents(raws: list[RawDoc]) -> list[Article | Rejection]:
    """Clean a collection of raw documents; one Article or Rejection per input, in order.

    The collection matters: labels repeated across pages of one site are
    removed as site furniture. Never raises for bad input; a document that
    breaks a rule's assumptions becomes a Rejection naming its path and line.
    """
    prepared: list[_Doc | Rejection] = []
    for raw in raws:
        try:
            prepared.append(_prepare(raw))
        except Exception as exc:  # a bug on odd input must not stop the run
            prepared.append(Rejection(raw.path, f"could not clean: {type(exc).__name__}: {exc}", raw.line))
    docs = [d for d in prepared if isinstance(d, _Doc)]
    try:
        _mark_collection(docs)
    except Exception:  # pragma: no cover - the per-document result still stands
        pass
    out: list[Article | Rejection] = []
    for d in prepared:
        if isinstance(d, Rejection):
            out.append(d)
            continue
        try:
            out.append(_finish(d))
        except Exception as exc:
            out.append(Rejection(d.raw.path, f"could not clean: {type(exc).__name__}: {exc}", d.raw.line))
    return out


def clean_document(raw: RawDoc) -> Article | Rejection:
    """Clean one document on its own (no collection-wide rules)."""
    return clean_documents([raw])[0]
