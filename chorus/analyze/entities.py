"""Entities: people, organisations and places, found without a trained model.

Candidates are capitalised phrases (``chorus.analyze.speakers.NAME``: "Staffan
de Mistura", "Syrian Observatory for Human Rights", "Army of Islam"). A word
that the event's articles also write in lower case ("Rebels" at the start of
a sentence) is a common word, not a name. The kind is decided by evidence
pooled over every mention in the event:

* person: a title or role in front ("Foreign Minister Sergei Lavrov",
  "envoy Staffan de Mistura"), a speech verb after ("Lavrov said"), or a
  surname that later stands alone;
* organisation: an organisation word ("Observatory", "Council", "Army",
  "Front", "Agency") or an acronym ("UN", "AFP");
* place: a locative preposition in front ("in Aleppo", "from Turkey"), a
  "-based" / "-held" compound ("Britain-based"), a dateline, or a country name;
* names news copy uses bare: institutions ("Congress", "the White House") are
  organisations and US states places; party members and faith groups named by
  a plural ("Democrats") are not entities at all.

Variants merge: titles dropped, surnames join full names (Lavrov -> Sergei
Lavrov, Sergey Lavrov), "al-"/"Al " prefixes ignored (al-Assad / Al Assad),
acronyms join their expansions (UN -> United Nations), and a shorter
organisation name joins the longer one it begins ("Syrian Observatory").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from chorus.analyze.letters import LETTER, LOWER, UPPER, fold
from chorus.analyze.speakers import (
    NAME, STOP_CAPS, TITLE_WORDS, _is_demonym, is_organisation, merge_names, name_key, person_name,
)
from chorus.model import Article, Event

COUNTRIES = frozenset("""
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil
britain brunei bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros
congo croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt england eritrea estonia
eswatini ethiopia europe fiji finland france gabon gambia georgia germany ghana greece grenada
guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel
italy jamaica japan jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia
lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia
maldives mali malta mauritania mauritius mexico moldova monaco mongolia montenegro morocco
mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan
palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa
scotland senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden
switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu
uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam wales yemen zambia zimbabwe africa asia
america gaza crimea kashmir moscow washington london paris berlin beijing tokyo damascus baghdad
tehran kabul kyiv kiev ankara istanbul cairo riyadh jerusalem beirut geneva brussels rome madrid
vienna warsaw delhi islamabad nairobi lagos pretoria canberra ottawa brasilia seoul pyongyang
bangkok hanoi manila jakarta doha dubai amman tripoli tunis algiers rabat khartoum sanaa caracas
havana bogota lima santiago athens lisbon dublin stockholm oslo helsinki copenhagen prague budapest
bucharest minsk tbilisi yerevan baku aleppo mosul gaza kandahar mumbai shanghai
chicago houston phoenix philadelphia dallas seattle boston detroit miami atlanta denver baltimore
toronto montreal vancouver sydney melbourne johannesburg karachi lahore dhaka istanbul milan munich
hamburg barcelona
""".split()) | frozenset({"los angeles", "new york city", "san francisco", "san diego", "san antonio",
                          "las vegas", "new orleans", "hong kong", "rio de janeiro", "sao paulo",
                          "são paulo", "mexico city", "buenos aires", "tel aviv", "kuala lumpur"}) \
    | frozenset({"united states", "united kingdom", "saudi arabia", "south africa",
                          "new zealand", "north korea", "south korea", "sri lanka", "costa rica",
                          "el salvador", "ivory coast", "united arab emirates", "west bank",
                          "czech republic", "dominican republic", "south sudan", "east timor"})
US_STATES = frozenset("""
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
vermont virginia wisconsin wyoming
""".split()) | frozenset({"new hampshire", "new jersey", "new mexico", "new york", "north carolina",
                          "north dakota", "rhode island", "south carolina", "south dakota", "west virginia"})
# Bodies news copy names bare, with no organisation word to give them away.
INSTITUTIONS = frozenset({
    "congress", "senate", "house", "white house", "pentagon", "kremlin", "parliament", "knesset",
    "bundestag", "duma", "supreme court", "state department", "capitol", "downing street", "elysee",
    "vatican", "nato", "interpol", "cabinet", "politico", "cnn", "reuters", "fox news", "bbc", "msnbc",
})
# Members of parties and other groups named by a capitalised plural.
# Capitalised only because they open a sentence of speech: "I'm ...", "Let ...", "Oh, ..."
# (in capitals they may be acronyms: WHO).
_NOT_A_NAME = re.compile(r"^(?:I['’](?:m|d|ll|ve)|\w+n['’]t|\w+['’](?:re|ve|ll|d)|let|can|could|is|are|was|oh|ok|okay|"
                         r"don|yes|no|hey|well|now|so|why|what|how|who|please|thanks|thank|wow|yeah|sure|sorry|"
                         r"dear|hi|hello|god)$", re.I)
# Title words (TITLE_WORDS: "NATO chief ...", "Labour leader ...") that are bodies when alone.
_BODIES = frozenset("un us uk eu nato labour".split())
_GROUPS = frozenset("republicans democrats conservatives liberals tories socialists communists "
                    "greens catholics protestants muslims christians jews".split())
_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february "
                      "march april may june july august september october november december "
                      "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri "
                      "tv pm am gmt".split())
_ORG_AFTER = re.compile(r"^\s+(?:faction|group|movement|party|brigade|brigades|militia|front|"
                        r"organisation|organization|agency|network|coalition|alliance|company|"
                        r"news\s+agency)\b", re.I)
_PLACE_AFTER = re.compile(r"^\s+(?:district|neighbourhood|neighborhood|province|region|city|town|"
                          r"village|governorate|area|quarter|camp|county)\b", re.I)
_PLACE_BEFORE = re.compile(r"\b(?:district|neighbourhood|neighborhood|province|region|city|town|"
                           r"village|governorate|quarter)\s+of\s+$", re.I)
_LOCATIVE = re.compile(r"(?:\b(?:in|at|from|to|near|into|across|outside|around|inside|towards|along|"
                       r"toward|through|east|west|north|south|eastern|western|northern|"
                       r"southern|central|northeast|northwest|southeast|southwest)\s+(?:the\s+)?)$",
                       re.I)
# "according to X", "a letter from X", "married to X": "to" and "from" that point at a
# person or a body, not at a place.
_NOT_LOCATIVE = re.compile(r"\b(?:according|said|told|spoke|speaking|talked|talking|wrote|written|writing|"
                           r"married|sent|letter|letters|message|messages|email|emails|statement|"
                           r"support|help|response|word|apologi[sz]ed|replied|responded|thanks|due|close|"
                           r"next|compared|similar|related|belongs?|belonged|addressed|introduced|referred|"
                           r"listen|listened|gift|donation|donations|money|request|complaint|tip|tips)"
                           r"\s+(?:to|from)\s+(?:the\s+)?$", re.I)
# Names read as organisations whatever their context: the platforms stories are posted on
# and quoted from ("on Facebook", "told Twitter followers"), and names ending in a word
# of bodies that speakers' rules leave alone ("Coast Guard", "Malaysia Airlines").
_PLATFORMS = frozenset("facebook twitter instagram youtube snapchat tiktok reddit whatsapp linkedin "
                       "telegram pinterest tumblr google apple microsoft amazon netflix spotify uber "
                       "airbnb tesla boeing airbus verizon sprint".split())
_ORG_TAIL = frozenset("guard police airlines airline airways inc corp llc ltd co journal society navy "
                      "force wireless center centre foundation institute agency bureau program "
                      "programme system council pictures productions studios records entertainment magazine "
                      "reporter geographic media".split())
# Awards, wars, diseases and laws: named, but neither a person, a body nor a place.
_EVENT_TAIL = frozenset("awards award oscars olympics games cup championship championships festival "
                        "war prize virus fever disease syndrome act bill".split())
# Words that open a sentence before a name and are never part of one.
_LEADING_WORDS = frozenset("following including regarding concerning considering excluding barring "
                           "pending contact".split())
_PLACE_WORDS = frozenset("lane avenue market park gate quay harbour harbor port town village valley "
                         "sea ocean bay gulf lake mountain mountains river island coast "
                         "city district province region neighbourhood neighborhood street square "
                         "river valley mountains island islands airport bridge road citadel "
                         "county state beach hill hills creek canyon falls trail highway peninsula "
                         "desert forest theatre theater stadium arena circle boulevard blvd apartments shores "
                         "heights plaza mall terrace grounds".split())
_SPEECH_AFTER = re.compile(r"^(?:[’']s)?\s*(?:,[^,]{0,80},\s*)?(?:said|says|told|added|stated|"
                           r"warned|announced|acknowledged|described|suggested)\b")
_NAME_RE = re.compile(NAME)
_COMPOUND = re.compile(rf"^(?P<base>[{UPPER}][{LETTER}]+)-(?P<suffix>based|held|backed|controlled|led|"
                       r"allied|run)$")


_LOWER_WORD = re.compile(rf"\b[{LOWER}][{LOWER}'’\-]+\b")


def _common_words(articles: list[Article]) -> set[str]:
    """Words the event's articles write in lower case somewhere."""
    lows: set[str] = set()
    for a in articles:
        lows.update(_LOWER_WORD.findall(a.text))
    return lows


