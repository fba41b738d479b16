"""Framing: the words each outlet chooses for the event's actors and actions.

For each outlet (or each article, where the outlet is unknown) the terms it
uses more than the other outlets of the event, scored with the weighted
log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
Quinn, 2008, "Fightin' Words"):

    delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w))
            - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
    var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w);   z_w = delta_w / sqrt(var_w)

where i is the outlet, j every other outlet of the event, and the prior
a_w = a0 * (frequency of w across the event's articles), a0 a tenth of the
event's word count (``PRIOR_WEIGHT``). Terms are content
words and two-word labels ("shia militia", "opposition fighters"); names
(words the event's articles always capitalise), numbers and reporting verbs
are left out, because they say who or what, not how; so are words inside
quotation marks, which are the speaker's choice, not the outlet's.

Labels for the same actor are grouped (``LABEL_GROUPS``): a label is scored
against the other labels of its group (given that an outlet names the state,
does it say "regime", "government" or "Damascus"?), and ``groups`` lists the
counts of each label the outlet used. ``terms`` (z > 0) puts each group's
preferred label first, then the other framing words by z; when an outlet uses
few known labels (a kind of story the lexicon does not cover), its most
distinctive content words fill the list, so no outlet is left without terms.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from chorus.analyze.letters import LETTER
from chorus.model import Article, Event

# Labels for the same kind of actor or action, one group each (lower case).
LABEL_GROUPS: dict[str, frozenset[str]] = {
    "state": frozenset("regime government administration authorities damascus despot "
                       "dictator dictatorship junta leadership tyrant council".split()),
    # (armed or not: "rebels" and "terrorists" in a war, "the opposition Civic Alliance" at a protest)
    "opposition": frozenset("rebels rebel insurgents insurgent revolutionaries "
                            "revolutionary militants militant jihadists jihadist "
                            "terrorists terrorist extremists extremist fighters "
                            "opposition gunmen freedom-fighters mujahideen".split()),
    "state forces": frozenset("army troops soldiers forces military militia militias "
                              "loyalists regime-forces".split()),
    "military action": frozenset("offensive assault attack attacks onslaught operation campaign "
                                 "bombardment bombing shelling strikes liberation occupation "
                                 "invasion aggression advance advances siege".split()),
    "people protesting": frozenset("protesters protester demonstrators demonstrator rioters rioter "
                                   "activists activist supporters agitators mob crowd crowds "
                                   "marchers dissidents pro-democracy".split()),
    "labour action": frozenset("strike strikes walkout walk-out stoppage stoppages strikers "
                               "industrial-action lockout dispute".split()),
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
# Contractions and ages are no choice of wording: "didn't", "won't", "they're", "year-old".
_FUNCTION_FORM = re.compile(r"n't$|'(?:re|ve|ll|d|m)$|^(?:year|month|week|day)s?-old$")
_WORD = re.compile(rf"[{LETTER}][{LETTER}'’\-]*[{LETTER}]|[{LETTER}]|(?P<punct>[^\w\s])")
_TOP = 20  # terms reported per outlet
PRIOR_WEIGHT = 0.1  # a0 as a share of the event's word count: the prior is a tenth of the data
_LABELS = frozenset().union(*LABEL_GROUPS.values())
# Labels with an everyday sense besides the group's: a presidential campaign, a business
# operation, a legal dispute, advances in research.
_OTHER_SENSES = frozenset("campaign operation dispute advance advances assault".split())
_ACTORS = LABEL_GROUPS["state"] | LABEL_GROUPS["opposition"] | LABEL_GROUPS["state forces"]


def _raw_words(article: Article) -> list[str | None]:
    """The article's words as written; None opens a sentence, "" marks punctuation."""
    from chorus.analyze.quotes import find_quote_spans

    quoted = find_quote_spans(article.text)
    qi = 0
    out: list[str | None] = []
    for s, e in article.sentences:
        out.append(None)
        for m in _WORD.finditer(article.text, s, e):
            while qi < len(quoted) and quoted[qi][1] <= m.start():
                qi += 1
            if qi < len(quoted) and quoted[qi][0] <= m.start() < quoted[qi][1]:
                continue  # a quotation: the speaker's words, not the outlet's
            if m.group("punct"):
                if m.group() not in "-'’":
                    out.append("")
                continue
            out.append(m.group())
    return out


