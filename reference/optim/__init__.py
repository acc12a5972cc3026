"""Gradient-based optimization: gradient descent, optimizers with state, learning-rate schedules.

Curriculum module 8 (``optimizers``): :mod:`.descent` (plain gradient descent),
:mod:`.optimizers` (``SGD``, ``AdaGrad``, ``RMSProp``, ``Adam``, one ``step(params, grads)``
interface, in place, matching ``torch.optim``) and :mod:`.schedules` (step and exponential
decay, matching ``torch.optim.lr_scheduler``).
"""

from reference.optim.descent import gradient_descent
from reference.optim.optimizers import SGD, AdaGrad, Adam, RMSProp
from reference.optim.schedules import exponential_decay, step_decay

__all__ = [
    "SGD",
    "AdaGrad",
    "Adam",
    "RMSProp",
    "exponential_decay",
    "gradient_descent",
    "step_decay",
]
