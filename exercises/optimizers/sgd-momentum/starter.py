import numpy as np


class SGD:
    """Stochastic gradient descent with (heavy-ball) momentum; matches
    torch.optim.SGD(lr=lr, momentum=momentum): no dampening, no Nesterov."""

    def __init__(self, lr=0.01, momentum=0.0):
        raise NotImplementedError

    def step(self, params, grads):
        """Update every array of the dict ``params`` in place from the dict ``grads``.

        ``params[key]`` must stay the same array object. The momentum buffer is kept per key
        and created on the first call that sees the key (as a copy of that gradient).
        Returns None.
        """
        raise NotImplementedError
