"""Claims: each number an article reports, with what it counts and where it comes from.

One claim per amount (``chorus.analyze.numbers``) in a sentence: what it
counts (``unit``: "people", "rebel fighters", a share of "the area"), what
happened to them (killed, wounded, displaced, taken, held, still present ...),
the cause where one is named (shelling, air strikes), the period of a toll
("since mid-November"), the source ("according to the UN", "the Observatory
said") and the time it refers to (``as_of``). A number with no verb of its own
("it could be more than 100,000 people", "put the number at 8,000") continues
the measure of the number before it. ``chorus.analyze.figures`` groups the
claims and checks them against each other.
"""

from __future__ import annotations

import re
from typing import Any

from chorus.analyze.dates import find_dates, parse_iso
from chorus.analyze.letters import LETTER, LOWER, UPPER
from chorus.analyze.numbers import Number, find_numbers
from chorus.analyze.quotes import find_quote_spans
from chorus.analyze.speakers import QMARK, attribute, description, person_name
from chorus.model import Article

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
early late today yesterday tomorrow overnight now ago more
out off down away back too again here appears appear seems seem got get gets went go goes came come
comes took take takes made make makes per
he she we you i me him her us how why whether if
between until directly due adjacent right respectively allows allow isn't
suffer suffers suffered corresponds correspond maybe perhaps
cannot can't won't don't doesn't didn't
""".split())
# Things that are counted but are not victims, whatever verb is near: "two charges of murder for
# the deaths", "three shots killed him", "ten years for the killing".
_NOT_VICTIMS = frozenset("charge charges count counts shot shots round rounds bullet bullets time times "
                         "year years month months week weeks day days hour hours minute minutes vote votes "
                         "point points ton tons tonne tonnes mile miles kilometer kilometers kilometre "
                         "kilometres km foot feet meter meters metre metres inch inches acre acres dollar "
                         "dollars euro euros pound pounds reward rewards block blocks state states town towns "
                         "country countries wall walls car cars vehicle vehicles store stores gig gigs "
                         "special specials purchase purchases bankruptcy bombing bombings attack attacks "
                         "explosion explosions blast blasts incident incidents shooting shootings strike "
                         "strikes raid raids".split())
# "100 percent certain": how sure someone is, not a share of anything.
_CERTAINTY = frozenset("certain sure confident committed convinced behind right wrong true false "
                       "accurate correct honest clear positive".split())
_PEOPLE = frozenset("people persons civilians residents inhabitants others individuals".split())
_FIGHTERS = frozenset("fighters rebels militants insurgents combatants gunmen jihadists".split())
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|with)\b|\s+—\s+|\.\s")
_HOMES = re.compile(r"\b(?:out of|from|leave|leaving|left|flee|fled|fleeing)\s+their\s+homes\b", re.I)
# A number after a word that names a place in a series is a label, not an amount:
# "stage 4 cancer", "a Category 5 hurricane", "Chapter 11", "Flight 370", "Route 66", "No. 1".
_LABEL_BEFORE = re.compile(
    r"\b(?:stage|level|category|grade|phase|type|chapter|article|section|no\.|flight|route|highway|"
    r"interstate|game|round|season|episode|volume|vol\.|prop\.|proposition|amendment|gate|pier|terminal|"
    r"ward|district|precinct|apollo|channel|page|step|zone|exit|row|seat|room|suite|floor|tier|part|"
    r"version|model|unit|squad|platform|track|lane|gen|generation)\s+$", re.I)
# ... unless a measure follows ("the district 40 kilometres south").
_MEASURE_AFTER = re.compile(r"\s*(?:km|kilomet(?:er|re)s?|mi|miles?|met(?:er|re)s?|m|feet|ft|yards?|inches|"
                            r"kg|kilograms?|pounds?|lbs?|tons?|tonnes?|percent|per cent|%)\b", re.I)
_NUMBER_OF = re.compile(r"\bnumber of (?:the\s+)?([a-z][a-z\- ]{2,40}?)\b(?:\s+(?:in|at|on|who|"
                        r"vary|is|was|were|to)\b|[,.])", re.I)
_BEFORE_AFTER = re.compile(r"\b(?:before|after|prior to)\s+the\s+(?:\w+\s+){0,3}?(?:began|started|"
                           r"assault|offensive|war|attack|operation|siege|fighting)\b", re.I)


_CHANGE = re.compile(r"\b(?:now|rose|risen|rising|raising|dropped|fallen|fell|increased|climbed|"
                     r"grew|up from|down from|bringing|brought|reached|jumped|doubled|had put|had given|"
                     r"had said)\b", re.I)
_DISPUTE = re.compile(r"\b(?:disputes?|disputed|contests?|contested|lower figure|higher figure|"
                      r"rejects? the figure|disagrees?)\b", re.I)
# A figure in a clause of what would or will be ("the planet won't be able to feed
# nine billion people", "it would exceed 20 billion people"): a projection, not a count.
# ("could be more than 50,000 people" is an estimate, a rival count: "could", "may" and
# "might" are left out)
_MODAL_BEFORE = re.compile(r"\b(?:would|will|won['’]t|wouldn['’]t|couldn['’]t|cannot|"
                           r"can['’]t|expected to|projected to|forecast to|set to)\b[^.;:!?]{0,50}$")
_ANAPHOR = re.compile(r"\b(?:it|that|this|the number|the figure|the toll|the total|figure|estimate|"
                      r"puts?|putting)\b", re.I)
_RATE = re.compile(r"\s*(?:a|per|each|every)\s+(?:day|week|month|year|hour)\b", re.I)
_HUMANS = frozenset("""
person activist protester demonstrator rioter civilian resident child woman man student worker
journalist doctor patient villager migrant refugee prisoner detainee supporter member official
policeman officer soldier passenger tourist victim voter opponent dissident employee miner farmer
""".split())
_TERRITORY = frozenset("area territory city town district region country land bastion enclave "
                       "ground neighbourhood neighborhood province village capital east west north "
                       "south sector zone".split())
# What is taken or held in the sense of the figures (ground, places, people, seats): "took two
# towns", "held 12 hostages", "the party holds 35 seats"; not "200 coaches took protesters".
_TAKEN_THINGS = _TERRITORY | _HUMANS | frozenset(
    "people women men children gunmen militant rebel hostage captive troop fighter seat position base "
    "checkpoint hospital building kilometre kilometer mile acre hectare square km island hill".split())
_THING_SYNONYMS = {"increase": "rise", "raise": "rise", "hike": "rise", "rises": "rise"}


def _share_thing(sent: str, n: Number, unit: str | None) -> str | None:
    """What a percentage or fraction is a share of: 'of the vote', 'pay rise of 9 percent'."""
    if unit:
        return _THING_SYNONYMS.get(_singular(unit.split()[-1]), _singular(unit.split()[-1]))
    m = re.search(r"([a-z]+)\s+of\s+$", sent[:n.start])
    if m and m.group(1) not in ("all", "most", "some", "none"):
        w = _singular(m.group(1))
        return _THING_SYNONYMS.get(w, w)
    return None


def _singular(word: str) -> str:
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us")) and len(w) > 3:
        return w[:-1]
    return w


def _cause_name(word: str) -> str:
    """One name per cause: "floods", "flooded", "flooding" are the flood; "air strikes" the airstrike."""
    w = _singular(word.replace(" ", ""))
    for stem in ("flood", "crash", "shelling", "bombing"):
        if w.startswith(stem):
            return stem
    return w


def _share_group(unit: str) -> str:
    """A share's group ends at a plural followed by what the group does or is: "40% of
    Americans call Obama ..." is a share of Americans, "57% of eligible voters cast
    ballots" one of eligible voters ("10 percent sales tax revenue" stays whole)."""
    words = unit.split()
    for i, w in enumerate(words[:-1]):
        low = w.lower()
        if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s")) \
                and words[i + 1].lower() in _AFTER_GROUP:
            return " ".join(words[: i + 1])
    return unit


