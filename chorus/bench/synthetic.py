"""Synthetic scraped news, written to disk as plain text, HTML and JSON lines.

The ingest benchmark needs thousands of inputs that look like what scrapers
produce: a body of a few hundred words in paragraphs, with the debris of the
page around it (masthead, menus, share rows, captions, related headlines,
comment boxes, copyright lines), from a few dozen sites that each repeat
their own furniture. Everything is generated from a seeded random source, so
a run is reproducible, and nothing is downloaded.
"""

from __future__ import annotations

import html
import json
import random
import zlib
from dataclasses import dataclass
from pathlib import Path

_PLACES = ("Riverton", "Valmora", "Saltmere", "Korva", "Port Kessel", "Aros", "Kelby", "Norhaven", "Estby",
           "Lindmark", "Brisa", "Tolvik", "Amberly", "Calder", "Ostwick", "Marrow Bay")
_PEOPLE = ("Anna Berg", "Tomas Reiter", "Katrin Vell", "Oskar Henning", "Mira Solvane", "Petra Lind",
           "Jonas Aalto", "Sara Okafor", "Daniel Weiss", "Lena Hart", "Ivo Marek", "Rosa Mikkelsen")
_ROLES = ("the interior minister", "a spokesman for the regional council", "the head of the port authority",
          "an emergency services official", "the union leader", "a senior economist", "the mayor")
_ORGS = ("the regional council", "the port authority", "the health ministry", "the national weather service",
         "the transport union", "the central bank", "the emergency agency", "the city hospital")
_SUBJECTS = ("the flood defences", "the new rail line", "the budget for next year", "the strike at the port",
             "the water supply", "the hospital waiting lists", "the price of electricity", "the coastal road",
             "the school reform", "the harvest", "the housing shortage", "the ferry timetable")
_VERBS = ("would be reviewed", "had been delayed again", "was expected to cost more than planned",
          "could be finished by the end of the year", "had drawn criticism from residents",
          "would need another round of talks", "had been approved after a long debate",
          "was not enough to meet demand")
_WHEN = ("on Monday", "on Tuesday", "late on Wednesday", "on Thursday morning", "on Friday", "at the weekend",
         "last week", "earlier this month")
_NUMS = ("12,000", "7,500", "40 million crowns", "six", "more than 300", "about 2,000", "nine", "1.2 billion")
_WORDS = ("quickly", "again", "carefully", "openly", "in public", "for the first time", "without delay")


@dataclass(frozen=True)
class Site:
    name: str
    host: str
    tagline: str
    menu: tuple[str, ...]


def _sites(rng: random.Random, n: int) -> list[Site]:
    first = ("Northern", "Coastal", "Valley", "Harbour", "Evening", "Morning", "Daily", "Free", "City",
             "Island", "Mountain", "River")
    second = ("Ledger", "Courier", "Gazette", "Herald", "Post", "Echo", "Voice", "Times", "Dispatch", "Review")
    sections = ("Home", "News", "Local", "World", "Business", "Sport", "Culture", "Opinion", "Weather", "Video")
    out = []
    for i in range(n):
        name = f"{first[i % len(first)]} {second[(i * 7) % len(second)]}"
        if i >= len(first):
            name += f" {i}"
        host = name.lower().replace(" ", "") + ".example"
        out.append(Site(name, host, f"Independent news since {1850 + i * 7}",
                        tuple(rng.sample(sections, 5))))
    return out


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.25:
        return (f"“{rng.choice(_SUBJECTS).capitalize()} {rng.choice(_VERBS)}, and we will say so "
                f"{rng.choice(_WORDS)},” said {rng.choice(_PEOPLE)}, {rng.choice(_ROLES)}.")
    if kind < 0.5:
        return (f"{rng.choice(_ORGS).capitalize()} said {rng.choice(_WHEN)} that {rng.choice(_SUBJECTS)} "
                f"{rng.choice(_VERBS)}, and that {rng.choice(_NUMS)} people in {rng.choice(_PLACES)} "
                f"were affected.")
    if kind < 0.75:
        return (f"In {rng.choice(_PLACES)}, {rng.choice(_NUMS)} residents met {rng.choice(_WHEN)} to discuss "
                f"{rng.choice(_SUBJECTS)}, which {rng.choice(_VERBS)} according to {rng.choice(_ORGS)}.")
    return (f"{rng.choice(_PEOPLE)}, {rng.choice(_ROLES)}, told reporters {rng.choice(_WHEN)} that "
            f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)}.")


@dataclass
class Story:
    title: str
    date: str  # YYYY-MM-DD
    author: str
    place: str
    paragraphs: list[str]
    caption: str
    related: list[str]


