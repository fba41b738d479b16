"""Bytes to text: byte-order marks, UTF-16/32, UTF-8, then cp1252; binary files refused.

Scraped news arrives in whatever encoding the scraper wrote. We honour a
byte-order mark when there is one, recognise BOM-less UTF-16 by its zero
bytes, try strict UTF-8 next (the usual case), then the charset the
container declares (HTTP header, ``<meta charset>``), and fall back to cp1252 (a
superset of Latin-1 for the printable range, which is what Windows tools and
many older sites produce). A file that still looks like binary data (NUL
bytes, many control characters) raises ``NotText`` so the reader can reject
it with a clear reason instead of producing garbage articles.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


class NotText(ValueError):
    """The bytes are not text in any encoding we read."""


def _bomless_utf16(data: bytes) -> str | None:
    """The UTF-16 codec for BOM-less UTF-16 text (mostly ASCII), else None."""
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    even_zero = head[0::2].count(0) / (len(head) / 2)
    odd_zero = head[1::2].count(0) / (len(head) / 2)
    if odd_zero > 0.4 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.4 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:8192]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) / len(sample) > 0.02


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding used)``.

    ``declared`` is an encoding the container named (an HTTP header, an
    HTML ``<meta charset>``); it is tried after a BOM and strict UTF-8, before
    the cp1252 fallback. Raises ``NotText`` for binary data.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as exc:
                raise NotText(f"invalid {enc} after byte-order mark") from exc
            if _looks_binary(text):
                raise NotText("binary data")
            return text, enc
    utf16 = _bomless_utf16(data)
    # Strict UTF-8 goes before a declared single-byte charset: text that decodes as
    # UTF-8 almost never is anything else, and pages often declare Latin-1 wrongly.
    candidates = [c for c in (utf16, "utf-8", declared) if c]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_binary(text):
            raise NotText("binary data")
        return text, enc
    if b"\x00" in data[:8192]:
        raise NotText("binary data")
    # cp1252 leaves five bytes undefined; read those as Latin-1 so nothing fails.
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text:
        text = "".join(
            data[i:i + 1].decode("latin-1") if ch == "\ufffd" else ch for i, ch in enumerate(text)
        )
    if _looks_binary(text):
        raise NotText("binary data")
    return text, "cp1252"
