"""Raw documents to clean articles: body text, metadata, and a record of what was removed.

``clean_documents`` turns each ``RawDoc`` into an ``Article`` (or a
``Rejection`` when nothing of an article is left). It works line by line:
one non-blank line of the page is one paragraph.

Where a line sits decides how much evidence removing it needs. The article
body runs from the first to the last *body-shaped* line (eight words or more
ending in sentence punctuation, or 25 words whatever the ending):

* before the body (the header) sit the title, the date stamp, the byline,
  section labels, taglines and menus (read by ``chorus.header``); short
  lines and headline-shaped lines that share no words with the body are
  removed, a standfirst that does is kept;
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
quotes and passages can be matched against the source. The text holds one
paragraph per line (joined with ``"\\n"``), so every line break ends a
sentence and a paragraph.

Each article leaves here with its sentence offsets already split
(``chorus.sentences``), so all per-document work, sentences included, can
run in worker processes for large collections (``workers``); the
collection-wide rule then runs once over all documents, and only the
documents it changes are finished again.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import replace
from urllib.parse import urlsplit

from chorus import boilerplate as bp
from chorus import metadata as md
from chorus.header import line_key as _key
from chorus.header import outlet_from_copyright, read_header
from chorus.language import detect as detect_language
from chorus.model import Article, RawDoc, Rejection, Removed, article_id
from chorus.parallel import map_ordered
from chorus.sentences import split_sentences

PARAGRAPH_SEP = "\n"  # one paragraph per line, as docs/events-json.md states
_DELETE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u0080-\u009f]")  # invisible marks, C1 controls
_INNER_STOP = re.compile(r"[a-z0-9][.!?][\"'”’]?\s+[\"'“‘]?[A-Z]")  # a sentence ends inside the line


# Mojibake: UTF-8 bytes read as cp1252 or Latin-1 somewhere upstream ("itâ€™s", "cafÃ©"):
# the look-alike of a lead byte (0xC2-0xEF) followed by that of a continuation byte
# (0x80-0xBF, which cp1252 shows as these letters and punctuation).
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014" \
                "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE = re.compile(f"[\u00c2-\u00ef][{_CONTINUATION}]")


def repair_mojibake(text: str | None) -> str | None:
    """``text`` with mis-decoded UTF-8 put right (ftfy's ``fix_encoding``, which
    changes text only when the result is more plausible); other text as it is."""
    if not text or not _MOJIBAKE.search(text):
        return text
    import ftfy

    return ftfy.fix_encoding(text)


def normalise_lines(text: str) -> list[str]:
    """Non-blank lines of ``text`` with whitespace normalised, mis-decoded UTF-8
    repaired and hard wraps joined."""
    text = _DELETE.sub("", unicodedata.normalize("NFC", repair_mojibake(text)))
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


def site_key(url: str | None, outlet: str | None) -> str | None:
    """The site a document comes from: its URL's host, else the outlet it names."""
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return outlet.casefold() if outlet else None


class _Doc:
    """One document while it is being cleaned: its lines and a verdict per line."""

    __slots__ = ("raw", "lines", "verdict", "wire", "title", "outlet", "published", "byline", "first", "last")

    def __init__(self, raw: RawDoc):
        self.raw = raw
        self.lines = normalise_lines(raw.text)
        self.verdict: list[str | None] = [None] * len(self.lines)  # None = body text
        self.wire: list[str] = []
        self.title = " ".join(repair_mojibake(raw.title).split()) or None if raw.title else None
        self.outlet = " ".join(repair_mojibake(raw.outlet).split()) or None if raw.outlet else None
        self.published = raw.published
        self.byline = repair_mojibake(raw.byline)
        if raw.byline:
            self.add_wire(md.agencies_in(raw.byline))
        self.first = self.last = -1

    def drop(self, i: int, reason: str) -> None:
        if self.verdict[i] is None:
            self.verdict[i] = reason

    def add_wire(self, names: list[str]) -> None:
        self.wire.extend(n for n in names if n not in self.wire)


def _mark_line_shapes(doc: _Doc) -> None:
    """Rules that judge a line on its own: credit lines, interface text, captions, repeats.

    A repeat of an earlier line goes (the first stays), except a short
    sentence: "He declined to comment." may well be said twice.
    """
    lines, seen = doc.lines, set()
    for i, line in enumerate(lines):
        credits = md.credit_line(line)
        if credits is not None:
            doc.drop(i, "credit line")
            doc.add_wire(credits)
            continue
        reason = bp.interface_reason(line) or ("caption" if bp.caption_reason(line) else None)
        if not reason and i and doc.verdict[i - 1] == "caption label" and not bp.is_body_shaped(line):
            reason = "caption"  # "Image caption," then the caption itself
        if not reason and i and doc.verdict[i - 1] == "story highlights" and not bp.ends_sentence(line):
            reason = "story highlights"  # the next bullets, up to the story's first sentence
        if reason:
            doc.drop(i, reason)
            continue
        key = _key(line)
        if key in seen and (bp.n_words(line) >= 8 or not bp.is_sentence_like(line)):
            doc.drop(i, "repeated line")
        seen.add(key)


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
        if doc.verdict[i] is not None:
            continue
        if before in ("caption", "media teaser") and doc.first <= i and not bp.ends_sentence(line) \
                and 4 <= bp.n_words(line) <= 25:
            doc.verdict[i] = before
    if doc.raw.captions:  # captions the container marked (HTML <figcaption>)
        known = {_key(" ".join(c.split())) for c in doc.raw.captions}
        for i, line in enumerate(doc.lines):
            if _key(line) in known:
                doc.verdict[i] = "caption"


