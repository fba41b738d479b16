"""Bad input: each case is read correctly (encodings) or rejected with the file (and line) named,
and the rest of the input is still read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from chorus.clean import clean_documents
from chorus.model import Article, RawDoc, Rejection
from chorus.read import read_paths
from chorus.read.jsonl import NO_TEXT
from chorus.settings import Settings

BODY = ("The harbour master said on Monday that the new pier would open in the spring, "
        "two years later than planned, because of a shortage of steel.")
GOOD = f"Pier opening delayed again\n\n{BODY}\n"


def _one(path: Path, settings: Settings = Settings()) -> RawDoc | Rejection:
    out = list(read_paths([path], settings))
    assert len(out) == 1, out
    return out[0]


def _rejected(path: Path, fragment: str, settings: Settings = Settings()) -> Rejection:
    out = _one(path, settings)
    assert isinstance(out, Rejection), out
    assert out.path == str(path) and fragment in out.reason
    assert str(path) in out.message()
    return out


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\r\n\t \n")
    _rejected(tmp_path / "empty.txt", "empty file")
    _rejected(tmp_path / "blank.txt", "empty file")


def test_binary_file(tmp_path):
    path = tmp_path / "photo.jpg.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 20)
    _rejected(path, "not a text")


def test_cp1252_text_is_read(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(f"Caf\u00e9 owners \u201cworried\u201d\n\n{BODY} \u2013 na\u00efve\n".encode("cp1252"))
    doc = _one(path)
    assert isinstance(doc, RawDoc)
    assert "Caf\u00e9 owners \u201cworried\u201d" in doc.text and "\u2013 na\u00efve" in doc.text


@pytest.mark.parametrize("codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_with_bom_is_read(tmp_path, codec, bom):
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + GOOD.replace("again", "again \u2014 \u00e9t\u00e9").encode(codec))
    doc = _one(path)
    assert isinstance(doc, RawDoc) and "again \u2014 \u00e9t\u00e9" in doc.text and BODY in doc.text
    (art,) = clean_documents([doc])
    assert isinstance(art, Article) and art.text == BODY
    assert art.title == "Pier opening delayed again \u2014 \u00e9t\u00e9"


def test_utf16_jsonl_is_read(tmp_path):
    path = tmp_path / "wide.jsonl"
    path.write_bytes(b"\xff\xfe" + (json.dumps({"text": BODY}) + "\n").encode("utf-16-le"))
    doc = _one(path)
    assert isinstance(doc, RawDoc) and doc.text == BODY


def test_jsonl_with_one_malformed_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "1", "text": BODY}),
        '{"id": "2", "text": "unterminated',
        json.dumps({"id": "3", "text": BODY.replace("Monday", "Friday")}),
        json.dumps({"id": "4", "title": "no text here"}),
        json.dumps(["not", "an", "object"]),
    ]) + "\n", encoding="utf-8")
    out = list(read_paths([path]))
    assert [type(o).__name__ for o in out] == ["RawDoc", "Rejection", "RawDoc", "Rejection", "Rejection"]
    bad = out[1]
    assert bad.line == 2 and "malformed JSON" in bad.reason
    assert bad.message().startswith(f"{path}:2: ")
    assert (out[3].line, out[3].reason) == (4, NO_TEXT)
    assert out[4].line == 5
    assert [o.source_id for o in out if isinstance(o, RawDoc)] == ["1", "3"]


def test_dangling_symlink_is_unreadable(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing-target.txt")
    _rejected(link, "cannot read")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever the mode")
def test_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(GOOD)
    path.chmod(0)
    try:
        _rejected(path, "cannot read")
    finally:
        path.chmod(0o600)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_rejected_without_blocking(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    _rejected(path, "not a regular file")


def test_html_page_with_no_article(tmp_path):
    path = tmp_path / "index.html"
    path.write_text("<!DOCTYPE html><html><head><title>Section</title></head><body><nav><ul>"
                    "<li><a href='/'>Home</a></li><li><a href='/a'>Local</a></li><li><a href='/b'>Sport</a></li>"
                    "</ul></nav><footer><a href='/about'>About us</a></footer></body></html>")
    _rejected(path, "no article text found")


def test_file_over_the_size_limit_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # sparse: costs no disk space
        fh.truncate(100 * 1024 * 1024 + 1)

    def no_open(*args, **kwargs):
        raise AssertionError("an oversized file must be rejected before it is opened")

    monkeypatch.setattr("chorus.read.open", no_open, raising=False)
    _rejected(path, "file too large")


def test_size_limit_comes_from_settings(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD)
    _rejected(path, "file too large", Settings(max_file_bytes=10))
    assert isinstance(_one(path, Settings(max_file_bytes=10_000)), RawDoc)


def test_run_goes_on_past_every_bad_input(tmp_path):
    (tmp_path / "00-empty.txt").write_bytes(b"")
    (tmp_path / "01-binary.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "02-feed.jsonl").write_text('{"text": \n' + json.dumps({"text": BODY}) + "\n")
    (tmp_path / "03-gone.txt").symlink_to(tmp_path / "nowhere")
    (tmp_path / "04-index.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with open(tmp_path / "05-huge.txt", "wb") as fh:
        fh.truncate(100 * 1024 * 1024 + 1)
    (tmp_path / "06-good.txt").write_text(GOOD)
    out = list(read_paths([tmp_path]))
    docs = [o for o in out if isinstance(o, RawDoc)]
    rejected = [o for o in out if isinstance(o, Rejection)]
    assert [Path(d.path).name for d in docs] == ["02-feed.jsonl", "06-good.txt"]
    assert [Path(r.path).name for r in rejected] == [
        "00-empty.txt", "01-binary.bin", "02-feed.jsonl", "03-gone.txt", "04-index.html", "05-huge.txt"]
    assert rejected[2].line == 1
    arts = clean_documents(docs)
    assert all(isinstance(a, Article) for a in arts)


def test_a_reader_bug_on_one_file_becomes_its_rejection(tmp_path, monkeypatch):
    import chorus.read.jsonl as jsonl_reader

    def broken(name, text):
        raise KeyError("surprise")
        yield  # pragma: no cover

    monkeypatch.setattr(jsonl_reader, "read_jsonl", broken)
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": BODY}) + "\n")
    (tmp_path / "b.txt").write_text(GOOD)
    out = list(read_paths([tmp_path]))
    assert isinstance(out[0], Rejection) and "could not read" in out[0].reason and out[0].path.endswith("a.jsonl")
    assert isinstance(out[1], RawDoc)
