"""Reading a submission file on the trusted side: regular files only, size first, bounded."""

from __future__ import annotations

import os
import time

import pytest

from grader.core.source import MAX_SOURCE_BYTES, read_submission
from grader.exceptions import SubmissionError


def test_a_regular_file_and_a_link_to_one_are_read(tmp_path):
    path = tmp_path / "sub.py"
    path.write_bytes(b"x = 1\n")
    (tmp_path / "link.py").symlink_to(path)
    assert read_submission(path) == b"x = 1\n"
    assert read_submission(tmp_path / "link.py") == b"x = 1\n"


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path):
    path = tmp_path / "sub.py"
    path.write_bytes(b"#" * MAX_SOURCE_BYTES)
    assert len(read_submission(path)) == MAX_SOURCE_BYTES
    path.write_bytes(b"#" * (MAX_SOURCE_BYTES + 1))
    with pytest.raises(SubmissionError, match="limited to 512 KiB"):
        read_submission(path)


def test_a_fifo_is_refused_at_once(tmp_path):
    path = tmp_path / "sub.py"
    os.mkfifo(path)
    started = time.monotonic()
    with pytest.raises(SubmissionError, match=r"named pipe \(FIFO\)"):
        read_submission(path)
    assert time.monotonic() - started < 5  # it never waits for a writer


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_without_reading(device, tmp_path):
    link = tmp_path / "sub.py"
    link.symlink_to(device)
    with pytest.raises(SubmissionError, match="character device"):
        read_submission(link)


def test_a_directory_and_a_missing_file_are_named(tmp_path):
    with pytest.raises(SubmissionError, match="is a directory"):
        read_submission(tmp_path)
    with pytest.raises(SubmissionError, match="No such file"):
        read_submission(tmp_path / "missing.py")
