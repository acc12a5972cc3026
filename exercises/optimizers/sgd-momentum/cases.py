"""Cases for sgd-momentum: SGD.step updates the caller's arrays in place and matches the reference
(which matches torch.optim.SGD with momentum step for step): the buffer starts as the first
gradient, no dampening, state per key, the gradient arrays left alone.

The cases every optimizer shares live in ``exercises/_casekit/optimizers.py``.
"""

import reference as ref
from exercises._casekit.optimizers import Optimizer, params, standard_cases
from grader.authoring import case

RTOL = 1e-7
ATOL = 1e-10

CLASS = "SGD"
REFERENCE = ref.SGD

EXAMPLE = dict(lr=0.1, momentum=0.9)
TYPICAL = dict(lr=0.01, momentum=0.9)
OTHER = dict(lr=0.05, momentum=0.5)
QUADRATIC = dict(lr=0.05, momentum=0.8)

OPTIMIZER = Optimizer(CLASS, REFERENCE, EXAMPLE, TYPICAL, OTHER, QUADRATIC)
standard_cases(OPTIMIZER)


@case(
    points=1,
    description={
        "en": "the defaults: SGD() is plain SGD with lr=0.01; momentum=0 is plain SGD",
        "ko": "기본값: SGD()는 lr=0.01인 기본 SGD이고 momentum=0도 기본 SGD",
    },
)
def defaults(t):
    shapes = {"w": (4,)}
    run = OPTIMIZER.run(t, params(t.rng, shapes))
    run.stages(t.rng, shapes, [(10, 1.0, {"en": " (the defaults)", "ko": " (기본값)"})])
    plain = OPTIMIZER.run(t, params(t.rng, shapes), lr=0.1, momentum=0.0)
    plain.stages(t.rng, shapes, [(10, 1.0, " (w <- w - lr * g)")])


@case(
    points=2,
    hidden=True,
    description={
        "en": "200 steps with several momenta and learning rates",
        "ko": "여러 모멘텀과 학습률로 200단계",
    },
)
def long_run(t):
    shapes = {"W": (4, 3), "b": (3,)}
    momentum = [0.5, 0.9, 0.99][int(t.rng.integers(0, 3))]
    run = OPTIMIZER.run(
        t,
        params(t.rng, shapes),
        lr=float(t.rng.uniform(0.001, 0.01)),
        momentum=momentum,
    )
    run.stages(t.rng, shapes, [(1, 1.0), (99, 3.0), (100, 0.1)])


@case(
    points=1,
    hidden=True,
    description={
        "en": "the first step of each key moves by lr * g (buffer = g)",
        "ko": "키마다 첫 단계는 lr * g만큼 이동 (buffer = g)",
    },
)
def first_step(t):
    shapes = {"w": (3,), "b": (2,)}
    run = OPTIMIZER.run(t, params(t.rng, shapes), lr=0.1, momentum=0.9)
    run.stages(t.rng, shapes, [(1, 2.0), (1, 2.0)])
