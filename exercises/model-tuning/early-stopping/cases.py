"""Cases for early-stopping: the exact patience rule (strict improvement by more than
min_delta, wait reset on improvement, stop once wait >= patience, 0-based epochs).

Losses that meet ``best - min_delta`` exactly are built from multiples of 1/8, which are exact
in binary floating point, so a tie really is a tie.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

# Epoch numbers are compared exactly.
RTOL = 0.0
ATOL = 0.0


def _expect(t, losses, patience, min_delta=None):
    args = (losses, patience) if min_delta is None else (losses, patience, min_delta)
    shown = f"patience={patience}" + ("" if min_delta is None else f", min_delta={min_delta}")
    t.expect_exact(
        t.call("early_stopping", *args),
        ref.early_stopping(*args),
        name=phrase(
            "(best_epoch, stop_epoch) with {shown}",
            "{shown}일 때의 (best_epoch, stop_epoch)",
            shown=shown,
        ),
    )


def _u_curve(rng, n):
    """A validation curve that falls, bottoms out and rises, with noise."""
    epochs = np.arange(n)
    bottom = rng.uniform(0.3, 0.7) * n
    curve = 1.0 + 0.002 * (epochs - bottom) ** 2 + rng.normal(scale=0.03, size=n)
    return [float(v) for v in np.round(curve, 4)]


@case(
    points=1,
    description={
        "en": "the worked example with patience 2 and 3",
        "ko": "patience 2와 3으로 푼 풀이 예시",
    },
)
def worked_example(t):
    losses = [1.0, 0.8, 0.9, 0.85, 0.7]
    _expect(t, losses, 2)
    _expect(t, losses, 3)


@case(
    points=1,
    description={
        "en": "min_delta: a loss exactly min_delta better is not an improvement",
        "ko": "min_delta: 정확히 min_delta만큼 좋아진 손실은 개선이 아님",
    },
)
def min_delta_visible(t):
    _expect(t, [2.0, 1.875, 1.75, 1.25], 2, 0.25)


@case(
    points=1,
    description={
        "en": "a loss that keeps falling never stops: (n - 1, n - 1)",
        "ko": "계속 줄어드는 손실은 멈추지 않음: (n - 1, n - 1)",
    },
)
def never_stops(t):
    _expect(t, [5.0, 4.0, 3.5, 3.0, 2.9, 2.8], 1)


@case(
    points=1,
    description={
        "en": "patience < 1 and an empty list raise ValueError",
        "ko": "patience < 1이거나 빈 리스트이면 ValueError",
    },
)
def bad_arguments_visible(t):
    t.expect_raises(
        t.call("early_stopping", [1.0, 0.5], 0),
        ValueError,
        name="early_stopping([1.0, 0.5], patience=0)",
    )
    t.expect_raises(
        t.call("early_stopping", [], 3), ValueError, name="early_stopping([], patience=3)"
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "noisy U-shaped validation curves, random patience",
        "ko": "잡음이 있는 U자 검증 곡선, 무작위 patience",
    },
)
def random_curves(t):
    for _ in range(4):
        losses = _u_curve(t.rng, int(t.rng.integers(15, 60)))
        _expect(t, losses, int(t.rng.integers(1, 7)), float(t.rng.choice([0.0, 0.0, 0.01])))


@case(
    points=2,
    hidden=True,
    description={
        "en": "ties with the best loss count as waiting",
        "ko": "최선의 손실과 같으면 기다린 것으로 셈",
    },
)
def ties(t):
    start = int(t.rng.integers(16, 40))
    plateau = [start / 8] * int(t.rng.integers(3, 6))
    losses = [(start + 8) / 8, *plateau, (start - 4) / 8, (start - 4) / 8, (start - 8) / 8]
    _expect(t, losses, 2)
    _expect(t, losses, len(plateau))
    _expect(t, losses, len(plateau) - 1)


@case(
    points=2,
    hidden=True,
    description={
        "en": "min_delta: small gains are not improvements, exact-min_delta gains neither",
        "ko": "min_delta: 작은 개선도, 정확히 min_delta만큼의 개선도 개선이 아님",
    },
)
def min_delta_hidden(t):
    base = int(t.rng.integers(40, 80))
    steps = [0, 1, 2, 2, 1, 1, 2, 3, 0, 2]  # decreases in eighths
    losses, level = [], base
    for step in steps:
        level -= step
        losses.append(level / 8)
    for patience in (2, 3):
        _expect(t, losses, patience, 0.25)
    _expect(t, np.array(losses), 3, 0.125)


@case(
    points=1,
    hidden=True,
    description={
        "en": "wait resets after every improvement (in a row)",
        "ko": "개선될 때마다 기다린 횟수를 초기화 (연속해서)",
    },
)
def wait_resets(t):
    n_cycles = int(t.rng.integers(3, 6))
    losses, level = [], 10.0
    for _ in range(n_cycles):
        losses += [level, level + 0.5]  # improve, then one bad epoch
        level -= 1.0
    _expect(t, losses, 2)
    _expect(t, [*losses, level + 5.0, level + 6.0], 2)


@case(
    points=1,
    hidden=True,
    description={
        "en": "patience 1 stops at the first non-improvement",
        "ko": "patience 1은 처음 개선되지 않을 때 멈춤",
    },
)
def patience_one(t):
    losses = _u_curve(t.rng, 30)
    _expect(t, losses, 1)


@case(
    points=1,
    hidden=True,
    description={
        "en": "bad patience values and empty input raise ValueError",
        "ko": "잘못된 patience 값과 빈 입력은 ValueError",
    },
)
def bad_arguments_hidden(t):
    losses = _u_curve(t.rng, 10)
    for patience in (0, -2):
        t.expect_raises(
            t.call("early_stopping", losses, patience), ValueError, name=f"patience={patience}"
        )
    t.expect_raises(
        t.call("early_stopping", [], 1), ValueError, name={"en": "an empty list", "ko": "빈 리스트"}
    )
