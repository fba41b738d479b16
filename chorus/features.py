"""Term features for event clustering: words, names and title terms.

An event is recognised by what its articles talk about (rare content words),
who and where (names: capitalised phrases such as "Sergei Lavrov" or "East
Aleppo", which separate two budget debates in two different states), and
how the outlet headlines it. This module turns an article into weighted
terms; :mod:`chorus.cluster` weighs them by inverse document frequency.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from chorus.analyze.letters import LOWER, UPPER, fold
from chorus.model import Article

STOPWORDS = frozenset(
    """
    a about above after again against all almost also although always am among an and another any are
    around as at away back be became because become been before being below between both but by can
    cannot could did do does doing done down during each either else enough even ever every few for
    from further get gets got had has have having he her here hers herself him himself his how however
    i if in into is it its itself just last least less like made make many may me might more most much
    must my myself near need never new next no nor not now of off often on once one only onto or other
    others our ours ourselves out over own per perhaps put rather said same say says see seen several
    she should since so some still such than that the their theirs them themselves then there these
    they this those though through thus to too toward towards under until up upon us use used very via
    was we well were what whatever when where whether which while who whom whose why will with within
    without would yet you your yours yourself yourselves told tell according two three four five first
    second year years time times day days week weeks month months today yesterday tomorrow people
    monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr news report reported reports
    including include includes just going want wants way ways take took thing things lot lots
    """.split()
)

# Capitalised words that start sentences or headlines without naming anything.
_NOT_NAMES = STOPWORDS | frozenset(
    """
    but and the a an in on at for to of it he she they we i this that these those there here his her
    their its our my your after before when while if as by with from also however meanwhile yet so
    image photo video watch read share click advertisement getty ap afp reuters related copyright
    january february march april may june july august september october november december
    """.split()
)

# The function words of the other languages news most often comes in (three
# letters or more; shorter words are never terms), and their verbs of saying
# and days: for a page in one of them (``Article.language``), what STOPWORDS
# are for English. Without them, every German page shares "der", "und",
# "mit", "sagte" with every other, and three German reports on a rail strike,
# a cup final and a pension reform made one event.
OTHER_STOPWORDS = {lang: frozenset(ws.split()) for lang, ws in {
    "de": """der die das den dem des und oder aber nicht kein keine ein eine einer eines einem einen
        ist sind war waren wird werden wurde wurden hat haben hatte hatten sein seine seiner seinen
        seinem ihr ihre ihren ihrem ihrer mit von für auf aus bei nach vor über unter zum zur vom
        als auch sich sie wir man dass daß wie wenn noch nur schon mehr sehr bis durch gegen ohne
        ins dies diese dieser dieses diesem diesen sagte sagt sagten heute gestern jahr jahre
        jahren prozent soll sollen kann können muss müssen seit sowie etwa rund mehr alle allen
        montag dienstag mittwoch donnerstag freitag samstag sonntag uhr""",
    "fr": """les des une dans pour par sur avec pas que qui est sont été était étaient ont avait aux
        ses son leur leurs mais plus cette ces cet tout tous toute elle elles ils nous vous comme
        entre sans sous après avant aussi selon fait dit deux trois également depuis lors être
        avoir déclaré indiqué lundi mardi mercredi jeudi vendredi samedi dimanche ans année""",
    "es": """los las del una uno unos unas para por con sin sobre entre que como más pero sus este
        esta estos estas ese esa fue han ser está están era según también desde hasta cuando
        donde muy todo todos año años dijo afirmó lunes martes miércoles jueves viernes sábado
        domingo""",
    "it": """gli della delle degli dei del nel nella nelle con per che una uno sono stato stata
        anche come più dopo tra fra sua suo loro questo questa essere hanno aveva detto secondo
        lunedì martedì mercoledì giovedì venerdì sabato domenica anni""",
    "pt": """dos das uma para com por que como mais mas seu sua seus suas foi são está ser tem não
        pelo pela anos disse segundo também segunda terça quarta quinta sexta sábado domingo""",
    "nl": """het een van voor met dat niet zijn werd worden wordt ook maar nog naar bij door over uit
        aan dan als heeft hebben zei volgens jaar maandag dinsdag woensdag donderdag vrijdag
        zaterdag zondag""",
}.items()}

_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")
_NAME = re.compile(
    rf"\b[{UPPER}][\w'’.-]*[{LOWER}][\w'’-]*"
    rf"(?:[ \t]+(?:(?:of|de|da|del|al|bin|van|von|la|le)[ \t]+)?[{UPPER}][\w'’-]*[{LOWER}][\w'’-]*)*"
)



def _headline(text: str) -> str:
    """A first line that reads like a headline: short and without a full stop."""
    first = text.lstrip().split("\n", 1)[0].strip()
    n = len(first.split())
    if 3 <= n <= 16 and not first.endswith((".", "?", "!", ":", '"', "”")):
        return first
    return ""


def words(text: str) -> list[str]:
    """Lowercased content words: no stopwords, no numbers, at least 3 letters."""
    found = _WORD.findall(text.lower().replace("’", "'"))
    found = [w[:-2] if w.endswith("'s") else w for w in found]
    return [fold(w) for w in found if len(w) >= 3 and w not in STOPWORDS]


def names(text: str) -> list[str]:
    """Capitalised phrases, lowercased: people, places, organisations.

    A leading function word ("The", "But") is dropped, and single words that
    are only capitalised because they start a sentence are ignored.
    """
    out = []
    cache = _NAME_CACHE
    if len(cache) > 200_000:
        cache.clear()
    for m in _NAME.finditer(text):
        g = m.group()
        hit = cache.get(g)
        if hit is None:
            hit = cache[g] = _name_phrase(g)
        phrase, offset = hit
        if phrase is None:
            continue
        if offset >= 0:  # a single word: is it capitalised only because a sentence starts here?
            start = m.start() + offset
            before = text[max(0, start - 3) : start].rstrip(" \t")
            if not before or before[-1] in ".!?\n\"“:":
                continue
        out.append(phrase)
    return out


_NAME_CACHE: dict[str, tuple[str | None, int]] = {}


def _name_phrase(group: str) -> tuple[str | None, int]:
    """The phrase a capitalised match names, and for a single word its offset in the match (else -1)."""
    parts = group.split()
    while parts and parts[0].lower().strip("'’") in _NOT_NAMES:
        parts.pop(0)
    if not parts:
        return None, -1
    phrase = fold(" ".join(parts).lower().replace("’", "'"))
    if phrase.endswith("'s"):
        phrase = phrase[:-2]
    if len(parts) == 1:
        if len(phrase) < 3:
            return None, -1
        return phrase, group.find(parts[0])
    return phrase, -1


def term_id(term: str) -> int:
    """A stable 62-bit id for a term; the lowest bit is 1 for names.

    Ids instead of strings keep per-article features as two small arrays
    (cheap to pass between processes and to store); CRC-32 and Adler-32 are
    stable across runs and machines, and collisions are negligible.
    """
    b = term.encode()
    h = ((zlib.crc32(b) << 30) ^ zlib.adler32(b)) & ((1 << 62) - 1)
    return (h & ~1) | (1 if term.startswith("n:") else 0)


_IDS: dict[str, int] = {}  # term -> id cache: the everyday vocabulary repeats
_BIGRAM_MUL = np.int64(1000003)
_MASK62 = np.int64((1 << 62) - 1)


def _word_id(term: str) -> int:
    i = _IDS.get(term)
    if i is None:
        if len(_IDS) > 500_000:
            _IDS.clear()
        i = _IDS[term] = term_id(term)
    return i


_TOKEN_IDS: dict[str, int] = {}  # raw token -> id of its content word, or -1 when it is none


def _token_id(token: str) -> int:
    w = token[:-2] if token.endswith("'s") else token
    if len(w) < 3 or w in STOPWORDS:
        return -1
    return _word_id(w)


def body_ids(text: str) -> np.ndarray:
    """Term ids of ``text``'s content words in order: ``words(text)`` mapped by :func:`term_id`.

    Each distinct token is looked at once per process (a cache); the
    per-token work is a C-level map over the cache, which is most of the
    speed of the feature step on large collections.
    """
    toks = _WORD.findall(text.lower().replace("’", "'"))
    arr = map_tokens(toks, _TOKEN_IDS, _token_id, np.int64)
    return arr[arr >= 0]


def map_tokens(toks: list[str], cache: dict, fn, dtype) -> np.ndarray:
    """``fn`` of each token as an array, computing it once per distinct token per process.

    The cache is bounded (cleared past 500,000 entries) so a long run's
    memory stays flat.
    """
    new = set(toks).difference(cache)
    if new:
        if len(cache) > 500_000:
            cache.clear()
            new = set(toks)
        for t in new:
            cache[t] = fn(t)
    return np.fromiter(map(cache.__getitem__, toks), dtype=dtype, count=len(toks))


_STOP_IDS: dict[str, np.ndarray] = {}


def _folded(language: str) -> frozenset[str]:
    return frozenset(fold(w) for w in OTHER_STOPWORDS[language])


def _stop_ids(language: str) -> np.ndarray:
    """Term ids of a language's function words, as written and without accents."""
    ids = _STOP_IDS.get(language)
    if ids is None:
        ws = OTHER_STOPWORDS[language] | _folded(language)
        ids = _STOP_IDS[language] = np.array(sorted(term_id(w) for w in ws), dtype=np.int64)
    return ids