def _mentions(article: Article, common: set[str]):
    """(surface, cleaned name, evidence dict) for each capitalised phrase of the article."""
    text = article.text
    for s, e in article.sentences:
        for m in _NAME_RE.finditer(text, s, e):
            surface = m.group()
            start = m.start()
            toks = surface.split()
            # Sentence-initial and other common words in front are not part of a name.
            while toks and ((toks[0].lower() in STOP_CAPS and not _acronym_like(toks[0]))
                            or toks[0].lower() in _LEADING_WORDS
                            or (toks[0].lower() in common
                                                             and start == s)):
                start += len(toks[0]) + 1
                toks = toks[1:]
            # A possessive ends a name: "Syria's Aleppo" is Syria, then Aleppo.
            pieces: list[list[str]] = [[]]
            for t in toks:
                if re.search(r"[’']s$", t):
                    pieces[-1].append(re.sub(r"[’']s$", "", t))
                    pieces.append([])
                else:
                    pieces[-1].append(t)
            pos = start
            for piece in pieces:
                while piece and (piece[-1].lower() in ("of", "for") or
                                 (len(piece) > 1 and piece[-1].lower().rstrip(".") in _CALENDAR) or
                                 (piece[-1].lower() in STOP_CAPS and not _acronym_like(piece[-1]))):
                    piece = piece[:-1]
                if not piece:
                    continue
                p_start = text.find(piece[0], pos, e)
                p_end = p_start + len(" ".join(piece))
                pos = p_end
                piece = [t.title() if t.isupper() and len(t) > 4 else t for t in piece]
                before = text[max(s, p_start - 40):p_start]
                after = text[p_end:min(e, p_end + 120)]
                yield from _classify(piece, before, after, p_start == s)


