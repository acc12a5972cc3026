"""The autoencoder's epoch losses and NMS's zero-area boxes are graded by value: the bugs the
old cases let through now lose points, on the cases written for them."""

from __future__ import annotations

import sys

import numpy as np
import pytest
import torch

import reference as ref
from grader.core.bank import load_bank
from grader.core.engine import Engine

BANK = load_bank()


@pytest.fixture(scope="module")
def engine():
    with Engine(bank=BANK) as shared:
        yield shared


def _failing(engine: Engine, exercise_id: str, mutant: str, hidden: bool) -> set[str]:
    exercise = BANK[exercise_id]
    text = (exercise.path / "mutants" / mutant).read_text()
    result = engine.grade(exercise, text, mutant, hidden=hidden, seed=7)
    assert result.status in ("failed", "passed"), result.message
    return {c.name for c in result.cases if not c.passed}


def _autoencoder_cases():
    return BANK["autoencoder"].load_cases()  # the case module, for its trusted helpers


def test_a_frozen_model_gives_the_full_data_mse_whatever_the_shuffle():
    module = sys.modules[_autoencoder_cases().cases[0].function.__module__]
    rng = np.random.default_rng(3)
    weights = module._fixed_weights(rng)
    X = (rng.random((150, 64))).astype(np.float32)
    losses = module._reference_losses(weights, X, 2, module.FROZEN_LR)
    namespace = {"np": np, "torch": torch}
    exec(module.FIXED_MODEL, namespace)
    model = namespace["fixed_autoencoder"](weights)
    with torch.no_grad():
        full = float(((model(torch.tensor(X)) - torch.tensor(X)) ** 2).mean())
    assert losses == pytest.approx([full, full], rel=module.LOSS_RTOL / 10)
    batches = np.array_split(np.arange(150), [64, 128])
    with torch.no_grad():
        per_batch = [
            float(((model(torch.tensor(X[b])) - torch.tensor(X[b])) ** 2).mean()) for b in batches
        ]
    unweighted = float(np.mean(per_batch))
    assert abs(unweighted - full) > 100 * module.LOSS_RTOL * full  # the bug is visible


@pytest.mark.parametrize(
    "mutant", ["unweighted_batch_mean.py", "no_accumulation.py", "divides_by_batch_size.py"]
)
def test_autoencoder_loss_bugs_fail_the_frozen_case(engine, mutant):
    failing = _failing(engine, "autoencoder", mutant, hidden=False)
    assert failing == {"frozen_epoch_losses"}


@pytest.mark.parametrize("hidden", [False, True])
def test_unguarded_iou_drops_a_duplicate_zero_area_box(engine, hidden):
    failing = _failing(engine, "nms", "unguarded_iou.py", hidden=hidden)
    assert failing == ({"zero_area_visible", "zero_area"} if hidden else {"zero_area_visible"})


def test_duplicate_zero_area_boxes_are_all_kept_by_the_reference():
    boxes = [[5, 5, 5, 5], [5, 5, 5, 5], [1, 2, 6, 2], [1, 2, 6, 2], [0, 0, 10, 10]]
    assert ref.nms(boxes, [0.9, 0.8, 0.7, 0.6, 0.5], 0.0).tolist() == [0, 1, 2, 3, 4]
