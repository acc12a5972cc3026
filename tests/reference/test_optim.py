"""Tests for reference.optim: each optimizer against torch.optim over 200 steps."""

import numpy as np
import pytest
import torch

from reference.optim import (
    SGD,
    AdaGrad,
    Adam,
    RMSProp,
    exponential_decay,
    gradient_descent,
    step_decay,
)

TOL = {"rtol": 1e-7, "atol": 1e-9}
STEPS = 200
SHAPES = {"W": (3, 4), "b": (4,), "scale": ()}

# (ours, torch's, keyword arguments); arguments always passed explicitly.
OPTIMIZERS = [
    (SGD, torch.optim.SGD, {"lr": 0.05}),
    (SGD, torch.optim.SGD, {"lr": 0.01, "momentum": 0.9}),
    (AdaGrad, torch.optim.Adagrad, {"lr": 0.1, "eps": 1e-10}),
    (AdaGrad, torch.optim.Adagrad, {"lr": 0.01, "eps": 1e-6}),
    (RMSProp, torch.optim.RMSprop, {"lr": 0.01, "alpha": 0.99, "eps": 1e-8}),
    (RMSProp, torch.optim.RMSprop, {"lr": 0.001, "alpha": 0.9, "eps": 1e-6}),
    (Adam, torch.optim.Adam, {"lr": 0.001, "betas": (0.9, 0.999), "eps": 1e-8}),
    (Adam, torch.optim.Adam, {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-7}),
]
IDS = [f"{ours.__name__}-{kwargs}" for ours, _, kwargs in OPTIMIZERS]


def _gradient_sequence(seed):
    """Per step and key a gradient whose magnitude ranges from 1e-6 to 10 across entries."""
    rng = np.random.default_rng(seed)
    grads = []
    for _ in range(STEPS):
        step = {}
        for key, shape in SHAPES.items():
            magnitude = 10.0 ** rng.integers(-6, 2, size=shape)
            step[key] = rng.normal(size=shape) * magnitude
        grads.append(step)
    return grads


def _initial_params(seed=0):
    rng = np.random.default_rng(seed)
    return {key: rng.normal(size=shape) for key, shape in SHAPES.items()}


@pytest.mark.parametrize(("ours_cls", "torch_cls", "kwargs"), OPTIMIZERS, ids=IDS)
def test_matches_torch_step_for_step(ours_cls, torch_cls, kwargs):
    params = _initial_params()
    tensors = {k: torch.tensor(v.copy(), requires_grad=True) for k, v in params.items()}
    ours = ours_cls(**kwargs)
    theirs = torch_cls(list(tensors.values()), foreach=False, **kwargs)
    identities = {k: id(v) for k, v in params.items()}
    for step_grads in _gradient_sequence(1):
        ours.step(params, step_grads)
        for key, tensor in tensors.items():
            tensor.grad = torch.tensor(step_grads[key])
        theirs.step()
        for key in params:
            np.testing.assert_allclose(params[key], tensors[key].detach().numpy(), **TOL)
    assert {k: id(v) for k, v in params.items()} == identities


@pytest.mark.parametrize(("ours_cls", "torch_cls", "kwargs"), OPTIMIZERS, ids=IDS)
def test_gradient_dependent_on_the_parameters(ours_cls, torch_cls, kwargs):
    """Minimise sum(c * (p - t)^2) with curvatures from 1e-6 to 1: gradients shrink to tiny."""
    rng = np.random.default_rng(2)
    curvature = {k: 10.0 ** rng.integers(-6, 1, size=shape) for k, shape in SHAPES.items()}
    target = {k: rng.normal(size=shape) for k, shape in SHAPES.items()}
    params = _initial_params(3)
    tensors = {k: torch.tensor(v.copy(), requires_grad=True) for k, v in params.items()}
    ours = ours_cls(**kwargs)
    theirs = torch_cls(list(tensors.values()), foreach=False, **kwargs)
    for _ in range(STEPS):
        grads = {k: 2 * curvature[k] * (params[k] - target[k]) for k in params}
        ours.step(params, grads)
        theirs.zero_grad()
        loss = sum(
            (torch.tensor(curvature[k]) * (t - torch.tensor(target[k])) ** 2).sum()
            for k, t in tensors.items()
        )
        loss.backward()
        theirs.step()
    for key in params:
        np.testing.assert_allclose(params[key], tensors[key].detach().numpy(), **TOL)


