import numpy as np


class Adam:
    """Adam with bias correction; matches torch.optim.Adam(lr=lr, betas=betas, eps=eps)."""

    def __init__(self, lr=0.001, betas=(0.9, 0.999), eps=1e-8):
        raise NotImplementedError

    def step(self, params, grads):
        """Update every array of the dict ``params`` in place from the dict ``grads``.

        ``params[key]`` must stay the same array object. State (the averages ``m`` and ``v``
        and the step count ``t``) is kept per key and created on the first call that sees the
        key. Returns None.
        """
        raise NotImplementedError
