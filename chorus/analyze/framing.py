"""Framing: the words each outlet chooses for the event's actors and actions.

For each outlet (or each article, where the outlet is unknown) the terms it
uses more than the other outlets of the event, scored with the weighted
log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
Quinn, 2008, "Fightin' Words"):

    delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w))
            - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
    var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w);   z_w = delta_w / sqrt(var_w)

where i is the outlet, j every other outlet of the event, and the prior
a_w = a0 * (frequency of w across the event's articles). Terms are content
words and two-word labels ("shia militia", "opposition fighters"); names
(words the event's articles always capitalise), numbers and reporting verbs
are left out, because they say who or what, not how.

Labels for the same actor are grouped (``LABEL_GROUPS``): an outlet that
writes "regime" where others write "government" or "Damascus" shows up in
``groups`` with the counts of each label it used.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from chorus.model import Article, Event

# Labels for the same kind of actor or action, one group each (lower case).
LABEL_GROUPS: dict[str, frozenset[str]] = {
    "state": frozenset("regime government administration authorities damascus despot "
                       "dictator dictatorship junta leadership tyrant".split()),
    "armed opposition": frozenset("rebels rebel insurgents insurgent revolutionaries "
                                  "revolutionary militants militant jihadists jihadist "
                                  "terrorists terrorist extremists extremist fighters "
                                  "opposition gunmen freedom-fighters mujahideen".split()),
    "state forces": frozenset("army troops soldiers forces military militia militias "
                              "loyalists regime-forces".split()),
    "military action": frozenset("offensive assault attack attacks onslaught operation campaign "
                                 "bombardment bombing shelling strikes liberation occupation "
                                 "invasion aggression advance advances siege".split()),
    "leaving": frozenset("withdrawal evacuation retreat exit surrender pull-out departure "
                         "expulsion".split()),
}
_STOP = frozenset("""
a about above after again against all also although am an and any are around as at be because
been before being below between both but by can could did do does doing down during each even
ever every few for from further had has have having he her here hers him his how however i if in
into is it its itself just least less like made make many may me might more most much must my
near never new no nor not now of off on once one only or other others our out over own per put
rather same says said saying say see she should since so some still such than that the their
them then there these they this those though through thus to told too under until up upon us very
was way we well were what when where whether which while who whom whose why will with within
without would yet you your told tells according added adding also told reported reporting
two three four five six seven eight nine ten first second last year years month months week
weeks day days monday tuesday wednesday thursday friday saturday sunday today yesterday
tomorrow time times people percent per cent mr mrs ms
""".split())
# Evaluative words that frame an event without naming an actor.
FRAMING_WORDS = frozenset("""
massacre massacres slaughter atrocities atrocity crimes criminal criminals terror terrorism
brutal brutality crackdown uprising revolution rebellion insurgency resistance liberation
liberated freed occupation occupied invasion invaders aggression victory defeat fall
humanitarian catastrophe tragedy civilians victims genocide war conflict civil-war jihad
clashes violence thugs mob rioters protesters protests backed proxy allies ally loyal pro-government
""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|(?P<punct>[^\w\s])")
_TOP = 20  # terms reported per outlet
PRIOR_WEIGHT = 0.1  # a0 as a share of the event's word count: the prior is a tenth of the data
_LABELS = frozenset().union(*LABEL_GROUPS.values())
_ACTORS = LABEL_GROUPS["state"] | LABEL_GROUPS["armed opposition"] | LABEL_GROUPS["state forces"]


def _tokens(article: Article, proper: set[str]) -> list[str]:
    """Lower-cased content words of the article in order, names and stop words removed."""
    out = []
    for s, e in article.sentences:
        out.append("")  # sentences and punctuation break bigrams
        for m in _WORD.finditer(article.text, s, e):
            if m.group("punct"):
                if m.group() not in "-'’":
                    out.append("")
                continue
            w = m.group().lower().replace("’", "'")
            if w.endswith("'s"):
                w = w[:-2]
            if len(w) < 3 or w in _STOP or w in proper:
                out.append("")  # a gap: bigrams do not span it
                continue
            out.append(w)
            if "-" in w:  # "regime-held": the label inside counts as a use of the label
                for part in w.split("-"):
                    if part in _LABELS:
                        out.extend(["", part, ""])
    return out


def _proper_words(articles: list[Article]) -> set[str]:
    """Words the articles write capitalised (almost) everywhere outside sentence starts."""
    caps: Counter[str] = Counter()
    lows: Counter[str] = Counter()
    for a in articles:
        for s, e in a.sentences:
            first = True
            for m in _WORD.finditer(a.text, s, e):
                w = m.group()
                if m.group("punct"):
                    continue
                if not first:
                    (caps if w[0].isupper() else lows)[w.lower()] += 1
                first = False
    return {w for w, c in caps.items() if c > 2 * lows[w] and w not in _LABELS}