def _strip_names(phrases: list[str], stop: frozenset[str]) -> list[str]:
    """Capitalised phrases without the function words that open or close them
    ("Die Gewerkschaft" is "gewerkschaft"); nothing left, no name."""
    out = []
    for p in phrases:
        parts = p.split()
        while parts and parts[0] in stop:
            parts.pop(0)
        while parts and parts[-1] in stop:
            parts.pop()
        if parts and (len(parts) > 1 or len(parts[0]) >= 3):
            out.append(" ".join(parts))
    return out


def term_vector(
    article: Article,
    *,
    name_weight: float = 1.0,
    title_weight: float = 2.0,
    bigram_weight: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """An article's terms as ``(ids, weights)`` arrays, before inverse document frequency.

    Terms are content words, pairs of neighbouring content words (weighted
    ``bigram_weight``: "balanced budget" says more than "budget"), names
    (capitalised phrases, weighted ``name_weight``) and the title's words
    (or a headline-like first line), which count ``title_weight`` extra
    times. Weights are sublinear counts (1 + log tf), so one name repeated
    twenty times does not drown the rest. Word ids come from
    :func:`term_id`; a word pair's id combines its two words' ids
    arithmetically (even, so never taken for a name). Computed in numpy,
    which keeps the per-article cost low on large collections.
    """
    arr = body_ids(article.text)
    stop = OTHER_STOPWORDS.get(article.language or "")
    if stop is not None and len(arr):
        arr = arr[~np.isin(arr, _stop_ids(article.language))]
    # Keys in first-seen order (words sorted, then new word pairs sorted,
    # then names and title terms as they come) and values summed in the
    # order the terms occur: the rows come out the same term by term.
    if len(arr):
        keys, cnt = np.unique(arr, return_counts=True)
        vals = cnt.astype(np.float64)
        if bigram_weight and len(arr) > 1:
            big = ((arr[:-1] * _BIGRAM_MUL + arr[1:]) & _MASK62) & ~np.int64(1)
            ub, cb = np.unique(big, return_counts=True)
            pos = np.minimum(np.searchsorted(keys, ub), len(keys) - 1)
            known = keys[pos] == ub
            vals[pos[known]] += cb[known] * bigram_weight
            keys = np.concatenate([keys, ub[~known]])
            vals = np.concatenate([vals, cb[~known] * bigram_weight])
    else:
        keys, vals = np.zeros(0, np.int64), np.zeros(0, np.float64)
    names_ = names(article.text)
    title = article.title or _headline(article.text)
    if stop is not None:
        names_ = _strip_names(names_, stop)
    extra = ["n:" + n for n in names_]
    ext_w = [1.0] * len(extra)
    if title:
        tw = words(title)
        tn = names(title)
        if stop is not None:
            tw = [w for w in tw if w not in stop and w not in _folded(article.language)]
            tn = _strip_names(tn, stop)
        extra += tw
        extra += ["n:" + n for n in tn]
        ext_w += [title_weight] * (len(tw) + len(tn))
    if extra:
        ext = np.fromiter(map(_word_id, extra), dtype=np.int64, count=len(extra))
        w = np.array(ext_w, dtype=np.float64)
        order = np.argsort(keys, kind="stable")
        srt = keys[order]
        pos = np.minimum(np.searchsorted(srt, ext), max(len(srt) - 1, 0))
        known = srt[pos] == ext if len(srt) else np.zeros(len(ext), bool)
        idx = np.empty(len(ext), dtype=np.int64)
        idx[known] = order[pos[known]]
        if not known.all():
            fresh = ext[~known]
            u, first, inv = np.unique(fresh, return_index=True, return_inverse=True)
            rank = np.empty(len(u), dtype=np.int64)
            rank[np.argsort(first, kind="stable")] = np.arange(len(u))
            idx[~known] = len(keys) + rank[inv.ravel()]
            keys = np.concatenate([keys, u[np.argsort(first, kind="stable")]])
            vals = np.concatenate([vals, np.zeros(len(u))])
        np.add.at(vals, idx, w)
    weights = np.where(vals >= 1, 1.0 + np.log(np.maximum(vals, 1e-12)), vals)
    weights = np.where((keys & 1) == 1, weights * name_weight, weights)
    return keys, weights
