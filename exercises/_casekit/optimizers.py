"""Cases shared by the optimizer exercises (sgd-momentum, adagrad, rmsprop, adam).

Every optimizer has ``step(params, grads)`` updating the caller's arrays in place, with state
per key. The training loops run in the sandbox as trusted helper code (``LOOP``), so a
200-step run is one probe; the reference runs the same loop on copies here. Parameters are
checked through probes of the arrays taken *before* stepping: an update that rebinds
``params[key]`` instead of writing into the array leaves those arrays unchanged and fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.authoring import case, phrase, unchanged

LOOP = '''
def run_steps(opt, params, grads):
    """The grader's training loop: step i gets {key: grads[key][i]} (fresh arrays).

    Returns the keys whose array was replaced instead of updated in place."""
    before = dict(params)
    n = len(next(iter(grads.values())))
    for i in range(n):
        opt.step(params, {key: np.array(g[i], dtype=float) for key, g in grads.items()})
    return sorted(key for key in before if params[key] is not before[key])


def train_quadratic(opt, params, A, target, steps):
    """Minimise 0.5 * (w - target) @ A @ (w - target): gradients from the current point."""
    for _ in range(steps):
        opt.step(params, {"w": A @ (params["w"] - target)})


def copy_arrays(arrays):
    """The values of the arrays at this moment (later steps may change the arrays themselves)."""
    return {key: np.array(array, copy=True) for key, array in arrays.items()}
'''


def in_place(rebound: Any) -> bool | dict[str, str]:
    """The property: ``run_steps`` reports no rebound key."""
    if rebound == []:
        return True
    if isinstance(rebound, list) and rebound:
        return phrase(
            "step replaced params[{key}] by a new array instead of updating it: write into the "
            "array (params[key] -= update), the caller keeps references to its arrays",
            "step이 params[{key}]를 갱신하지 않고 새 배열로 바꿨습니다: 배열에 직접 쓰세요 "
            "(params[key] -= update). 호출한 쪽은 자기 배열의 참조를 가지고 있습니다",
            key=repr(rebound[0]),
        )
    return phrase(
        "could not be checked (the training loop returned {value})",
        "검사할 수 없었습니다 (학습 루프가 {value}을(를) 반환했습니다)",
        value=repr(rebound),
    )


def grads(rng: np.random.Generator, n: int, shapes: dict, scale: float = 1.0) -> dict:
    """``n`` steps of random gradients per key: arrays of shape ``(n, *shape)``."""
    return {key: rng.normal(size=(n, *shape)) * scale for key, shape in shapes.items()}


def params(rng: np.random.Generator, shapes: dict) -> dict:
    return {key: rng.normal(size=shape) for key, shape in shapes.items()}


class OptimizerRun:
    """The learner's optimizer in the sandbox and the reference's on copies, stepped alike."""

    def __init__(self, t, class_name: str, reference: type, values: dict, **kwargs: Any) -> None:
        self.t = t
        self.class_name = class_name
        self.opt = t.new(class_name, **kwargs)
        self.ref_opt = reference(**kwargs)
        self.shown = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
        store = t.value({key: np.array(value, dtype=float) for key, value in values.items()})
        # Probes of the arrays themselves, taken before any step.
        self.arrays = {key: store[key] for key in values}
        self.ref_params = {key: np.array(value, dtype=float) for key, value in values.items()}
        self.loop = t.code(LOOP, "run_steps")
        self.copy = t.code(LOOP, "copy_arrays")
        self.calls = 0

    def run(self, steps: dict):
        """Step through ``steps`` ({key: array (n, *shape)}); returns the rebound-keys probe."""
        n = len(next(iter(steps.values())))
        rebound = self.loop(self.opt, {key: self.arrays[key] for key in steps}, steps)
        for i in range(n):
            self.ref_opt.step(
                {key: self.ref_params[key] for key in steps},
                {key: np.array(g[i], dtype=float) for key, g in steps.items()},
            )
        self.calls += n
        return rebound

    def stages(self, rng: np.random.Generator, shapes: dict, stages: list[tuple]) -> None:
        """Run each stage, ``(n, scale)`` or ``(n, scale, what)``: ``n`` steps of random
        gradients of ``scale`` drawn from ``rng`` (``grads``), then check every parameter."""
        for n, scale, *what in stages:
            self.run(grads(rng, n, shapes, scale=scale))
            self.check(*what)

    def check(self, what: str | dict[str, str] = "") -> None:
        """Compare every parameter array (the original objects) with the reference's."""
        calls = phrase(
            "{n} step call" + ("s" if self.calls != 1 else ""), "step 호출 {n}번", n=self.calls
        )
        self.t.expect_close(
            self.copy(self.arrays),
            {key: value.copy() for key, value in self.ref_params.items()},
            name=phrase(
                "params after {calls} of {optimizer}{what}",
                "{optimizer}의 {calls} 후 params{what}",
                calls=calls,
                optimizer=f"{self.class_name}({self.shown})",
                what=what,
            ),
        )


