"""Pages that are not news are recognised with a reason; articles are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from chorus.model import Article, article_id
from chorus.notnews import not_news_reason

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def page(text: str) -> Article:
    return Article(id=article_id(text), text=text)


@pytest.mark.parametrize(
    "text,reason",
    [
        ("We use cookies and similar technologies to run this site. By clicking Accept you consent to "
         "our use of cookies. Read our privacy policy to manage your settings.", "cookie or consent notice"),
        ("This collection holds pages captured by our crawler in 2015.\n\nThe crawl started from a seed list "
         "of news sites. Captures are added to the Wayback Machine after an embargo period.",
         "web-archive crawl notice"),
        ("Tweet with a location\n\nYou can add location information to your Tweets, such as your city, "
         "from the web and via third-party applications.", "social-media location notice"),
        ("JavaScript is disabled\n\nPlease enable JavaScript in your browser to read this page.",
         "JavaScript or browser wall"),
        # Trigger words inside hyphenated or possessive tokens still count.
        ("Crawl-based capture of the site, 2015.", "web-archive crawl notice"),
        ("The site's cookie's settings.", "cookie or consent notice"),
        ("404. Sorry, the page you were looking for could not be found. It may have been moved, or it no "
         "longer exists.", "error page"),
        ("", "empty page"),
    ],
)
def test_kinds_of_pages_that_are_not_news(text, reason):
    assert not_news_reason(page(text)) == reason


def test_article_with_a_cookie_line_or_a_crawl_word_stays_news():
    body = (
        "Firefighters worked through the night to contain a blaze at a timber yard on the edge of "
        "Dunmore, the county fire service said on Friday. Nobody was hurt, but smoke forced the "
        "closure of the ring road for several hours and residents were told to keep windows shut. "
        "Traffic was reduced to a crawl on the bypass as drivers slowed to look at the flames. "
        "The owner of the yard said the fire started in a shed where sawdust was stored.\n\n"
        "We use cookies to improve your experience."
    )
    assert not_news_reason(page(body)) is None


def test_seed_articles_are_news():
    for f in sorted((SHARED / "seeds").glob("*.txt")):
        assert not_news_reason(page(f.read_text(encoding="utf-8"))) is None, f.name
