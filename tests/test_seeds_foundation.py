"""The five seed articles against the analyst's gold: metadata, boilerplate, captions, body kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from chorus.clean import clean_documents
from chorus.model import Article
from chorus.read import read_paths

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEEDS = SHARED / "seeds"
GOLD_PATH = SHARED / "gold" / "seeds.json"

pytestmark = pytest.mark.skipif(not GOLD_PATH.exists(), reason="seed articles not available")


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    raws = list(read_paths([SEEDS]))
    out = clean_documents(raws)
    assert all(isinstance(a, Article) for a in out), out
    return {Path(a.path).stem: a for a in out}


def _stated(value):
    return None if value == "unknown" else value


def test_every_seed_is_read(articles, gold):
    assert set(articles) == set(gold["articles"])


@pytest.mark.parametrize("field", ["title", "published", "dateline", "byline", "outlet"])
def test_metadata_matches_gold(articles, gold, field):
    for stem, g in gold["articles"].items():
        assert getattr(articles[stem], field) == _stated(g.get(field)), (stem, field)


def test_wire_credits_match_gold(articles, gold):
    for stem, g in gold["articles"].items():
        assert articles[stem].wire == g.get("wire", []), stem


def test_credit_line_is_removed_with_its_reason(articles, gold):
    for stem, g in gold["articles"].items():
        if "credits" in g:
            assert any(r.text == g["credits"] and r.reason == "credit line" for r in articles[stem].removed)
            assert g["credits"] not in articles[stem].text


def test_no_boilerplate_left(articles, gold):
    for stem, g in gold["articles"].items():
        text = articles[stem].text
        for s in g["boilerplate"]:
            if " " in s:
                assert s not in text, (stem, s)
            else:
                assert not re.search(rf"\b{re.escape(s)}\b", text), (stem, s)


def test_removed_lines_carry_reasons(articles, gold):
    for stem, g in gold["articles"].items():
        removed = {r.text: r.reason for r in articles[stem].removed}
        for s in g["boilerplate"]:
            assert s in removed and removed[s], (stem, s)


def test_captions_set_apart(articles, gold):
    for stem, g in gold["articles"].items():
        if "caption" in g:
            a = articles[stem]
            assert any(g["caption"] in c for c in a.captions), stem
            assert g["caption"] not in a.text


def _gold_body_strings(gold: dict, stem: str) -> list[str]:
    out = []
    for key in ("shared_wire_passages", "quotes"):
        out += [q["text_contains"] for q in gold[key] if stem in q["articles"]]
    for fig in gold["figures"]:
        out += [c["text_contains"] for c in fig["claims"] if c["article"] == stem and "text_contains" in c]
    return out


def test_gold_passages_survive(articles, gold):
    for stem in gold["articles"]:
        for s in _gold_body_strings(gold, stem):
            assert s in articles[stem].text, (stem, s)


_SENTENCE_LINE = re.compile(r"^\S.*[.!?][\"'”’]*$")


def test_no_body_sentence_removed(articles, gold):
    """Every line of the source that reads as a sentence, and that the gold does not call
    boilerplate or caption, is in the cleaned text, untouched."""
    for stem, g in gold["articles"].items():
        not_body = set(g["boilerplate"]) | {g.get("caption", "\0")}
        source = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
        text = articles[stem].text
        checked = 0
        for raw in source.splitlines():
            line = " ".join(raw.split())
            if len(line.split()) < 4 or not _SENTENCE_LINE.match(line) or line in not_body:
                continue
            if any(c in line for c in not_body):
                continue
            assert line in text, (stem, line)
            checked += 1
        assert checked >= 10, stem


def test_text_keeps_the_outlets_quotation_marks(articles):
    assert "‘we will not surrender’" in articles["000_303e15b8da19fadf"].text
    assert '"unacceptable."' in articles["004_a93669aef66e94ec"].text
    assert "\u00a0" not in articles["004_a93669aef66e94ec"].text


def test_one_paragraph_per_line(articles):
    for a in articles.values():
        paragraphs = a.text.split("\n")
        assert len(paragraphs) >= 10
        assert all(p == p.strip() and p for p in paragraphs)
