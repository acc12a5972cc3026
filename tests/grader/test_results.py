"""Result documents: what a learner's text looks like once made printable."""

from __future__ import annotations

import pytest

from grader.results import printable


@pytest.mark.parametrize(
    "text, shown",
    [
        ("\x1b[32mPASSED\x1b[0m", "PASSED"),
        ("progress 10%\rprogress 100%", "progress 10%\nprogress 100%"),
        ("line\r\nnext", "line\nnext"),
        ("a\x1b]0;window title\x07b", "ab"),
        ("a\x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\", "alink"),
        ("\x9b31mred", "red"),
        ("\x1bc\x1b(B\x1b7\x1b8", ""),
        ("NUL\x00 BEL\x07 BS\x08 DEL\x7f", "NUL BEL BS DEL"),
        ("rtl\u202eoverride\u2066isolate\u2069", "rtloverrideisolate"),
        ("tabs\tand\nnewlines stay, 한국어 too", "tabs\tand\nnewlines stay, 한국어 too"),
        ("\x1b[", ""),
        ("no\xa0break, a\u2028separator\x1b[0m", "no\xa0break, a\u2028separator"),
    ],
)
def test_printable_removes_escapes_and_controls_only(text, shown):
    assert printable(text) == shown