def _story(rng: random.Random, n: int) -> Story:
    place = rng.choice(_PLACES)
    title = f"{rng.choice(_SUBJECTS).capitalize()} {rng.choice(_VERBS)} in {place}, story {n}"
    paragraphs = [" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(8, 14))]
    paragraphs[0] = f"{place.upper()}: {paragraphs[0]}"
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return Story(
        title=title,
        date=f"2025-{month:02d}-{day:02d}",
        author=rng.choice(_PEOPLE),
        place=place,
        paragraphs=paragraphs,
        caption=f"Residents of {place} gather outside the town hall [{rng.choice(_PEOPLE)}/Picture Desk]",
        related=[f"{rng.choice(_SUBJECTS).capitalize()} {rng.choice(_VERBS)} in {rng.choice(_PLACES)}"
                 for _ in range(3)],
    )


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _human_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{_MONTHS[int(m) - 1]} {int(d)}, {y} at 9:{int(d) + 10} am"


def as_text(story: Story, site: Site) -> str:
    body = story.paragraphs[:]
    body.insert(3, "Advertisement")
    head = [site.name, site.tagline, *site.menu, story.title, _human_date(story.date), f"By {story.author}",
            "Share  Facebook  Twitter  Email", story.caption]
    tail = ["Leave a Reply", "Your email address will not be published. Required fields are marked *",
            "Related", *story.related, f"(c) {story.date[:4]} {site.name}. All rights reserved."]
    return "\n\n".join(head + body + tail) + "\n"


def as_html(story: Story, site: Site) -> str:
    e = html.escape
    paras = "\n".join(f"<p>{e(p)}</p>" for p in story.paragraphs)
    menu = "".join(f'<li><a href="/{e(m.lower())}">{e(m)}</a></li>' for m in site.menu)
    related = "".join(f'<li><a href="/r{i}">{e(r)}</a></li>' for i, r in enumerate(story.related))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(story.title)} | {e(site.name)}</title>
<meta property="og:site_name" content="{e(site.name)}">
<meta property="article:published_time" content="{story.date}T09:00:00+01:00">
<meta name="author" content="{e(story.author)}">
<link rel="canonical" href="https://{site.host}/news/{zlib.crc32(story.title.encode())}">
</head><body>
<header><p>{e(site.tagline)}</p><nav><ul>{menu}</ul></nav></header>
<main><article><h1>{e(story.title)}</h1>
<figure><img src="/img/1.jpg" alt=""><figcaption>{e(story.caption)}</figcaption></figure>
{paras}
</article>
<aside><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>We use cookies to improve your experience.</p><p>(c) {story.date[:4]} {e(site.name)}</p></footer>
</body></html>
"""


def as_record(story: Story, site: Site, n: int) -> dict:
    text = "\n\n".join(story.paragraphs + ["Read more: " + story.related[0], "Share this article"])
    return {"id": f"s{n}", "title": story.title, "text": text, "url": f"https://{site.host}/a/{n}",
            "published": story.date, "outlet": site.name}


def as_feed_item(story: Story, site: Site, n: int) -> str:
    """An RSS 2.0 ``<item>`` with the full story as HTML in ``content:encoded``."""
    e = html.escape
    body = "".join(f"<p>{e(p)}</p>" for p in story.paragraphs)
    body += f"<figure><img src='/img/{n}.jpg'/><figcaption>{e(story.caption)}</figcaption></figure>"
    return (f"<item><title>{e(story.title)}</title><link>https://{site.host}/a/{n}</link>"
            f"<guid isPermaLink='false'>{site.host}-{n}</guid>"
            f"<pubDate>{story.date}T09:00:00+01:00</pubDate><dc:creator>{e(story.author)}</dc:creator>"
            f"<description>{e(story.paragraphs[0])}</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>")


def as_feed(items: list[str], site: Site) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>{html.escape(site.name)}</title><link>https://{site.host}/</link>"
            f"<description>{html.escape(site.tagline)}</description>\n" + "\n".join(items) + "\n</channel></rss>\n")


FORMATS = ("text", "html", "jsonl", "feed")


def write_corpus(folder: Path, counts: dict[str, int], *, seed: int = 1, sites: int = 24,
                 jsonl_per_file: int = 200, items_per_feed: int = 50) -> dict[str, Path]:
    """Write ``counts`` articles per format ("text", "html", "jsonl", "feed": RSS) under
    ``folder/<format>/``.

    Returns the folder of each format. Deterministic for a given seed (the articles of the
    first three formats are the same as before feeds were added).
    """
    rng = random.Random(seed)
    site_list = _sites(rng, sites)
    dirs = {}
    n = 0
    for fmt in FORMATS:
        count = counts.get(fmt, 0)
        if fmt == "feed" and not count:
            continue
        d = folder / fmt
        d.mkdir(parents=True, exist_ok=True)
        dirs[fmt] = d
        batch: list[str] = []
        for i in range(count):
            n += 1
            story, site = _story(rng, n), site_list[n % len(site_list)]
            if fmt == "text":
                (d / f"{n:07d}.txt").write_text(as_text(story, site), encoding="utf-8")
            elif fmt == "html":
                (d / f"{n:07d}.html").write_text(as_html(story, site), encoding="utf-8")
            elif fmt == "jsonl":
                batch.append(json.dumps(as_record(story, site, n), ensure_ascii=False))
                if len(batch) == jsonl_per_file or i == count - 1:
                    (d / f"{n:07d}.jsonl").write_text("\n".join(batch) + "\n", encoding="utf-8")
                    batch = []
            else:  # one site's feed per file
                batch.append(as_feed_item(story, site, n))
                if len(batch) == items_per_feed or i == count - 1:
                    (d / f"{n:07d}.rss").write_text(as_feed(batch, site), encoding="utf-8")
                    batch = []
    return dirs
