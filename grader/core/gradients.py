"""Gradient checking: central differences on the trusted side and the verdict on a learner's
analytic gradient.

For a scalar function :math:`f` and a parameter :math:`x`, the reference gradient is
:math:`(f(x + h e_j) - f(x - h e_j)) / 2h` for each element :math:`j`. The learner's gradient
passes when :math:`\\max_j |g_j - \\hat g_j| / \\max(\\max|g|, \\max|\\hat g|, 10^{-8}) \\le` rtol.
When it fails and the learner's own forward was probed too, the diagnosis says which half is
wrong: the backward pass (their forward agrees with the reference), the forward pass (their
gradient agrees with differences of their own forward), or both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from grader.core.messages import Message, msg
from grader.core.outcomes import CheckResult, Outcome


def central_differences(
    f: Callable[..., float], at: list[np.ndarray], index: int, h: float
) -> np.ndarray:
    gradient = np.zeros_like(at[index])
    for j in range(at[index].size):
        plus = [a.copy() for a in at]
        minus = [a.copy() for a in at]
        plus[index].flat[j] += h
        minus[index].flat[j] -= h
        gradient.flat[j] = (float(f(*plus)) - float(f(*minus))) / (2 * h)
    return gradient


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> tuple[float, tuple]:
    scale = max(
        float(np.max(np.abs(numeric), initial=0.0)),
        float(np.max(np.abs(analytic), initial=0.0)),
        1e-8,
    )
    difference = np.abs(analytic - numeric)
    worst = (
        np.unravel_index(int(np.argmax(difference)), difference.shape) if difference.size else ()
    )
    return float(np.max(difference, initial=0.0)) / scale, tuple(int(i) for i in worst)


def gradient_evaluator(
    reference_fd: list[np.ndarray],
    names: list[str],
    n_params: int,
    h: float,
    rtol: float,
    has_learner_forward: bool,
) -> Callable[[list[Outcome]], CheckResult]:
    """The check of a gradient case: ``outcomes[0]`` holds the learner's gradients, one per
    name; with ``has_learner_forward`` the following outcomes are the learner's own loss at
    ``x + h`` and ``x - h`` for each element of each parameter, in order, to say whether the
    forward or the backward pass is wrong."""

    def evaluate(outcomes: list[Outcome]) -> CheckResult:
        grads = outcomes[0].value
        if n_params == 1 and not isinstance(grads, tuple | list):
            grads = (grads,)
        if not isinstance(grads, tuple | list) or len(grads) != n_params:
            return CheckResult.of(
                False,
                msg(
                    "gradient.not_tuple", n=n_params, names=", ".join(names), actual=kind_of(grads)
                ),
            )
        learner_fd = _learner_fd(outcomes[1:], reference_fd, h) if has_learner_forward else None
        for i, name in enumerate(names):
            failure = _parameter_failure(name, grads[i], reference_fd[i], rtol, learner_fd, i)
            if failure is not None:
                return failure
        return CheckResult.of(True, msg("gradient.ok"))

    return evaluate


def _learner_fd(
    losses: list[Outcome], reference_fd: list[np.ndarray], h: float
) -> list[np.ndarray] | None:
    """Central differences of the learner's own forward pass, shaped like each parameter;
    ``None`` when its losses are not numbers."""
    try:
        values = np.array([o.value for o in losses], dtype=float)
        learner_fd = []
        position = 0
        for ref in reference_fd:
            pairs = values[position : position + 2 * ref.size].reshape(-1, 2)
            learner_fd.append(((pairs[:, 0] - pairs[:, 1]) / (2 * h)).reshape(ref.shape))
            position += 2 * ref.size
    except (TypeError, ValueError):
        return None
    return learner_fd


def _parameter_failure(
    name: str,
    value: Any,
    reference: np.ndarray,
    rtol: float,
    learner_fd: list[np.ndarray] | None,
    i: int,
) -> CheckResult | None:
    """``None`` when parameter ``i``'s gradient agrees with finite differences within ``rtol``;
    else the failed check, diagnosed with the learner's own finite differences if known."""
    try:
        analytic = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return CheckResult.of(False, msg("gradient.not_numeric", name=name))
    if analytic.shape != reference.shape:
        shapes = {"actual": str(analytic.shape), "expected": str(reference.shape)}
        return CheckResult.of(False, msg("gradient.shape", name=name, **shapes))
    error, worst = relative_error(analytic, reference)
    if error <= rtol and np.all(np.isfinite(analytic)):
        return None
    detail = {
        "kind": "gradient",
        "parameter": name,
        "relative_error": error,
        "worst_index": list(worst),
        "analytic": float(analytic[worst]) if analytic.size else None,
        "finite_differences": float(reference[worst]) if analytic.size else None,
    }
    diagnosis = "hint.none"
    if learner_fd is not None:
        own_error, _ = relative_error(learner_fd[i], reference)
        if own_error <= 1e-4:
            diagnosis = "gradient.backward"
        else:
            consistent, _ = relative_error(analytic, learner_fd[i])
            diagnosis = "gradient.forward" if consistent <= 1e-4 else "gradient.both"
    message = msg(
        "gradient.wrong",
        name=name,
        error=f"{error:.3g}",
        index=str(worst),
        analytic=f"{detail['analytic']:.6g}",
        numeric=f"{detail['finite_differences']:.6g}",
        diagnosis=msg(diagnosis),
    )
    return CheckResult.of(False, message, detail)


def kind_of(value: Any) -> Message:
    if isinstance(value, np.ndarray):
        return msg("kind.array_shape", shape=str(value.shape))
    return msg("kind.type", type=type(value).__name__)
