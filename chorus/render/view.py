"""What a reader sees of one event, worked out once for every face.

The HTML report, the Markdown report and the web app all show the same
sections. This module turns an ``events.json`` event (plus its articles) into a
plain view: numbered citations with their links, facts with their backing,
figures split into those that disagree and the rest, quotes grouped by
speaker with wording differences, framing per outlet, timeline, sources with
wire groups and duplicates marked. The faces only lay it out.

Links are made by functions the caller passes, so the report can point at
anchors inside its own file and the web app at its article pages. Every span
a link points at is recorded in ``targets`` so the face can put an anchor there.
Nothing here escapes text: the templates do.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from typing import Any, Callable
from urllib.parse import urlsplit

Href = Callable[[str, int, int], str]
ArticleHref = Callable[[str], str]

_SAFE_SCHEMES = ("http", "https")

# Names of the languages most news comes in; any other shows as its code.
LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek",
    "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "nl": "Dutch",
    "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}


def language_code(article: dict | None) -> str:
    """An article's language code, English for undetermined or unknown (as the
    analyses read them)."""
    code = (article or {}).get("language")
    return "en" if not code or code == "und" else str(code)


def language_name(code: str) -> str:
    return "English" if code == "en" else LANGUAGE_NAMES.get(code, code)


def other_language(article: dict | None) -> str | None:
    """The name of the language an article is in, when the English-reading
    analyses leave it out (see ``chorus.language``); None for English, for
    text whose language cannot be told, and for articles stored before
    languages were recorded."""
    code = (article or {}).get("language")
    if not code or code in ("en", "und"):
        return None
    return LANGUAGE_NAMES.get(str(code), str(code))


def safe_url(url: Any) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None (never a ``javascript:`` link)."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    if any(ord(c) < 32 for c in u):
        return None
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() in _SAFE_SCHEMES and parts.netloc:
        return u
    return None


def outlet_name(article: dict | None) -> str:
    """The outlet to show for an article: its outlet, else its URL's host, else its file
    name (with the id the input gave it, when a feed or archive holds many articles)."""
    if not article:
        return "unknown source"
    if article.get("outlet"):
        return str(article["outlet"])
    url = safe_url(article.get("url"))
    if url:
        return urlsplit(url).netloc
    path = str(article.get("path") or "")
    name = path.rsplit("/", 1)[-1] or "unknown source"
    return f"{name} · {article['source_id']}" if article.get("source_id") else name


_DISTINCTIVE = "other words used most"  # the column of words outside the compared kinds
_OTHER_TERMS = 8  # an outlet's most distinctive words shown when it names no compared actor


def _steps(values: list[dict]) -> list[dict]:
    """Days in a row that give the same value as one step, its first and last day."""
    out: list[dict] = []
    for v in values:
        prev = out[-1] if out else None
        if prev is not None and prev["value"] == v["value"] and v["day"]:
            prev["last_day"] = v["day"]
            prev["outlets"] += [o for o in v["outlets"] if o not in prev["outlets"]]
            prev["sources"] += [x for x in v["sources"] if x not in prev["sources"]]
            continue
        out.append({**v, "last_day": None})
    for v in out:
        v["when"] = (v["day"] or "undated") + (f" to {v['last_day']}" if v["last_day"] else "")
    return out


def _figure_values(rows: list[dict], by_day: bool = False) -> list[dict]:
    """A figure's rows by value ("at least 6 people"), each with the outlets and named
    sources that give it and a link to the first; with ``by_day``, by day and value
    (the day the text dates the value to, else its article's date), earliest first and
    undated last: the steps of a figure that changes over time."""
    out: dict[tuple, dict] = {}
    for r in rows:
        day = None
        if by_day:
            as_of = r.get("as_of") or ""
            day = as_of if re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of) else (r.get("date") or "")[:10] or None
        unit = r.get("unit") or ""
        if unit.startswith("share of ") and r["value"].endswith("%"):
            unit = unit[len("share "):]  # "9% of pay rise", not "9% share of pay rise"
        value = ((r["qualifier"] + " ") if r.get("qualifier") else "") + r["value"] + (f" {unit}" if unit else "") \
            + (" (part of a total)" if r.get("part") else "")
        # one entry per amount, in the wording of the first that gives it ("9% of pay rise",
        # "9% of increase": one)
        v = out.setdefault((day or "~", r["value"] if by_day else (r.get("qualifier"), r["value"])),
                           {"day": day, "value": value, "outlets": [], "sources": [], "href": r.get("href")})
        if r["outlet"] not in v["outlets"]:
            v["outlets"].append(r["outlet"])
        if r.get("source") and r["source"] not in v["sources"]:
            v["sources"].append(r["source"])
    keys = sorted(out, key=lambda k: (k[0] == "~", k[0])) if by_day else list(out)
    return [out[k] for k in keys]


def format_value(value: Any, low: Any = None, high: Any = None, unit: Any = None, currency: Any = None) -> str:
    """A figure's value as a reader writes it: 2,000 / 33.3 / 10–20 / 50% (for shares) / $130,000."""
    share = isinstance(unit, str) and unit.startswith("share") and all(
        isinstance(v, (int, float)) and 0 <= v <= 1 for v in (value, low, high) if v is not None)

    def one(v: Any) -> str:
        if isinstance(v, bool) or v is None:
            return "" if v is None else str(v)
        if isinstance(v, (int, float)):
            if share:
                return f"{v * 100:.0f}%"
            sign = currency if isinstance(currency, str) else ""
            if float(v).is_integer():
                return f"{sign}{int(v):,}"
            return sign + f"{v:,.2f}".rstrip("0").rstrip(".")
        return str(v)

    if value is None and low is not None and high is not None and low != high:
        return f"{one(low)}–{one(high)}"
    if value is None:
        return one(low if low is not None else high)
    return one(value)


def format_date(date: Any, precision: Any = None) -> str:
    """A timeline date cut to what the text states: 2016 / 2016-11 / 2016-11-15."""
    d = "" if date is None else str(date)
    if precision == "year":
        return d[:4]
    if precision == "month":
        return d[:7]
    return d


def _norm_words(s: str) -> str:
    return " ".join(re.findall(r"\w+", (s or "").casefold()))


def _span(c: Any) -> tuple[str, int, int] | None:
    """A citation as (article, start, end), or None when it is malformed."""
    try:
        if isinstance(c, dict):
            return str(c["article"]), int(c["start"]), int(c["end"])
        if isinstance(c, (list, tuple)) and len(c) == 3:
            return str(c[0]), int(c[1]), int(c[2])
    except (KeyError, TypeError, ValueError):
        return None
    return None


class _Builder:
    def __init__(self, event: dict, articles: dict[str, dict], href: Href, article_href: ArticleHref):
        self.event = event
        self.articles = articles
        self.href = href
        self.article_href = article_href
        self.refs: "OrderedDict[tuple[str, int, int], dict]" = OrderedDict()
        self.targets: dict[str, set[tuple[int, int, str]]] = {}

    def valid(self, aid: str, start: int, end: int) -> bool:
        a = self.articles.get(aid)
        return bool(a) and 0 <= start < end <= len(a.get("text") or "")

    def target(self, aid: str, start: int, end: int, kind: str) -> str | None:
        """Record a link target and return its href (None when it cannot be shown)."""
        if not self.valid(aid, start, end):
            return None
        self.targets.setdefault(aid, set()).add((start, end, kind))
        return self.href(aid, start, end)

    def ref(self, citation: Any) -> int | None:
        sp = _span(citation)
        if sp is None or not self.valid(*sp):
            return None
        if sp not in self.refs:
            aid, s, e = sp
            a = self.articles[aid]
            self.refs[sp] = {
                "n": len(self.refs) + 1,
                "article": aid,
                "start": s,
                "end": e,
                "href": self.target(aid, s, e, "cite"),
                "article_href": self.article_href(aid),
                "outlet": outlet_name(a),
                "title": a.get("title"),
                "published": a.get("published"),
                "excerpt": a["text"][s:e],
            }
        return self.refs[sp]["n"]

    def refs_of(self, citations: Any) -> list[int]:
        out: list[int] = []
        for c in citations or []:
            n = self.ref(c)
            if n is not None and n not in out:
                out.append(n)
        return out

    def source_link(self, aid: str) -> dict:
        a = self.articles.get(aid)
        return {
            "id": aid,
            "outlet": outlet_name(a),
            "title": (a or {}).get("title"),
            "published": (a or {}).get("published"),
            "href": self.article_href(aid) if a else None,
        }



def _parts(occ: dict, n: int) -> list[tuple[int, int]] | None:
    """The ``parts`` of a quote occurrence, when they are well-formed spans of a text of length ``n``."""
    parts = occ.get("parts")
    if not isinstance(parts, list) or not parts:
        return None
    out = []
    for p in parts:
        if not (isinstance(p, (list, tuple)) and len(p) == 2 and all(isinstance(x, int) for x in p)
                and 0 <= p[0] <= p[1] <= n):
            return None
        out.append((p[0], p[1]))
    return out


def _summary_parts(summary: Any) -> tuple[Any, list, list]:
    """(headline, short, long) from the summary field; older shapes map onto ``long``."""
    if isinstance(summary, dict):
        head = summary.get("headline")
        short = list(summary.get("short") or [])
        long = list(summary.get("long") or summary.get("sentences") or [])
        return head, short, long
    if isinstance(summary, list):
        return None, [], summary
    return None, [], []


def build_event_view(event: dict, articles: dict[str, dict], href: Href, article_href: ArticleHref) -> dict:
    """The sections of one event, ready to lay out (see the module docstring)."""
    b = _Builder(event, articles, href, article_href)
    ev_articles = [aid for aid in event.get("articles") or []]

    def sentences(items: list) -> list[dict]:
        out = []
        for s in items:
            if isinstance(s, str):
                out.append({"text": s, "refs": []})
            elif isinstance(s, dict):
                out.append({"text": s.get("text") or "", "refs": b.refs_of(s.get("citations"))})
        return out

    head, short, long = _summary_parts(event.get("summary"))
    headline = sentences([head])[0] if head else None
    summary_short = sentences(short)
    summary = sentences(long)

    facts = []
    for f in event.get("facts") or []:
        support = [b.source_link(a) for a in f.get("support") or []]
        facts.append({
            "text": f.get("text") or "",
            "independent_sources": f.get("independent_sources", len(support)),
            "n_support": len(support),
            "support": support,
            "refs": b.refs_of(f.get("spans")),
        })
    facts.sort(key=lambda f: (-(f["independent_sources"] or 0), -f["n_support"]))
    # Several outlets carrying one source's story (wire copies) is repetition, not
    # agreement: such facts are shown apart from those independent sources back.
    one_source = [f for f in facts if (f["independent_sources"] or 0) < 2]
    facts = [f for f in facts if (f["independent_sources"] or 0) >= 2]

    # Figures that disagree; that change over time (a toll rising day by day); that
    # several outlets give alike (the analysis's ``agree``); and the others (one outlet,
    # or amounts that differ without being rival counts): no agreement to claim.
    figures_disagree, figures_changing, figures_agreed, figures_other = [], [], [], []
    for fig in event.get("figures") or []:
        rows = []
        for c in fig.get("claims") or []:
            aid = str(c.get("article") or "")
            a = articles.get(aid)
            link = None
            if c.get("start") is not None and c.get("end") is not None:
                try:
                    link = b.target(aid, int(c["start"]), int(c["end"]), "figure")
                except (TypeError, ValueError):
                    link = None
            rows.append({
                "value": format_value(c.get("value"), c.get("low"), c.get("high"), c.get("unit"), c.get("currency")),
                "unit": c.get("unit"),
                "qualifier": c.get("qualifier"),
                "part": bool(c.get("subset")),  # a breakdown of a total given beside it ("31 of them")
                "source": c.get("source"),
                "as_of": c.get("as_of"),
                "text": c.get("text"),
                "outlet": outlet_name(a),
                "date": (a or {}).get("published"),
                "href": link,
                "article_href": article_href(aid) if a else None,
            })
        item = {"measure": fig.get("measure") or "", "changes_over_time": bool(fig.get("changes_over_time")),
                "disagree": bool(fig.get("disagree")), "rows": rows}
        steps: list[dict] = []
        if item["changes_over_time"] and not item["disagree"] and rows:
            # The count itself step by step; counts of a narrower group ("2 protesters" of
            # "3 people") alongside, not as steps.
            main = Counter(r["unit"] for r in rows).most_common(1)[0][0]
            steps = _steps(_figure_values([r for r in rows if r["unit"] == main], by_day=True))
        if item["disagree"]:
            figures_disagree.append(item)
        elif len(steps) >= 2:
            item["steps"] = steps
            item["values"] = _figure_values([r for r in rows if r["unit"] != main])
            figures_changing.append(item)
        else:
            item["values"] = _figure_values(rows)
            (figures_agreed if fig.get("agree") is True else figures_other).append(item)
        if item["measure"].endswith("(part of a total)"):  # said once, in the measure
            for v in item.get("values") or []:
                v["value"] = v["value"].removesuffix(" (part of a total)")

    speakers: "OrderedDict[str, dict]" = OrderedDict()
    for q in event.get("quotes") or []:
        who = q.get("speaker") or "Unattributed"
        group = speakers.setdefault(who, {"speaker": who, "variants": [], "quotes": []})
        for v in q.get("speaker_variants") or []:
            if v != who and v not in group["variants"]:
                group["variants"].append(v)
        carried, differences = [], []
        base = _norm_words(q.get("text") or "")
        for occ in q.get("occurrences") or []:
            sp = _span(occ)
            if sp is None:
                continue
            aid, s, e = sp
            link = b.target(aid, s, e, "quote")
            a = articles.get(aid)
            wording = None
            if link:  # a quotation split around its attribution: its parts, joined
                parts = _parts(occ, len(a["text"]))
                wording = " ".join(a["text"][ps:pe] for ps, pe in parts) if parts else a["text"][s:e]
            entry = {**b.source_link(aid), "span_href": link, "verbatim": bool(occ.get("verbatim", True)),
                     "wording": wording}
            carried.append(entry)
            if wording is not None and _norm_words(wording) != base:
                differences.append(entry)
        notes = [str(d) for d in q.get("differences") or [] if isinstance(d, str)]
        group["quotes"].append({"text": q.get("text") or "", "outlets": carried, "differences": differences,
                                "notes": notes})
    quotes = list(speakers.values())

    framing = []
    # A kind of actor or action is compared only when two outlets or more name it: one
    # "assault" in one report of a red-carpet scuffle says nothing of how outlets word it.
    named_by: Counter = Counter()
    for fr in event.get("framing") or []:
        named_by.update({g.get("group") for g in fr.get("groups") or []
                         if isinstance(g, dict) and isinstance(g.get("labels"), dict) and g["labels"]})
    for fr in event.get("framing") or []:
        labels = []  # the words this outlet uses for each kind of actor or action
        for g in fr.get("groups") or []:
            if isinstance(g, dict) and isinstance(g.get("labels"), dict) and named_by[g.get("group")] >= 2:
                for word, n in g["labels"].items():
                    labels.append({"term": str(word), "actor": g.get("group"), "count": n})
        terms = []
        for t in fr.get("terms") or fr.get("distinctive") or []:
            if isinstance(t, dict):
                actor = t.get("actor", t.get("group"))
                terms.append({"term": str(t.get("term") or t.get("label") or ""),
                              "actor": actor if actor is None or named_by[actor] >= 2 else None,
                              "count": t.get("count", t.get("weight", 1)), "z": t.get("z")})
        arts = [a for a in fr.get("articles") or ([fr["article"]] if fr.get("article") else [])]
        outlet = fr.get("outlet") or ", ".join(dict.fromkeys(outlet_name(articles.get(a)) for a in arts))
        # An outlet that names no compared actor: the words it uses more than the others,
        # those it uses more than once first (a word used once is hardly a choice of wording).
        fill = [t for t in terms if (t["count"] or 0) >= 2][:_OTHER_TERMS] or terms[:3]
        framing.append({"outlet": outlet or "unknown source", "chart": labels or fill, "terms": terms,
                        "articles": [b.source_link(a) for a in arts]})

    # the same as a table: one row per outlet, one column per kind of actor or action
    kinds: list[str] = []
    for fr in framing:
        for t in fr["chart"]:
            if (t["actor"] or _DISTINCTIVE) not in kinds:
                kinds.append(t["actor"] or _DISTINCTIVE)
    framing_table = {"groups": kinds, "rows": [
        {"outlet": fr["outlet"],
         "cells": [", ".join(f"{t['term']} {t['count']}" for t in fr["chart"] if (t["actor"] or _DISTINCTIVE) == g)
                   for g in kinds]} for fr in framing]}

    timeline = []
    coarse_first = {"year": 0, "month": 1, "week": 2}
    for t in sorted(event.get("timeline") or [],
                    key=lambda t: (str(t.get("date") or ""), coarse_first.get(t.get("precision"), 3))):
        timeline.append({"date": format_date(t.get("date"), t.get("precision")),
                         "approximate": bool(t.get("approximate")),
                         "text": t.get("text") or "", "refs": b.refs_of(t.get("citations"))})

    group_of: dict[str, int] = {}
    for i, g in enumerate(event.get("wire_groups") or [], start=1):
        for aid in g:
            group_of[str(aid)] = i
    off_topic = {str(o.get("article")): o.get("reason") for o in event.get("off_topic") or [] if isinstance(o, dict)}
    sources = []
    for aid in ev_articles:
        a = articles.get(aid) or {}
        dup = a.get("duplicate_of")
        sources.append({
            **b.source_link(aid),
            "byline": a.get("byline"),
            "url": safe_url(a.get("url")),
            "wire": list(a.get("wire") or []),
            "wire_group": group_of.get(aid),
            "duplicate_of": b.source_link(dup) if dup else None,
            "not_news": a.get("not_news"),
            "off_topic": off_topic.get(aid),
            "language": other_language(a),
        })

    shared = []
    for p in event.get("shared_passages") or []:
        arts = []
        for aid, sp in zip(p.get("articles") or [], p.get("spans") or []):
            try:
                link = b.target(str(aid), int(sp[0]), int(sp[1]), "shared")
            except (TypeError, ValueError, IndexError):
                link = None
            arts.append({**b.source_link(str(aid)), "span_href": link})
        shared.append({"text": p.get("text") or "", "articles": arts})

    entities = [{"name": e.get("name") or "", "kind": e.get("kind") or "other",
                 "variants": list(e.get("variants") or []), "n_articles": len(e.get("articles") or [])}
                for e in event.get("entities") or []]

    outlets = sorted({outlet_name(articles.get(a)) for a in ev_articles if articles.get(a)})
    other_languages = sorted({s["language"] for s in sources if s["language"]})
    return {
        "id": event.get("id") or "",
        "title": event.get("title") or (headline or (summary or [{"text": "Untitled event"}])[0])["text"],
        "first_published": event.get("first_published"),
        "last_published": event.get("last_published"),
        "independent_sources": event.get("independent_sources") or 0,
        "n_articles": len(ev_articles),
        "outlets": outlets,
        # articles in languages the English-reading analyses leave out
        "other_languages": other_languages,
        "n_other_language": sum(1 for s in sources if s["language"]),
        "headline": headline,
        "summary_short": summary_short,
        "summary": summary,
        "facts": facts,
        "facts_one_source": one_source,
        "figures_disagree": figures_disagree,
        "figures_changing": figures_changing,
        "figures_agreed": figures_agreed,
        "figures_other": figures_other,
        "quotes": quotes,
        "framing": framing,
        "framing_table": framing_table,
        "timeline": timeline,
        "sources": sources,
        "shared_passages": shared,
        "entities": entities,
        "refs": list(b.refs.values()),
        "targets": {aid: sorted(t) for aid, t in b.targets.items()},
    }


def event_outlets(event: dict, articles: dict[str, dict]) -> list[str]:
    """The outlets of an event's articles, sorted."""
    return sorted({outlet_name(articles.get(a)) for a in event.get("articles") or [] if articles.get(a)})


def event_lead(event: dict) -> str:
    """One sentence to show under an event's title: the short summary's first, or the long one's."""
    head, short, long = _summary_parts(event.get("summary"))
    for s in short or long:
        return s if isinstance(s, str) else str(s.get("text") or "")
    return ""