def _tokens(raw: list[str | None], proper: set[str]) -> list[str]:
    """Lower-cased content words in order, names and stop words removed; "" breaks bigrams."""
    out = []
    for word in raw:
        if not word:
            out.append("")
            continue
        w = word.lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) < 3 or w in _STOP or w in proper or _FUNCTION_FORM.search(w):
            out.append("")  # a gap: bigrams do not span it
            continue
        out.append(w)
        if "-" in w:  # "regime-held": the label inside counts as a use of the label
            for part in w.split("-"):
                if part in _LABELS:
                    out.extend(["", part, ""])
    return out


def _proper_words(raws: list[list[str | None]]) -> set[str]:
    """Words the articles write capitalised (almost) everywhere outside sentence starts."""
    caps: Counter[str] = Counter()
    lows: Counter[str] = Counter()
    for raw in raws:
        first = True
        for w in raw:
            if w is None:
                first = True
            elif w:
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


class _Rest:
    """The counts of every other outlet: the pooled counts minus this outlet's (a view)."""

    def __init__(self, pooled: Counter[str], own: Counter[str]):
        self.pooled, self.own = pooled, own

    def get(self, w: str, default: int = 0) -> int:
        return self.pooled.get(w, 0) - self.own.get(w, 0)

    def values(self) -> list[int]:
        return [sum(self.pooled.values()) - sum(self.own.values())]


def log_odds(counts_i: Counter[str], counts_j, prior: Counter[str],
             alpha0: float) -> dict[str, float]:
    """z-scores of the weighted log-odds ratio of i against j, informative Dirichlet prior."""
    n_i = sum(counts_i.values())
    n_j = sum(counts_j.values())
    total = sum(prior.values()) or 1
    out: dict[str, float] = {}
    for w, y_i in counts_i.items():
        a_w = alpha0 * prior[w] / total
        y_j = counts_j.get(w, 0)
        rest_i, rest_j = n_i + alpha0 - y_i - a_w, n_j + alpha0 - y_j - a_w
        if rest_i <= 0 or rest_j <= 0 or y_j + a_w <= 0:
            continue  # the word is all there is: no odds to compare
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
    from chorus.analyze.timeline import with_sentences

    articles = with_sentences(articles)
    raws = {a.id: _raw_words(a) for a in articles}
    proper = _proper_words(list(raws.values()))
    units: dict[str, list[Article]] = {}
    for a in articles:
        units.setdefault(a.outlet or a.id, []).append(a)
    if len(units) < 2:
        return {"framing": []}
    counts = {k: Counter() for k in units}
    for k, arts in units.items():
        for a in arts:
            counts[k].update(_counts(_tokens(raws[a.id], proper)))
    prior: Counter[str] = Counter()
    for c in counts.values():
        prior.update(c)
    alpha0 = PRIOR_WEIGHT * float(sum(prior.values()))
    label_of = {w: g for g, ws in LABEL_GROUPS.items() for w in ws}
    # A group the event names only by words with other senses (an election "campaign", a
    # legal "dispute") is not that kind of action here: its words are no labels of it.
    for g, ws in LABEL_GROUPS.items():
        used = {w for w in ws if prior.get(w)}
        if used and used <= _OTHER_SENSES:
            for w in used:
                label_of.pop(w, None)
    out = []
    group_prior = {g: Counter({w: prior[w] for w in words if prior.get(w)})
                   for g, words in LABEL_GROUPS.items()}
    for k, arts in units.items():
        rest = _Rest(prior, counts[k])
        z = log_odds(counts[k], rest, prior, alpha0)
        # A label is scored against the other labels of its group: given that an outlet
        # names the state (or the opposition ...), which word does it choose?
        for g, words in LABEL_GROUPS.items():
            gp = group_prior[g]
            if len(gp) < 2:
                continue  # one label only: nothing was chosen
            gi = Counter({w: counts[k][w] for w in gp if counts[k].get(w)})
            if not gi:
                continue
            gj = Counter({w: c - gi.get(w, 0) for w, c in gp.items() if c - gi.get(w, 0) > 0})
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
        if len(terms) < top:  # few known labels (a new kind of story): add its distinctive words
            have = {w for w, _ in terms}
            terms += [t for t in ranked if t[0] not in have and " " not in t[0]][:top - len(terms)]
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
