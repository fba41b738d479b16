"""Figures: the numbers the articles report, grouped by what they measure, and checked.

Each amount (``chorus.analyze.numbers``) becomes a claim with what it counts
(``unit``: "people", "rebel fighters", "share of the area"), what happened to
them (killed, wounded, displaced, taken, held, still present ...), the cause
where one is named (shelling, air strikes), the period for tolls ("since
mid-November", "on Monday"), the source ("according to the UN", "the
Observatory said") and the time it refers to (``as_of``). A number with no
verb of its own ("it could be more than 100,000 people", "put the number at
8,000") continues the measure of the sentence before it.

Claims measuring the same thing in different articles form one figure. Two
claims conflict when the ranges their qualifiers allow do not overlap ("up to
200,000" against "more than 200,000"); parts of one sentence (a total and its
breakdown) never conflict. A conflict is a ``disagree`` unless the measure
only grows with time (tolls, ground taken, people displaced) and the claims
were reported at different or unknown times with words that place them in a
moving count ("since", "latest", "so far"): then it ``changes_over_time``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from chorus.analyze.dates import find_dates, parse_iso
from chorus.analyze.numbers import STRICT_HIGH, STRICT_LOW, Number, find_numbers
from chorus.analyze.quotes import find_quote_spans
from chorus.analyze.speakers import QMARK, attribute, description, merge_names, person_name
from chorus.model import Article, Event

PREDICATES: list[tuple[str, re.Pattern[str]]] = [
    ("killed", re.compile(r"^(?:kill\w*|dead|deaths?|died|dies|die|dying|lives|fatalit\w*|toll)$")),
    ("wounded", re.compile(r"^(?:wound\w*|injur\w*|hurt)$")),
    ("arrested", re.compile(r"^(?:arrest\w*|detain\w*|prisoners?|captives?)$")),
    ("displaced", re.compile(r"^(?:displac\w*|fled|flee\w*|refugees?|evacuat\w*|homeless|uproot\w*)$")),
    ("taken", re.compile(r"^(?:seiz\w*|captur\w*|took|taken|take|retak\w*|recaptur\w*|lost|los\w*|"
                         r"driven|forced|overr[au]n|gained|conquer\w*)$")),
    ("held", re.compile(r"^(?:control\w*|held|hold\w*)$")),
    ("present", re.compile(r"^(?:trapped|remain\w*|still|shelter\w*|living|besieged|stranded|"
                           r"inside|population)$")),
]
GROWING = frozenset({"killed", "wounded", "arrested", "displaced", "taken"})
_CAUSES = re.compile(r"\b(shellings?|bombardments?|bombings?|air\s?strikes?|airstrikes?|strikes?|"
                     r"attacks?|fighting|clashes|siege|explosions?|blasts?|rockets?|mortars?|"
                     r"shootings?|gunfire|drone\s+strikes?|flood\w*|earthquakes?|fires?|crash\w*|"
                     r"disease|famine|starvation|storms?)\b", re.I)
_PROGRESS = re.compile(r"\b(?:since|latest|so far|to date|now|recent(?:ly)?|already|has risen|"
                       r"have risen|rose|climbed|up to now|over the past|in the past)\b", re.I)
_UNIT_STOP = frozenset("""
the a an of in on at to for from by with and or but as is are was were be been being have has had
may might could would will can should must do does did it its they them their there this that
these those who which what when where while than then so such said says say told according
more most less some any all each every other another about around nearly almost up over under
still also just only even not no being going leaving according since before after during
remain remains live lives stay stays face faces need needs return returns wait want work
""".split())
_PEOPLE = frozenset("people persons civilians residents inhabitants others individuals".split())
_FIGHTERS = frozenset("fighters rebels militants insurgents combatants gunmen jihadists".split())
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|with)\b|\s+—\s+|\.\s")
_NUMBER_OF = re.compile(r"\bnumber of (?:the\s+)?([a-z][a-z\- ]{2,40}?)\b(?:\s+(?:in|at|on|who|"
                        r"vary|is|was|were|to)\b|[,.])", re.I)
_BEFORE_AFTER = re.compile(r"\b(?:before|after|prior to)\s+the\s+(?:\w+\s+){0,3}?(?:began|started|"
                           r"assault|offensive|war|attack|operation|siege|fighting)\b", re.I)


def _singular(word: str) -> str:
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us")) and len(w) > 3:
        return w[:-1]
    return w


def _unit_after(text: str, n: Number) -> tuple[str | None, bool]:
    """What the number counts, read from the words after it; and whether it is 'of them'."""
    rest = text[n.end:n.end + 80]
    if re.match(r"\s+of\s+(?:them|whom|those)\b", rest):
        return None, True
    if n.share or n.value is None:
        rest = re.sub(r"^\s+of\b", "", rest)
    words = []
    for w in re.findall(r"[A-Za-z][\w'’\-]*|[^\sA-Za-z]", rest)[:6]:
        low = w.lower()
        if not re.match(r"[a-z]", low) or low in _UNIT_STOP and not (n.share and low == "the"
                                                                     and not words):
            if words or low not in ("the",):
                break
            continue
        if w[0].islower() and low.endswith(("ing", "ed")):
            break
        if low == "the":
            continue
        words.append(w)
        if len(words) == 4 or low in _PEOPLE or low in _FIGHTERS:
            break
    return (" ".join(words) or None), False


def _unit_class(unit: str | None, share: bool) -> str | None:
    if share:
        return "share"
    if not unit:
        return None
    head = unit.split()[-1].lower()
    if head in _PEOPLE:
        return "people"
    if head in _FIGHTERS:
        return "fighters"
    return _singular(head)


def _category(word: str) -> str | None:
    for name, pat in PREDICATES:
        if pat.match(word):
            return name
    return None


_TOKEN = re.compile(r"[A-Za-z][\w'’\-]*")
_RELATIVE = frozenset("they he she it who which that we you i".split())


def _predicate(sent: str, lo: int, hi: int, n: Number, unit: str | None) -> str | None:
    """What happened to what the number counts: the nearest verb or noun of a known kind.

    Words just after the number and its unit come first ("300 people were killed"),
    then words before it, nearest first ("seized two-thirds"); words inside a relative
    clause ("the area they held") do not count.
    """
    toks = [(m.start(), m.group().lower()) for m in _TOKEN.finditer(sent, lo, hi)
            if "-" not in m.group()]
    unit_end = n.end
    if unit:
        pos = sent.find(unit, n.end, hi)
        if pos >= 0:
            unit_end = pos + len(unit)
    after = []
    for i, (st, w) in enumerate(toks):
        if st >= unit_end:
            if w in ("and", "but", "or") or len(after) == 6:
                break
            after.append((i, w))
    before = [(i, w) for i, (st, w) in enumerate(toks) if st < n.start][::-1]
    rest = [(i, w) for i, (st, w) in enumerate(toks) if st >= unit_end][6:]
    for group in (after, before, rest):
        for i, w in group:
            prev = {toks[j][1] for j in range(max(0, i - 2), i)}
            if prev & _RELATIVE and group is not before:
                continue
            cat = _category(w)
            if cat:
                return cat
    return None


def _clause(sent: str, n: Number, others: list[Number]) -> tuple[int, int]:
    """The part of the sentence that belongs to this number (between clause breaks and numbers)."""
    lo, hi = 0, len(sent)
    for m in _CLAUSE_BREAK.finditer(sent):
        if m.end() <= n.start:
            lo = max(lo, m.end())
        elif m.start() >= n.end:
            hi = min(hi, m.start())
            break
    for o in others:
        if o.end <= n.start:
            lo = max(lo, o.end)
        elif o.start >= n.end:
            hi = min(hi, o.start)
    return lo, hi


def _frame(text: str, s: int, e: int) -> str:
    """The sentence with quotations masked, same length (so offsets still hold)."""
    sent = text[s:e]
    for qs, qe in find_quote_spans(sent):
        sent = sent[:qs] + QMARK + " " * (qe - qs - len(QMARK)) + sent[qe:] if qe - qs >= len(QMARK) \
            else sent
    return sent


def _claims_of(article: Article, ref_fallback: str | None) -> list[dict[str, Any]]:
    text = article.text
    ref = parse_iso(article.published) or parse_iso(ref_fallback)
    claims: list[dict[str, Any]] = []
    prev_sentence_claims: list[dict[str, Any]] = []
    for s, e in article.sentences:
        sent = text[s:e]
        nums = find_numbers(sent)
        this_sentence: list[dict[str, Any]] = []
        if not nums:
            prev_sentence_claims = []
            continue
        dates = find_dates(sent, ref)
        number_of = _NUMBER_OF.search(sent)
        for i, n in enumerate(nums):
            if n.word and n.value is not None and n.value < 10 and re.search(r"\b(?:the|these|those|both|all|its|their)\s+$",
                                    sent[:n.start], re.I):
                continue  # "the two sides": a reference, not a count
            lo, hi = _clause(sent, n, nums)
            window = sent[lo:hi]
            unit, subset = _unit_after(sent, n)
            subset = subset or bool(re.search(r"\b(?:a further|another|of whom)\s*$", sent[:n.start]))
            predicate = _predicate(sent, lo, hi, n, unit)
            inherited = None
            if unit is None and number_of and not n.share:
                unit = number_of.group(1).strip()
            ucls = _unit_class(unit, n.share)
            if subset and this_sentence:
                inherited = this_sentence[-1]
                unit = unit or inherited["unit"]
                ucls = ucls or inherited["_class"]
            if predicate is None and not subset:
                for c in reversed(this_sentence + prev_sentence_claims):
                    if ucls in (None, c["_class"]) and not n.share == (c["_class"] != "share"):
                        inherited = c
                        break
                if inherited is not None:
                    predicate, unit = inherited["_pred"], unit or inherited["unit"]
                    ucls = ucls or inherited["_class"]
            if ucls is None and predicate in ("killed", "wounded", "displaced", "arrested"):
                ucls, unit = "people", unit or "people"
            if ucls == "fighters" and predicate is None:
                predicate = "count"
            if ucls is None or (n.word and (n.value or 0) < 10 and predicate is None):
                continue
            cause = None
            if predicate in ("killed", "wounded"):
                cm = _CAUSES.search(window)
                cause = _singular(cm.group(1).replace(" ", "")) if cm else None
                if inherited is not None and cause is None:
                    cause = inherited["_cause"]
            in_window = [d for d in dates if lo <= d.start < hi]
            scope = None
            as_of = None
            for d in sorted(in_window, key=lambda d: d.start < n.end):
                before = sent[max(lo, d.start - 6):d.start].lower()
                if "since" in before:
                    as_of = f"since {d.date[:7] if d.precision != 'day' else d.date}"
                    scope = ("since", d.date[:7]) if d.start > n.end else None
                else:
                    as_of = d.date if d.precision == "day" else d.date[:7 if d.precision == "month" else 4]
                break
            if as_of is None:
                ba = _BEFORE_AFTER.search(window)
                as_of = ba.group() if ba else None
            if predicate not in ("killed", "wounded", "arrested"):
                scope = None
            elif scope is None:
                # A toll's period ("since mid-November") carries over to the next toll of the
                # same kind in the sentence or the sentence after, unless a day is named.
                named_day = any(d.precision == "day" and d.start > n.end for d in in_window)
                for c in reversed(this_sentence + prev_sentence_claims):
                    if c["_pred"] == predicate and c["_scope"] and not named_day:
                        scope = c["_scope"]
                        break
            if inherited is not None and scope is None:
                scope = inherited["_scope"]
            frame = _frame(text, s, e)
            src = attribute(frame, n.start)
            source = None
            if src is not None and src.kind == "name":
                source = person_name(src.text)
            elif src is not None and src.kind == "description":
                source = description(src.text)
            if source is None and inherited is not None and subset:
                source = inherited["source"]
            span_end = n.end
            if unit and sent[n.end:].lstrip().startswith(unit.split()[0]):
                pos = sent.find(unit, n.end)
                if 0 <= pos - n.end <= 8:
                    span_end = pos + len(unit)
            claim = {
                "article": article.id, "value": n.value, "low": n.low, "high": n.high,
                "qualifier": n.qualifier, "unit": unit if not n.share else f"share of {unit or 'it'}",
                "source": source, "as_of": as_of, "text": sent[n.start:span_end],
                "start": s + n.start, "end": s + span_end,
                "sentence": [s, e], "subset": subset,
                "_class": ucls, "_pred": predicate, "_cause": cause, "_scope": scope,
                "_progress": bool(_PROGRESS.search(sent)), "_date": article.published,
            }
            this_sentence.append(claim)
        claims.extend(this_sentence)
        prev_sentence_claims = this_sentence
    return claims


def _interval(c: dict[str, Any]) -> tuple[float, float]:
    low = c["low"] if c["low"] is not None else 0.0
    high = c["high"] if c["high"] is not None else float("inf")
    if c["qualifier"] is None and c["value"] is not None and low == high:
        low, high = low * 0.98, high * 1.02  # a plain number is a rounded one
    return low, high


def _conflict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when no value satisfies both claims' wording."""
    la, ha = _interval(a)
    lb, hb = _interval(b)
    if ha < lb or hb < la:
        return True
    qa, qb = a["qualifier"], b["qualifier"]
    touch_ab = ha == lb and (qa in STRICT_HIGH or qb in STRICT_LOW)
    touch_ba = hb == la and (qb in STRICT_HIGH or qa in STRICT_LOW)
    return touch_ab or touch_ba


