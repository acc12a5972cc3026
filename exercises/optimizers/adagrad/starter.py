import numpy as np


class AdaGrad:
    """AdaGrad; matches torch.optim.Adagrad(lr=lr, eps=eps)."""

    def __init__(self, lr=0.01, eps=1e-10):
        raise NotImplementedError

    def step(self, params, grads):
        """Update every array of the dict ``params`` in place from the dict ``grads``.

        ``params[key]`` must stay the same array object. The sum of squared gradients is kept
        per key and created on the first call that sees the key. Returns None.
        """
        raise NotImplementedError
