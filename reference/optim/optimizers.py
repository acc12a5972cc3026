"""Optimizers with state: SGD with momentum, AdaGrad, RMSProp and Adam.

Curriculum module 8 (``optimizers``). Every optimizer class shares one interface,
``step(params, grads)``, which updates the arrays of ``params`` in place (the same array
objects) and keeps its state per key, created on the first ``step`` that sees the key. The
arithmetic follows ``torch.optim``'s single-tensor code path operation by operation, so that
200 steps agree with PyTorch to rounding.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any

import numpy as np

from reference._validation import check_real_in

__all__ = ["SGD", "AdaGrad", "Adam", "RMSProp"]


class _Optimizer(ABC):
    """Shared ``step`` plumbing: validation and per-key state; subclasses do the maths."""

    def __init__(self) -> None:
        self.state: dict[str, dict[str, Any]] = {}

    def step(self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray]) -> None:
        """Update every array of ``params`` that has a gradient in ``grads``, in place.

        Parameters
        ----------
        params : mapping of str to float ndarray
            Updated in place: the same array objects hold the new values.
        grads : mapping of str to array
            One gradient per key, shaped like its parameter. Every key must be in ``params``;
            a parameter without a gradient is left alone and its state is not advanced (as
            PyTorch skips a parameter whose ``.grad`` is ``None``).
        """
        if not isinstance(params, Mapping):
            raise ValueError(f"params must be a dict of arrays, got {type(params).__name__}")
        if not isinstance(grads, Mapping):
            raise ValueError(f"grads must be a dict of arrays, got {type(grads).__name__}")
        unknown = sorted(set(grads) - set(params))
        if unknown:
            raise ValueError(f"grads has keys {unknown} that are not in params")
        checked = []
        for key in grads:
            param = params[key]
            if not isinstance(param, np.ndarray) or param.dtype.kind != "f":
                raise ValueError(
                    f"params[{key!r}] must be a floating-point numpy array (updated in place)"
                )
            grad = np.asarray(grads[key])
            if grad.dtype.kind not in "biuf":
                raise ValueError(f"grads[{key!r}] must hold real numbers, got {grad.dtype}")
            if grad.shape != param.shape:
                raise ValueError(
                    f"grads[{key!r}] has shape {grad.shape}, expected {param.shape} "
                    "(the shape of its parameter)"
                )
            checked.append((key, param, grad.astype(param.dtype, copy=False)))
        for key, param, grad in checked:
            if key not in self.state:
                self.state[key] = self._init_state(param)
            self._update(param, grad, self.state[key])

    @abstractmethod
    def _init_state(self, param: np.ndarray) -> dict[str, Any]:
        """The per-parameter state created on the first step that sees the parameter."""

    @abstractmethod
    def _update(self, param: np.ndarray, grad: np.ndarray, state: dict[str, Any]) -> None:
        """Update ``param`` in place from ``grad`` and this parameter's ``state``."""


class SGD(_Optimizer):
    r"""Stochastic gradient descent with optional (heavy-ball) momentum.

    .. math::

        v_1 = g_1, \quad v_t = \mu v_{t-1} + g_t, \qquad \theta_t = \theta_{t-1} - \eta v_t

    (with :math:`\mu = 0` simply :math:`\theta_t = \theta_{t-1} - \eta g_t`).

    Parameters
    ----------
    lr : float, default 0.01
        Learning rate ``eta >= 0``.
    momentum : float, default 0.0
        Momentum ``mu >= 0``.

    Notes
    -----
    Matches ``torch.optim.SGD(params, lr=lr, momentum=momentum)``: no dampening, no Nesterov,
    no weight decay; the momentum buffer starts as a copy of the first gradient. State per
    key: ``{"momentum_buffer": ndarray}`` (only when ``momentum != 0``).

    Examples
    --------
    >>> params, opt = {"w": np.array([1.0])}, SGD(lr=0.1, momentum=0.9)
    >>> for _ in range(2):
    ...     opt.step(params, {"w": np.array([1.0])})
    >>> params["w"].round(6).tolist()
    [0.71]
    """

    def __init__(self, lr: float = 0.01, momentum: float = 0.0) -> None:
        super().__init__()
        self.lr = check_real_in(lr, "lr")
        self.momentum = check_real_in(momentum, "momentum")

    def _init_state(self, param: np.ndarray) -> dict[str, Any]:
        return {}

    def _update(self, param: np.ndarray, grad: np.ndarray, state: dict[str, Any]) -> None:
        if self.momentum != 0:
            if "momentum_buffer" not in state:
                state["momentum_buffer"] = grad.copy()
            else:
                buffer = state["momentum_buffer"]
                buffer *= self.momentum
                buffer += grad
            grad = state["momentum_buffer"]
        param += -self.lr * grad


