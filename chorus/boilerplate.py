"""Line shapes: what a line of scraped page text looks like, judged on its own.

The cleaner (``chorus.clean``) decides what to remove from where a line sits
(before the article, inside it, after it) and how often it repeats; this
module only answers questions about one line:

* ``shape`` facts: word count, whether it ends like a sentence, whether it
  is long and punctuated enough to be article body;
* ``interface_reason``: page furniture that speaks to the reader rather than
  reporting: comment boxes, share buttons, newsletter sign-ups, cookie
  notices, advertisement labels, related-links headers, media teasers, site
  menus, copyright lines. These are the words web interfaces use on any site,
  matched on whole short lines only, so a body sentence that merely contains
  "share" or "comment" is never touched;
* ``caption_reason``: photo captions, recognised by a trailing photo credit
  in brackets ("[Name/Agency]", "(AP Photo/Name)") or by the openers wire
  photo captions use ("A picture taken on ...", "FILE PHOTO: ...").
"""

from __future__ import annotations

import re
from functools import lru_cache


from chorus.language import CJK, word_count

_STARTS_SENTENCE = re.compile(
    r"^[\"'“‘«(\[「『„]?(?:[A-Z0-9ÀÁÂÄÉÈÊÍÓÖÚÜÑ]|[А-ЯЁΑ-Ω]"
    # letters of scripts without capitals: Hebrew, Arabic, Devanagari, Thai, CJK, Hangul
    r"|[\u0590-\u06ff\u0900-\u097f\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af])")


def n_words(line: str) -> int:
    if not line:
        return 0
    if line.isascii():
        return line.count(" ") + 1
    return _n_words_unicode(line)


@lru_cache(maxsize=1 << 16)  # the rules ask about the same lines many times
def _n_words_unicode(line: str) -> int:
    if not CJK.search(line):  # no Chinese or Japanese
        return line.count(" ") + 1
    return max(line.count(" ") + 1, word_count(line))  # Chinese, Japanese: no spaces


_CLOSING = "\"'”’»)]"


def ends_sentence(line: str) -> bool:
    """True when the line ends with sentence punctuation (quotes may follow)."""
    core = line.rstrip(_CLOSING)
    return bool(core) and core[-1] in ".!?…。！？؟।"


def _ends_full_stop(line: str) -> bool:
    core = line.rstrip(_CLOSING)
    return bool(core) and core[-1] in ".…。।"


def is_sentence_like(line: str) -> bool:
    """Starts with a capital (or quote/digit) and ends with sentence punctuation."""
    return ends_sentence(line) and bool(_STARTS_SENTENCE.match(line))


def is_body_shaped(line: str) -> bool:
    """Long and punctuated enough to be a paragraph of article text.

    Eight words ending in sentence punctuation, or 25 words whatever the
    ending. Shorter sentences are body too, but they cannot anchor where
    the article begins and ends.
    """
    if line.count("|") >= 2:  # "Headline | Section | Site": a page title or a menu, not prose
        return False
    n = n_words(line)
    return (n >= 8 and ends_sentence(line)) or n >= 25


def is_heading_shaped(line: str) -> bool:
    """Reads like a headline or label: 1 to 30 words, no closing full stop (quotes may follow it)."""
    return 0 < n_words(line) <= 30 and not _ends_full_stop(line)


_SOCIAL = (r"share|share this(?: article| story| page| post)?|share on \w+|tweet|email|e-mail|print|pin(?: it)?|"
           r"whatsapp|facebook|twitter|x|linkedin|reddit|telegram|pinterest|messenger|flipboard|"
           r"pocket|copy link|copy url|\d+ shares?|comments?|save|bookmark")
