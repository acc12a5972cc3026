"""Cases for adam: Adam.step updates the caller's arrays in place and matches the reference
(which matches torch.optim.Adam step for step) over long runs, tiny gradients (eps placement),
bias correction and keys that appear late.

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

CLASS = "Adam"
REFERENCE = ref.Adam

EXAMPLE = dict(lr=0.1, betas=(0.9, 0.999), eps=1e-8)
TYPICAL = dict(lr=0.01, betas=(0.9, 0.999), eps=1e-8)
OTHER = dict(lr=0.05, betas=(0.5, 0.9), eps=1e-6)
QUADRATIC = dict(lr=0.05, betas=(0.9, 0.999), eps=1e-8)

OPTIMIZER = Optimizer(CLASS, REFERENCE, EXAMPLE, TYPICAL, OTHER, QUADRATIC)
standard_cases(OPTIMIZER)


defaults_case(
    OPTIMIZER,
    description={
        "en": "the defaults: Adam() is Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-8)",
        "ko": "기본값: Adam()은 Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-8)",
    },
)


@case(
    points=2,
    hidden=True,
    description={
        "en": "200 steps with other betas: bias correction all along",
        "ko": "다른 betas로 200단계: 처음부터 끝까지 편향 보정",
    },
)
def long_run(t):
    shapes = {"W": (4, 3), "b": (3,)}
    beta1, beta2 = [(0.8, 0.99), (0.5, 0.9), (0.95, 0.9999)][int(t.rng.integers(0, 3))]
    run = OPTIMIZER.run(
        t,
        params(t.rng, shapes),
        lr=float(t.rng.uniform(0.002, 0.02)),
        betas=(beta1, beta2),
        eps=1e-8,
    )
    run.stages(t.rng, shapes, [(1, 1.0), (99, 2.0), (100, 0.3)])


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
    run = OPTIMIZER.run(t, params(t.rng, shapes), lr=0.01, betas=(0.9, 0.999), eps=1e-8)
    run.stages(t.rng, shapes, [(1, 1e-6), (199, 1e-6)])
