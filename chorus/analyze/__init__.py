"""Per-event analyses: each module exposes ``analyze(event, articles) -> dict``.

Which articles each analysis reads is decided here, with the analyses, so that
a change to it counts as a change to the analyses (the store analyses its
events again: ``chorus.pipeline.analysis_fingerprint``).
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from chorus.language import ENGLISH, reads_as_english
from chorus.model import Article

# The analyzers that read English wording: pages in other languages are left
# out of them rather than misread (see ``chorus.language``).
ENGLISH_ONLY: frozenset[str] = frozenset({
    "chorus.analyze.quotes",
    "chorus.analyze.figures",
    "chorus.analyze.framing",
    "chorus.analyze.timeline",
    "chorus.analyze.entities",
})


def articles_read(articles: list[Article], names: Sequence[str]) -> dict[str, list[Article]]:
    """The articles each analyzer of ``names`` (module names) reads. The
    English-reading ones get the pages in English (or of no language one can
    tell); the summary and the facts get the pages in the event's main
    language, so a summary never mixes languages. An event of one language
    (nearly all) gives every analyzer every article."""
    def group(a: Article) -> str:
        return ENGLISH if reads_as_english(a.language) else str(a.language)

    counts = Counter(group(a) for a in articles)
    if not counts or (len(counts) == 1 and ENGLISH in counts):
        return {name: articles for name in names}
    # The main language: the most articles; English on a tie.
    main = max(counts, key=lambda g: (counts[g], g == ENGLISH, g))
    in_main = [a for a in articles if group(a) == main]
    english = [a for a in articles if group(a) == ENGLISH]
    return {name: english if name in ENGLISH_ONLY else in_main for name in names}
