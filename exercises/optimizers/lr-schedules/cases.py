"""Cases for lr-schedules: step_decay and exponential_decay, as torch's StepLR and ExponentialLR.

A schedule is read over many epochs through one trusted helper run in the sandbox (``SCHEDULE``),
so a list of 60 epochs is one probe; the list is compared element by element (the feedback
names the first wrong position in the list of epochs).
"""

import numpy as np

import reference as ref
from grader.authoring import case

RTOL = 1e-9
ATOL = 0.0

SCHEDULE = '''
def schedule(f, lr0, epochs, *args, **kwargs):
    """The learning rates f(lr0, epoch, *args, **kwargs) for each epoch of ``epochs`` (NumPy
    scalars travel as scalars: no conversion needed)."""
    return [f(lr0, int(epoch), *args, **kwargs) for epoch in epochs]
'''


def _expect_step(t, lr0, epochs, step_size, gamma=None):
    epochs = [int(e) for e in epochs]
    kwargs = {} if gamma is None else {"gamma": gamma}
    shown = (
        f"step_decay({lr0!r}, epoch, {step_size!r}"
        + ("" if gamma is None else f", gamma={gamma!r}")
        + f") for epoch in {_epochs(epochs)}"
    )
    t.expect_close(
        t.code(SCHEDULE, "schedule")(t.name("step_decay"), lr0, epochs, step_size, **kwargs),
        [ref.step_decay(lr0, e, step_size, **kwargs) for e in epochs],
        name=shown,
    )


def _expect_exponential(t, lr0, epochs, gamma):
    epochs = [int(e) for e in epochs]
    shown = f"exponential_decay({lr0!r}, epoch, {gamma!r}) for epoch in {_epochs(epochs)}"
    t.expect_close(
        t.code(SCHEDULE, "schedule")(t.name("exponential_decay"), lr0, epochs, gamma),
        [ref.exponential_decay(lr0, e, gamma) for e in epochs],
        name=shown,
    )


def _epochs(epochs):
    if epochs == list(range(epochs[0], epochs[-1] + 1)):
        return f"{epochs[0]}..{epochs[-1]}"
    return repr(epochs)


@case(
    points=1,
    description={
        "en": "step decay by 0.5 every 2 epochs (the worked example)",
        "ko": "2 에포크마다 0.5배로 계단식 감소 (풀이 예시)",
    },
)
def step_decay_example(t):
    _expect_step(t, 1.0, range(6), 2, gamma=0.5)


@case(
    points=1,
    description={
        "en": "step decay with the default gamma = 0.1",
        "ko": "기본값 gamma = 0.1로 계단식 감소",
    },
)
def default_gamma(t):
    _expect_step(t, 0.5, range(10), 3)


@case(
    points=1,
    description={
        "en": "exponential decay by 0.9 per epoch (the worked example)",
        "ko": "에포크마다 0.9배로 지수 감소 (풀이 예시)",
    },
)
def exponential_example(t):
    _expect_exponential(t, 0.1, range(6), 0.9)


@case(
    points=1,
    description={
        "en": "epoch 0 trains with lr0; the first decay is at epoch step_size",
        "ko": "에포크 0은 lr0로 학습하고 첫 감소는 에포크 step_size에서",
    },
)
def first_decay(t):
    _expect_step(t, 0.01, [0, 3, 4, 5, 9, 10], 5, gamma=0.5)
    _expect_exponential(t, 0.01, [0, 1], 0.5)


@case(
    points=2,
    hidden=True,
    description={
        "en": "random lr0, step_size and gamma over 60 epochs",
        "ko": "60 에포크 동안 무작위 lr0, step_size, gamma",
    },
)
def random_step_schedules(t):
    for _ in range(3):
        lr0 = float(10 ** t.rng.uniform(-4, 0))
        step_size = int(t.rng.integers(1, 11))
        gamma = float([0.1, 0.5, t.rng.uniform(0.05, 0.99)][int(t.rng.integers(0, 3))])
        _expect_step(t, lr0, range(60), step_size, gamma=gamma)


@case(
    points=1,
    hidden=True,
    description={
        "en": "just before and at each multiple of step_size",
        "ko": "step_size의 각 배수 직전과 그 배수에서",
    },
)
def boundaries(t):
    step_size = int(t.rng.integers(2, 9))
    epochs = sorted({k * step_size + d for k in range(1, 6) for d in (-1, 0, 1)})
    _expect_step(t, float(t.rng.uniform(0.01, 1.0)), epochs, step_size, gamma=0.3)


@case(
    points=2,
    hidden=True,
    description={
        "en": "random exponential schedules up to epoch 300",
        "ko": "에포크 300까지 무작위 지수 스케줄",
    },
)
def random_exponential(t):
    for _ in range(2):
        lr0 = float(10 ** t.rng.uniform(-4, 0))
        gamma = float(t.rng.uniform(0.8, 0.999))
        epochs = [0, 1, 2, 3, 7, 10, 50, 100, 199, 299]
        _expect_exponential(t, lr0, epochs, gamma)


@case(
    points=1,
    hidden=True,
    description={
        "en": "step_size = 1 is exponential decay; gamma = 1 is constant",
        "ko": "step_size = 1이면 지수 감소, gamma = 1이면 상수",
    },
)
def special_values(t):
    lr0 = float(t.rng.uniform(0.01, 1.0))
    gamma = float(t.rng.uniform(0.5, 0.95))
    _expect_step(t, lr0, range(12), 1, gamma=gamma)
    _expect_step(t, lr0, range(12), 4, gamma=1.0)
    _expect_exponential(t, lr0, range(12), 1.0)


@case(points=1, hidden=True, description={"en": "the rates are floats", "ko": "학습률은 float"})
def returns_floats(t):
    lr0 = float(t.rng.uniform(0.01, 1.0))
    values = t.code(SCHEDULE, "schedule")(t.name("step_decay"), lr0, [0, 5], 2, gamma=0.5)
    t.expect_property(
        values,
        lambda v: (
            all(isinstance(x, float | np.floating) for x in v) or "step_decay should return a float"
        ),
        name="step_decay's return type",
    )
    values = t.code(SCHEDULE, "schedule")(t.name("exponential_decay"), lr0, [0, 5], 0.5)
    t.expect_property(
        values,
        lambda v: (
            all(isinstance(x, float | np.floating) for x in v)
            or "exponential_decay should return a float"
        ),
        name="exponential_decay's return type",
    )