_UI_RULES: list[tuple[str, re.Pattern]] = [
    ("comment box", re.compile(
        r"^(?:leave a (?:reply|comment)|post a comment|add a comment|write a comment|"
        r"comments?(?: \(\d+\))?|\d+ comments?|no comments(?: yet)?|(?:show|view|load|hide) comments|"
        r"join the (?:discussion|conversation|debate)|comments? (?:are|is) (?:now )?(?:closed|disabled)|"
        r"you must be (?:logged|signed) in to (?:post a )?comment.*|"
        r"your email address will not be published.*|required fields are marked.*|"
        r"(?:log ?in|sign in|register) to (?:comment|reply|post a comment|join the discussion)|"
        r"(?:please )?(?:read|follow|respect|see|review) our (?:comment(?:ing)?|community|discussion) "
        r"(?:guidelines|policy|rules|standards)|comment (?:policy|guidelines)|cancel reply)[.!]?$", re.I)),
    ("share buttons", re.compile(rf"^(?:{_SOCIAL})(?:[\s|·•/,]+(?:{_SOCIAL}))*:?$", re.I)),
    ("sign-up or follow prompt", re.compile(
        r"^(?:(?:sign up|subscribe|register)\b.{0,80}\b(?:newsletters?|alerts?|updates|briefings?|inbox|"
        r"emails?)\b.{0,60}|get (?:the|our) .{0,40}\b(?:newsletter|briefing|alerts?)\b.{0,60}|"
        r"(?:daily|weekly|free) newsletters?|subscribe(?: now| today| here)?|subscribe (?:to|for)\b.{0,160}|"
        r"(?:follow|like) (?:us|[\w'’&. -]{2,40})(?: on|:) (?:facebook|twitter|instagram|x|telegram|linkedin|"
        r"youtube|tiktok|threads|bluesky|whatsapp)\b.{0,80})[.!]?$",
        re.I)),
    ("cookie notice", re.compile(
        r"\b(?:we(?: and our partners)? use cookies|(?:this|our) (?:web)?site uses cookies|uses? cookies\b|"
        r"accept (?:all )?cookies|cookie (?:policy|settings|preferences|consent))\b|"
        r"^(?:accept|reject|allow|decline|refuse|manage)(?: all| cookies| all cookies| preferences)?$", re.I)),
    ("advertisement label", re.compile(
        r"^(?:advertisement|advertising|ad|ads|sponsored(?: content| post| links?)?|promoted(?: content)?|"
        r"paid (?:post|content)|(?:story|article) continues below(?: advertisement)?|"
        r"continue reading(?: below| the main story)?|scroll (?:down )?to continue(?: with content)?|"
        # the labels of a picture and an advertisement slot run together: "Photo Advertisement
        # Continue reading the main story"
        r"(?:(?:photo|video|image)\s+)?advertisement\s+continue reading(?: the main story)?)[.:]?$", re.I)),
    ("related links", re.compile(
        r"^(?:related(?: articles?| stories| news| content| coverage| topics| links| posts| reading)?|"
        r"read (?:more|also|next)|see also|also read|more (?:on|from|about|in) \S+(?: \S+){0,4}|"
        r"more stories|more news|recommended(?: for you| stories| articles| reading)?|"
        r"you (?:may|might) (?:also )?(?:like|be interested in|have missed)|"
        r"most (?:read|popular|viewed|shared)|trending(?: now| stories)?|top stories|"
        r"latest (?:news|stories|headlines)|editor'?s picks|what to read next|\w+ recommends)\s*:?$", re.I)),
    ("related link", re.compile(
        r"^(?:read more|read also|also read|see also|related|more|read next|recommended)\s*[:|»>–—-]\s*"
        r"\S.{2,160}(?<!\.)$", re.I)),
    ("media teaser", re.compile(
        r"^(?:(?:watch|listen|play)(?: the)?(?: video| audio| now| live| clip| podcast)?\b.{0,80}?"
        r"\b\d{1,2}:\d{2}(?::\d{2})?(?: [^.]{0,120})?|(?:videos?|audio|podcasts?|(?:photo )?gallery|"
        r"photos?|pictures|in pictures|media|multimedia)|"
        r"(?:watch|listen)(?: now| live| the video| to the podcast| to this article)?|"
        r"(?:video|audio|podcast|gallery|watch|listen)(?: live| now)?\s*[:|–—-].{0,120}(?<!\.))$", re.I)),
    # CNN's bullet summary above the story ("Story highlights" and its first bullet run
    # into one line); the editor's bullets, not the article's sentences.
    ("story highlights", re.compile(r"^story highlights\b(?:\s+\S.{0,200})?$", re.I)),
    ("caption label", re.compile(
        r"^(?:(?:image|photo|picture|media|video) (?:caption|source|credit)s?\s*[,:]?|"
        r"(?:image|photo|picture|video) (?:source|credit)s?\s*[,:]\s*[^.]{1,80})$", re.I)),
    ("site navigation", re.compile(
        r"^(?:skip to (?:main )?(?:content|navigation)|skip navigation|(?:main )?menu|search|search for:?|home|close|clear|"
        r"toggle navigation|(?:open|close) menu|back to top|top|log ?in|sign in|log ?out|register|"
        r"my account|more|next|previous|prev|loading\.{0,3}|print this page|font size|text size|"
        r"listen to this article|\d+ min(?:ute)?s? read|reading time:? .{0,20}|"
        r"select language|language|edition)$", re.I)),
    # what a page shows where its script would run: "Please enable Javascript to watch this video",
    # "JavaScript is disabled", "You need to enable JavaScript to use SoundCloud"
    ("script notice", re.compile(
        r"^(?:(?:please |you (?:need|must|have) to )?(?:enable|turn on|activate) javascript\b.{0,80}|"
        r"javascript (?:is|must be) (?:disabled|required|turned off|not enabled)\b.{0,80}|"
        r"(?:sorry, )?your (?:web )?browser (?:does not|doesn['’]t) support\b.{0,80})$", re.I)),
    ("tag list", re.compile(r"^(?:tags?|topics?|filed under|categories|keywords)\s*:\s*\S.{0,200}$", re.I)),
    ("separator line", re.compile(r"^[\W_]+$")),
    ("copyright line", re.compile(r"^(?:©|\(c\)\s|copyright\b).{0,160}$|\ball rights reserved\.?$", re.I)),
]
_COMMENT_START = re.compile(
    r"^(?:leave a (?:reply|comment)|post a comment|add a comment|write a comment|comments?(?: \(\d+\))?|"
    r"\d+ comments?|join the (?:discussion|conversation|debate))[.!:]?$", re.I)


