"""The record types every stage passes on.

One record type per level. Everything an analysis finds points back into
``Article.text`` with character offsets; the cleaned text is never rewritten
after it is stored, so those offsets stay true.

All records are plain dataclasses that serialise to JSON with ``to_dict`` and
come back with ``from_dict``. Fields that the ``events.json`` contract names
keep exactly those names (see docs/events-json.md).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA = "chorus.events/1"


def article_id(text: str) -> str:
    """Stable id for an article: a hash of its cleaned text.

    The text is NFC-normalised and stripped first, so the same cleaned text
    gives the same id on any machine and under any Python version.
    """
    norm = unicodedata.normalize("NFC", text).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


class _Record:
    """Shared JSON round-trip for the record dataclasses."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(slots=True)
class RawDoc(_Record):
    """What a reader yields: text as found, plus what the container told us.

    ``text`` is still raw (boilerplate and all); ``meta`` carries values the
    container stated (HTML title, WARC date, JSON fields). Cleaning turns a
    RawDoc into an Article.
    """

    path: str
    text: str
    format: str  # "text" | "html" | "warc" | "jsonl" | "feed"
    line: int | None = None  # line (JSON lines) or record number (WARC)
    title: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD when the container says so
    outlet: str | None = None
    source_id: str | None = None  # an id the input itself gave
    structured: bool = False  # text came from an extractor (HTML/WARC) or a JSON field
    byline: str | None = None  # author credit the container states (HTML meta, JSON field)
    captions: list[str] = field(default_factory=list)  # picture captions the container marks as such


@dataclass(slots=True)
class Rejection(_Record):
    """An input that could not be read, with where and why."""

    path: str
    reason: str
    line: int | None = None

    def message(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class Removed(_Record):
    """A line the cleaner took out of the body, with the rule that fired."""

    text: str
    reason: str


@dataclass(slots=True)
class Article(_Record):
    """One cleaned news article. ``id`` is ``article_id(text)``."""

    id: str
    text: str
    path: str = ""
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD or None; never guessed
    dateline: str | None = None
    byline: str | None = None
    wire: list[str] = field(default_factory=list)
    url: str | None = None
    language: str | None = None  # ISO 639-1, "und" when it cannot be told; None if never detected
    removed: list[Removed] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    not_news: str | None = None
    source_id: str | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        d = dict(data)
        d["removed"] = [Removed(**r) if isinstance(r, dict) else r for r in d.get("removed", [])]
        d["sentences"] = [tuple(s) for s in d.get("sentences", [])]
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})

    def sentence_texts(self) -> list[str]:
        return [self.text[s:e] for s, e in self.sentences]

    def to_public(self) -> dict[str, Any]:
        """The article half of the events.json contract (no sentence offsets)."""
        d = self.to_dict()
        d.pop("sentences", None)
        return d


@dataclass(frozen=True, slots=True)
class Span(_Record):
    """A character range ``[start, end)`` of one article's text."""

    article: str
    start: int
    end: int

    def text_in(self, article: Article) -> str:
        return article.text[self.start : self.end]


@dataclass(slots=True)
class SharedPassage(_Record):
    """Text two articles share, with its offsets in each."""

    articles: list[str]
    spans: list[list[int]]
    text: str


@dataclass(slots=True)
class Sentence(_Record):
    """A summary sentence: the text of its first citation, and every citation."""

    text: str
    citations: list[dict[str, Any]] = field(default_factory=list)  # {"article","start","end"}


@dataclass(slots=True)
class Fact(_Record):
    text: str
    support: list[str]
    independent_sources: int
    spans: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class QuoteOccurrence(_Record):
    article: str
    start: int
    end: int
    verbatim: bool


@dataclass(slots=True)
class Quote(_Record):
    speaker: str | None
    text: str
    speaker_variants: list[str] = field(default_factory=list)
    occurrences: list[QuoteOccurrence] = field(default_factory=list)


@dataclass(slots=True)
class Claim(_Record):
    article: str
    value: float | None
    text: str
    start: int
    end: int
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    source: str | None = None
    as_of: str | None = None


@dataclass(slots=True)
class Figure(_Record):
    measure: str
    claims: list[Claim] = field(default_factory=list)
    disagree: bool = False
    changes_over_time: bool = False


@dataclass(slots=True)
class TimelineEntry(_Record):
    date: str  # YYYY-MM-DD
    text: str
    approximate: bool = False
    citations: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Entity(_Record):
    name: str
    kind: str  # person | organisation | place | other
    variants: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Event(_Record):
    """A group of articles about one event, and what the analyses found in it.

    The analysis fields hold plain JSON-ready dicts/lists so that every
    stage can add its part without the others knowing its types.
    """

    id: str
    articles: list[str]
    title: str | None = None
    first_published: str | None = None
    last_published: str | None = None
    shared_passages: list[dict[str, Any]] = field(default_factory=list)
    wire_groups: list[list[str]] = field(default_factory=list)
    independent_sources: int = 0
    summary: dict[str, Any] | None = None
    facts: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    framing: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    off_topic: list[dict[str, Any]] = field(default_factory=list)
    languages: dict[str, int] = field(default_factory=dict)  # articles per language


def event_id(article_ids: list[str]) -> str:
    """A stable id for an event: the hash of its earliest-seen article's id.

    Callers pass the article ids in the order they joined; the event keeps its
    id when new articles join it later.
    """
    return "ev-" + hashlib.sha256(article_ids[0].encode()).hexdigest()[:12]
