"""Figures: the numbers the articles report, grouped by what they measure, and checked.

Claims come from ``chorus.analyze.claims`` (value and bounds, unit, what
happened, cause, period, source, time). Claims with the same unit, event,
cause and period form one figure; counts without an event of their own
("26 ships were waiting") group only across sentences that say much the same
thing, so that unrelated numbers with one unit stay apart.

Two claims conflict when the ranges their qualifiers allow do not overlap
("up to 200,000" against "more than 200,000"). Parts never conflict with their
whole ("two protesters" of "three people", a breakdown in the same sentence),
nor do values far apart in size, nor two numbers of one article unless they
come from different named sources or the text calls one disputed. A conflict
is a ``disagree`` when both speak of the same moment; it ``changes_over_time``
when the measure only grows (tolls, ground taken, people displaced) and the
later figure is the larger, or when the later claim says the count moved.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from chorus.analyze.claims import GROWING, _PEOPLE, claims_of
from chorus.analyze.numbers import STRICT_HIGH, STRICT_LOW
from chorus.analyze.speakers import merge_names
from chorus.model import Article, Event

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


def _similar_parts(claims: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Split claims into groups of like sentences (single link: shared content words, or
    one number continuing another, "it could be more than 100,000")."""
    n = len(claims)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ids = {id(c): i for i, c in enumerate(claims)}
    for i, a in enumerate(claims):
        if a["_from"] in ids:
            parent[find(i)] = find(ids[a["_from"]])
        for j in range(i + 1, n):
            b = claims[j]
            if a["article"] == b["article"] and (a["sentence"] == b["sentence"] or (
                    a["value"] is not None and a["value"] == b["value"] and a.get("unit") == b.get("unit"))):
                # (the same count said twice in one article, "1,420 children", is one figure)
                parent[find(i)] = find(j)
                continue
            shared = a["_words"] & b["_words"]
            if len(shared) >= 3 and len(shared) / (len(a["_words"] | b["_words"]) or 1) >= _LIKE:
                parent[find(i)] = find(j)
    parts: dict[int, list[dict[str, Any]]] = {}
    for i, c in enumerate(claims):
        parts.setdefault(find(i), []).append(c)
    return list(parts.values())


_LIKE = 0.15  # share of content words two sentences need to report the same count


def _ref_date(c: dict[str, Any]) -> str | None:
    """When a claim was true: its article's date, or an earlier day the sentence marks as an
    earlier figure ("up from three reported on Sunday")."""
    as_of = c.get("as_of") or ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of) and c["_change"]:
        return as_of
    return c["_date"]