# All anchored rules in one pattern: one match call per line, the named group says which rule fired.
_UI_NAMES = {f"r{i}": reason for i, (reason, _) in enumerate(_UI_RULES) if reason != "cookie notice"}
_UI_ANY = re.compile("|".join(
    f"(?P<r{i}>(?:{pat.pattern}))" for i, (reason, pat) in enumerate(_UI_RULES) if reason != "cookie notice"
), re.I)
_COOKIE = dict(_UI_RULES)["cookie notice"]


# Interface text that says what it is whatever else runs into its line (up to 60 words):
# a sign-up box's small print, a "story continues" marker, a video player's labels.
_STRONG_UI = [
    ("sign-up or follow prompt", re.compile(
        r"\bby signing up,? you agree\b|\byou can unsubscribe at any time\b", re.I)),
    ("advertisement label", re.compile(
        r"^(?:(?:the )?(?:story|article) continues? (?:below|after (?:this|the) (?:ad|advertisement))|"
        r"story continued below|continue reading (?:below|the main story))\.?$", re.I)),
    ("media teaser", re.compile(r"^JUST WATCHED\b|\bReplay More Videos\b")),
    # a video player's close button before the clip's description: "CLOSE Four Reno dispensaries ..."
    ("media teaser", re.compile(r"^CLOSE\s+(?=[A-Z0-9\"“‘'])")),
    # "Local News More>>", "Most Popular Stories Most Popular Stories More>>"
    ("site navigation", re.compile(r"^[\w' &,-]{0,60}\bmore\s*(?:>>|»|›+|→)$", re.I)),
    # What feed software appends to an item ("The post ... appeared first on Harbour Wire.") and
    # syndication notes ("This article is republished from ... under a Creative Commons license.")
    ("feed or syndication footer", re.compile(
        r"^the post .{1,300} appeared first on .{1,120}$|"
        r"^this (?:article|story|piece|post) (?:is republished from|was (?:originally|first) published (?:on|in|by)|"
        r"(?:originally|first) appeared (?:on|in)) .{1,200}$", re.I)),
    # The editor's note on a change to the story ("This article was amended on 9 June 2016. Two
    # quotes ...", "Correction 31 July 2017: This article has been amended to ..."): about the
    # article, not about the event; kept with the removed lines, where a reader finds it.
    ("correction or update note", re.compile(
        r"^(?:(?:correction|clarification|update|updated|editor['’]s note)\b[^:]{0,40}:\s*)?"
        r"this (?:article|story|report|post|piece) (?:has been|was|had been) (?:updated|corrected|amended|"
        r"changed|clarified|edited)\b", re.I)),
]
# What any of them contains, looked for first in one search (most lines have none of it).
_STRONG_HINT = re.compile(r"igning [uU]p|IGNING UP|nsubscribe|NSUBSCRIBE|ontinue|ONTINUE|WATCHED|Replay More|"
                          r">>|»|›|→|ppeared|ublished|^CLOSE |(?i:this (?:article|story|report|post|piece) "
                          r"(?:has|was|had)\b)")


