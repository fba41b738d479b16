"""Letter classes for regular expressions, past ASCII.

Names in the news are not all ASCII: Nicolás Maduro, Juan Guaidó, São Paulo,
Zürich, Recep Tayyip Erdoğan, Óscar Díaz. Python's ``re`` has no ``\\p{Lu}``,
so the analyzers' patterns say ``[{UPPER}]``, ``[{LOWER}]`` and ``[{LETTER}]``
where they mean a capital, a small letter or any letter, with these strings
inside the brackets: ASCII plus the precomposed Latin letters of U+00C0-U+024F
and U+1E00-U+1EFF (Vietnamese: Nguyễn Phú Trọng); the cleaner's NFC keeps
text that way. Greek and Cyrillic are left out on purpose: the analyzers' rules
are English ones, and on a page in another script they should find nothing
rather than guess.
"""

from __future__ import annotations

import unicodedata


_LATIN = [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]


def _class(pred) -> str:
    """The Latin letters past ASCII for which ``pred`` holds, as ranges for ``[...]``."""
    out, start, prev = [], None, None
    for c in [c for c in _LATIN if pred(chr(c))] + [None]:
        if start is not None and c == prev + 1:
            prev = c
            continue
        if start is not None:
            out.append(chr(start) if start == prev else f"{chr(start)}-{chr(prev)}")
        start = prev = c
    return "".join(out)


UPPER = "A-Z" + _class(str.isupper)
LOWER = "a-z" + _class(str.islower)
LETTER = "A-Za-z" + _class(str.isalpha)


def fold(text: str) -> str:
    """``text`` without accents ("guaidó" -> "guaido"), as outlets write names both ways;
    text with a letter that does not reduce to ASCII (another script, "ł", "ß") is kept as it is."""
    if text.isascii():
        return text
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return plain if len(plain) == len(unicodedata.normalize("NFC", text)) else text