@pytest.mark.parametrize(("ours_cls", "torch_cls", "kwargs"), OPTIMIZERS, ids=IDS)
def test_state_is_created_per_key_on_first_sight(ours_cls, torch_cls, kwargs):
    """Key "late" gets no gradient for 50 steps; torch skips a parameter whose grad is None."""
    params = {"early": np.ones(3), "late": np.full(2, -1.0)}
    tensors = {k: torch.tensor(v.copy(), requires_grad=True) for k, v in params.items()}
    ours = ours_cls(**kwargs)
    theirs = torch_cls(list(tensors.values()), foreach=False, **kwargs)
    rng = np.random.default_rng(5)
    for t in range(STEPS):
        grads = {"early": rng.normal(size=3)}
        if t >= 50:
            grads["late"] = rng.normal(size=2) * 1e-3
        if t == 0:
            assert "late" not in ours.state
        ours.step(params, grads)
        for key, tensor in tensors.items():
            tensor.grad = torch.tensor(grads[key]) if key in grads else None
        theirs.step()
        if t == 0:
            assert "late" not in ours.state and "early" in ours.state
            np.testing.assert_array_equal(params["late"], [-1.0, -1.0])
    if ours_cls is not SGD:
        assert ours.state["early"]["step"] == STEPS
        assert ours.state["late"]["step"] == STEPS - 50
    for key in params:
        np.testing.assert_allclose(params[key], tensors[key].detach().numpy(), **TOL)


@pytest.mark.parametrize("cls", [SGD, AdaGrad, RMSProp, Adam])
def test_defaults_match_the_curriculum(cls):
    defaults = {
        SGD: {"lr": 0.01, "momentum": 0.0},
        AdaGrad: {"lr": 0.01, "eps": 1e-10},
        RMSProp: {"lr": 0.01, "alpha": 0.99, "eps": 1e-8},
        Adam: {"lr": 0.001, "betas": (0.9, 0.999), "eps": 1e-8},
    }[cls]
    optimizer = cls()
    for name, value in defaults.items():
        assert getattr(optimizer, name) == value


@pytest.mark.parametrize("cls", [SGD, AdaGrad, RMSProp, Adam])
def test_step_does_not_modify_grads(cls):
    params = {"w": np.ones(3)}
    grads = {"w": np.array([0.5, -1.0, 2.0])}
    optimizer = cls(lr=0.1) if cls is not SGD else cls(lr=0.1, momentum=0.9)
    for _ in range(3):
        optimizer.step(params, grads)
    np.testing.assert_array_equal(grads["w"], [0.5, -1.0, 2.0])