def _mark_collection(docs: list[_Doc]) -> list[int]:
    """Labels repeated on several pages of one site are site furniture.

    Only lines that do not read as sentences are candidates. A label must
    appear on two pages of the same known site, or on three pages of
    unknown sites; between the first and last body lines, only the
    same-known-site rule applies, so the sub-headings of wire copies that
    several unknown sites carry are kept. Returns the positions (in
    ``docs``) of the documents that lost a line.
    """
    by_site: dict[str | None, Counter] = defaultdict(Counter)
    sites = [site_key(d.raw.url, d.outlet) for d in docs]  # the outlet as the page states it (masthead, ...)
    labels = [[i for i, l in enumerate(d.lines) if d.verdict[i] is None and not bp.is_sentence_like(l)]
              for d in docs]
    for d, site, idx in zip(docs, sites, labels):
        by_site[site].update({_key(d.lines[i]) for i in idx})
    changed = []
    for pos, (d, site, idx) in enumerate(zip(docs, sites, labels)):
        counts, need = by_site[site], (2 if site else 3)
        for i in idx:
            n = counts[_key(d.lines[i])]
            if n >= need and (site or not d.first <= i <= d.last):
                d.drop(i, f"repeated on {n} pages of the collection")
                if not changed or changed[-1] != pos:
                    changed.append(pos)
    return changed


def sentence_spans(text: str, lead: str | None = None) -> list[tuple[int, int]]:
    """The sentences of an article's cleaned ``text`` as ``(start, end)`` offsets.

    The sentence opening ``lead`` (the first paragraph of the body; the
    text's first paragraph when not given) starts after its dateline, so a
    summary quoting it does not open with "ALEPPO, Syria:".
    """
    sentences = split_sentences(text)
    if lead is None:
        lead = text.split(PARAGRAPH_SEP, 1)[0]
    skip = md.dateline_length(lead)
    at = text.find(lead) if skip else -1
    if at >= 0:
        sentences = [(s + skip, e) if s == at and s + skip < e else (s, e) for s, e in sentences]
    return sentences


def _finish(doc: _Doc) -> Article | Rejection:
    """The article the verdicts leave: body text, dateline, wire credits, what was removed."""
    raw, lines = doc.raw, doc.lines
    body = [l for i, l in enumerate(lines) if doc.verdict[i] is None]
    text = PARAGRAPH_SEP.join(body)
    if not text.strip():
        return Rejection(raw.path, "no article text left after cleaning", raw.line)
    lead = lines[doc.first] if doc.first >= 0 and doc.verdict[doc.first] is None else body[0]
    place, wire = md.dateline(lead)
    doc.add_wire(wire)
    doc.add_wire(md.gathered_by(text))
    sentences = sentence_spans(text, lead)
    return Article(
        sentences=sentences,
        id=article_id(text),
        text=text,
        path=raw.path,
        title=doc.title,
        outlet=doc.outlet,
        published=doc.published,
        dateline=place,
        byline=doc.byline,
        wire=list(doc.wire),
        url=raw.url,
        language=detect_language(text),
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
    read_header(doc)
    outlet_from_copyright(doc)
    _mark_footer(doc)
    _mark_captions_context(doc)
    return doc


def _clean_one(raw: RawDoc) -> tuple[_Doc | None, Article | Rejection]:
    """Everything that needs one document only: line verdicts, metadata, the article."""
    try:
        doc = _prepare(raw)
        doc.raw = replace(raw, text="")  # the lines hold the text now; keep what travels small
        return doc, _finish(doc)
    except Exception as exc:  # a bug on odd input must not stop the run
        return None, Rejection(raw.path, f"could not clean: {type(exc).__name__}: {exc}", raw.line)


def clean_documents(raws: list[RawDoc], *, workers: int = 1, engine=None) -> list[Article | Rejection]:
    """Clean a collection of raw documents; one Article or Rejection per input, in order.

    The collection matters: labels repeated across pages of one site are
    removed as site furniture. Articles come with their sentence offsets
    (``chorus.sentences.split_sentences``). ``workers`` processes share the
    per-document work of large collections (0 = one per CPU core), or
    ``engine`` (``chorus.engines``) runs it when given; the step across the
    collection runs here. Never raises for bad input; a document that breaks
    a rule's assumptions becomes a Rejection naming its path and line.
    """
    if engine is not None:
        results = engine.map(_clean_one, list(raws))
    else:
        results = list(map_ordered(_clean_one, list(raws), workers))
    out = [res for _, res in results]
    kept = [(i, d) for i, (d, _) in enumerate(results) if d is not None]
    try:
        changed = _mark_collection([d for _, d in kept])
    except Exception:  # pragma: no cover - the per-document results still stand
        changed = []
    for pos in changed:
        i, doc = kept[pos]
        try:
            out[i] = _finish(doc)
        except Exception as exc:
            out[i] = Rejection(doc.raw.path, f"could not clean: {type(exc).__name__}: {exc}", doc.raw.line)
    return out


def clean_document(raw: RawDoc) -> Article | Rejection:
    """Clean one document on its own (no collection-wide rules)."""
    return clean_documents([raw])[0]
