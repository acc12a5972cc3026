"""Cases for rmsprop: RMSProp.step updates the caller's arrays in place and matches the reference
(which matches torch.optim.RMSprop step for step) over long runs, tiny gradients (eps placement),
the weight of alpha and keys that appear late.

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

CLASS = "RMSProp"
REFERENCE = ref.RMSProp

EXAMPLE = dict(lr=0.01, alpha=0.99, eps=1e-8)
TYPICAL = dict(lr=0.01, alpha=0.9, eps=1e-8)
OTHER = dict(lr=0.001, alpha=0.5, eps=1e-6)
QUADRATIC = dict(lr=0.02, alpha=0.99, eps=1e-8)

OPTIMIZER = Optimizer(CLASS, REFERENCE, EXAMPLE, TYPICAL, OTHER, QUADRATIC)
standard_cases(OPTIMIZER)


defaults_case(
    OPTIMIZER,
    description={
        "en": "the defaults: RMSProp() is RMSProp(lr=0.01, alpha=0.99, eps=1e-8)",
        "ko": "기본값: RMSProp()은 RMSProp(lr=0.01, alpha=0.99, eps=1e-8)",
    },
)


@case(
    points=2,
    hidden=True,
    description={
        "en": "200 steps, several alphas: the average forgets at rate 1 - alpha",
        "ko": "200단계, 여러 alpha: 평균은 1 - alpha의 비율로 잊음",
    },
)
def long_run(t):
    shapes = {"W": (4, 3), "b": (3,)}
    alpha = [0.9, 0.99, 0.5][int(t.rng.integers(0, 3))]
    run = OPTIMIZER.run(
        t,
        params(t.rng, shapes),
        lr=float(t.rng.uniform(0.001, 0.01)),
        alpha=alpha,
        eps=1e-8,
    )
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
    run = OPTIMIZER.run(t, params(t.rng, shapes), lr=0.001, alpha=0.99, eps=1e-8)
    run.stages(t.rng, shapes, [(1, 1e-6), (199, 1e-6)])