def _classify(toks: list[str], before: str, after: str, initial: bool):
    ev: dict[str, int] = defaultdict(int)
    comp = _COMPOUND.match(toks[0]) if len(toks) == 1 else None
    if comp:
        if not _is_demonym(comp.group("base")):
            ev["place"] += 2
            yield comp.group("base"), comp.group("base"), dict(ev)
        return
    toks = [t for t in toks if not _COMPOUND.match(t)]
    if not toks:
        return
    phrase = " ".join(toks)
    if len(toks) == 1 and (_is_demonym(phrase.rstrip("s")) and phrase.lower() not in COUNTRIES
                           or "-" in phrase and all(_is_demonym(p) for p in phrase.split("-"))
                           or phrase.lower() in _CALENDAR):
        return
    low = phrase.lower()
    last = toks[-1].lower().rstrip(".")
    if low in _GROUPS or (len(toks) > 1 and last in _GROUPS):
        return  # "Republicans", "House Democrats": members of a party, not a person or a body
    if low in INSTITUTIONS or low in _PLATFORMS:
        ev["organisation"] += 5
        name = phrase
    elif len(toks) > 1 and last in _ORG_TAIL and not any(t.lower() in TITLE_WORDS for t in toks[1:-1]) \
            and not (last in TITLE_WORDS and toks[0].lower() in TITLE_WORDS):
        ev["organisation"] += 2  # (not "Petty Officer ...", "Council President ..."; but "Hollywood Reporter")
        name = phrase
    elif len(toks) > 1 and (last in _EVENT_TAIL or re.fullmatch(r"[IVX]+", toks[-1])):
        ev["event"] += 1  # "Academy Awards", "World War II", "West Nile Virus"
        name = phrase
    elif low in US_STATES:
        ev["place"] += 5
        name = phrase
    elif _PLACE_AFTER.match(after) or _PLACE_BEFORE.search(before):
        ev["place"] += 3
        name = phrase
    elif (is_organisation(phrase) and is_organisation(person_name(phrase)) and last not in _PLACE_WORDS) \
            or _ORG_AFTER.match(after):  # (but "Church Street" is a street)
        # (not "European Council President Herman Van Rompuy": a person after the title)
        ev["organisation"] += 2
        name = person_name(phrase)
    else:
        name = person_name(phrase)
        if name != phrase and any(t.lower().rstrip(".") in TITLE_WORDS for t in toks[:-1]):
            ev["person"] += 3
        if re.search(r"\b(?:envoy|minister|president|official|spokesman|spokeswoman|ambassador|"
                     r"chief|leader|commander|analyst|expert|secretary|director|head)\s*$",
                     before, re.I):
            ev["person"] += 3
        if _SPEECH_AFTER.match(after) and len(name.split()) >= 2 and not re.search(
                r"\b(?:of|in|at|from|to|on|near)\s+(?:the\s+)?$", before):
            ev["person"] += 2
        if name.lower() in COUNTRIES or phrase.lower() in COUNTRIES:
            name = phrase if phrase.lower() in COUNTRIES else name
            ev["place"] += 3
        if _LOCATIVE.search(before) and not _NOT_LOCATIVE.search(before):
            ev["place"] += 1
        if name.split()[-1].lower() in _PLACE_WORDS:
            ev["place"] += 2
        if len(name.split()) >= 2 and not ev:
            ev["guess"] += 1  # two capitalised words and nothing else: most often a person
    if not name or (name.lower() in STOP_CAPS and not _acronym_like(name)) or (
            name.lower() in TITLE_WORDS and name.lower() not in _BODIES):
        return  # (a title alone, "CEO" or "General", names nobody)
    if len(name.replace(".", "").replace(" ", "")) < 2 or (_NOT_A_NAME.match(name) and not _acronym_like(name)):
        return  # a lone initial ("U", "S."), a contraction or a word of speech opening a quotation
    if initial and len(toks) == 1:
        ev["initial"] += 1
    yield phrase, name, dict(ev)


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def analyze(event: Event, articles: list[Article]) -> dict[str, Any]:
    """Return ``{"entities": [{"name", "kind", "variants", "articles", "mentions"}]}``."""
    from chorus.analyze.timeline import with_sentences

    articles = with_sentences(articles)
    common = _common_words(articles)
    names: list[str] = []
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[str, set[str]] = defaultdict(set)
    stripped_from: dict[str, set[str]] = defaultdict(set)  # "Saeed" <- "Sheikh Saeed"
    where: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    outlets = {a.outlet for a in articles if a.outlet}
    outlet_names = outlets | {o.split(" ", 1)[1] for o in outlets if " " in o}
    for a in articles:
        for surface, name, ev in _mentions(a, common):
            if name in outlet_names:
                ev = {"organisation": 3}  # the name of an outlet of the event
            names.append(name)
            evidence[name].update(ev)
            surfaces[name].add(name)
            if surface != name:
                stripped_from[name].add(surface)
            where[name].add(a.id)
            counts[name] += 1
    # Person-like names merge by surname; organisations by acronym and prefix.
    personish = [n for n in names if not evidence[n]["organisation"]
                 and evidence[n]["place"] <= evidence[n]["person"]]
    canon = merge_names(personish)
    personish_set = set(personish)
    for n in sorted(set(names) - set(canon)):  # (sorted: the loops below read canon in order)
        canon[n] = n
    for n, phrases in stripped_from.items():
        # a "title" that is part of a place's name: "Sheikh Saeed" the district
        places = sorted(ph for ph in phrases if ph in evidence and evidence[ph]["place"] > evidence[ph]["person"])
        if places and canon.get(n) == n:
            canon[n] = places[0]
            evidence[n]["person"] = 0  # the "title" was part of the place's name
    full = sorted(set(canon.values()), key=lambda c: (-len(c), c))  # (ties by name: the same on every run)
    for n in list(canon):
        c = canon[n]
        key = c.replace(".", "")
        for f in full:
            if f == c or len(f) <= len(c):
                continue
            if (_acronym(f) == key and len(key) >= 2 and key.isupper()) or (
                    evidence[c]["organisation"] and re.match(re.escape(c) + r" (?:for|of) ", f)):
                canon[n] = f
                break
        else:
            if len(c.split()) == 1 and evidence[c]["organisation"]:
                # "the Observatory": the one longer organisation name that contains it
                longer = {canon.get(f, f) for f in full
                          if f != c and c in f.split() and evidence[f]["organisation"]}
                if len(longer) == 1:
                    canon[n] = longer.pop()
            elif len(c.split()) == 1 and not evidence[c]["organisation"]:
                # "Assad" alone: the one person whose surname it is
                # (owners compared by their last two words: "Innenministerin Katrin Vell",
                # its title in another language, is Katrin Vell)
                owners = {canon[f] for f in canon if len(canon[f].split()) >= 2
                          and name_key(canon[f]) == name_key(c) and f in personish_set}
                if len({" ".join(o.split()[-2:]) for o in owners}) == 1:
                    canon[n] = max(owners, key=lambda o: (counts[o], -len(o), o))
    # One name written with and without accents ("São Paulo", "Sao Paulo") is one entity,
    # under its most mentioned spelling (ties: the accented one, then the first in order).
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for n, c in canon.items():
        spelled[fold(c)][c] += counts[n]
    spelling = {c: max(sp, key=lambda x: (sp[x], not x.isascii(), x)) for sp in spelled.values() for c in sp}
    groups: dict[str, dict[str, Any]] = {}
    for n, c in canon.items():
        c = spelling[c]
        g = groups.setdefault(c, {"ev": Counter(), "variants": set(), "articles": set(), "n": 0})
        g["ev"].update(evidence[n])
        g["variants"].update(surfaces[n])
        g["articles"].update(where[n])
        g["n"] += counts[n]
    out = []
    for c, g in groups.items():
        ev = g["ev"]
        if ev["initial"] >= g["n"] and not (ev["place"] or ev["organisation"] or ev["person"] >= 2):
            continue  # only ever a capitalised first word: a common word, not a name
        toks = c.split()
        if len(toks) >= 2 and toks[-1] in g["variants"] and not ev["organisation"]:
            ev["person"] += 2  # a surname that stands alone elsewhere: "Taylor Swift" ... "Swift"
        # Two capitalised words with nothing else around them count for a person, at half weight
        # ("in Los Angeles" twice outweighs three bare mentions).
        score = {"person": ev["person"] + ev["guess"] / 2, "organisation": ev["organisation"], "place": ev["place"]}
        kind = max(("person", "organisation", "place"), key=lambda k: (score[k], k == "organisation"))
        if score[kind] == 0:
            kind = "other"
        if ev["event"] and ev["event"] >= ev[kind]:
            kind = "other"  # an award, a war, a disease, a law
        if kind == "other" and g["n"] < 2:
            continue
        if kind == "person" and len(c.split()) == 1 and not ev["person"] >= 2:
            kind = "other"
        out.append({"name": c, "kind": kind, "variants": sorted(g["variants"]),
                    "articles": sorted(g["articles"]), "mentions": g["n"], "_ev": ev})
    # A word alone that is the first name or the surname of a person of the event
    # ("Stoffel" beside Erin and Olivia Stoffel, "Andrea" beside Andrea Kuiper) is a
    # person, unless it is a country or a body ("Jordan", "Washington" stay places).
    parts = {t for e in out if e["kind"] == "person" and len(e["name"].split()) >= 2
             for t in (e["name"].split()[0], e["name"].split()[-1])}
    for e in out:
        ev = e.pop("_ev")
        if len(e["name"].split()) == 1 and e["name"] in parts and e["kind"] in ("other", "place") \
                and ev["place"] < 3 and not ev["organisation"] and not ev["event"]:
            e["kind"] = "person"
    out.sort(key=lambda x: (-len(x["articles"]), -x["mentions"], x["name"]))
    return {"entities": out}



def _acronym_like(word: str) -> bool:
    """'WHO', 'UN': an acronym, even when it spells a common word."""
    return len(word) >= 2 and word.isupper()