class AdaGrad(_Optimizer):
    r"""AdaGrad: per-coordinate steps scaled by the root of the summed squared gradients.

    .. math::

        G_t = G_{t-1} + g_t^2, \qquad
        \theta_t = \theta_{t-1} - \eta \frac{g_t}{\sqrt{G_t} + \epsilon}

    Parameters
    ----------
    lr : float, default 0.01
    eps : float, default 1e-10
        Added to the root, outside it.

    Notes
    -----
    Matches ``torch.optim.Adagrad(params, lr=lr, eps=eps)`` (no learning-rate decay,
    initial accumulator 0). State per key: ``{"step": int, "sum": ndarray}``.

    Examples
    --------
    >>> params, opt = {"w": np.array([1.0])}, AdaGrad(lr=0.1)
    >>> opt.step(params, {"w": np.array([4.0])})
    >>> params["w"].round(6).tolist()
    [0.9]
    """

    def __init__(self, lr: float = 0.01, eps: float = 1e-10) -> None:
        super().__init__()
        self.lr = check_real_in(lr, "lr")
        self.eps = check_real_in(eps, "eps")

    def _init_state(self, param: np.ndarray) -> dict[str, Any]:
        return {"step": 0, "sum": np.zeros_like(param)}

    def _update(self, param: np.ndarray, grad: np.ndarray, state: dict[str, Any]) -> None:
        state["step"] += 1
        state["sum"] += grad * grad
        param += -self.lr * (grad / (np.sqrt(state["sum"]) + self.eps))


class RMSProp(_Optimizer):
    r"""RMSProp: steps scaled by the root of an exponential average of squared gradients.

    .. math::

        s_t = \alpha s_{t-1} + (1 - \alpha) g_t^2, \qquad
        \theta_t = \theta_{t-1} - \eta \frac{g_t}{\sqrt{s_t} + \epsilon}, \qquad s_0 = 0

    Parameters
    ----------
    lr : float, default 0.01
    alpha : float, default 0.99
        Smoothing constant, ``0 <= alpha < 1``.
    eps : float, default 1e-8
        Added to the root, outside it.

    Notes
    -----
    Matches ``torch.optim.RMSprop(params, lr=lr, alpha=alpha, eps=eps)`` (not centred, no
    momentum). State per key: ``{"step": int, "square_avg": ndarray}``.

    Examples
    --------
    >>> params, opt = {"w": np.array([1.0])}, RMSProp(lr=0.01, alpha=0.99)
    >>> opt.step(params, {"w": np.array([2.0])})
    >>> params["w"].round(6).tolist()
    [0.9]
    """

    def __init__(self, lr: float = 0.01, alpha: float = 0.99, eps: float = 1e-8) -> None:
        super().__init__()
        self.lr = check_real_in(lr, "lr")
        self.alpha = check_real_in(alpha, "alpha", 0.0, 1.0)
        self.eps = check_real_in(eps, "eps")

    def _init_state(self, param: np.ndarray) -> dict[str, Any]:
        return {"step": 0, "square_avg": np.zeros_like(param)}

    def _update(self, param: np.ndarray, grad: np.ndarray, state: dict[str, Any]) -> None:
        state["step"] += 1
        square_avg = state["square_avg"]
        square_avg *= self.alpha
        square_avg += (1 - self.alpha) * (grad * grad)
        param += -self.lr * (grad / (np.sqrt(square_avg) + self.eps))


class Adam(_Optimizer):
    r"""Adam: bias-corrected exponential averages of the gradient and its square.

    .. math::

        m_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t, \quad
        v_t = \beta_2 v_{t-1} + (1 - \beta_2) g_t^2, \\
        \theta_t = \theta_{t-1} - \frac{\eta}{1 - \beta_1^t}
        \frac{m_t}{\sqrt{v_t} / \sqrt{1 - \beta_2^t} + \epsilon}

    Parameters
    ----------
    lr : float, default 0.001
    betas : pair of floats, default (0.9, 0.999)
        Each in ``[0, 1)``.
    eps : float, default 1e-8
        Added to the bias-corrected root, outside it (PyTorch's placement).

    Notes
    -----
    Matches ``torch.optim.Adam(params, lr=lr, betas=betas, eps=eps)`` (no weight decay, no
    AMSGrad), including the order of operations: ``m`` is updated as
    ``m + (1 - beta1) * (g - m)`` (``torch.lerp``). The step count is kept per key, so a
    parameter first seen later gets its own bias correction from step 1. State per key:
    ``{"step": int, "exp_avg": ndarray, "exp_avg_sq": ndarray}``.

    Examples
    --------
    >>> params, opt = {"w": np.array([1.0])}, Adam(lr=0.1)
    >>> opt.step(params, {"w": np.array([3.0])})
    >>> params["w"].round(6).tolist()
    [0.9]
    """

    def __init__(
        self,
        lr: float = 0.001,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
    ) -> None:
        super().__init__()
        self.lr = check_real_in(lr, "lr")
        try:
            beta1, beta2 = betas
        except (TypeError, ValueError) as exc:
            raise ValueError(f"betas={betas!r} must be a pair of numbers") from exc
        self.betas = (
            check_real_in(beta1, "betas[0]", 0.0, 1.0),
            check_real_in(beta2, "betas[1]", 0.0, 1.0),
        )
        self.eps = check_real_in(eps, "eps")

    def _init_state(self, param: np.ndarray) -> dict[str, Any]:
        return {"step": 0, "exp_avg": np.zeros_like(param), "exp_avg_sq": np.zeros_like(param)}

    def _update(self, param: np.ndarray, grad: np.ndarray, state: dict[str, Any]) -> None:
        beta1, beta2 = self.betas
        state["step"] += 1
        step = state["step"]
        exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
        exp_avg += (1 - beta1) * (grad - exp_avg)
        exp_avg_sq *= beta2
        exp_avg_sq += (1 - beta2) * (grad * grad)
        step_size = self.lr / (1 - beta1**step)
        bias_correction2_sqrt = (1 - beta2**step) ** 0.5
        denom = np.sqrt(exp_avg_sq) / bias_correction2_sqrt + self.eps
        param += -step_size * (exp_avg / denom)
