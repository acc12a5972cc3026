"""The slot cgroup's bookkeeping between jobs: limits written only when they change, the
shared-memory baseline read once and again after a job that kept some."""

from __future__ import annotations

import itertools
import os
import uuid

import pytest

from grader.sandbox.cgroups import SlotCgroup
from tests.services import service_missing


@pytest.fixture
def slot():
    if os.geteuid() != 0:  # as .ci/run is; elsewhere the sandbox reports the measure missing
        service_missing("cgroups need root")
    try:
        cgroup = SlotCgroup(f"test-{uuid.uuid4().hex[:8]}")
    except OSError as exc:
        service_missing(f"no writable cgroup hierarchy: {exc}")
    yield cgroup
    cgroup.remove()


def _memory_limit(slot: SlotCgroup) -> int:
    name = "memory.max" if slot.version == 2 else "memory.limit_in_bytes"
    return int((slot.memory_dir / name).read_text())


def _pids_limit(slot: SlotCgroup) -> int:
    return int((slot.pids_dir / "pids.max").read_text())


def test_limits_are_written_when_they_change_and_only_then(slot):
    slot.configure(256 << 20, 8)
    assert (_memory_limit(slot), _pids_limit(slot)) == (256 << 20, 9)  # the zygote counts
    slot.configure(1024 << 20, 32)
    assert (_memory_limit(slot), _pids_limit(slot)) == (1024 << 20, 33)
    # the same limits again: nothing is written (a value set behind its back stays)
    (slot.pids_dir / "pids.max").write_text("5")
    slot.configure(1024 << 20, 32)
    assert _pids_limit(slot) == 5
    slot.configure(256 << 20, 32)  # one limit changed: both are written
    assert (_memory_limit(slot), _pids_limit(slot)) == (256 << 20, 33)


def test_the_shared_memory_baseline_is_read_again_after_a_job_that_kept_some(slot, monkeypatch):
    readings = itertools.chain([0], itertools.repeat(4096))
    monkeypatch.setattr(slot, "shmem_bytes", lambda: next(readings))
    assert slot.shmem_baseline() == 0
    assert slot.shmem_baseline() == 0  # not read again
    assert not slot.wait_released(0, timeout_s=0.01)  # 4096 bytes stay charged
    assert slot.shmem_baseline() == 4096


def test_on_cgroup_v1_every_job_starts_its_own_memory_peak(tmp_path):
    """Files stand in for a v1 hierarchy: the limits are written once, the peak each time."""
    memory, pids = tmp_path / "memory", tmp_path / "pids"
    memory.mkdir()
    pids.mkdir()
    slot = object.__new__(SlotCgroup)
    slot.version, slot.dirs = 1, [memory, pids]
    slot._has_swap, slot._limits, slot._shmem_baseline = False, None, None
    for job in range(2):
        (memory / "memory.max_usage_in_bytes").write_text(str(300 << 20))  # the last job's
        (memory / "memory.limit_in_bytes").write_text("changed behind its back")
        slot.configure(256 << 20, 8)
        assert (memory / "memory.max_usage_in_bytes").read_text() == "0"
        limit = (memory / "memory.limit_in_bytes").read_text()
        assert limit == (str(256 << 20) if job == 0 else "changed behind its back")
    assert (pids / "pids.max").read_text() == "9"
