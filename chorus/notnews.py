"""Pages that are not news articles, recognised with a reason.

Scrapes of news sites bring back pages that are not stories at all: cookie
and consent notices, web-archive crawl descriptions, Twitter's "Tweet with
a location" help text, "JavaScript is disabled" walls, video-player errors,
"page not found" pages. Left in, they glue unrelated events together (every
crawl notice looks like every other). Each kind is a set of phrases; a page
is *not news* when the sentences carrying those phrases make up a large
share of its words (or nearly all of a very short page). A real article
that merely ends with a cookie line stays news.
"""

from __future__ import annotations

import re

from chorus.model import Article

# kind -> phrases that betray it (case-insensitive regular expressions)
KINDS: dict[str, list[str]] = {
    "web-archive crawl notice": [
        r"\bcrawl(?:s|ed|er|ers|ing)?\b",
        r"\bwayback machine\b",
        r"\binternet archive\b",
        r"\barchive-it\b",
        r"\bembargo period\b",
        r"\bseed ?list\b",
        r"\bweb captures?\b",
        r"\bnot publicly accessible\b",
        r"\bthe seed for\b",
        r"\burls?\b",
        r"\bthis collection\b",
        r"\bduplicate detection\b",
    ],
    "sign-in or subscription page": [
        r"\bsign (?:in|up)\b",
        r"\blog ?in(?:to)?\b",
        r"\byour (?:account|profile|email address|password)\b",
        r"\bregist(?:er|ering|ration)\b",
        r"\bconfirmation email\b",
        r"\bterms of (?:service|use)\b",
        r"\bnewsletter\b",
        r"\bsubscribe\b",
    ],
    "cookie or consent notice": [
        r"\bcookies?\b",
        r"\bconsent\b",
        r"\bprivacy (?:policy|settings|notice)\b",
        r"\bgdpr\b",
        r"\bpersonal data\b",
        r"\bpartners? (?:use|store)\b",
    ],
    "social-media location notice": [
        r"\btweets? with a location\b",
        r"\blocation information to your tweets\b",
        r"\badd a location to your tweets\b",
        r"\blocation histor(?:y|ies)\b",
        r"\bthird-party applications\b",
    ],
    "JavaScript or browser wall": [
        r"\bjavascript is (?:disabled|required|turned off)\b",
        r"\benable javascript\b",
        r"\bbrowser (?:does not|doesn't|is not) support",
        r"\bupdate your browser\b",
        r"\bunsupported browser\b",
    ],
    "video player page": [
        r"\bvideo has been rented\b",
        r"\binteractive transcript could not be loaded\b",
        r"\bthis (?:video|feature) is (?:not|no longer) available\b",
        r"\bvideo (?:is )?unavailable\b",
    ],
    "error page": [
        r"\b404\b",
        r"\bpage (?:was |could )?not (?:be )?found\b",
        r"\baccess denied\b",
        r"\bsomething went wrong\b",
        r"\btry again later\b",
        r"\bservice unavailable\b",
        r"\bdomain mapping\b",
        r"\bno longer exists\b",
    ],
}

_COMPILED = {kind: re.compile("|".join(pats), re.I) for kind, pats in KINDS.items()}
# Words at least one phrase of every kind contains (every phrase contains one
# of them as a whole word): a page, or a sentence, with none of them has no
# phrase to find, so the phrases are not run on it.
TRIGGERS = frozenset(
    """
    crawl crawls crawled crawler crawlers crawling wayback archive archive-it embargo seed seedlist web url urls
    collection duplicate publicly cookie cookies consent privacy gdpr personal partner partners tweet tweets
    location histories history applications javascript browser video transcript feature 404 page found access
    denied wrong again service domain longer sign log login loginto logged account profile email password
    register registering registration confirmation terms newsletter subscribe
    """.split()
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_WORD = re.compile(r"\w+")

MIN_SHARE = 0.4  # share of the words in sentences that betray the page kind
SHORT_PAGE = 25  # a page this short is not news on a single betraying sentence


def not_news_reason(article: Article) -> str | None:
    """Why ``article`` is not a news article (e.g. "web-archive crawl notice"), or None.

    Empty pages are not news either ("empty page").
    """
    text = article.text
    if _WORD.search(text) is None:
        return "empty page"
    lower = text.lower()
    if TRIGGERS.isdisjoint(_WORD.findall(lower)):
        return None  # most pages: no word that betrays a page kind, no need to count
    total = len(_WORD.findall(text))
    shares: dict[str, int] = {}
    union = 0
    aligned = len(lower) == len(text)  # lower-casing kept every offset (it nearly always does)
    for m in _SENTENCE.finditer(text):
        # Every phrase contains a trigger word: sentences without one are not searched.
        if aligned and TRIGGERS.isdisjoint(_WORD.findall(lower, m.start(), m.end())):
            continue
        sentence = m.group()
        n = len(_WORD.findall(sentence))
        hit = False
        for kind, rx in _COMPILED.items():
            if rx.search(sentence):
                shares[kind] = shares.get(kind, 0) + n
                hit = True
        union += n if hit else 0
    if not union:
        return None
    # Pages mix kinds (a crawl notice above a "page not found"): the share
    # that counts is that of all betraying sentences; the reason names the
    # kind with the most words.
    if union / total >= MIN_SHARE or total <= SHORT_PAGE:
        return max(shares, key=lambda k: shares[k])
    return None
