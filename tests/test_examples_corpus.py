"""The demo corpus and its expectations stay true of each other."""

import runpy
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_expected_string_is_in_its_file(capsys):
    mod = runpy.run_path(str(REPO / "scripts" / "check_expected.py"))
    assert mod["main"]() == 0, capsys.readouterr().out


def test_examples_hold_only_articles():
    # `chorus digest examples/` reads everything below it: no docs or tools in there.
    names = [p.name for p in (REPO / "examples").rglob("*") if p.is_file()]
    assert names and not [n for n in names if n.endswith((".py", ".md", ".json"))]
