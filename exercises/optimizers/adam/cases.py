"""Cases for adam: Adam.step updates the caller's arrays in place and matches the reference
(which matches torch.optim.Adam step for step) over long runs, tiny gradients (eps placement),
bias correction and keys that appear late.

The training loops run in the sandbox as trusted helper code (``LOOP``), so a 200-step run is
one probe; the reference runs the same loop on copies here. Parameters are checked through
probes of the arrays taken *before* stepping: an update that rebinds ``params[key]`` instead of
writing into the array leaves those arrays unchanged and fails. Their values are read with a
copying helper rather than ``.snapshot()``: the child batches a case's frames and sends arrays
by reference, so a snapshot of an array that a later step of the same case changes would
carry the later values.
"""

import numpy as np

import reference as ref
from grader.authoring import case

RTOL = 1e-7
ATOL = 1e-10

CLASS = "Adam"
REFERENCE = ref.Adam

EXAMPLE = dict(lr=0.1, betas=(0.9, 0.999), eps=1e-8)
TYPICAL = dict(lr=0.01, betas=(0.9, 0.999), eps=1e-8)
OTHER = dict(lr=0.05, betas=(0.5, 0.9), eps=1e-6)
QUADRATIC = dict(lr=0.05, betas=(0.9, 0.999), eps=1e-8)

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


def _in_place(rebound):
    if rebound == []:
        return True
    if isinstance(rebound, list) and rebound:
        return (
            f"step replaced params[{rebound[0]!r}] by a new array instead of updating it: "
            "write into the array (params[key] -= update), the caller keeps references "
            "to its arrays"
        )
    return f"could not be checked (the training loop returned {rebound!r})"


class _Run:
    """The learner's optimizer in the sandbox and the reference's on copies, stepped alike."""

    def __init__(self, t, params, **kwargs):
        self.t = t
        self.opt = t.new(CLASS, **kwargs)
        self.ref_opt = REFERENCE(**kwargs)
        self.shown = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
        store = t.value({key: np.array(value, dtype=float) for key, value in params.items()})
        # Probes of the arrays themselves, taken before any step.
        self.arrays = {key: store[key] for key in params}
        self.ref_params = {key: np.array(value, dtype=float) for key, value in params.items()}
        self.loop = t.code(LOOP, "run_steps")
        self.copy = t.code(LOOP, "copy_arrays")
        self.calls = 0

    def run(self, grads):
        """Step through ``grads`` ({key: array of shape (n, *shape)}); returns the rebound probe."""
        n = len(next(iter(grads.values())))
        rebound = self.loop(self.opt, {key: self.arrays[key] for key in grads}, grads)
        for i in range(n):
            self.ref_opt.step(
                {key: self.ref_params[key] for key in grads},
                {key: np.array(g[i], dtype=float) for key, g in grads.items()},
            )
        self.calls += n
        return rebound

    def check(self, what=""):
        """Compare every parameter array (the original objects) with the reference's."""
        calls = f"{self.calls} step call" + ("s" if self.calls != 1 else "")
        self.t.expect_close(
            self.copy(self.arrays),
            {key: value.copy() for key, value in self.ref_params.items()},
            name=f"params after {calls} of {CLASS}({self.shown}){what}",
        )


def _grads(rng, n, shapes, scale=1.0):
    return {key: rng.normal(size=(n, *shape)) * scale for key, shape in shapes.items()}


def _params(rng, shapes):
    return {key: rng.normal(size=shape) for key, shape in shapes.items()}


@case(points=1, description="three steps on one vector (the worked example)")
def worked_example(t):
    run = _Run(t, {"w": [1.0, -2.0]}, **EXAMPLE)
    for g in ([3.0, 0.5], [1.0, 0.5], [-2.0, 0.5]):
        run.run({"w": np.array([g])})
        run.check()


@case(points=1, description="step updates the caller's arrays in place (the same objects)")
def in_place(t):
    run = _Run(t, {"W": [[0.5, -1.0], [2.0, 0.0]], "b": [0.1, 0.2]}, **TYPICAL)
    rebound = run.run({"W": np.array([[[1.0, -1.0], [0.5, 2.0]]]), "b": np.array([[0.3, -0.3]])})
    t.expect_property(rebound, _in_place, name="the arrays of params after one step")
    run.run({"W": np.array([[[0.5, 1.0], [-0.5, 1.0]]]), "b": np.array([[0.1, 0.3]])})
    run.check()


@case(points=1, description="a matrix and a vector over 20 steps")
def two_parameters(t):
    shapes = {"W": (3, 2), "b": (2,)}
    run = _Run(t, _params(t.rng, shapes), **TYPICAL)
    run.run(_grads(t.rng, 1, shapes))
    run.check()
    run.run(_grads(t.rng, 19, shapes))
    run.check()


