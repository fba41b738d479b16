"""report.md: the HTML report's content in Markdown.

Same sections, same numbering of citations. Markdown has no portable way to
jump to a span inside a quoted text, so each event ends with its numbered
citations, each giving the cited sentence, its outlet and date, and the
article id with character offsets, so any reader can find it in events.json.

Article text is untrusted here too: every piece of it goes through
:func:`md_escape`, which turns ``<`` and ``>`` into entities and backslash-
escapes Markdown syntax, so a title cannot become a link, an image or HTML.
"""

from __future__ import annotations

import re

from chorus.render.view import build_event_view

_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md_escape(text: object) -> str:
    """Text made inert for Markdown: one line, no HTML, no Markdown syntax."""
    s = "" if text is None else str(text)
    s = " ".join(s.split())
    s = _ENTITY.sub("&amp;", s)
    s = s.replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", s)


def _n(k: int, word: str) -> str:
    return f"{k} {word}" + ("" if k == 1 else "s")


def _cites(ns: list[int]) -> str:
    return "".join(f" [{n}]" for n in ns)


def _join(items: list[str]) -> str:
    return ", ".join(items)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out + [""]


def _event(ev: dict, i: int) -> list[str]:
    L: list[str] = [f"## {i}. {md_escape(ev['title'])}", ""]
    when = ""
    if ev["first_published"]:
        when = f" · {md_escape(ev['first_published'])}"
        if ev["last_published"] and ev["last_published"] != ev["first_published"]:
            when += f" to {md_escape(ev['last_published'])}"
    L += [f"_{_n(ev['n_articles'], 'article')}, {_n(ev['independent_sources'], 'independent source')}{when}"
          f"{' · ' + md_escape(_join(ev['outlets'])) if ev['outlets'] else ''}_", ""]
    if ev["other_languages"]:
        L += [f"_{_n(ev['n_other_language'], 'article')} in {md_escape(_join(ev['other_languages']))}: quotes, "
              "figures, wording, timeline and names are read in English only, the summary and facts in the "
              "event's main language._", ""]

    L += ["### Summary", ""]
    if ev["headline"]:
        L += [f"**{md_escape(ev['headline']['text'])}**{_cites(ev['headline']['refs'])}", ""]
    if ev["summary_short"] and ev["summary"]:
        L += ["In brief:", ""]
        L += [f"{k}. {md_escape(s['text'])}{_cites(s['refs'])}" for k, s in enumerate(ev["summary_short"], 1)]
        L += ["", "In full:", ""]
    long = ev["summary"] or ev["summary_short"]
    L += [f"{k}. {md_escape(s['text'])}{_cites(s['refs'])}" for k, s in enumerate(long, 1)]
    if not long and not ev["headline"]:
        L.append("No summary.")
    L.append("")

    L += ["### What the sources agree on", ""]
    if ev["facts"]:
        L += _table(["Fact", "Independent sources", "Backed by"], [
            [md_escape(f["text"]) + _cites(f["refs"]), str(f["independent_sources"]),
             md_escape(_join([s["outlet"] for s in f["support"]]))] for f in ev["facts"]])
    else:
        L += ["No statement is backed by two independent sources.", ""]
    if ev["facts_one_source"]:
        L += ["Backed by one source only (one outlet, or several carrying copies of one story), so "
              "not independent agreement:", ""]
        L += _table(["Statement", "Carried by"], [
            [md_escape(f["text"]) + _cites(f["refs"]), md_escape(_join([s["outlet"] for s in f["support"]]))]
            for f in ev["facts_one_source"]])

    L += ["### Figures that disagree", ""]
    if not ev["figures_disagree"]:
        L += ["No disagreeing figures.", ""]
    for fig in ev["figures_disagree"]:
        L += [f"#### {md_escape(fig['measure'])}{' (changes over time)' if fig['changes_over_time'] else ''}", ""]
        L += _table(["Value", "Qualifier", "Source", "Outlet", "Date", "As of", "Wording"], [
            [md_escape(r["value"] + (f" {r['unit']}" if r["unit"] else "") + (" (part of a total)" if r["part"] else "")),
             md_escape(r["qualifier"] or ""),
             md_escape(r["source"] or "not stated"), md_escape(r["outlet"]), md_escape(r["date"] or "unknown"),
             md_escape(r["as_of"] or ""), md_escape(r["text"] or "")] for r in fig["rows"]])
    def given(v: dict) -> str:  # "40,000,000 crowns (Continental Daily, Estland Courier; Katrin Vell)"
        who = md_escape(_join(v["outlets"])) + ("; " + md_escape(_join(v["sources"])) if v["sources"] else "")
        return f"{md_escape(v['value'])} ({who})"

    if ev["figures_changing"]:
        L += ["Figures that change over time (earliest first):", ""]
        for fig in ev["figures_changing"]:
            steps = " → ".join(f"{md_escape(v['value'])} ({md_escape(v['when'])}: "
                               f"{md_escape(_join(v['outlets']))}"
                               f"{'; ' + md_escape(_join(v['sources'])) if v['sources'] else ''})"
                               for v in fig["steps"])
            parts = f"; of them: {'; '.join(given(v) for v in fig['values'])}" if fig["values"] else ""
            L.append(f"- {md_escape(fig['measure'])}: {steps}{parts}")
        L.append("")
    for key, head in (("figures_agreed", "Figures several outlets give alike:"),
                      ("figures_other", "Other figures (one outlet, or amounts that differ):")):
        if ev[key]:
            L += [head, ""]
            L += [f"- {md_escape(fig['measure'])}: {'; '.join(given(v) for v in fig['values'])}" for fig in ev[key]]
            L.append("")

    L += ["### Who said what", ""]
    if not ev["quotes"]:
        L += ["No quotes found.", ""]
    for g in ev["quotes"]:
        also = f" (also: {md_escape(_join(g['variants']))})" if g["variants"] else ""
        L += [f"#### {md_escape(g['speaker'])}{also}", ""]
        for q in g["quotes"]:
            L += [f"> {md_escape(q['text'])}", ""]
            if q["outlets"]:
                L.append("Carried by: " + md_escape(_join(
                    [o["outlet"] + ("" if o["verbatim"] else " (worded differently)") for o in q["outlets"]])))
            else:
                L.append("No source located.")
            L.append("")
            if q["notes"]:
                L += ["Differences: " + "; ".join(f"“{md_escape(n)}”" for n in q["notes"]), ""]
            if q["differences"]:
                L += ["Wording differs:", ""]
                L += [f"- {md_escape(d['outlet'])}: “{md_escape(d['wording'])}”" for d in q["differences"]]
                L.append("")

    L += ["### How each outlet words it", ""]
    if ev["framing"]:
        ft = ev["framing_table"]
        L += _table(["Outlet"] + [md_escape(g) for g in ft["groups"]],
                    [[md_escape(r["outlet"])] + [md_escape(c) for c in r["cells"]] for r in ft["rows"]])
    else:
        L += ["No framing comparison.", ""]

    L += ["### Timeline", ""]
    L += [f"- **{md_escape(t['date'])}**{' (approximate)' if t['approximate'] else ''} {md_escape(t['text'])}"
          f"{_cites(t['refs'])}" for t in ev["timeline"]] or ["No dated events found."]
    L.append("")

    L += ["### Sources", ""]
    rows = []
    for s in ev["sources"]:
        notes = []
        if s["wire_group"]:
            notes.append(f"wire group {s['wire_group']}")
        if s["duplicate_of"]:
            notes.append(f"duplicate of {s['duplicate_of']['outlet']} ({s['duplicate_of']['id']})")
        if s["not_news"]:
            notes.append(f"not news: {s['not_news']}")
        if s["off_topic"]:
            notes.append(f"off topic: {s['off_topic']}")
        if s["language"]:
            notes.append(f"in {s['language']}")
        rows.append([md_escape(s["outlet"]), md_escape(s["title"] or "(no title)"),
                     md_escape(s["published"] or "unknown"), md_escape(_join(s["wire"])),
                     md_escape("; ".join(notes)), f"`{md_escape(s['id'])}`"])
    L += _table(["Outlet", "Title", "Published", "Wire", "Notes", "Article"], rows)
    if ev["shared_passages"]:
        L += ["Passages shared between sources:", ""]
        L += [f"- “{md_escape(p['text'])}” ({md_escape(_join([a['outlet'] for a in p['articles']]))})"
              for p in ev["shared_passages"]]
        L.append("")
    if ev["entities"]:
        L += ["People, organisations and places: " + md_escape(_join(
            [f"{e['name']} ({e['kind']})" for e in ev["entities"]])), ""]

    if ev["refs"]:
        L += ["### Citations", ""]
        L += [f"{r['n']}. {md_escape(r['outlet'])}{', ' + md_escape(r['published']) if r['published'] else ''}: "
              f"“{md_escape(r['excerpt'])}” (article `{md_escape(r['article'])}`, characters {r['start']}–{r['end']})"
              for r in ev["refs"]]
        L.append("")
    return L


