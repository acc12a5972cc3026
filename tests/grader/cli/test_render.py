"""Terminal rendering: learner text never carries escape sequences to the terminal."""

from __future__ import annotations

import io

from rich.console import Console

from grader.cli.render import render_result
from grader.core.results import CaseResult, GradeResult


def test_escape_sequences_in_learner_text_never_reach_the_terminal():
    fake = "\x1b[2J\x1b[H\x1b[1;32mPASSED 3/3\x1b[0m"
    result = GradeResult("double-it", "1", "failed", 0.0, 3.0, None)
    result.message = "raised ValueError: " + fake
    result.output = fake + "\roverwritten\x07\x9b2J"
    result.traceback = "ValueError: \x1b]0;owned\x07" + fake
    result.notes = ["dropped `%magic \x1b[31m`"]
    result.cases = [CaseResult("small", "doubles", 0.0, 3.0, False, False, "got " + fake)]
    stream = io.StringIO()
    render_result(Console(file=stream, color_system=None, width=120), result)
    text = stream.getvalue()
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "PASSED 3/3" in text and "overwritten" in text
