"""The CLI is a thin face: every command has help text with an example."""

import subprocess
import sys

import pytest

from chorus.cli import BENCHES, build_parser


def run(*args):
    return subprocess.run([sys.executable, "-m", "chorus", *args], capture_output=True, text=True, timeout=120)


def test_top_level_help_shows_an_example_for_each_command():
    out = run("--help")
    assert out.returncode == 0
    for cmd in ["chorus digest ", "chorus serve ", "chorus bench ingest", "chorus bench cluster",
                "chorus bench summarize"]:
        assert cmd in out.stdout


@pytest.mark.parametrize("cmd", [["digest"], ["serve"], ["bench"]] + [["bench", b] for b in BENCHES])
def test_every_command_has_help_with_an_example(cmd):
    out = run(*cmd, "--help")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    heads = [i for i, line in enumerate(lines) if line.strip() in ("example:", "examples:")]
    assert heads, out.stdout
    assert lines[heads[-1] + 1].strip().startswith("chorus ")


def test_parser_builds_without_side_effects():
    args = build_parser().parse_args(["digest", "a.txt", "--db", "x.db"])
    assert args.paths == ["a.txt"] and args.db == "x.db"


def test_serve_without_a_store_says_so(tmp_path):
    out = run("serve", "--db", str(tmp_path / "missing.db"))
    assert out.returncode == 2 and "missing.db" in out.stderr