@dataclass(frozen=True)
class Optimizer:
    """One optimizer exercise: the learner's class name, the reference class, and the
    hyperparameters of the standard cases (the worked example's, typical ones, another set
    for a second instance, and ones that converge on a quadratic in 100 steps)."""

    class_name: str
    reference: type
    example: dict
    typical: dict
    other: dict
    quadratic: dict

    def run(self, t, values: dict, **kwargs: Any) -> OptimizerRun:
        return OptimizerRun(t, self.class_name, self.reference, values, **kwargs)


def worked_example(opt: Optimizer, t) -> None:
    run = opt.run(t, {"w": [1.0, -2.0]}, **opt.example)
    for g in ([3.0, 0.5], [1.0, 0.5], [-2.0, 0.5]):
        run.run({"w": np.array([g])})
        run.check()


def in_place_update(opt: Optimizer, t) -> None:
    run = opt.run(t, {"W": [[0.5, -1.0], [2.0, 0.0]], "b": [0.1, 0.2]}, **opt.typical)
    rebound = run.run({"W": np.array([[[1.0, -1.0], [0.5, 2.0]]]), "b": np.array([[0.3, -0.3]])})
    t.expect_property(
        rebound,
        in_place,
        name={"en": "the arrays of params after one step", "ko": "step 한 번 후 params의 배열"},
    )
    run.run({"W": np.array([[[0.5, 1.0], [-0.5, 1.0]]]), "b": np.array([[0.1, 0.3]])})
    run.check()


def two_parameters(opt: Optimizer, t) -> None:
    shapes = {"W": (3, 2), "b": (2,)}
    opt.run(t, params(t.rng, shapes), **opt.typical).stages(t.rng, shapes, [(1, 1.0), (19, 1.0)])


def late_key(opt: Optimizer, t) -> None:
    run = opt.run(t, params(t.rng, {"w": (3,), "b": (3,)}), **opt.typical)
    run.run(grads(t.rng, 5, {"w": (3,)}))
    run.run(grads(t.rng, 1, {"w": (3,), "b": (3,)}))
    run.check(what={"en": " (b first seen at call 6)", "ko": " (b는 6번째 호출에서 처음 나옴)"})
    run.run(grads(t.rng, 30, {"w": (3,), "b": (3,)}))
    run.check(what={"en": " (b first seen at call 6)", "ko": " (b는 6번째 호출에서 처음 나옴)"})


def separate_instances(opt: Optimizer, t) -> None:
    shapes = {"w": (3,)}
    first = opt.run(t, params(t.rng, shapes), **opt.typical)
    second = opt.run(t, params(t.rng, shapes), **opt.other)
    for _ in range(3):
        first.run(grads(t.rng, 4, shapes))
        second.run(grads(t.rng, 2, shapes, scale=5.0))
    first.check(
        what={
            "en": " (while a second instance was stepping too)",
            "ko": " (두 번째 인스턴스도 함께 step하는 동안)",
        }
    )
    second.check(
        what={
            "en": " (while a first instance was stepping too)",
            "ko": " (첫 번째 인스턴스도 함께 step하는 동안)",
        }
    )


def grads_unchanged(opt: Optimizer, t) -> None:
    w0, g = t.rng.normal(size=4), t.rng.normal(size=4)
    learner = t.new(opt.class_name, **opt.typical)
    store = t.value({"w": w0.copy()})
    gradient = t.value({"w": g.copy()})
    for _ in range(3):
        learner.step(store, gradient)
    t.expect_property(
        gradient["w"].snapshot(),
        unchanged(
            g,
            {
                "en": "grads['w'] was modified by step (do not update the gradient arrays in "
                "place, nor keep one as state and update that in place)",
                "ko": "step이 grads['w']를 바꿨습니다 (기울기 배열을 제자리에서 갱신하거나, 상태로 "
                "보관한 뒤 제자리에서 갱신하지 마세요)",
            },
        ),
        name={"en": "grads after three steps", "ko": "step 세 번 후의 grads"},
    )
    ref_opt, expected = opt.reference(**opt.typical), {"w": w0.copy()}
    for _ in range(3):
        ref_opt.step(expected, {"w": g.copy()})
    t.expect_close(
        store["w"],
        expected["w"],
        name={
            "en": "params['w'] after three steps with the same gradient dict",
            "ko": "같은 기울기 딕셔너리로 step 세 번 후의 params['w']",
        },
    )