def _counts(tokens: list[str]) -> Counter[str]:
    c: Counter[str] = Counter(t for t in tokens if t)
    for a, b in zip(tokens, tokens[1:]):
        if a and b:
            c[f"{a} {b}"] += 1
    return c


def log_odds(counts_i: Counter[str], counts_j: Counter[str], prior: Counter[str],
             alpha0: float) -> dict[str, float]:
    """z-scores of the weighted log-odds ratio of i against j, informative Dirichlet prior."""
    n_i = sum(counts_i.values())
    n_j = sum(counts_j.values())
    total = sum(prior.values()) or 1
    out: dict[str, float] = {}
    for w, y_i in counts_i.items():
        a_w = alpha0 * prior[w] / total
        y_j = counts_j.get(w, 0)
        l_i = math.log((y_i + a_w) / (n_i + alpha0 - y_i - a_w))
        l_j = math.log((y_j + a_w) / (n_j + alpha0 - y_j - a_w))
        var = 1.0 / (y_i + a_w) + 1.0 / (y_j + a_w)
        out[w] = (l_i - l_j) / math.sqrt(var)
    return out


def is_framing_term(term: str) -> bool:
    """Actor labels, action words and evaluative words, alone or in a two-word label."""
    parts = term.split()
    if len(parts) == 1:
        w = parts[0]
        return w in _LABELS or w in FRAMING_WORDS or any(p in _LABELS for p in w.split("-"))
    return parts[1] in _ACTORS and (parts[0] in _LABELS or parts[0] in FRAMING_WORDS
                                    or parts[0].endswith(("ist", "ian", "ish", "ese", "ite")))


def analyze(event: Event, articles: list[Article], *, top: int = _TOP) -> dict[str, Any]:
    """Return ``{"framing": [{"outlet", "article", "articles", "terms", "distinctive", "groups"}]}``.

    ``terms`` are the outlet's framing terms (actor labels, action and evaluative
    words) with z > 0, best first; ``distinctive`` are its top content words of
    any kind, for context.
    """
    proper = _proper_words(articles)
    units: dict[str, list[Article]] = {}
    for a in articles:
        units.setdefault(a.outlet or a.id, []).append(a)
    if len(units) < 2:
        return {"framing": []}
    counts = {k: Counter() for k in units}
    for k, arts in units.items():
        for a in arts:
            counts[k].update(_counts(_tokens(a, proper)))
    prior: Counter[str] = Counter()
    for c in counts.values():
        prior.update(c)
    alpha0 = PRIOR_WEIGHT * float(sum(prior.values()))
    label_of = {w: g for g, ws in LABEL_GROUPS.items() for w in ws}
    out = []
    for k, arts in units.items():
        rest: Counter[str] = Counter()
        for k2, c in counts.items():
            if k2 != k:
                rest.update(c)
        z = log_odds(counts[k], rest, prior, alpha0)
        # A label is scored against the other labels of its group: given that an outlet
        # names the state (or the armed opposition ...), which word does it choose?
        for g, words in LABEL_GROUPS.items():
            gi = Counter({w: c for w, c in counts[k].items() if w in words})
            if not gi:
                continue
            gj = Counter({w: c for w, c in rest.items() if w in words})
            gp = Counter({w: c for w, c in prior.items() if w in words})
            for w, zz in log_odds(gi, gj, gp, PRIOR_WEIGHT * float(sum(gp.values()))).items():
                z[w] = zz
        ranked = sorted(((w, s) for w, s in z.items() if s > 0), key=lambda t: (-t[1], t[0]))
        framing_terms = [(w, s) for w, s in ranked if is_framing_term(w)]
        # First the label this outlet prefers for each actor or action, then the rest.
        preferred = {}
        for w, sc in framing_terms:
            g = label_of.get(w)
            if g and g not in preferred:
                preferred[g] = (w, sc)
        firsts = sorted(preferred.values(), key=lambda t: -t[1])
        terms = firsts + [t for t in framing_terms if t not in firsts]
        distinctive = [(w, s) for w, s in ranked if " " not in w]
        groups: dict[str, dict[str, int]] = {}
        for w, n in counts[k].items():
            if w in label_of:
                groups.setdefault(label_of[w], {})[w] = n
        out.append({
            "outlet": arts[0].outlet,
            "article": arts[0].id,
            "articles": [a.id for a in arts],
            "terms": [{"term": w, "z": round(s, 3), "count": counts[k][w],
                       "group": label_of.get(w)} for w, s in terms[:top]],
            "distinctive": [{"term": w, "z": round(s, 3), "count": counts[k][w]}
                            for w, s in distinctive[:top]],
            "groups": [{"group": g, "labels": dict(sorted(v.items(), key=lambda x: -x[1]))}
                       for g, v in sorted(groups.items())],
        })
    return {"framing": out}