def _dated_apart(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One article giving a figure and an earlier one it dates ("rose to nine ... On
    Monday the ministry had put the toll at six"): a change, not two rival counts."""
    if a["article"] != b["article"] or not (a["_change"] or b["_change"]):
        return False
    da, db = _ref_date(a), _ref_date(b)
    return bool(da and db and da != db)


def _part_of(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """A breakdown, or a count of a specific group next to a total ("two protesters"
    and "three people"): a part of it, not a rival figure."""
    if a["subset"] or b["subset"]:
        return True  # "18,000 of them", "a further 8,500": a breakdown of some total
    ua, ub = (a["unit"] or "people").split()[-1].lower(), (b["unit"] or "people").split()[-1].lower()
    if ua in ("others", "other") or ub in ("others", "other"):
        return True  # "three other sailors", "two others": people besides those counted
    generic_a, generic_b = ua in _PEOPLE, ub in _PEOPLE
    if generic_a == generic_b:
        return False
    part, whole = (b, a) if generic_a else (a, b)
    return _interval(part)[1] <= _interval(whole)[1]


_FAR = 5.0  # values further apart than this factor are different measures, not rival counts


def values_agree(claims: list[dict[str, Any]]) -> bool:
    """Whether every two of ``claims`` (``{value, low, high, qualifier}``; parts of a total
    left out) allow a common value: what a reader may call the sources agreeing."""
    whole = [c for c in claims if not c.get("subset")]
    return all(not _conflict(a, b) for i, a in enumerate(whole) for b in whole[i + 1:])


def _rivals(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two conflicting claims can be rival figures for one measure at all.

    Within one article, only figures from different named sources (or a figure the
    text calls disputed) are rivals; two numbers far apart in size are not counts of
    the same thing, and a projection ("would exceed", "won't be able to feed") is not
    a count.
    """
    la, ha = _interval(a)
    lb, hb = _interval(b)
    if (ha * _FAR < lb) or (hb * _FAR < la):
        return False
    if a.get("_modal") or b.get("_modal"):
        return False  # what would or will be is no rival to a count
    if a["article"] == b["article"]:
        return bool(a["_disputed"] or b["_disputed"] or
                    (a["source"] and b["source"] and a["source"] != b["source"]))
    return True


def _same_value(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return not _conflict(a, b)


def judge(claims: list[dict[str, Any]], growing: bool) -> tuple[bool, bool, list[dict[str, Any]]]:
    """(disagree, changes_over_time, conflicts) for the claims of one measure.

    Two conflicting claims disagree when they speak of the same moment: the same
    article (in different sentences), the same date, a figure the text says is
    disputed, or values that some article reports side by side. Otherwise a
    conflict is a change over time when the measure only grows (tolls, ground
    taken) and the later figure is the larger, or when the later claim says
    it moved ("now", "rose to", "dropped to"). ``conflicts`` names the first
    pair of claims (indices) behind each verdict, so a reader can see why.
    """
    contested: list[tuple[dict[str, Any], dict[str, Any]]] = []
    seen_pairs: set[tuple] = set()
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if a["article"] == b["article"] and a["sentence"] != b["sentence"] and _conflict(a, b) \
                    and not _part_of(a, b) and _rivals(a, b) and not _dated_apart(a, b):
                key = (_interval(a), _interval(b))
                if key not in seen_pairs:  # the same two values once is enough
                    seen_pairs.add(key)
                    contested.append((a, b))

    def side_by_side(a, b) -> bool:
        return any((_same_value(a, x) and _same_value(b, y)) or (_same_value(a, y) and _same_value(b, x))
                   for x, y in contested)

    def verdict(a, b) -> str | None:
        if a["article"] == b["article"] and a["sentence"] == b["sentence"]:
            return None
        if not _conflict(a, b) or _part_of(a, b) or not _rivals(a, b):
            return None
        apart = _dated_apart(a, b)
        if (a["article"] == b["article"] and not apart) or a["_disputed"] or b["_disputed"] \
                or side_by_side(a, b):
            return "disagree"
        da, db = _ref_date(a), _ref_date(b)
        if da and db and da != db:
            early, late = (a, b) if da < db else (b, a)
            if (growing and _interval(late)[1] >= _interval(early)[0]) or late["_change"]:
                return "changes_over_time"
            return "disagree"
        if growing and a["_progress"] and b["_progress"] and not (da and da == db):
            return "changes_over_time"
        return "disagree"

    found: dict[str, list[int]] = {}
    for i, a in enumerate(claims):
        if len(found) == 2:
            break
        for j in range(i + 1, len(claims)):
            kind = verdict(a, claims[j])
            if kind and kind not in found:
                found[kind] = [i, j]
    conflicts = [{"kind": k, "claims": v} for k, v in found.items()]
    return "disagree" in found, "changes_over_time" in found, conflicts


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


_PRED_LABEL = {"present": "still there", "displaced": "displaced or evacuated",
               "arrested": "arrested or detained"}


def _measure(key: tuple, claims: list[dict[str, Any]]) -> str:
    """A readable name for what a figure measures: unit, event, cause, period."""
    ucls, pred, cause, scope, subset = key
    units = Counter(c["unit"] for c in claims if c["unit"] and c["unit"] != "others")
    label = units.most_common(1)[0][0] if units else ucls
    if pred and pred != "count":
        label += " " + _PRED_LABEL.get(pred, pred)
    if cause:
        label += f" by {cause}"
    if scope:
        label += f" ({scope[0]} {scope[1]})"
    if subset:
        label += " (part of a total)"
    return label


def _merge_uncaused(groups: dict[tuple, list[dict[str, Any]]], claims: list[dict[str, Any]]) -> None:
    """A toll with no cause named joins the toll of the one cause the articles name
    ("at least six people have died" and "nine people have died in the floods"): one
    measure, not two, when the two agree or tell a change over time. With two causes
    named (shelling, air strikes) it stays apart, and so does one whose figures would
    clash with the named cause's (another incident, often, in a round-up)."""
    order = {id(c): i for i, c in enumerate(claims)}
    by_rest: dict[tuple, list[tuple]] = {}
    for key in groups:
        by_rest.setdefault((key[0], key[1], key[3], key[4]), []).append(key)
    for keys in by_rest.values():
        caused = [k for k in keys if k[2]]
        plain = [k for k in keys if not k[2]]
        if len(caused) == 1 and len(plain) == 1:
            merged = sorted(groups[plain[0]] + groups[caused[0]], key=lambda c: order[id(c)])
            growing = caused[0][1] in GROWING
            if judge(merged, growing)[0] and not (judge(groups[plain[0]], growing)[0]
                                                  or judge(groups[caused[0]], growing)[0]):
                continue
            del groups[plain[0]]
            groups[caused[0]] = merged


def analyze(event: Event, articles: list[Article]) -> dict[str, Any]:
    """Return ``{"figures": [{"measure", "disagree", "changes_over_time", "agree", "claims", ...}]}``."""
    from chorus.analyze.timeline import event_reference, with_sentences

    articles = with_sentences(articles)

    fallback = event_reference(event, articles)
    claims: list[dict[str, Any]] = []
    for art in articles:
        claims.extend(claims_of(art, fallback))
    _canonical_sources(claims)
    groups: dict[tuple, list[dict[str, Any]]] = {}
    key_of: dict[int, tuple] = {}
    for c in claims:
        key = (c["_class"], c["_pred"], c["_cause"], c["_scope"], c["subset"])
        if c["subset"] and c["_from"] in key_of:
            key = key_of[c["_from"]]  # "18,000 of them": shown with the total it breaks down
        key_of[id(c)] = key
        groups.setdefault(key, []).append(c)
    _merge_uncaused(groups, claims)
    figures = []
    split: list[tuple[tuple, list[dict[str, Any]]]] = []
    for key, cs in groups.items():
        if key[1] in GROWING:
            split.append((key, cs))
        else:  # a count with no event of its own: only like sentences measure the same thing
            split.extend((key, part) for part in _similar_parts(cs))
    outlet_of = {a.id: a.outlet or a.id for a in articles}
    for key, cs in split:
        disagree, changes, conflicts = judge(cs, key[1] in GROWING)
        figures.append({
            "measure": _measure(key, cs),
            "disagree": disagree,
            "changes_over_time": changes,
            # several outlets, and amounts that all allow one value ("about 50%", "67%" and
            # "more than 33%" of three different areas do not)
            "agree": not disagree and not changes and values_agree(cs)
                     and len({outlet_of.get(c["article"], c["article"]) for c in cs}) >= 2,
            "articles": sorted({c["article"] for c in cs}),
            "claims": [{k: v for k, v in c.items() if not k.startswith("_")} for c in cs],
            "conflicts": conflicts,
        })
    figures.sort(key=lambda f: (-len(f["articles"]), -len(f["claims"]), f["measure"]))
    return {"figures": figures}