@case(points=1, description="the defaults: Adam() is Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-8)")
def defaults(t):
    shapes = {"w": (4,)}
    run = _Run(t, _params(t.rng, shapes))
    run.run(_grads(t.rng, 3, shapes, scale=1e-6))
    run.check(what=" (the defaults, gradients of 1e-6)")
    run.run(_grads(t.rng, 10, shapes))
    run.check(what=" (the defaults)")


@case(
    points=2,
    hidden=True,
    description="a key first seen at a later step gets fresh state (step count from 1)",
)
def late_key(t):
    params = _params(t.rng, {"w": (3,), "b": (3,)})
    run = _Run(t, params, **TYPICAL)
    run.run(_grads(t.rng, 5, {"w": (3,)}))
    run.run(_grads(t.rng, 1, {"w": (3,), "b": (3,)}))
    run.check(what=" (b first seen at call 6)")
    run.run(_grads(t.rng, 30, {"w": (3,), "b": (3,)}))
    run.check(what=" (b first seen at call 6)")


@case(points=1, hidden=True, description="two instances keep separate state")
def separate_instances(t):
    shapes = {"w": (3,)}
    first = _Run(t, _params(t.rng, shapes), **TYPICAL)
    second = _Run(t, _params(t.rng, shapes), **OTHER)
    for _ in range(3):
        first.run(_grads(t.rng, 4, shapes))
        second.run(_grads(t.rng, 2, shapes, scale=5.0))
    first.check(what=" (while a second instance was stepping too)")
    second.check(what=" (while a first instance was stepping too)")


@case(points=1, hidden=True, description="the arrays of grads are not modified")
def grads_unchanged(t):
    w0, g = t.rng.normal(size=4), t.rng.normal(size=4)
    opt = t.new(CLASS, **TYPICAL)
    store = t.value({"w": w0.copy()})
    grads = t.value({"w": g.copy()})
    for _ in range(3):
        opt.step(store, grads)
    t.expect_property(
        grads["w"].snapshot(),
        lambda v: (
            np.array_equal(v, g)
            or "grads['w'] was modified by step "
            "(do not update the gradient arrays in place, nor keep one as state "
            "and update that in place)"
        ),
        name="grads after three steps",
    )
    ref_opt, expected = REFERENCE(**TYPICAL), {"w": w0.copy()}
    for _ in range(3):
        ref_opt.step(expected, {"w": g.copy()})
    t.expect_close(
        store["w"], expected["w"], name="params['w'] after three steps with the same gradient dict"
    )


@case(
    points=1, hidden=True, description="100 steps on a quadratic, gradients from the current point"
)
def quadratic_training(t):
    q, _ = np.linalg.qr(t.rng.normal(size=(3, 3)))
    A = (q * np.array([0.5, 2.0, 8.0])) @ q.T
    target = t.rng.normal(size=3)
    w0 = t.rng.normal(scale=2.0, size=3)
    store = t.value({"w": w0.copy()})
    w = store["w"]
    t.code(LOOP, "train_quadratic")(t.new(CLASS, **QUADRATIC), store, A, target, 100)
    ref_opt, expected = REFERENCE(**QUADRATIC), {"w": w0.copy()}
    for _ in range(100):
        ref_opt.step(expected, {"w": A @ (expected["w"] - target)})
    t.expect_close(w.snapshot(), expected["w"], name="params['w'] after 100 steps on a quadratic")


@case(points=2, hidden=True, description="200 steps with other betas: bias correction all along")
def long_run(t):
    shapes = {"W": (4, 3), "b": (3,)}
    beta1, beta2 = [(0.8, 0.99), (0.5, 0.9), (0.95, 0.9999)][int(t.rng.integers(0, 3))]
    run = _Run(
        t,
        _params(t.rng, shapes),
        lr=float(t.rng.uniform(0.002, 0.02)),
        betas=(beta1, beta2),
        eps=1e-8,
    )
    run.run(_grads(t.rng, 1, shapes))
    run.check()
    run.run(_grads(t.rng, 99, shapes, scale=2.0))
    run.check()
    run.run(_grads(t.rng, 100, shapes, scale=0.3))
    run.check()


@case(
    points=2, hidden=True, description="200 steps with gradients of 1e-6: eps goes outside the root"
)
def tiny_gradients(t):
    shapes = {"w": (5,), "v": (2, 2)}
    run = _Run(t, _params(t.rng, shapes), lr=0.01, betas=(0.9, 0.999), eps=1e-8)
    run.run(_grads(t.rng, 1, shapes, scale=1e-6))
    run.check()
    run.run(_grads(t.rng, 199, shapes, scale=1e-6))
    run.check()