# A teaser for another story, its headline and standfirst ending in the link to it:
# "Missing swimmer found alive, rescued off Ipswich coast A man who went missing ... has
# been rescued. More", "How has ... progressed this year? Read more".
_TEASER_END = re.compile(r"[.!?\"”’]\s+(?:read more|more)\s*(?:»|›|>>)?$", re.I)


def interface_reason(line: str) -> str | None:
    """Why ``line`` is page-interface text, or None. Only short lines qualify, but
    for text that names itself (a sign-up box's small print, a video player's labels)."""
    n = n_words(line)
    if n <= 60 and line.rstrip().endswith(("ore", "ORE", "»", "›", ">>")) and _TEASER_END.search(line.rstrip()):
        return "related link"
    if n <= 60:
        if _STRONG_HINT.search(line):
            for reason, pat in _STRONG_UI:
                if pat.search(line):
                    return reason
    if n > 30:
        return None
    if n <= 25:
        m = _UI_ANY.match(line)
        if m:
            return _UI_NAMES[m.lastgroup]  # type: ignore[index]
    if ("ookie" in line or n <= 3) and _COOKIE.search(line):
        return "cookie notice"
    return None


def starts_comment_section(line: str) -> bool:
    """A header that opens readers' comments; what follows it is not the article."""
    return bool(_COMMENT_START.match(line))


_BRACKET_END = re.compile(r"[\[(]\s*(?P<credit>[^\[\]()]{2,100}?)\s*[\])]\s*$")
_CREDIT_WORDS = re.compile(
    r"\b(?:photo|photos|foto|image|images|picture|pic|credit|courtesy|file|handout|getty|shutterstock|"
    r"epa|afp|reuters|ap|dpa|anadolu|imago|picture[- ]alliance|via)\b", re.I)
_CAPTION_OPENER = re.compile(
    r"^(?:(?:image|photo|picture|media) caption\s*[,:]\s*\S"
    # ... or with no mark after the label ("Image caption Paul Conroy was smuggled ...")
    r"|(?:image|photo|picture|media) caption\s+(?-i:[A-Z0-9\"“‘'])"
    # BBC pages run the picture's credit and caption into one line
    r"|(?:image|photo|picture) copyright\s+\S.{0,80}?\b(?:image|photo|picture) caption\b"
    r"|media playback is unsupported on your device\b"
    r"|(?:(?:a|an|the|this) )?(?:general view (?:shows|of)|(?:picture|photo|photograph|image) "
    r"(?:taken|released|made available|provided)|(?:file|handout) (?:photo|picture|image))"
    r"|(?:file photo|file|photo|picture|image|foto)\s*[:|–—-]\s"
    # the credit first: "AFP/Getty Images NBA Finals MVP LeBron James ... holds the trophy"
    r"|(?-i:(?:[A-Z][\w.-]*/)?Getty Images\s+[A-Z]))", re.I)


# "... after his rescue on August 11th. Photo: Bax Lindhardt/Scanpix" (capitalised label, no stop after).
_TRAILING_CREDIT = re.compile(r"(?:^|[.!?\s])(?:Photo(?:graph)?|Picture|Image|Foto)s?(?: by)?\s*:\s*[^.:!?]{2,80}$")


