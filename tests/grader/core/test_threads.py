"""The trusted side computes expected outputs on one thread, and restores the caller's pools."""

from __future__ import annotations

import numpy as np
import torch
from threadpoolctl import threadpool_info

from grader.core.registry import CaseSpec
from grader.core.suite import CaseSuite
from grader.core.threads import single_thread


def _pool_threads() -> set[int]:
    return {pool["num_threads"] for pool in threadpool_info()}


def test_single_thread_limits_every_pool_and_restores_them():
    np.dot(np.ones((64, 64)), np.ones((64, 64)))  # BLAS loaded
    torch.set_num_threads(2)
    before = threadpool_info()
    with single_thread():
        assert _pool_threads() == {1}
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == 2
    assert [p["num_threads"] for p in threadpool_info()] == [p["num_threads"] for p in before]


def test_building_a_suite_runs_the_case_code_on_one_thread():
    seen = {}

    def probe(t):
        seen["pools"], seen["torch"] = _pool_threads(), torch.get_num_threads()
        t.expect_exact(t.call("f", 1), 1)

    suite = CaseSuite("threads", [CaseSpec("probe", probe, 1.0, False, "")])
    suite.build(hidden=False, seed=None)
    assert seen == {"pools": {1}, "torch": 1}
