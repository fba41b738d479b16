"""The CLI's progress bar and the end-of-run table formatter."""

from __future__ import annotations

import io

from chorus.progress import ProgressBar, format_table


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_only_on_a_terminal():
    tty = _Tty()
    bar = ProgressBar(stream=tty)
    bar.update("read", 4, 4)
    assert "read" in tty.getvalue() and "4/4" in tty.getvalue()
    bar.close()
    pipe = io.StringIO()
    bar = ProgressBar(stream=pipe)
    bar.update("read", 4, 4)
    bar.close()
    assert pipe.getvalue() == ""
    quiet = _Tty()
    bar = ProgressBar(stream=quiet, enabled=False)
    bar.update("read", 1, 4)
    assert quiet.getvalue() == ""


def test_table_aligns_numbers_right_and_text_left():
    t = format_table(["stage", "items", "time"], [["read", "1,204", "2.5s"], ["cluster", 17, "0.3s"]],
                     title="chorus digest")
    lines = t.split("\n")
    assert lines[0] == "chorus digest"
    assert lines[1] == "stage    items  time"
    assert lines[2] == "-------  -----  ----"
    assert lines[3] == "read     1,204  2.5s"
    assert lines[4] == "cluster     17  0.3s"
    assert format_table(["a"], [["x"], ["y"]]).split("\n")[2:] == ["x", "y"]