@pytest.mark.parametrize(
    ("params", "grads", "match"),
    [
        ({"w": np.ones(2)}, {"v": np.ones(2)}, r"grads has keys \['v'\]"),
        ({"w": np.ones(2)}, {"w": np.ones(3)}, r"grads\['w'\] has shape"),
        ({"w": np.ones(2, dtype=int)}, {"w": np.ones(2)}, r"params\['w'\] must be a floating"),
        ({"w": [1.0, 2.0]}, {"w": np.ones(2)}, r"params\['w'\] must be a floating"),
        ({"w": np.ones(2)}, {"w": np.array(["a", "b"])}, r"grads\['w'\] must hold real"),
        ([np.ones(2)], {"w": np.ones(2)}, "params must be a dict"),
        ({"w": np.ones(2)}, [np.ones(2)], "grads must be a dict"),
    ],
)
def test_step_rejects_bad_input_and_changes_nothing(params, grads, match):
    before = (
        {k: np.array(v, copy=True) for k, v in params.items()} if isinstance(params, dict) else None
    )
    optimizer = Adam()
    with pytest.raises(ValueError, match=match):
        optimizer.step(params, grads)
    assert optimizer.state == {}
    if before is not None:
        for key in before:
            np.testing.assert_array_equal(params[key], before[key])


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: SGD(lr=-0.1), "lr=-0.1"),
        (lambda: SGD(momentum=-0.5), "momentum=-0.5"),
        (lambda: AdaGrad(eps=-1.0), "eps=-1.0"),
        (lambda: RMSProp(alpha=1.0), "alpha=1.0"),
        (lambda: Adam(betas=(1.0, 0.999)), r"betas\[0\]=1.0"),
        (lambda: Adam(betas=(0.9, -0.1)), r"betas\[1\]=-0.1"),
        (lambda: Adam(betas=0.9), "betas=0.9"),
        (lambda: Adam(lr=float("nan")), "lr=nan"),
        (lambda: Adam(lr="0.1"), "lr="),
    ],
)
def test_constructor_rejects_bad_hyperparameters(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- gradient_descent -------------------------------------------------------------------


def test_gradient_descent_trajectory():
    A = np.array([[3.0, 0.5], [0.5, 1.0]])
    x0 = np.array([1.0, -2.0])
    trajectory = gradient_descent(lambda x: A @ x, x0, 0.1, 50)
    assert trajectory.shape == (51, 2) and trajectory.dtype == np.float64
    expected = [x0]
    for _ in range(50):
        expected.append(expected[-1] - 0.1 * (A @ expected[-1]))
    np.testing.assert_allclose(trajectory, expected, **TOL)
    np.testing.assert_array_equal(x0, [1.0, -2.0])


def test_gradient_descent_matches_torch_sgd():
    x0 = np.array([[1.5, -0.5], [2.0, 0.1]])
    trajectory = gradient_descent(lambda x: 4 * x**3, x0, 0.01, 30)
    x_t = torch.tensor(x0, requires_grad=True)
    optimizer = torch.optim.SGD([x_t], lr=0.01)
    for t in range(30):
        optimizer.zero_grad()
        (x_t**4).sum().backward()
        optimizer.step()
        np.testing.assert_allclose(trajectory[t + 1], x_t.detach().numpy(), **TOL)


def test_gradient_descent_scalar_and_zero_steps():
    assert gradient_descent(lambda x: 2 * x, 3.0, 0.25, 2).tolist() == [3.0, 1.5, 0.75]
    np.testing.assert_array_equal(gradient_descent(lambda x: x, np.ones(2), 0.1, 0), [[1.0, 1.0]])


def test_gradient_descent_grad_fn_cannot_corrupt_the_trajectory():
    def mutating(x):
        grad = x.copy()
        x[...] = 1e9
        return grad

    trajectory = gradient_descent(mutating, np.array([1.0]), 0.5, 2)
    np.testing.assert_allclose(trajectory.ravel(), [1.0, 0.5, 0.25])


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((None, np.ones(2), 0.1, 3), "grad_fn"),
        ((lambda x: np.ones(3), np.ones(2), 0.1, 3), "grad_fn returned shape"),
        ((lambda x: x, np.ones(2), -0.1, 3), "learning_rate=-0.1"),
        ((lambda x: x, np.ones(2), 0.1, -1), "steps=-1"),
        ((lambda x: x, np.ones(2), 0.1, 2.0), "steps=2.0"),
        ((lambda x: x, np.array(["a"]), 0.1, 1), "x0 must hold real"),
    ],
)
def test_gradient_descent_rejects_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        gradient_descent(*args)


# --- learning-rate schedules ------------------------------------------------------------


def _torch_lrs(scheduler_factory, lr0, epochs):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr0)
    scheduler = scheduler_factory(optimizer)
    lrs = []
    for _ in range(epochs):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return lrs


@pytest.mark.parametrize(("step_size", "gamma"), [(1, 0.5), (3, 0.1), (7, 0.9), (10, 1.0)])
def test_step_decay_matches_step_lr(step_size, gamma):
    lrs = _torch_lrs(
        lambda opt: torch.optim.lr_scheduler.StepLR(opt, step_size=step_size, gamma=gamma),
        0.3,
        60,
    )
    ours = [step_decay(0.3, epoch, step_size, gamma) for epoch in range(60)]
    np.testing.assert_allclose(ours, lrs, **TOL)
    assert all(isinstance(v, float) for v in ours)


def test_step_decay_default_gamma():
    assert step_decay(1.0, 5, 5) == pytest.approx(0.1, rel=1e-12)
    assert step_decay(1.0, 4, 5) == 1.0


@pytest.mark.parametrize("gamma", [0.5, 0.95, 1.0])
def test_exponential_decay_matches_exponential_lr(gamma):
    lrs = _torch_lrs(lambda opt: torch.optim.lr_scheduler.ExponentialLR(opt, gamma=gamma), 0.1, 60)
    ours = [exponential_decay(0.1, epoch, gamma) for epoch in range(60)]
    np.testing.assert_allclose(ours, lrs, **TOL)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: step_decay(0.1, -1, 2), "epoch=-1"),
        (lambda: step_decay(0.1, 1, 0), "step_size=0"),
        (lambda: step_decay(0.1, 1.0, 2), "epoch=1.0"),
        (lambda: step_decay(-0.1, 1, 2), "lr0=-0.1"),
        (lambda: step_decay(0.1, 1, 2, gamma=-0.5), "gamma=-0.5"),
        (lambda: exponential_decay(0.1, -2, 0.9), "epoch=-2"),
        (lambda: exponential_decay(0.1, 2, float("inf")), "gamma=inf"),
    ],
)
def test_schedules_reject_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
