"""Learning-rate schedules: step decay and exponential decay, as ``torch.optim.lr_scheduler``.

Curriculum module 8 (``optimizers``), exercise ``lr-schedules``.
"""

from __future__ import annotations

from reference._validation import check_int_at_least, check_real_in

__all__ = ["exponential_decay", "step_decay"]


def step_decay(lr0: float, epoch: int, step_size: int, gamma: float = 0.1) -> float:
    r"""Learning rate in effect during ``epoch`` under step decay.

    .. math::

        \eta_e = \eta_0 \, \gamma^{\lfloor e / s \rfloor}

    Parameters
    ----------
    lr0 : float
        Initial learning rate, ``>= 0``.
    epoch : int
        0-based epoch, ``>= 0``.
    step_size : int
        Epochs between decays, ``>= 1``.
    gamma : float, default 0.1
        Multiplicative factor, ``>= 0``.

    Returns
    -------
    float

    Notes
    -----
    Matches ``torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma)`` after ``epoch``
    calls of ``scheduler.step()``.

    Examples
    --------
    >>> [round(step_decay(1.0, e, step_size=2, gamma=0.5), 6) for e in range(5)]
    [1.0, 1.0, 0.5, 0.5, 0.25]
    """
    lr0 = check_real_in(lr0, "lr0")
    epoch = check_int_at_least(epoch, "epoch", 0)
    step_size = check_int_at_least(step_size, "step_size", 1)
    gamma = check_real_in(gamma, "gamma")
    return lr0 * gamma ** (epoch // step_size)


def exponential_decay(lr0: float, epoch: int, gamma: float) -> float:
    r"""Learning rate in effect during ``epoch`` under exponential decay.

    .. math::

        \eta_e = \eta_0 \, \gamma^{e}

    Parameters
    ----------
    lr0 : float
        Initial learning rate, ``>= 0``.
    epoch : int
        0-based epoch, ``>= 0``.
    gamma : float
        Multiplicative factor per epoch, ``>= 0``.

    Returns
    -------
    float

    Notes
    -----
    Matches ``torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma)`` after ``epoch``
    calls of ``scheduler.step()``.

    Examples
    --------
    >>> [round(exponential_decay(1.0, e, gamma=0.5), 6) for e in range(4)]
    [1.0, 0.5, 0.25, 0.125]
    """
    lr0 = check_real_in(lr0, "lr0")
    epoch = check_int_at_least(epoch, "epoch", 0)
    gamma = check_real_in(gamma, "gamma")
    return lr0 * gamma**epoch
