import numpy as np


class RMSProp:
    """RMSProp; matches torch.optim.RMSprop(lr=lr, alpha=alpha, eps=eps)."""

    def __init__(self, lr=0.01, alpha=0.99, eps=1e-8):
        raise NotImplementedError

    def step(self, params, grads):
        """Update every array of the dict ``params`` in place from the dict ``grads``.

        ``params[key]`` must stay the same array object. The running average of squared
        gradients is kept per key and created on the first call that sees the key.
        Returns None.
        """
        raise NotImplementedError
