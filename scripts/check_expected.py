"""Check that ``tests/data/examples_expected.json`` is true of the files in ``examples/``.

Every string the expectations quote (titles, datelines, bylines, boilerplate,
captions, ``text_contains``, framing labels, speaker name variants) must be an
exact substring of the article it names, so tests written against
EXPECTED.json fail only when Chorus is wrong, never because the expectations
drifted from the corpus. Run it after editing the corpus or the expectations:

    python scripts/check_expected.py

Keys: a path relative to ``examples/``; JSON-lines articles are
``<path>#<id>``. "The text" of a file is: the file itself (plain text), the
page with tags removed and entities decoded (HTML, and the HTML payload of a
WARC response record), or the ``text`` field (JSON lines). Exits 1 and lists
every failure when something does not hold. Needs only the standard library
(plus warcio for the WARC file, skipped with a note when missing).
"""

from __future__ import annotations

import gzip
import html
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROOT = REPO / "examples"


def _html_text(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", markup))


def _warc_html(path: Path) -> str:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:  # pragma: no cover - fall back to a plain gunzip
        raw = gzip.decompress(path.read_bytes()).decode("utf-8")
        return raw[raw.index("<!DOCTYPE"):raw.rindex("</html>") + len("</html>\n")]
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type == "response":
                return rec.content_stream().read().decode("utf-8")
    raise ValueError(f"{path}: no response record")


def load(key: str) -> tuple[str, str, dict]:
    """(text, raw, jsonl record or {}) for one expectation key."""
    if "#" in key:
        path, rid = key.split("#", 1)
        for line in (ROOT / path).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec["id"] == rid:
                return rec["text"], line, rec
        raise KeyError(f"{key}: no such id")
    p = ROOT / key
    if key.endswith(".warc.gz"):
        raw = _warc_html(p)
        return _html_text(raw), raw, {}
    raw = p.read_text(encoding="utf-8")
    if key.endswith(".html"):
        return _html_text(raw), raw, {}
    return raw, raw, {}


def main() -> int:
    exp = json.loads((REPO / "tests" / "data" / "examples_expected.json").read_text(encoding="utf-8"))
    errors: list[str] = []
    texts: dict[str, str] = {}

    def need(key: str, s: str, what: str, *, ci: bool = False) -> None:
        if key not in texts:
            errors.append(f"{what}: unknown article key {key!r}")
            return
        t = texts[key]
        ok = s.lower() in t.lower() if ci else s in t
        if not ok:
            errors.append(f"{what}: {s!r} not in {key}")

    for key, a in exp["articles"].items():
        try:
            text, raw, rec = load(key)
        except (OSError, KeyError, ValueError) as e:
            errors.append(f"articles: {key}: {e}")
            continue
        texts[key] = text
        if rec:
            for f in ("title", "outlet", "url"):
                if a.get(f) and rec.get(f) != a[f]:
                    errors.append(f"{key}: {f} {a[f]!r} != {rec.get(f)!r}")
        elif a.get("title"):
            need(key, a["title"], "title")
        if a.get("published_as"):
            if a["published_as"] not in raw:
                errors.append(f"{key}: published_as {a['published_as']!r} not in file")
        if a.get("published") not in (None, "unknown") and not re.fullmatch(r"\d{4}-\d\d-\d\d", a["published"]):
            errors.append(f"{key}: published {a['published']!r} is not YYYY-MM-DD")
        if a.get("outlet") and not rec and a["outlet"].lower() not in raw.lower():
            errors.append(f"{key}: outlet {a['outlet']!r} not named in the file")
        for f in ("dateline", "byline", "credits"):
            if a.get(f):
                need(key, a[f], f)
        for w in a.get("wire", []):
            need(key, w, "wire")
        for s in a.get("boilerplate", []) + a.get("captions", []):
            need(key, s, "boilerplate/caption")

    grouped: list[str] = []
    for ev in exp["events"]:
        grouped += ev["articles"]
    grouped += exp["not_news"] + exp["off_topic"]
    for key in texts:
        if grouped.count(key) != 1:
            errors.append(f"events: {key} is listed {grouped.count(key)} times (want exactly once)")
    for key in grouped:
        if key not in texts:
            errors.append(f"events: unknown article key {key!r}")
    for d in exp.get("duplicates", []):
        a, b = d["articles"]
        if d["kind"] == "exact" and texts.get(a) != texts.get(b):
            errors.append(f"duplicates: {a} and {b} differ")

    for p in exp["shared_wire_passages"]:
        for key in p["articles"]:
            need(key, p["text_contains"], "shared_wire_passages")
        for key in p.get("absent_from", []):
            if p["text_contains"] in texts.get(key, ""):
                errors.append(f"shared_wire_passages: {p['text_contains']!r} should be absent from {key}")
    for q in exp["quotes"]:
        for key in q["articles"]:
            need(key, q["text_contains"], f"quote ({q['speaker']})")
    alltext = "\n".join(texts.values())
    for group in exp["speaker_variants"]:
        for name in group:
            if name not in alltext:
                errors.append(f"speaker_variants: {name!r} occurs in no article")
    for fig in exp["figures"]:
        for c in fig["claims"]:
            need(c["article"], c["text_contains"], f"figure ({fig['measure']})")
    for fr in exp["framing"]["actors"]:
        for key, labels in fr["labels"].items():
            for lab in labels:
                need(key, lab, f"framing ({fr['actor']})", ci=True)
    for t in exp["timeline"]:
        need(t["article"], t["text_contains"], f"timeline ({t['date']})")
        if not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", t["date"]):
            errors.append(f"timeline: bad date {t['date']!r}")

    for e in errors:
        print("FAIL", e)
    n_q = len(exp["quotes"])
    print(f"{len(texts)} articles, {n_q} quotes, {len(exp['figures'])} figures, "
          f"{len(exp['timeline'])} timeline entries: {len(errors)} failure(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