# What follows a surveyed group: the verbs of opinion polls and a few words that qualify it.
_AFTER_GROUP = frozenset("""
call calls say says think believe oppose support agree disagree approve disapprove favor favour back
want prefer view see expect plan pay carry devote cast live own use have are were do did would will
can could should rate report consider feel trust fear worry blame like dislike eligible nationwide
worldwide overall earlier later ago age aged polled surveyed questioned
""".split())


_DOTTED_BEFORE_UNIT = re.compile(r"^\s+(?:[A-Z]\.){2,}(?=\s)")


def _unit_after(text: str, n: Number) -> tuple[str | None, bool]:
    """What the number counts, read from the words after it; and whether it is 'of them'."""
    rest = text[n.end:n.end + 80]
    if re.match(r"\s+of\s+(?:them|whom|those|these|the\s+(?:dead|injured|wounded|victims|"
                r"missing|people|detainees|arrested|workers))\b", rest) and not n.share:
        return None, True
    if n.share or n.value is None:
        rest = re.sub(r"^\s+of\b", "", rest)
    rest = _DOTTED_BEFORE_UNIT.sub(" ", rest)  # "12,800 U.S. troops": the troops
    words = []
    for w in _WORD_OR_MARK.findall(rest)[:6]:
        low = w.lower()
        if not _LOWER_START.match(low) or low in _UNIT_STOP and not (n.share and low == "the"
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


_TOKEN = re.compile(rf"[{LETTER}][\w'’\-]*")
_WORD_OR_MARK = re.compile(rf"[{LETTER}][\w'’\-]*|[^\s{LETTER}]")
_LOWER_START = re.compile(f"[{LOWER}]")
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


def claims_of(article: Article, ref_fallback: str | None) -> list[dict[str, Any]]:
    """Every claim of one article; relative dates read against its date or ``ref_fallback``."""
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
            if n.word and n.value is not None and n.value < 10 and re.search(
                    r"\b(?:the|these|those|both|all|its|their|no|any|every)\s+$", sent[:n.start], re.I):
                continue  # "the two sides", "no one": a reference, not a count
            if n.word and n.value == 1 and re.match(r"\s+of\b", sent[n.end:]):
                continue  # "one of the worst floods": not a count
            if n.word and n.value == 1 and re.match(r"[\s-]+(?:by[\s-]+one|after[\s-]+(?:another|the other)|"
                                                     r"another)\b", sent[n.end:], re.I):
                continue  # "one by one", "one after another": not a count
            if n.word and n.value == 1 and re.match(r"\s+(?:cannot|can['’]t|can|could|must|should|would|might|"
                                                     r"may|will|wonders|feels|imagines|suspects|thinks|hopes|senses|"
                                                     r"assumes|supposes|presumes|notices|realises|realizes|guesses|"
                                                     r"doubts|has to|needs to)\b", sent[n.end:], re.I):
                continue  # "one cannot help suspecting": the pronoun
            if _LABEL_BEFORE.search(sent, max(0, n.start - 14), n.start) and not n.share and not n.qualifier \
                    and not _MEASURE_AFTER.match(sent, n.end):
                continue  # "stage 4 cancer", "Flight 370": a label
            if re.search(r"[A-Z][\w'’\-]+,\s*$", sent[:n.start]) and re.match(r"\s*[,.]", sent[n.end:]):
                continue  # "Maret Lepp, 72, said": an age
            if re.search(r"\b(?:age|aged|ages|who was|who is)\s+$", sent[:n.start], re.I) or \
                    re.match(r"\s*years?\s+old\b", sent[n.end:]):
                continue  # "at age 40", "40 years old"
            lo, hi = _clause(sent, n, nums)
            window = sent[lo:hi]
            unit, subset = _unit_after(sent, n)
            if n.share and unit and " " in unit:
                unit = _share_group(unit)
            head = re.sub(r"['’]s$", "", unit.split()[0]) if unit else ""
            if unit and not n.share and n.value != 1 and re.match(rf"[{UPPER}][{LOWER}]*[^s]$", head) \
                    and sent[n.end:].lstrip().startswith(unit.split()[0]):
                continue  # "50 Cent", "4 Ever": a name; counted things are plural
            if n.text == "911" and unit:
                continue  # "911 operator", "911 calls": the emergency number
            subset = subset or bool(re.search(r"\b(?:a further|another|of whom)\s*$", sent[:n.start]))
            subset = subset or bool(re.match(r"\s+more\b", sent[n.end:]))  # "two more died": an increment
            predicate = _predicate(sent, lo, hi, n, unit)
            if predicate in ("killed", "wounded", "arrested", "displaced") and unit \
                    and unit.split()[-1].lower() in _NOT_VICTIMS:
                predicate = None  # "two charges of murder for the deaths of ..."
            if predicate in (None, "present", "taken", "held") and _HOMES.search(window) and not n.share:
                predicate = "displaced"  # "12,000 people are still out of their homes"
            inherited = None
            if unit is None and number_of and not n.share:
                # "the number of people known to have died": the people, not "people known"
                unit = re.split(r"\s+(?=(?:[a-z]+(?:ed|ing)|known|thought|said|feared|seen)\b)",
                                number_of.group(1).strip())[0]
            ucls = _unit_class(unit, n.share)
            thing = None
            if n.share and re.search(r"\band\s+$", sent[:n.start]) and re.match(r"an?\s", n.text, re.I) \
                    and not re.match(r"\s+of\b", sent[n.end:]):
                continue  # "two and a half years": the rest of an amount, not a share
            if n.share and unit and unit.split()[0].lower() in _CERTAINTY:
                continue  # "I am 100 percent certain"
            if n.share:
                thing = _share_thing(sent, n, unit)
                if thing is None:
                    continue  # a percentage of nothing named: nothing to compare it with
                if predicate in ("taken", "held") and (thing in _TERRITORY or unit and unit[0].isupper()):
                    ucls = "share"  # ground taken or held, whatever the word for the ground
                else:
                    ucls = f"share:{thing}"
            if ucls in ("time", "times"):
                continue  # "three times a week": a frequency
            if predicate in ("taken", "held") and not n.share and unit and not unit[0].isupper() \
                    and _singular(unit.split()[-1].lower()) not in _TAKEN_THINGS:
                predicate = None  # "200 coaches took them to London", "4 million signatures were taken"
            if ucls and ucls != "share" and not ucls.startswith("share") and \
                    predicate in ("killed", "wounded", "arrested", "displaced") and ucls in _HUMANS:
                ucls = "people"
            if ucls and _RATE.match(sent[n.end:][len(unit or "") + 1:] if unit else sent[n.end:]):
                ucls += "/time"
            if subset and this_sentence:
                inherited = this_sentence[-1]
                unit = unit or inherited["unit"]
                ucls = ucls or inherited["_class"]
            if predicate is None and not subset and _ANAPHOR.search(window):
                for c in reversed(this_sentence + prev_sentence_claims):
                    if ucls in (None, c["_class"]) and n.share == c["_class"].startswith("share"):
                        inherited = c
                        break
                if inherited is not None:
                    predicate, unit = inherited["_pred"], unit or inherited["unit"]
                    ucls = ucls or inherited["_class"]
            if ucls is None and predicate in ("killed", "wounded", "displaced", "arrested") and not n.currency:
                ucls, unit = "people", unit or "people"  # (an amount of money is never people)
            if ucls == "fighters" and predicate is None:
                predicate = "count"
            if ucls is None or (n.word and (n.value or 0) < 10 and predicate is None):
                continue
            cause = None
            if predicate in ("killed", "wounded"):
                cm = _CAUSES.search(window)
                cause = _cause_name(cm.group(1)) if cm else None
                if cause == "fire" and re.search(r"\bopen(?:ed|ing|s)?\s+$", window[:cm.start()], re.I):
                    cause = "gunfire"  # "security forces opened fire": shot, not burned
                if inherited is not None and cause is None:
                    cause = inherited["_cause"]
            in_window = [d for d in dates if lo <= d.start < hi]
            scope = None
            as_of = None
            for d in sorted(in_window, key=lambda d: d.start < n.end):
                before = sent[max(lo, d.start - 6):d.start].lower()
                when = d.date if d.precision == "day" else d.date[:7 if d.precision == "month" else 4]
                if "since" in before or d.text[:6].lower() == "since ":  # (the year pattern takes "since" in)
                    as_of = f"since {when}"
                    # A period ("since mid-November", "since 2011") makes a toll of its own; a
                    # day within the event ("arrested since Friday") does not.
                    scope = ("since", d.date[:7] if d.precision != "year" else when) \
                        if d.start > n.end and (d.precision != "day" or d.approximate) else None
                else:
                    as_of = when
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
            if scope is None and ref is not None and as_of and re.fullmatch(r"\d{4}(?:-\d\d){0,2}", as_of) \
                    and int(as_of[:4]) < ref.year:
                scope = ("in", as_of[:4])  # "in 2002, about 5,000 people had to leave": another event's figure
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
                "qualifier": n.qualifier, "unit": unit if not n.share else f"share of {unit or thing}",
                "currency": n.currency,
                "source": source, "as_of": as_of, "text": sent[n.start:span_end],
                "start": s + n.start, "end": s + span_end,
                "sentence": [s, e], "subset": subset,
                "_class": ucls, "_pred": predicate, "_cause": cause, "_scope": scope,
                "_from": id(inherited) if inherited is not None else None,
                "_words": _content_words(sent),
                "_progress": bool(_PROGRESS.search(sent)), "_date": article.published,
                "_change": bool(_CHANGE.search(sent)), "_disputed": bool(_DISPUTE.search(sent)),
                "_modal": bool(_MODAL_BEFORE.search(sent, max(0, n.start - 60), n.start)),
            }
            this_sentence.append(claim)
        claims.extend(this_sentence)
        prev_sentence_claims = this_sentence
    return claims


_STOPWORDS = frozenset("""
the a an of in on at to for from by with and or but as is are was were be been has have had it its
this that these those there their they he she his her we our you your i said says say told about
more than up over some who which what when where while after before into out not no also just only
would will could should may might can than then so such according per cent percent
""".split())


def _content_words(sent: str) -> frozenset[str]:
    return frozenset(_singular(w) for w in re.findall(r"[a-z][a-z\-]+", sent.lower())
                     if w not in _STOPWORDS and len(w) > 2)