def render_markdown(doc: dict, title: str = "Chorus report") -> str:
    """The report of an ``events.json`` document as Markdown."""
    articles = {a["id"]: a for a in doc.get("articles") or [] if isinstance(a, dict) and a.get("id")}

    def href(aid: str, start: int, end: int) -> str:
        return f"{aid}:{start}-{end}"

    def article_href(aid: str) -> str:
        return aid

    events = doc.get("events") or []
    rejected = [r for r in doc.get("rejected") or [] if isinstance(r, dict)]
    unread = f"; {_n(len(rejected), 'input')} could not be read" if rejected else ""
    L = [f"# {md_escape(title)}", "",
         f"{_n(len(events), 'event')} from {_n(len(articles), 'article')}{unread}. "
         f"Schema {md_escape(doc.get('schema', ''))}.", ""]
    in_event: set[str] = set()
    for i, ev in enumerate(events, 1):
        L += _event(build_event_view(ev, articles, href, article_href), i)
        in_event.update(ev.get("articles") or [])
    others = [a for aid, a in articles.items() if aid not in in_event]
    if others:
        L += ["## Articles in no event", ""]
        for a in others:
            why = f" (not news: {md_escape(a['not_news'])})" if a.get("not_news") else ""
            dup = f" (duplicate of `{md_escape(a['duplicate_of'])}`)" if a.get("duplicate_of") else ""
            L.append(f"- {md_escape(a.get('outlet') or 'unknown outlet')}: {md_escape(a.get('title') or '(no title)')}{why}{dup}")
        L.append("")
    if rejected:
        L += ["## Inputs that could not be read", ""]
        for r in rejected:
            where = f"{r.get('path')}:{r['line']}" if r.get("line") is not None else str(r.get("path"))
            L.append(f"- {md_escape(where)}: {md_escape(r.get('reason'))}")
        L.append("")
    return "\n".join(L).rstrip() + "\n"