def quadratic_training(opt: Optimizer, t) -> None:
    q, _ = np.linalg.qr(t.rng.normal(size=(3, 3)))
    A = (q * np.array([0.5, 2.0, 8.0])) @ q.T
    target = t.rng.normal(size=3)
    w0 = t.rng.normal(scale=2.0, size=3)
    store = t.value({"w": w0.copy()})
    w = store["w"]
    t.code(LOOP, "train_quadratic")(t.new(opt.class_name, **opt.quadratic), store, A, target, 100)
    ref_opt, expected = opt.reference(**opt.quadratic), {"w": w0.copy()}
    for _ in range(100):
        ref_opt.step(expected, {"w": A @ (expected["w"] - target)})
    t.expect_close(
        w.snapshot(),
        expected["w"],
        name={
            "en": "params['w'] after 100 steps on a quadratic",
            "ko": "이차 함수에서 step 100번 후의 params['w']",
        },
    )


# (case, points, hidden, description in English and Korean), in the order they are graded
STANDARD_CASES: list[tuple[Callable, int, bool, dict[str, str]]] = [
    (
        worked_example,
        1,
        False,
        {
            "en": "three steps on one vector (the worked example)",
            "ko": "벡터 하나에서 세 단계 (풀이 예시)",
        },
    ),
    (
        in_place_update,
        1,
        False,
        {
            "en": "step updates the caller's arrays in place (the same objects)",
            "ko": "step은 호출한 쪽의 배열을 제자리에서 갱신 (같은 객체)",
        },
    ),
    (
        two_parameters,
        1,
        False,
        {"en": "a matrix and a vector over 20 steps", "ko": "행렬 하나와 벡터 하나를 20단계 동안"},
    ),
    (
        late_key,
        2,
        True,
        {
            "en": "a key first seen at a later step gets fresh state (step count from 1)",
            "ko": "나중 단계에서 처음 나온 키는 새 상태로 시작 (단계 수는 1부터)",
        },
    ),
    (
        separate_instances,
        1,
        True,
        {"en": "two instances keep separate state", "ko": "두 인스턴스는 상태를 따로 유지"},
    ),
    (
        grads_unchanged,
        1,
        True,
        {"en": "the arrays of grads are not modified", "ko": "grads의 배열을 수정하지 않음"},
    ),
    (
        quadratic_training,
        1,
        True,
        {
            "en": "100 steps on a quadratic, gradients from the current point",
            "ko": "이차 함수에서 100단계, 기울기는 현재 점에서",
        },
    ),
]


def defaults(opt: Optimizer, t) -> None:
    """The constructor's defaults: three steps of gradients of 1e-6 (where ``eps`` shows),
    then ten ordinary ones."""
    shapes = {"w": (4,)}
    opt.run(t, params(t.rng, shapes)).stages(
        t.rng,
        shapes,
        [(3, 1e-6, " (the defaults, gradients of 1e-6)"), (10, 1.0, " (the defaults)")],
    )


def defaults_case(opt: Optimizer, description: dict[str, str]) -> Callable:
    """Register the case of ``opt``'s default hyperparameters (``defaults``), worth a point."""

    def run_case(t) -> None:
        defaults(opt, t)

    return case(points=1, description=description, name="defaults")(run_case)


def standard_cases(opt: Optimizer) -> list[Callable]:
    """Register the cases every optimizer exercise has, ``STANDARD_CASES`` for ``opt``
    (calling this from ``cases.py`` is enough: ``@case`` registers each with the suite being
    loaded, under the name of its function here); returns them too."""
    registered = []
    for function, points, hidden, description in STANDARD_CASES:

        def run_case(t, function=function) -> None:
            function(opt, t)

        registered.append(
            case(points=points, hidden=hidden, description=description, name=function.__name__)(
                run_case
            )
        )
    return registered