def judge(claims: list[dict[str, Any]], growing: bool) -> tuple[bool, bool]:
    """(disagree, changes_over_time) for the claims of one measure."""
    disagree = changes = False
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if a["article"] == b["article"] and a["sentence"] == b["sentence"]:
                continue
            if not _conflict(a, b):
                continue
            if not growing or a["article"] == b["article"]:
                disagree = True
                continue
            da, db = a["_date"], b["_date"]
            if da and db:
                if da == db:
                    disagree = True
                    continue
                early, late = (a, b) if da < db else (b, a)
                if _interval(late)[1] >= _interval(early)[0]:
                    changes = True
                else:
                    disagree = True
            elif a["_progress"] and b["_progress"]:
                changes = True
            else:
                disagree = True
    return disagree, changes


def _canonical_sources(claims: list[dict[str, Any]]) -> None:
    names = [c["source"] for c in claims if c["source"]]
    canon = merge_names(names)
    full = sorted(set(canon.values()), key=len, reverse=True)
    for c in claims:
        src = c["source"]
        if not src:
            continue
        src = canon.get(src, src)
        for f in full:  # "Syrian Observatory" -> "Syrian Observatory for Human Rights"; UN
            if f != src and (f.startswith(src + " ") or _acronym(f) == src.replace(".", "")):
                src = f
                break
        c["source"] = src


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _measure(key: tuple, claims: list[dict[str, Any]]) -> str:
    ucls, pred, cause, scope, subset = key
    units = Counter(c["unit"] for c in claims if c["unit"] and c["unit"] != "others")
    label = units.most_common(1)[0][0] if units else ucls
    if pred and pred != "count":
        label += f" {pred}"
    if cause:
        label += f" by {cause}"
    if scope:
        label += f" ({scope[0]} {scope[1]})"
    if subset:
        label += " (part of a total)"
    return label


def analyze(event: Event, articles: list[Article]) -> dict[str, Any]:
    """Return ``{"figures": [{"measure", "disagree", "changes_over_time", "claims"}]}``."""
    from chorus.analyze.timeline import event_reference

    fallback = event_reference(event, articles)
    claims: list[dict[str, Any]] = []
    for art in articles:
        claims.extend(_claims_of(art, fallback))
    _canonical_sources(claims)
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for c in claims:
        key = (c["_class"], c["_pred"], c["_cause"], c["_scope"], c["subset"])
        groups.setdefault(key, []).append(c)
    figures = []
    for key, cs in groups.items():
        disagree, changes = judge(cs, key[1] in GROWING)
        figures.append({
            "measure": _measure(key, cs),
            "disagree": disagree,
            "changes_over_time": changes,
            "articles": sorted({c["article"] for c in cs}),
            "claims": [{k: v for k, v in c.items() if not k.startswith("_")} for c in cs],
        })
    figures.sort(key=lambda f: (-len(f["articles"]), -len(f["claims"]), f["measure"]))
    return {"figures": figures}
