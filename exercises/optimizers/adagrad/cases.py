"""Cases for adagrad: AdaGrad.step updates the caller's arrays in place and matches the reference
(which matches torch.optim.Adagrad step for step) over long runs, tiny gradients (eps placement)
and keys that appear late.

The cases every optimizer shares live in ``exercises/_casekit/optimizers.py``.
"""

import reference as ref
from exercises._casekit.optimizers import (
    Optimizer,
    defaults_case,
    params,
    standard_cases,
)
from grader.authoring import case

RTOL = 1e-7
ATOL = 1e-10

CLASS = "AdaGrad"
REFERENCE = ref.AdaGrad

EXAMPLE = dict(lr=0.1, eps=1e-10)
TYPICAL = dict(lr=0.05, eps=1e-10)
OTHER = dict(lr=0.5, eps=1e-6)
QUADRATIC = dict(lr=0.5, eps=1e-10)

OPTIMIZER = Optimizer(CLASS, REFERENCE, EXAMPLE, TYPICAL, OTHER, QUADRATIC)
standard_cases(OPTIMIZER)


defaults_case(
    OPTIMIZER,
    description={
        "en": "the defaults: AdaGrad() is AdaGrad(lr=0.01, eps=1e-10)",
        "ko": "기본값: AdaGrad()는 AdaGrad(lr=0.01, eps=1e-10)",
    },
)


@case(
    points=2,
    hidden=True,
    description={
        "en": "200 steps of gradients on different scales (the sum grows)",
        "ko": "스케일이 다른 기울기로 200단계 (합이 커짐)",
    },
)
def long_run(t):
    shapes = {"W": (4, 3), "b": (3,)}
    run = OPTIMIZER.run(t, params(t.rng, shapes), lr=float(t.rng.uniform(0.05, 0.5)), eps=1e-10)
    run.stages(t.rng, shapes, [(1, 1.0), (99, 3.0), (100, 0.1)])


@case(
    points=2,
    hidden=True,
    description={
        "en": "200 steps with gradients of 1e-6: eps goes outside the root",
        "ko": "기울기가 1e-6일 때 200단계: eps는 제곱근 밖에",
    },
)
def tiny_gradients(t):
    shapes = {"w": (5,), "v": (2, 2)}
    eps = [1e-10, 1e-8][int(t.rng.integers(0, 2))]
    run = OPTIMIZER.run(t, params(t.rng, shapes), lr=0.01, eps=eps)
    run.stages(t.rng, shapes, [(1, 1e-6), (199, 1e-6)])
