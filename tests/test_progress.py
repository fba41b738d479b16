"""The CLI's progress bar and end-of-run table."""

from __future__ import annotations

import io

from chorus.progress import Progress, format_table, track


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_tty_and_ends_the_line(monkeypatch):
    monkeypatch.delenv("CHORUS_NO_PROGRESS", raising=False)
    out = _Tty()
    with Progress(4, "reading", stream=out, fps=0) as p:
        for _ in range(4):
            p.advance()
    text = out.getvalue()
    assert text.startswith("\rreading [") and text.endswith("\n")
    assert "4/4 100%" in text and "1/4  25%" in text


def test_progress_is_silent_when_not_a_tty_or_quiet(monkeypatch):
    monkeypatch.delenv("CHORUS_NO_PROGRESS", raising=False)
    pipe = io.StringIO()
    assert list(track(range(5), "x", stream=pipe)) == [0, 1, 2, 3, 4]
    assert pipe.getvalue() == ""
    tty = _Tty()
    assert list(track(range(5), "x", stream=tty, quiet=True)) == [0, 1, 2, 3, 4]
    assert tty.getvalue() == ""
    monkeypatch.setenv("CHORUS_NO_PROGRESS", "1")
    assert not Progress(3, stream=_Tty()).enabled


def test_progress_without_total_counts():
    p = Progress(None, "events", stream=io.StringIO(), enabled=True)
    p.advance(3)
    assert p.line().startswith("events 3 done")


def test_table_aligns_numbers_right_and_text_left():
    t = format_table(["stage", "items", "time"], [["read", "1,204", "2.5s"], ["cluster", 17, "0.3s"]],
                     title="chorus digest")
    lines = t.split("\n")
    assert lines[0] == "chorus digest"
    assert lines[1] == "stage    items  time"
    assert lines[2] == "-------  -----  ----"
    assert lines[3] == "read     1,204  2.5s"
    assert lines[4] == "cluster     17  0.3s"
