"""Who says something: attribution in a sentence, and one name for every variant.

Used by the quotes (who said a quotation) and the figures (whom a number is
attributed to). No trained model: rules over capitalised phrases, speech
verbs and their position, titles and roles.

* ``attribute(frame, anchor)`` finds the speaker of the thing at ``anchor`` in
  a sentence whose quotations have been masked: "said X", "X said", "X told
  Reuters", "according to X", "X, the head of ..., said", "X of the Y group
  said", and descriptions ("a Syrian army officer") which stay descriptions.
* ``sentence_subject(frame)`` is who a sentence is about, for a later "he said".
* ``person_name(phrase)`` drops titles and roles ("Russian Foreign Minister
  Sergei Lavrov" -> "Sergei Lavrov").
* ``merge_names(names)`` maps variants (Sergei / Sergey Lavrov / Lavrov,
  al-Assad / Al Assad / Assad) to one canonical name.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass

from chorus.analyze.letters import LETTER, LOWER, UPPER

_CAP = (r"(?:(?:Gen|Col|Lt|Maj|Capt|Cpt|Sgt|Adm|Cmdr|Dr|Mr|Mrs|Ms|Prof|Gov|Sen|Rep|Rev|Fr|St|Det|Insp|Supt|Cpl|Pvt|Atty)\."
        rf"|[{UPPER}][{LETTER}'’\-]*[{LOWER}]s['’](?=\s+[{UPPER}])|[{UPPER}][{LETTER}'’\-]*[{LETTER}]"
        rf"|[{UPPER}]\.(?:[{UPPER}]\.)*|[{UPPER}])")
_PARTICLE = r"(?:al|el|ad|as|ash|de|del|della|da|di|du|van|von|der|den|bin|ibn|bint|abu|ben|le|la)"
_LOWPREF = rf"(?:(?:al|el|ad|as|ash)-[{UPPER}][{LETTER}'’\-]*)"
NAME = rf"(?:{_CAP}|{_LOWPREF})(?:\s+(?:(?:{_PARTICLE}|of|for)\s+)?(?:{_CAP}|{_LOWPREF}))*"

ROLES = frozenset("""
official officials officer officers spokesman spokeswoman spokesperson source sources commander
commanders diplomat diplomats minister resident residents witness witnesses activist activists
expert experts analyst analysts doctor doctors medic medics fighter fighters soldier soldiers envoy
ambassador negotiator negotiators member members leader leaders monitor observer observers worker
workers aide aides adviser advisers advisor representative correspondent journalist journalists
lawmaker lawmakers mediator man woman chief head director president secretary group organisation
organization agency ministry statement report police militant militants rebel rebels spokesmen
governor mayor general colonel researcher professor student students migrant migrants
assistant participant participants servant lawyer lawyers farmer farmers teacher teachers
driver drivers owner owners shopkeeper shopkeepers trader traders manager managers reporter
reporters photographer volunteer volunteers rescuer rescuers firefighter firefighters protester
protesters demonstrator demonstrators supporter supporters voter voters passenger passengers
survivor survivors villager villagers prisoner prisoners speaker investigator investigators
prosecutor prosecutors inspector inspectors senator editor campaigner campaigners organiser
organizer dealer seller buyer miner miners docker dockers labourer employer employee employees
nurse nurses surgeon paramedic pilot guard guards policeman policemen executive executives
economist economists scientist scientists engineer engineers mother father son daughter wife
husband neighbour neighbor customer customers filing lawsuit complaint
""".split())
# What else speaks in news copy, besides the roles above: documents and outlets
# ("the lawsuit says", "the magazine reported"), bodies, and people by relation.
SOURCE_NOUNS = ROLES | frozenset("""
statements reports lawsuit suit complaint filing filings email emails letter letters memo memorandum
document documents post tweet tweets message note notice release study survey poll paper papers
indictment affidavit ruling order verdict judge judges jury court couple family families parents
company companies firm board council committee campaign team union party government administration
department office service authorities authority network newspaper magazine website site broadcaster
channel outlet station plaintiffs plaintiff defendants defendant authors author researchers fans fan
people girl boy child children kids friend friends relative relatives brother sister uncle aunt
cousin grandmother grandfather victim victims suspect suspects actor actress singer star player
players coach user users citizen citizens nominee candidate candidates insider insiders acquaintance
partner partners veterinarian pastor priest detective detectives matron officials agent agents
attorney attorneys counsel panel commission regulator regulators watchdog bank group groups
association federation ministry army military navy embassy consulate hospital school university
club league federation organizers organisers producers producer director directors clerk sheriff
trooper troopers deputy deputies dispatcher coroner examiner spokespeople representatives
juror jurors patient patients presenter presenters host hosts colleague colleagues presidency
publicist publicists stagehand staff staffer staffers crew charity charities ngo foundation institute
observatory centre center fund trust society coalition alliance movement agencies newspapers outlets
""".split())
TITLE_WORDS = frozenset("""
president minister foreign prime deputy secretary general gen lt col colonel major maj capt
captain sgt ambassador envoy chief spokesman spokeswoman senator sen rep representative governor
mayor king queen prince sheikh sultan emir chancellor commander lieutenant mr mrs ms dr prof
professor judge justice pope cardinal bishop imam rabbi director head chairman chairwoman
vice acting former interior defence defense state un us uk eu nato aid special rebel official
president-elect leader senior junior democrat republican democratic conservative labour liberal
socialist independent chair chairperson commissioner superintendent inspector sheriff coach ceo cfo founder owner attorney counsel
gov congressman congresswoman councilman councilwoman assemblyman assemblywoman executive officer petty
trooper detective det sergeant agent whip majority minority mp mep mpp mla msp speaker manager adviser
advisor aide pollster host anchor alderman alderwoman selectman premier producer
analyst defender prosecutor airman seaman adm admiral corporal cpl pvt spokesperson lawyer editor
correspondent reporter columnist economist strategist researcher scientist activist
""".split())
STOP_CAPS = frozenset("""
but and or the a an in on at of for to with by from as if when while after before however
meanwhile still yet so then there this that these those it its he she they we i you his her their
our my your what which who where why how some many most more all both each every no not one two
three also only just even according responding reiterating speaking backed buoyed despite
although though because since until during over under between among around about against across
nobody everybody everyone someone anyone nothing everything today yesterday tomorrow tonight
is was are were here monday tuesday wednesday thursday friday saturday sunday
""".split())
SPEECH = (r"said|says|told|tells|added|adds|stated|declared|warned|insisted|acknowledged|asked|"
          r"replied|explained|wrote|tweeted|noted|conceded|argued|announced|claimed|suggested|"
          r"described|called|urged|stressed|maintained|commented|remarked|confirmed|"
          r"denied|reported|estimated|estimates|estimate|put|puts|putting|saying|adding|telling|"
          r"insisting|noting|describing|calling|promised|pledged|vowed|accused|blamed|"
          r"condemned|threatened|praised|dismissed|labelled|labeled|branded|accusing|blaming|"
          r"promising|gave|gives|say|recalled|recalls|quoted|"
          r"responded|answered|joked|quipped|admitted|testified|cautioned|complained|countered|"
          r"writes|acknowledges|concludes|concluded|argues|explains|warns|insists|admits|suggests|reads|"
          r"[Aa]ccording\s+to")
QMARK = "\u00abQ\u00bb"  # stands for a masked quotation in a sentence frame
_VERB_RE = re.compile(rf"\b(?:{SPEECH})\b(?!\s+to\s+(?:the|a|an|its|their|his|her)\b)")
_INVERTIBLE = frozenset("said says added adds asked wrote explained noted warned "
                        "insisted replied argued writes reads explains argues concluded".split())
_PARTICIPLES = frozenset("saying adding telling insisting noting describing calling accusing blaming "
                         "promising "
                         "putting".split())
_ADVERBS = re.compile(r"(?:\s+(?:also|later|earlier|then|previously|has|have|had|was|is|were|"
                      r"would|will|reportedly|further|separately|once|again|recently|had\s+earlier|"
                      r"in\s+a\s+statement))+\s*$")
_DAY_ADVERB = re.compile(r"\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                         r"(?:\s+(?:morning|afternoon|evening|night))?\s*$")
_ROLE_ALT = "|".join(sorted(ROLES, key=len, reverse=True))
DESC = (r"\b(?:(?i:a|an|the|one|another|two|three|several|some)\s+)"
        r"(?!of\b)(?:[" + LETTER + r"][\w'’\-]*\s+){0,8}?(?:" + _ROLE_ALT +
        r"|(?-i:[a-z]+(?:man|woman|men|women|person|people|ist|ists|eer|eers)))\b"
        r"(?:\s+(?:" + _ROLE_ALT + r")\b)*")
_PRON = r"\b(?:he|she|they|He|She|They)\b"
# (not "on which X wrote": a relative clause has its own subject)
_PP = r"(?:,?\s+(?:of|from|at|with|for|in|on|inside)\s+(?!(?:which|whom|whose)\b)[^,;]{0,70})?"
_END_NP = re.compile(rf"(?:(?P<name>{NAME})|(?P<desc>{DESC})|(?P<pron>{_PRON})|"
                     rf"(?P<np>\b(?i:the|a|an|one|another)\s+(?:[a-z][\w'’\-]*\s+){{0,3}}[a-z][\w\-]*))"
                     rf"{_PP}\s*,?\s*$")
# Capitalised words, a role in lower case, then the name: "Union chief Philippe Martinez".
_CAP_ROLE_NAME = re.compile(rf"^(?:[{UPPER}][\w'’\-]*\s+){{1,3}}(?:{_ROLE_ALT})\s+(?P<name>{NAME})")
_START_NP = re.compile(rf"^\s*,?\s*(?:(?P<desc>{DESC})|(?:the\s+)?(?P<name>{NAME})|(?P<pron>{_PRON}))")
# A verb in the past or present right after a clause's subject ("cited", "urges", "has").
_FINITE_AFTER = re.compile(r"\s+(?:[a-z]+(?:ed|s)|has|had|was|is|said|told|made|gave|took|went|came|met|"
                           r"spoke|wrote|held|left|kept|sent|saw|called|warned)\b")
_HEAD_APPOSITIVE = re.compile(rf"^\s*[^,]{{1,80}},\s+(?P<name>{NAME}),")
_NAME_RE = re.compile(NAME)
_ROLE_THEN_NAME = re.compile(rf"^\s*,?\s*(?P<roles>(?:[a-z][\w'’\-]*\s+){{1,3}})(?P<name>{NAME})")
_NAME_AFTER_ROLE = re.compile(
    rf"^\s*,?\s*(?:the\s+)?{NAME}(?:['’]s)?\s+(?:[a-z][\w\-]*\s+){{0,2}}(?:"
    + "|".join(sorted(ROLES, key=len, reverse=True)) + rf")\s+(?P<name>{NAME})")
_AGENT_PLURAL = re.compile(r"(?:ers|ors|ists|ians|ants|ents|men|people|officials|sources)$")
_DESC_RE = re.compile(DESC, re.I)
_ORG_WORDS = frozenset("""
observatory council nations army front group ministry agency party movement committee union
institute rights brigade brigades forces guards organisation organization office fund bank court
tv television radio news press reuters afp ap dpa children commission authority association
coalition alliance government administration company corporation university hospital department
league federation red cross crescent network times post service faction school college chamber
research agence presse
church museum library club council watch daily weekly herald gazette courier ledger tribune
""".split())


@dataclass(slots=True)
class Speaker:
    """A speaker as found: the words in the text and what kind of phrase it is."""

    text: str
    kind: str  # name | description | pronoun

    @property
    def display(self) -> str:
        if self.kind == "name":  # ("" when nothing of a name is left: "By Friday")
            return person_name(self.text) if _clean_name(self.text) else ""
        if self.kind == "description":
            return description(self.text)
        return self.text


_SPEECH_OPENERS = frozenset("adds added says said writes wrote continues continued explains explained "
                            "recalls recalled tells told asks asked".split())


@functools.lru_cache(maxsize=65536)
def _clean_name(s: str) -> str:
    s = re.sub(r"[’']s$", "", s.strip())
    toks = s.split()
    while toks and (toks[0].lower() in STOP_CAPS or toks[0].lower() in _SPEECH_OPENERS
                    or len(toks) > 1 and len(toks[0]) >= 4 and toks[0].isupper() and toks[0].isalpha()
                    and toks[1].lower() in STOP_CAPS):
        # "Added Lesh", "Adds Weir": the verb of an inverted attribution; "WASHINGTON The
        # Senate": a dateline run into the sentence
        toks.pop(0)
    return " ".join(toks)


@functools.lru_cache(maxsize=65536)
def is_organisation(name: str) -> bool:
    toks = re.findall(f"[{LETTER}]+", name)
    return any(t.lower() in _ORG_WORDS for t in toks) or (len(toks) == 1 and toks[0].isupper())


@functools.lru_cache(maxsize=65536)
def person_name(phrase: str) -> str:
    """Drop titles, roles, nationalities and '-based' words before a name."""
    toks = _clean_name(phrase).split()
    if is_organisation(" ".join(toks)):
        # "European Council President Herman Van Rompuy": a person after a title
        titles = [i for i, t in enumerate(toks[:-2]) if re.sub(r"[’']s$", "", t.lower().rstrip(".")) in TITLE_WORDS]
        tail = " ".join(toks[titles[-1] + 1:]) if titles else ""
        if tail and tail[0].isupper() and not is_organisation(tail):
            return tail
        return " ".join(t for t in toks if not t.lower().endswith("-based"))
    for joint in ("of", "for"):  # "Friday of Mira Solvane": a person is never "X of Y"
        if joint in toks[:-1]:
            head = toks[:toks.index(joint)]
            titled = [i for i, t in enumerate(head) if re.sub(r"[’']s$", "", t.lower().rstrip(".")) in TITLE_WORDS]
            name = head[titled[-1] + 1:] if titled else head
            if len(name) >= 2 and not any(t.lower() in STOP_CAPS for t in name):
                # "Melodye Shore of Laguna Niguel", "Majority Whip John Cornyn of Texas": the
                # person, then where they are from
                toks = head
            else:
                toks = toks[len(toks) - toks[::-1].index(joint):]
    last_title = -1
    for i, t in enumerate(toks[:-1]):
        low = re.sub(r"[’']s$", "", t.lower().rstrip("."))
        if low in TITLE_WORDS or low.endswith("-based") or _is_demonym(t):
            last_title = i
    return " ".join(toks[last_title + 1:]) if toks else phrase


def _is_demonym(tok: str) -> bool:
    t = tok.lower()
    return t.endswith(("ian", "ean", "ese", "ish")) and len(t) > 4 or t in (
        "us", "u.s.", "uk", "un", "u.n.", "eu", "american", "russian", "syrian", "iraqi", "israeli",
        "iranian", "turkish", "french", "german", "british", "chinese", "saudi", "kurdish", "afghan")


def description(phrase: str) -> str:
    """A described speaker without its determiner: 'a Syrian army officer' -> 'Syrian army officer'."""
    toks = phrase.split()
    if toks and toks[0].lower() in ("a", "an", "the", "one", "another", "some"):
        toks = toks[1:]
    return " ".join(toks)


def _np(match: re.Match[str] | None) -> Speaker | None:
    if not match:
        return None
    if match.group("name"):
        if match.group("name").lower() in ("he", "she", "they"):
            return Speaker(match.group("name"), "pronoun")
        name = _clean_name(match.group("name"))
        if not name or name.lower() in STOP_CAPS:
            return None
        whole = match.group().strip().rstrip(",").strip()
        if " " not in name and _AGENT_PLURAL.search(name) and whole != name:
            # "Engineers from the city's water agency": a description, not a name
            return Speaker(whole, "description")
        return Speaker(name, "name")
    if match.group("desc") or match.groupdict().get("np"):
        d = match.group("desc") or match.group("np")
        if not match.group("desc") and any(w.lower() in _NOT_NOUNS for w in d.split()[1:]):
            return None  # "the jury should not be": a clause, not a speaker
        if not match.group("desc") and d.split()[-1].lower() not in SOURCE_NOUNS:
            return None  # "the anthem played", "the president proudly": not who is speaking
        inner = [n for n in _NAME_RE.findall(d) if len(n.split()) >= 2]
        if inner:
            name = max(inner, key=len)
            rest = d[d.rfind(name) + len(name):].split()
            # A name that the phrase goes on to describe ("the Sella Valley regional
            # emergency agency", "the White House press secretary") is not the speaker;
            # the whole phrase is. A name at the end is ("agency head Tomas Reiter").
            # (A document the name issued, "the Vulcan statement", leaves the name its author.)
            if not (rest and all(w[:1].islower() and w.lower() not in _NOT_NOUNS for w in rest)
                    and rest[-1].lower() in ROLES and rest[-1].lower() not in _DOC_HEADS):
                return Speaker(_clean_name(name), "name")
        return Speaker(d, "description")
    return Speaker(match.group("pron"), "pronoun")


_SUBJECT_REACH = 160  # characters before a verb searched for its subject
_NOT_NOUNS = frozenset("""
be been being is are was were am not no should would will can could may might must shall have
has had do does did that which who whom whose it they he she we you i also only just very
""".split())


def _strip_appositive(prefix: str) -> str:
    """'X, the head of the Y group,' -> 'X' (one trailing comma-bounded phrase)."""
    p = prefix.rstrip()
    if not p.endswith(","):
        return p
    inner = p[:-1]
    cut = inner.rfind(",")
    if cut > 0:
        return inner[:cut]
    return inner


_RELATIVE_CLAUSE = re.compile(r"\s*(?:who|whose|which)\b")
_POSSESSIVE_ROLE = re.compile(rf"(?:^|\s)(?P<owner>[{UPPER}][\w.-]*(?:\s+[{UPPER}][\w.-]*){{0,2}})['’]s\s+"
                              r"(?P<role>[a-z]+)$")


def _subject_before(prefix: str) -> Speaker | None:
    """The phrase that ends right before a verb: its subject.

    "X, the head of ...," -> X; but "The regime's spokesman, Col. Y Z," -> Y Z
    (a name in the appositive beats a description before it).
    """
    prefix = _ADVERBS.sub("", _DAY_ADVERB.sub("", _ADVERBS.sub("", prefix)))
    prefix = re.sub(r",\s*\d{1,3}\s*,", ",", prefix)  # "Emil Pihl, 34, a docker," -> ages out
    relative = None
    if prefix.rstrip().endswith(","):
        stripped = _strip_appositive(prefix)
        cands = [stripped, _strip_appositive(stripped + ","), prefix]
        if _RELATIVE_CLAUSE.match(prefix.rstrip()[len(stripped) + 1:]):
            # "Price's mother, who could be a key witness, said": the clause describes the
            # subject; its last words ("a key witness") are not it
            relative = stripped
            cands = cands[:2]
    else:
        cands = [prefix]
    if relative is not None:
        owned = _POSSESSIVE_ROLE.search(relative.rstrip())
        if owned and owned.group("role").lower() in ROLES:
            return Speaker(f"{_clean_name(owned.group('owner'))}'s {owned.group('role')}", "description")
    found = []
    for cand in cands:
        cand = cand.rstrip()[-_SUBJECT_REACH:]
        if not cand or cand.endswith(QMARK) or re.search(r"\b(?:and|but)$", cand):
            continue
        sp = _np(_END_NP.search(cand))
        if sp:
            found.append(sp)
    if not found:
        # A plural source without a determiner: "Michigan health officials said ..."
        bare = _BARE_PLURAL.search(cands[0].rstrip()[-_SUBJECT_REACH:]) if cands else None
        return Speaker(bare.group("np"), "description") if bare else None
    if found[0].kind == "description":
        for sp in found[1:]:
            if sp.kind == "name" and len(sp.text.split()) >= 2 and not is_organisation(sp.text):
                return sp
    return found[0]


def _organisation(sp: Speaker) -> bool:
    """A body rather than a person: "the Council", not "European Council President Herman Van Rompuy"."""
    return is_organisation(sp.text) and is_organisation(sp.display)


# Documents that speak for whoever issued them: "the statement said", "a report by the UN".
_DOCS = r"(?:statement|press release|release|letter|email|memo|post|tweet|report|filing|complaint|brief|lawsuit)"
_DOC_HEADS = frozenset(w + s for w in "statement release letter email memo post tweet report filing complaint "
                       "brief lawsuit".split() for s in ("", "s"))
_ISSUED_IN = re.compile(rf"\b(?:said|says|announced|added|wrote|confirmed|stated)\s+(?:in|on)\s+"
                        rf"(?:a|an|its|their|his|her|the)\s+(?:[\w-]+\s+)?{_DOCS}\b"
                        rf"|\b(?:issued|released|put out|posted|sent)\s+(?:a|an)\s+(?:[\w-]+\s+)?{_DOCS}\b")
_PROPER_PHRASE = re.compile(rf"(?:the\s+)?(?P<who>[{UPPER}][\w.'’&-]*(?:\s+(?:[{UPPER}0-9][\w.'’&-]*|of|for|and|on)){{0,6}})")
_DOC_FROM = re.compile(rf"\b{_DOCS}\s+(?:from|by|issued by|released by|on behalf of)\s+")


def document_issuer(text: str) -> Speaker | None:
    """Who issued the last statement (release, letter ...) ``text`` tells of: "the ministry
    said in a statement", "the firm issued a statement", "a statement from US 7th Fleet";
    None when that is a pronoun or nobody."""
    best: tuple[int, Speaker] | None = None
    for m in _DOC_FROM.finditer(text):
        proper = _PROPER_PHRASE.match(text, m.end())
        if proper:  # "US 7th Fleet", "the Russian Foreign Ministry": the whole name
            words = []
            for w in proper.group("who").split():
                if w.endswith(".") and w.count(".") == 1 and len(w) > 2:
                    words.append(w[:-1])  # the sentence ends here ("... from US 7th Fleet. The ...")
                    break
                words.append(w)
            while words and words[-1] in ("of", "for", "and", "on"):
                words.pop()
            sp = Speaker(" ".join(words), "name")
        else:
            sp = _np(_START_NP.search(text[m.end():]))
        if sp is not None and sp.kind != "pronoun":
            best = (m.start(), sp)
    for m in _ISSUED_IN.finditer(text):
        if best is not None and best[0] > m.start():
            continue
        start = max(text.rfind(". ", 0, m.start()) + 2, 0)
        sp = _subject_before(text[start:m.start()])
        if sp is not None and sp.kind != "pronoun":
            best = (m.start(), sp)
    return best[1] if best else None


def sentence_subject(frame: str) -> Speaker | None:
    """Who a sentence is about: the subject of its first speech verb, else the
    person or description that opens it (quotations masked)."""
    # (not an -ing form after a preposition: "... ridiculed the government for blaming outsiders")
    m = next((v for v in _VERB_RE.finditer(frame)
              if not (v.group().endswith("ing") and _PREP_BEFORE.search(frame, 0, v.start()))), None)
    if m and not m.group().lower().startswith("according"):
        before = frame[: m.start()].lstrip()
        opener = _PARTICIPLE_INTRO.match(before)
        sp = _subject_before(before[opener.end():] if opener else before)
        if sp is not None and sp.kind == "pronoun":
            return None
        if sp is not None and sp.kind in ("name", "description") and not _organisation(sp):
            return sp
    head = frame.lstrip()
    intro = _INTRO.match(head) or _PARTICIPLE_INTRO.match(head)
    if intro:  # "In a series of tweets overnight, Mike Pompeo ridiculed ...": after the opener
        head = head[intro.end():]
    app = _HEAD_APPOSITIVE.match(head)
    if app:  # "The head of the agency, Tomas Reiter, defended ..."
        name = _clean_name(app.group("name"))
        # one word will do after a possessive: "Prodigy's longtime partner, Havoc, posted ..."
        possessive = re.search(r"\w['’]s\s", head[: app.start("name")])
        if (len(name.split()) >= 2 or possessive and name[:1].isupper()) and not is_organisation(name):
            return Speaker(name, "name")
    if head.startswith(QMARK):
        return None
    start = _START_NP.search(head)
    if start and start.group("name") and (start.group("name")[-2:] in ("'s", "’s")
                                          or head[start.end():start.end() + 2] in ("'s", "’s")):
        # "Holder's first speech ...": the subject is the speech, not Holder; but
        # "Bundy's response: ..." is Bundy's, and "Heyer's mother" a person.
        owner = _clean_name(start.group("name"))
        after = _POSSESSED.match(head, start.end() + (0 if start.group("name")[-2:] in ("'s", "’s") else 2))
        words = after.group(1).split() if after and owner else []
        for k, w in enumerate(words):
            if w.lower() in _OWN_WORDS:
                return Speaker(owner, "name")
            if w.lower() in ROLES:
                return Speaker(f"{owner}'s {' '.join(words[:k + 1])}", "description")
        return None
    titled = _CAP_ROLE_NAME.match(head)
    if titled and not is_organisation(titled.group("name")):  # "Union chief Philippe Martinez cheered ..."
        return Speaker(_clean_name(titled.group("name")), "name")
    if start and start.group("name") and head[start.end():].split(None, 1)[:1] and \
            head[start.end():].split(None, 1)[0].lower().strip(",.") in _ORG_WORDS:
        start = None  # "the Communist-backed CGT union marched ...": a body, not a person
    if start:
        sp = _np(start)
        if sp is not None and sp.kind in ("name", "description") and not _organisation(sp):
            return sp
    # "The ability of the services ... was a source of pride, and Rivlin referred to
    # the trial as ...": a person who opens a later clause.
    for clause in reversed(_CLAUSE.split(head)[1:]):
        m = _CLAUSE_NAME.match(clause)
        if m and not is_organisation(m.group("name")):
            return Speaker(_clean_name(m.group("name")), "name")
    return None


_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")
# Someone else's words reported by the subject: "she recalls him saying", "he remembered her telling".
_HEARD = re.compile(r"\b(?:recalls?|recalled|recalling|remembers?|remembered|remembering|heard|hears|quotes?|quoted|"
                    r"quoting)\s+(?P<obj>him|her)\s+(?:as\s+)?(?:saying|say|telling|tell|said)\b")
# After a possessive at the start of a sentence: up to two modifiers, then the head noun.
_POSSESSED = re.compile(r"\s*((?:[a-z][\w\-]*\s*){1,3})")
_OWN_WORDS = frozenset("response reply answer statement reaction retort message comment comments words "
                       "tweet post explanation verdict view take".split())
_BARE_PLURAL = re.compile(
    rf"(?:^|[,;:]\s+|\.\s+|{QMARK}\s*)(?P<np>(?:[{UPPER}][\w'’\-]*\s+){{0,2}}(?:[a-z][\w\-]*\s+){{0,2}}"
    r"(?:officials|authorities|experts|investigators|researchers|police|prosecutors|doctors|witnesses|"
    r"residents|analysts|scientists|lawmakers|officers|spokespeople|organisers|organizers|activists))\s*$")
_PREP_BEFORE = re.compile(r"\b(?:for|by|after|before|without|while|of|from|in|on|when|since)\s+$", re.I)
# An opening adverbial before the subject: "On Friday, ...", "In a statement late on Monday, ...".
_INTRO = re.compile(r"(?:In|On|At|After|Before|During|By|Until|Within|Throughout|Later|Earlier|Meanwhile|"
                    r"Separately|Since|Following|"
                    r"Instead|However|Indeed|Still|Now|Then|Also|Yet|Moreover|Besides|Nonetheless|Nevertheless|"
                    r"Despite|Asked|Speaking|Writing|Responding|Last|Yesterday|Today|Hours|Days|Moments)"
                    r"\b[^,\"“”]{0,80},\s+(?=[A-Z]|(?:the|a|an)\s)")
# An opening participle phrase: "Appearing on «Q», Newport was asked ...", "Campaigning in Iowa,
# Walker said ...": the subject comes after it (a quoted show's name may hold the comma).
_PARTICIPLE_INTRO = re.compile(rf"(?!(?:According|Including|Regarding|Concerning|Considering|Following|Excluding|"
                               rf"Barring|Pending|Notwithstanding|During)\b)[{UPPER}][{LOWER}]{{2,}}ing\s+"
                               r"(?:on|in|at|with|before|after|during|for|from|"
                               r"to|outside|inside|near|across|through|alongside)\b[^,\"“”]{0,80}?"
                               rf"(?:,|{re.escape(QMARK)}),?\s+(?=[{UPPER}]|(?:the|a|an)\s)")
# A name and then a verb in lower case: "Rivlin referred ...", not "McCullum's first appearance".
_CLAUSE_NAME = re.compile(r"(?!(?:The|A|An|This|That|These|Those|It|He|She|They|We|I|There|Here)\b)"
                          rf"(?P<name>[{UPPER}][{LOWER}][\w.-]*(?:\s+[{UPPER}][\w.-]*){{0,3}})\s+"
                          r"(?:[a-z]+ed|[a-z]+s|was|is|has|had|will|would|could|did|told|said|made|took|gave|"
                          r"went|came|spoke|wrote|left|met)\b")


def first_person(frame: str) -> Speaker | None:
    """The first person-like phrase of a clause (a person's name or a description)."""
    for m in _NAME_RE.finditer(frame):
        name = _clean_name(m.group())
        if name and len(name.split()) >= 2 and not is_organisation(name):
            return Speaker(name, "name")
    m = _DESC_RE.search(frame)
    return Speaker(m.group(), "description") if m else None


def attribute(frame: str, anchor: int) -> Speaker | None:
    """The speaker of what sits at ``anchor`` in ``frame`` (quotations masked as QMARK)."""
    opener = _PARTICIPLE_INTRO.match(frame)
    if opener and anchor >= opener.end():
        # "Appearing on «Q», Durbin said ...": the opening phrase names nobody; blank it out
        # (same length, so ``anchor`` still points where it did)
        frame = " " * opener.end() + frame[opener.end():]
    verbs = list(_VERB_RE.finditer(frame))
    colon = re.search(r":\s*$", frame[:anchor])
    if colon and not any(v.end() <= colon.start() and colon.start() - v.end() < 3 for v in verbs):
        # "X recalled the conversation: ...": the sentence's subject speaks
        sp = sentence_subject(frame[: colon.start()] + ".")
        if sp is not None:
            return sp
    if not verbs:
        return None
    heard = _HEARD.search(frame, anchor)
    if heard and heard.start() - anchor < 40:  # '"...," she recalls him saying': he speaks, not she
        return Speaker(heard.group("obj"), "pronoun")
    verbs.sort(key=lambda v: min(abs(v.start() - anchor), abs(v.end() - anchor)))
    for v in verbs[:3]:
        word = v.group()
        before, after = frame[: v.start()], frame[v.end():]
        if word.lower().startswith("according"):
            sp = _np(_START_NP.search(after))
            if sp:
                return sp
            continue
        if word in _INVERTIBLE and not re.search(QMARK + r"[\s,.!?:]*$", before) and before.rstrip().endswith(","):
            # '"...," both Democratic and Republican, says David Graham': the name after
            # the verb speaks, not the last capital before it
            named = _START_NP.search(after)
            sp = _np(named) if named and named.group("name") else None
            if sp is not None and sp.kind == "name" and len(sp.display.split()) >= 2:
                return sp
        if word in _INVERTIBLE and re.search(QMARK + r"[\s,.!?:]*$", before):
            sp = _np(_START_NP.search(after))
            later = _NAME_AFTER_ROLE.match(after)
            if sp is not None and sp.kind == "name" and later:
                sp = Speaker(_clean_name(later.group("name")), "name")  # "said Target spokesman J. T."
            if sp is None:  # "said union leader Paolo Rinaldi": roles in lower case first
                m = _ROLE_THEN_NAME.match(after)
                roles = m.group("roles").split() if m else []
                if roles and roles[0].lower() in ("a", "an", "the"):
                    roles = roles[1:]  # "said a devastated Salah Ali"
                if m and not any(w.lower() in STOP_CAPS for w in roles):
                    sp = Speaker(_clean_name(m.group("name")), "name")
            if sp and sp.kind != "pronoun" or (sp and re.match(r"\s*,?\s*(?:he|she)\b", after)):
                return sp
        if word == "say":  # "went on to say", "declined to say": the subject of the verb before
            before = re.sub(r"\s+\w+(?:\s+on)?\s+to\s*$", " ", before)
        if word in _PARTICIPLES and before.rstrip().endswith(","):
            # "X told Y on Friday, adding, ...": the subject of the finite verb before;
            # "X has made a video, insisting ...": the person the clause is about.
            # Without the comma ("with the Observatory putting the figure at") the
            # phrase right before the participle is its subject.
            main = [m for m in _VERB_RE.finditer(before) if m.group() not in _PARTICIPLES]
            if main:
                sp = _subject_before(before[: main[0].start()])
                if sp:
                    return sp
            sp = first_person(before)
            if sp:
                return sp
        sp = _subject_before(before)
        if sp:
            return sp
        if re.search(r"\band$", before.rstrip()) and "," not in before and ";" not in before:
            # "She cited the violence in Homs and Hama and asked: ...": the verbs share
            # the subject the clause opens with, when that is a name or a pronoun
            # followed by a verb of its own.
            m = _START_NP.search(before)
            if m and (m.group("name") or m.group("pron")) and _FINITE_AFTER.match(before, m.end()):
                sp = _np(m)
                if sp:
                    return sp
        if word in _PARTICIPLES or re.search(r"(?:\band|,)$", before.rstrip()):
            sp = first_person(before)
            if sp:
                return sp
    return None


_GENERATION = re.compile(r"^(?:jr|sr|ii|iii|iv)\.?$", re.I)


def _generation(name: str) -> str | None:
    """'Jr', 'Sr', 'II' ... closing a name, normalised; None when there is none."""
    toks = name.split()
    return toks[-1].lower().rstrip(".") if len(toks) > 1 and _GENERATION.match(toks[-1]) else None


def _core(name: str) -> str:
    """The name without its generation: 'DeOrr Kunz Sr.' -> 'DeOrr Kunz'."""
    return " ".join(name.split()[:-1]) if _generation(name) else name


def _generations_agree(group: list[str], name: str) -> bool:
    """A name with no generation fits any group; one with a generation, a group with
    none or with the same one (so Sr. and Jr. never meet)."""
    gen = _generation(name)
    gens = {_generation(m) for m in group} - {None}
    return gen is None or not gens or gens == {gen}


def name_key(name: str) -> str:
    """The surname a person's name variants share: 'Bashar Al Assad' -> 'assad',
    'DeOrr Kunz Sr.' -> 'kunz'."""
    toks = _core(name).replace("’", "'").split()
    if not toks:
        return ""
    last = toks[-1].lower()
    last = re.sub(r"^(?:al|el|ad|as|ash)-", "", last)
    return last


def _surnames_close(a: str, b: str) -> bool:
    """Same surname, or a spelling variant of it (Lindqvist / Lindkvist, Branik / Brannik)."""
    if a == b:
        return True
    return bool(a and b) and a[0] == b[0] and min(len(a), len(b)) >= 4 and \
        difflib.SequenceMatcher(a=a, b=b).ratio() >= 0.8


_PARTICLE_RE = re.compile(_PARTICLE)


def _first_names_compatible(a: str, b: str) -> bool:
    ta, tb = a.split(), b.split()
    if len(ta) < 2 or len(tb) < 2:
        return True
    short_t, long_t = sorted((ta, tb), key=len)
    if len(short_t) < len(long_t) and long_t[-len(short_t):] == short_t:
        return True  # "Jing Xu" in "Alison Jing Xu": the name without the given name before it
    fa, fb = ta[0].lower(), tb[0].lower()
    if _PARTICLE_RE.fullmatch(fa) or _PARTICLE_RE.fullmatch(fb):
        return True  # "Van Rompuy", "de Mistura": a surname with its particle, no first name
    if fa == fb:
        return True
    if fa[0] != fb[0]:
        return False
    short, long_ = sorted((fa.rstrip("."), fb.rstrip(".")), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return True  # a short form: Chris / Christopher, Alex / Alexander
    # Transliteration variants (Sergei/Sergey, Aleksandr/Alexander): same initial, close spelling.
    return difflib.SequenceMatcher(a=fa, b=fb).ratio() >= 0.7


def _stray_prefix(name: str, shorter: str) -> bool:
    """Does ``name`` put something that is no given name before ``shorter``: several words,
    a word in capitals, a hyphenated word, a title, or a trade ("Guitarist", "Mountaineer")?"""
    if name == shorter or not name.endswith(" " + shorter):
        return False
    extra = name[: -len(shorter) - 1].split()
    if len(extra) >= 2:
        return True
    w = extra[0]
    low = w.lower().rstrip(".")
    return ("-" in w or (w.isupper() and len(w) > 1) or low in TITLE_WORDS or low in STOP_CAPS
            or low.endswith(("ist", "eer")))


def merge_names(names: list[str]) -> dict[str, str]:
    """Map each name to the canonical form of its group of variants.

    Full names group by surname and compatible first names; a lone surname
    joins the single full name that carries it. The canonical form is the
    most frequent full name (ties: the longest).
    """
    counts = Counter(n for n in names if n)
    groups: list[list[str]] = []
    # (a father and a son, "DeOrr Kunz Sr." and "DeOrr Kunz Jr.", are two people)
    multi = sorted((n for n in counts if len(_core(n).split()) >= 2), key=lambda n: -counts[n])
    for n in multi:
        for g in groups:
            if _surnames_close(name_key(g[0]), name_key(n)) and _first_names_compatible(_core(g[0]), _core(n)) \
                    and _generations_agree(g, n) and is_organisation(g[0]) == is_organisation(n):
                g.append(n)
                break
        else:
            groups.append([n])
    out: dict[str, str] = {}
    for g in groups:
        # the most frequent; on a tie, not one with a stray word before a name the group also
        # has ("Fifteen-year-old Kenneth Shinozuka", "Guitarist Jimmy Page"), then the longest
        # ("Herman Van Rompuy", not "Van Rompuy")
        canon = max(g, key=lambda n: (counts[n], not any(_stray_prefix(n, m) for m in g), len(n)))
        for n in g:
            out[n] = canon
    for n in counts:
        if n in out:
            continue
        key = name_key(n)
        owners = [g for g in groups if name_key(g[0]) == key]
        if not owners:
            owners = [g for g in groups if _surnames_close(name_key(g[0]), key)]
        if _generation(n):  # "Kunz Sr.": the full name with that generation only
            owners = [g for g in owners if _generations_agree(g, n)]
        if not owners and len(n.split()) == 1:
            # a first name alone, as features call people ("Ashake" for Ashake Banks): the one
            # person of the event with that first name whom it also calls by surname alone (so a
            # person, not "Russia Thursday" or "Apple Support Forums")
            owners = [g for g in groups if not is_organisation(g[0]) and any(m.split()[0] == n for m in g)
                      and any(len(x.split()) == 1 and name_key(x) == name_key(g[0]) for x in counts)]
        if len(owners) == 1:
            out[n] = out[owners[0][0]]
        else:
            out[n] = n
    return out
