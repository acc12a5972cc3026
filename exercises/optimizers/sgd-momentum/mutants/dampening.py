# Wrong: dampens the gradient, b = momentum * b + (1 - momentum) * g, so the steps are 10x smaller at 0.9.
import numpy as np


class SGD:
    def __init__(self, lr=0.01, momentum=0.0):
        self.lr, self.momentum = lr, momentum
        self.buffers = {}

    def step(self, params, grads):
        for key, g in grads.items():
            b = self.buffers.get(key, np.zeros_like(g))
            b = self.momentum * b + (1 - self.momentum) * g
            self.buffers[key] = b
            params[key] -= self.lr * b