def photo_credit(line: str) -> str | None:
    """The photo credit a caption line ends with, such as "[Name/Agency]" or
    "Photo: Name/Agency", or None."""
    if not line.rstrip().endswith((")", "]")):
        m = _TRAILING_CREDIT.search(line.rstrip()) if ":" in line else None
        if m and m.start() > 0 and n_words(line[m.start():]) <= 10:
            return line[m.start():].strip()
        return None
    m = _BRACKET_END.search(line)
    if not m or m.start() == 0:
        return None
    credit = m.group("credit")
    if n_words(credit) > 10:
        return None
    if line[:m.start()].rstrip().endswith(("...", "…")) and n_words(credit) <= 4 and credit[:1].isupper():
        return m.group(0).strip()  # a caption cut short for a teaser: "... are widening... (Associated Press)"
    if "/" in credit:
        parts = [p.strip() for p in credit.split("/")]
        if all(p and (p[0].isupper() or p[:1].isdigit() or p.islower() and len(p) <= 20) for p in parts):
            return m.group(0).strip()
    if _CREDIT_WORDS.search(credit):
        return m.group(0).strip()
    before = line[:m.start()].rstrip()
    if before.endswith((")", "]")) and _BRACKET_END.search(before):
        # two credits: "... Feb. 6, 2018. (AP Photo/J. Scott Applewhite) (Associated Press)"
        inner = photo_credit(before)
        if inner:
            return line[line.rindex(inner):].strip()
    return None


_CREDIT_ONLY = re.compile(r"^[\(\[][^()\[\]]{2,100}[\)\]]$")
_PICTURE_CREDIT = re.compile(r"\b(?:photo|photos|image|images|picture|getty|shutterstock)\b|\w/\w", re.I)


# A photo gallery's captions run together, each closed by the player's label:
# "Photos: Sinking of the ship ... The ship under attack ... Hide Caption 1 of 6 Photos: ..."
_GALLERY = re.compile(r"\bHide Caption \d+ of \d+\b")
_TEASER_CREDIT = re.compile(r"(?:\.\.\.|…)\s*\((?:Associated Press|AP|Reuters|AFP|Getty Images)\)")


# A caption that says what it is: "Aurelie Chatelain, in this photograph provided by the
# city hall, is seen ...", "... is pictured in this undated handout photo".
_IN_THIS_PHOTO = re.compile(r"\bin (?:this (?:undated |recent |evidence |file |handout |family |courtesy )*|"
                            r"an? (?:undated |evidence |file |handout |family )+)"
                            r"(?:photo|photograph|picture|image|still image|video still)\b", re.I)
# Agency picture captions end with the place and the day the picture was taken, after a
# comma: "... at the Elysee Palace in Paris, April 22, 2015."
_PLACE_AND_DAY_END = re.compile(
    r"\bin [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}(?:, [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})?,\s+"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+\d{1,2},\s+\d{4}\.?$")


_NEXT_SENTENCE = re.compile(r"[a-z0-9][.!?]\s+[A-Z]")


def caption_reason(line: str) -> str | None:
    """Why ``line`` is a photo caption, or None."""
    if "Hide Caption" in line and _GALLERY.search(line):
        return "photo caption (a gallery's captions)"
    if line.rstrip().endswith(")") and len(_TEASER_CREDIT.findall(line)) >= 2:
        # a gallery's captions, each cut short and credited: "FILE - In this ... photo, ... Carl
        # Conyers,... (Associated Press) FILE - In this ... say they're... (Associated Press)"
        return "photo caption (a gallery's captions)"
    if n_words(line) > 80:
        return None
    if n_words(line) <= 60 and ("in this" in line or "In this" in line or " in a" in line) \
            and _IN_THIS_PHOTO.search(line) and not line.lstrip().startswith(("\"", "“")) \
            and not _NEXT_SENTENCE.search(line.rstrip()):  # (one sentence: a caption, not a paragraph)
        return "photo caption (says it is one)"
    if line.rstrip().endswith(("0.", "1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9.")) \
            and n_words(line) <= 60 and _PLACE_AND_DAY_END.search(line.rstrip()):
        return "photo caption (ends with the place and day of the picture)"
    if _CREDIT_ONLY.match(line.strip()) and _PICTURE_CREDIT.search(line) and n_words(line) <= 10:
        return "photo credit (a credit on its own line)"  # "(Washington Post Staff Photo/Andrea Bruce)"
    if photo_credit(line):
        return "photo caption (ends with a photo credit)"
    if _CAPTION_OPENER.match(line):
        return "photo caption (caption opener)"
    return None


_MENU_ITEM = re.compile(r"^(?:\d{1,2}[.)]\s+|[•·▪►»*-]\s*)?\S")


def is_menu_item(line: str) -> bool:
    """Short label without sentence punctuation: a menu entry or a link text."""
    return n_words(line) <= 5 and len(line) <= 45 and not ends_sentence(line) and bool(_MENU_ITEM.match(line))
